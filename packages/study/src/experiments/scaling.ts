// Scaling (ours; the study's claims live where training is long enough): κ_T and Φ_T against
// training tokens on a log axis. Three sources of points, all on fresh corpus tokens:
//   - the checkpoints of the key-budget runs (seed bands: mean ± std over the key seeds);
//   - own-schedule runs at smaller budgets (a checkpoint mid-schedule is not a finished run);
//   - model variants (depths, widths, other architectures), one seed each at their own budget.
import { OKABE_ITO } from '@numfeat/plot';
import type { LmRunSpec, Profile, RunRecord, RunSpec } from '../types.js';

type LmRecord = RunRecord & { run: LmRunSpec };
import type { SectionContext } from './index.js';
import { budgetLabel, lmRun, seeds, ARCH_LABELS, OPT_LABELS } from '../runs.js';
import { curvePanels } from '../report/charts.js';
import { fmt, meanStd } from '../verdicts.js';

export const name = 'scaling';
export const title = 'Scaling: κ and Φ against training tokens';

/** κ_10 at which we say a system "is geometric" along the curve (the class cut-off for full geometry). */
export const GEOMETRIC_KAPPA = 50;

export const parseSystem = (s: string) => {
  const [arch, optimizer] = s.split('/');
  return { arch, optimizer: optimizer as 'muon' | 'adamw' };
};

export function runs(profile: Profile): RunSpec[] {
  const sc = profile.scaling;
  if (!sc) return [];
  const out: RunSpec[] = [];
  const n = sc.seeds ?? profile.seeds.key;
  for (const s of sc.systems) {
    const { arch, optimizer } = parseSystem(s);
    for (const seed of seeds(profile, 'key')) out.push(lmRun(profile, { arch, optimizer, seed }));
    for (const tokens of sc.budgets) for (let seed = 0; seed < n; seed++) out.push(lmRun(profile, { arch, optimizer, tokens, seed }));
  }
  for (const v of sc.variants) out.push(lmRun(profile, { arch: v.arch, optimizer: v.optimizer, variant: v.name, modelOverrides: v.model, tokens: v.tokens, seed: 0 }));
  return out;
}

/** Mean ± std over seeds of a checkpoint series, aligned by checkpoint index (same schedule ⇒ same token counts). */
function seedBand(rs: RunRecord[], value: (e: any) => number) {
  const logs = rs.map((r) => (r.result.dynamics ?? []).filter((e) => e.tokens > 0 && e.kappa?.[10] != null && e.phi?.[10] != null));
  const len = Math.min(...logs.map((l) => l.length));
  const x = logs[0].slice(0, len).map((e) => e.tokens);
  const stats = x.map((_, i) => meanStd(logs.map((l) => value(l[i]))));
  return { x, mean: stats.map((s) => s.mean), lo: stats.map((s) => s.mean - s.std), hi: stats.map((s) => s.mean + s.std) };
}

/** The first checkpoint budget at which the seed-mean κ_10 reaches the geometric cut-off, else the best reached. */
export function crossing(x: number[], kappa10: number[]) {
  const i = kappa10.findIndex((k) => k >= GEOMETRIC_KAPPA);
  if (i >= 0) return { crossed: true, tokens: x[i], kappa: kappa10[i] };
  const best = kappa10.reduce((b, k, j) => (k > kappa10[b] ? j : b), 0);
  return { crossed: false, tokens: x[best], kappa: kappa10[best] };
}

export async function section({ profile, results, figure }: SectionContext) {
  const sc = profile.scaling;
  if (!sc) return { markdown: '_Not part of this profile._' };
  const ok = results.filter((r): r is LmRecord => r.status === 'ok' && r.run.kind === 'lm' && r.run.perturbation === 'none' && !r.run.without && !r.run.condition && r.run.source === 'synthetic');
  const key = profile.train.tokens;
  const label = (arch: string, opt: string, variant?: string | null) => `${ARCH_LABELS[arch] ?? arch}${variant ? ` ${variant}` : ''} (${OPT_LABELS[opt] ?? opt})`;
  const curves: { name: string; band: ReturnType<typeof seedBand>; phi: ReturnType<typeof seedBand>; ends: { tokens: number; kappa: Record<number, ReturnType<typeof meanStd>>; n: number }[]; color: string; seeds: number }[] = [];
  const table: string[] = [];
  sc.systems.forEach((s, i) => {
    const { arch, optimizer } = parseSystem(s);
    const at = (tokens: number) => ok.filter((r) => r.run.arch === arch && r.run.optimizerName === optimizer && !r.run.variant && r.run.train.tokens === tokens);
    const keyRuns = at(key).filter((r) => r.result.dynamics?.some((e) => e.tokens > 0 && e.kappa?.[10] != null));
    if (keyRuns.length === 0) return;
    const ends = [...sc.budgets, key].sort((a, b) => a - b).map((tokens) => {
      const rs = at(tokens);
      return { tokens, n: rs.length, kappa: Object.fromEntries([2, 5, 10].map((T) => [T, meanStd(rs.map((r) => r.result.kappa[T]))])), phi10: meanStd(rs.map((r) => r.result.phi[10])) };
    }).filter((e) => e.n > 0);
    const band = seedBand(keyRuns, (e) => e.kappa[10]);
    curves.push({ name: label(arch, optimizer), band, phi: seedBand(keyRuns, (e) => e.phi[10]), ends, color: OKABE_ITO[i % OKABE_ITO.length], seeds: keyRuns.length });
    const c = crossing(band.x, band.mean);
    for (const e of ends) table.push(`| ${label(arch, optimizer)} | ${budgetLabel(e.tokens)} | ${e.n} | ${[2, 5, 10].map((T) => `${fmt(e.kappa[T].mean)} ± ${fmt(e.kappa[T].std)}`).join(' | ')} | ${fmt(e.phi10.mean)} | ${e.tokens === key ? (c.crossed ? `κ_10 ≥ ${GEOMETRIC_KAPPA} from ${budgetLabel(c.tokens)} (checkpoint mean ${fmt(c.kappa)})` : `not crossed; best checkpoint mean κ_10 = ${fmt(c.kappa)} at ${budgetLabel(c.tokens)}`) : ''} |`);
  });
  if (curves.length === 0) return { markdown: '_No finished key-budget runs with checkpoint logs._' };
  const panels = [10, 5, 2].map((T) => ({
    title: `κ_${T} (mean ± std over seeds; markers: own-schedule runs)`, yLabel: `κ_${T} (%)`,
    series: curves.flatMap((c) => {
      const ends = { name: `${c.name}, own schedule`, x: c.ends.map((e) => e.tokens), y: c.ends.map((e) => e.kappa[T].mean), style: 'points' as const, color: c.color };
      // Checkpoint curves are drawn for κ_10 only (the band computed above).
      if (T !== 10) return [ends];
      return [
        { name: `${c.name}, checkpoints (${c.seeds} seeds)`, x: c.band.x, y: c.band.mean, color: c.color },
        { name: `${c.name} ± std`, x: c.band.x, y: c.band.lo, color: c.color, dash: '2 3', strokeWidth: 1 },
        { name: `${c.name} + std`, x: c.band.x, y: c.band.hi, color: c.color, dash: '2 3', strokeWidth: 1 },
        ends,
      ];
    }),
    hlines: T === 10 ? [{ y: GEOMETRIC_KAPPA, label: `κ = ${GEOMETRIC_KAPPA}` }] : [],
  }));
  const phiPanel = {
    title: 'Φ_10 of the raw embeddings (checkpoints, mean over seeds)', yLabel: 'Φ_10',
    series: curves.map((c) => ({ name: c.name, x: c.phi.x, y: c.phi.mean, color: c.color })),
  };
  const svg = curvePanels(`Scaling on fresh synthetic tokens (key budget ${budgetLabel(key)}, log axis)`, [...panels, phiPanel], { xScale: 'log' });
  const f = await figure('scaling', { svg, data: curves, csv: [['system', 'tokens', 'kappa10_mean', 'kappa10_lo', 'kappa10_hi', 'phi10_mean'], ...curves.flatMap((c) => c.band.x.map((x, i) => [c.name, x, c.band.mean[i], c.band.lo[i], c.band.hi[i], c.phi.mean[i]]))] });
  const variants = sc.variants.map((v) => {
    const r = ok.find((x) => x.run.variant === v.name && x.run.arch === v.arch);
    const base = ok.filter((x) => x.run.arch === v.arch && x.run.optimizerName === v.optimizer && !x.run.variant && x.run.train.tokens === v.tokens);
    const b = meanStd(base.map((x) => x.result.kappa[10]));
    return `| ${label(v.arch, v.optimizer, v.name)} | ${JSON.stringify(v.model)} | ${budgetLabel(v.tokens)} | ${r ? fmt(r.result.kappa[10]) : 'missing/failed'} | ${r ? fmt(r.result.kappa[2]) : '—'} | ${r ? fmt(r.result.phi[10]) : '—'} | ${b.n ? `${fmt(b.mean)} (n=${b.n})` : '—'} |`;
  });
  return {
    markdown: [
      `![scaling](${f})`, '',
      'Every point is trained on fresh corpus tokens (the corpus is sized to the largest budget; no sequence repeats). Curves: checkpoints of the key-budget runs (one cosine schedule to the key budget, so a checkpoint is not a finished run at that budget); markers: runs trained with their own schedule to that budget.', '',
      '| system | budget | seeds | κ_2 | κ_5 | κ_10 | Φ_10 | crossing κ_10 = 50 (checkpoints) |', '|---|---|---|---|---|---|---|---|', ...table, '',
      ...(variants.length ? ['Model variants (one seed each; the last column is the base model at the same budget, own schedule):', '', '| variant | overrides | budget | κ_10 | κ_2 | Φ_10 | base κ_10 |', '|---|---|---|---|---|---|---|', ...variants] : []),
    ].join('\n'),
  };
}
