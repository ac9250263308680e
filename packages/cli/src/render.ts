import type { AnalysisResult } from '@numfeat/analysis';
import { sparkline } from '@numfeat/plot';

/** Compact number formatting for tables: 4 significant digits, exponent for tiny/huge values. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

const WIDTH = 72;

/** ν tick line under a sparkline of `width` columns spanning ν = 0..0.5. */
function nuTicks(width: number): string {
  const marks = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
  const line = new Array<string>(width + 6).fill(' ');
  for (const nu of marks) {
    const col = Math.min(width - 1, Math.round((nu / 0.5) * (width - 1)));
    const label = nu === 0 ? '0' : String(nu);
    for (let i = 0; i < label.length; i++) line[col + i] = label[i];
  }
  return line.join('').trimEnd();
}

export interface RenderContext {
  file: string;
  format: string;
  dtype: string;
  tensor?: string;
}

/** The human-readable report of `numfeat analyze`. */
export function renderAnalysis(r: AnalysisResult, ctx: RenderContext): string {
  const out: string[] = [];
  const end = r.numbers.start + r.numbers.count - 1;
  out.push(`numfeat analyze ${ctx.file}`);
  out.push(
    `  ${ctx.format}${ctx.tensor ? ` tensor ${ctx.tensor}` : ''} (${ctx.dtype}); numbers ${r.numbers.start}..${end} (N = ${r.numbers.count}), ${r.dims} dims`,
  );
  out.push('');
  const s = r.spectrum;
  out.push(`Fourier spectrum ‖F_ν‖ / ${s.normalizer.kind} (${s.normalizer.kind} = ${fmt(s.normalizer.value)}), ν = 0 … 0.5, max ${fmt(Math.max(...s.normalized.slice(1)))}×`);
  out.push(`  ${sparkline(s.normalized.slice(1), WIDTH)}`);
  out.push(`  ${nuTicks(WIDTH)}`);
  if (r.dominantPeriods.length) {
    const peaks = r.dominantPeriods.map((p) => `T=${fmt(p.period, 3)} (ν=${p.nu.toFixed(3)}, ${fmt(p.ratio, 3)}×)`);
    out.push(`  dominant periods: ${peaks.join(', ')}`);
  }
  out.push('');
  out.push('Fourier power Φ_T = Σ_ℓ ‖F_{ℓ/T}‖²');
  out.push('  ' + Object.entries(r.phi).map(([T, v]) => `Φ_${T} = ${fmt(v)}`).join('   '));
  out.push('');
  const seeds = (r.protocol.seeds as number[] | undefined)?.length ?? 0;
  out.push(`Linear probe for n mod T: Cohen's κ (%) and held-out accuracy, mean ± std over ${seeds} seed${seeds === 1 ? '' : 's'}`);
  out.push('   T        κ (%)        accuracy    chance');
  for (const T of Object.keys(r.kappa)) {
    const k = `${r.kappa[T].toFixed(1).padStart(6)} ± ${r.kappaStd[T].toFixed(1).padEnd(4)}`;
    const a = `${r.accuracy[T].toFixed(1).padStart(5)}%`;
    out.push(`  ${T.padStart(2)}   ${k.padEnd(15)}   ${a.padEnd(9)}   ${r.chance[T].toFixed(1)}%`);
  }
  out.push('');
  for (const f of Object.values(r.fisher)) {
    out.push(`Fisher discriminant, T = ${f.T}`);
    out.push(`  λ_max(S_W⁻¹S_B) = ${fmt(f.lambdaMax)}   cond(S_W) = ${fmt(f.condSW)}   Tr(S_B) = ${fmt(f.traceSB)}   Φ_T/N = ${fmt(f.phiOverN)}`);
    out.push(`  eigenvalues: ${f.eigenvalues.map((e) => fmt(e, 3)).join(', ')}`);
    const both = f.holdsLower && f.holdsUpper;
    out.push(
      `  bounds: ${fmt(f.lower)} ≤ λ_max ≤ ${fmt(f.upper)}  ${both ? 'both hold ✓' : `VIOLATED (lower ${f.holdsLower ? 'holds' : 'fails'}, upper ${f.holdsUpper ? 'holds' : 'fails'})`}`,
    );
    out.push('');
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push(`protocol: ${protocolLine(r)}`);
  return out.join('\n') + '\n';
}

/** One line with the choices that decide κ (the full protocol object is in the JSON output). */
export function protocolLine(r: AnalysisResult): string {
  const p = (r.protocol.probe ?? {}) as Record<string, unknown>;
  const knobs = [
    p.C !== undefined ? `C = ${String(p.C)}` : undefined,
    p.shrinkage !== undefined ? `shrinkage ${String(p.shrinkage)}` : undefined,
    p.alpha !== undefined ? `α = ${String(p.alpha)}` : undefined,
    p.standardize ? 'standardised with train statistics' : undefined,
  ].filter(Boolean);
  const split =
    p.split === 'kfold' ? `stratified ${String(p.k)}-fold` : `stratified random split, ${Math.round(100 * Number(p.testSize ?? 0.2))}% held out`;
  const seeds = (r.protocol.seeds as number[] | undefined) ?? [];
  return [
    `${String(p.probe ?? 'probe')} probe${knobs.length ? ` (${knobs.join(', ')})` : ''}`,
    split,
    `seeds ${seeds.join(',')}`,
    `κ = Cohen's κ × 100 on held-out numbers`,
    `spectrum ÷ ${r.spectrum.normalizer.kind}`,
    'full protocol in --json',
  ].join('; ');
}
