// The page: pick or drop a file, then show its spectrum, Φ_T, κ per T and the Theorem 1 panel.
// Every shown number also sits in a data-value attribute at full precision (the page test reads it).
import { kappaFigure, spectrumFigure, type AnalysisResult } from '@numfeat/analysis';
import { analyzeFile, type FileMatrix } from './analyze-file.js';

const $ = (id: string) => document.getElementById(id)!;
const fmt = (x: number, digits = 4) => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(digits - 1) : x.toFixed(digits));

function cell(value: number, digits?: number, key?: string): string {
  return `<td data-value="${value}"${key ? ` data-key="${key}"` : ''}>${fmt(value, digits)}</td>`;
}

function table(head: string[], rows: string[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function render(name: string, matrix: FileMatrix, r: AnalysisResult, ms: number): void {
  $('caption').textContent = `${name}: ${matrix.how}; analysed ${r.numbers.count} numbers × ${r.dims} dims in ${ms.toFixed(0)} ms`;
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

async function analyse(file: File): Promise<void> {
  const status = $('status');
  status.dataset.state = 'running';
  status.textContent = `analysing ${file.name} …`;
  // Let the browser paint the status before the (synchronous) analysis blocks the thread.
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const t0 = performance.now();
    const { matrix, result } = analyzeFile(file.name, bytes);
    render(file.name, matrix, result, performance.now() - t0);
    status.dataset.state = 'done';
    status.textContent = `done: ${file.name}`;
  } catch (e) {
    status.dataset.state = 'error';
    status.textContent = `error: ${(e as Error).message}`;
  }
}

const input = $('file') as HTMLInputElement;
input.addEventListener('change', () => input.files?.[0] && void analyse(input.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => e.preventDefault());
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (file) void analyse(file);
});
$('status').dataset.state = 'ready';
