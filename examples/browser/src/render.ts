// The analysis panels, shared by both sources (a dropped file, a model trained in the page): the
// spectrum, Φ_T, κ per T and the Theorem 1 panel. Every shown number also sits in a data-value
// attribute at full precision (the page test reads it).
import { kappaFigure, spectrumFigure, type AnalysisResult } from '@numfeat/analysis';

export const $ = (id: string) => document.getElementById(id)!;
export const fmt = (x: number, digits = 4) => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(digits - 1) : x.toFixed(digits));

export function cell(value: number, digits?: number, key?: string): string {
  return `<td data-value="${value}"${key ? ` data-key="${key}"` : ''}>${fmt(value, digits)}</td>`;
}

/** A cell for a count (steps, tokens): the integer itself, not a rounded float. */
export function countCell(value: number, key?: string): string {
  return `<td data-value="${value}"${key ? ` data-key="${key}"` : ''}>${Math.round(value)}</td>`;
}

export function table(head: string[], rows: string[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Fills the panels with `r`; `name` titles the figures, `caption` says where the matrix came from. */
export function renderAnalysis(name: string, caption: string, r: AnalysisResult): void {
  $('caption').textContent = caption;
  $('spectrum').innerHTML = spectrumFigure(r, name);
  $('peaks').innerHTML = table(
    ['k', 'ν', 'period', 'height ‖F_ν‖/median'],
    r.dominantPeriods.map((p) => `<tr data-k="${p.k}"><td>${p.k}</td><td>${fmt(p.nu)}</td><td>${fmt(p.period, 3)}</td>${cell(p.ratio, 4, 'peak')}</tr>`),
  );
  $('phi').innerHTML = table(
    ['T', 'Φ_T'],
    Object.entries(r.phi).map(([T, v]) => `<tr data-t="${T}"><td>${T}</td>${cell(v, 6, 'phi')}</tr>`),
  );
  $('kappa').innerHTML =
    kappaFigure(r, name) +
    table(
      ['T', 'κ × 100', '± std', 'accuracy %', 'chance %'],
      Object.keys(r.kappa).map(
        (T) => `<tr data-t="${T}"><td>${T}</td>${cell(r.kappa[T], 2, 'kappa')}${cell(r.kappaStd[T], 2)}${cell(r.accuracy[T], 2)}${cell(r.chance[T], 2)}</tr>`,
      ),
    );
  const fisherRows = Object.values(r.fisher).map(
    (f) =>
      `<tr data-t="${f.T}"><td>${f.T}</td>${cell(f.traceSB, 6, 'traceSB')}${cell(f.phiOverN, 6, 'phiOverN')}${cell(f.lower, 4, 'lower')}` +
      `${cell(f.lambdaMax, 4, 'lambdaMax')}${cell(f.upper, 4, 'upper')}<td>${f.holdsLower && f.holdsUpper ? 'yes' : 'NO'}</td></tr>`,
  );
  $('theorem').innerHTML =
    fisherRows.length > 0
      ? table(['T', 'Tr(S_B)', 'Φ_T/N', 'lower bound', 'λ_max(S_W⁻¹S_B)', 'upper bound', 'bounds hold'], fisherRows)
      : `<p>Fisher panel skipped: ${r.warnings.join('; ')}</p>`;
  $('warnings').textContent = r.warnings.join('\n');
}

/** Paints a status line (data-state is what the page test waits for). */
export function setStatus(id: string, state: string, text: string): void {
  const status = $(id);
  status.dataset.state = state;
  status.textContent = text;
}

/** Lets the browser paint (and take clicks) before or between blocking work. */
export const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
