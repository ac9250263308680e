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
import { scalingFigure, type Band, type ScalingCurve } from '../report/scaling-figure.js';
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

/** The periods drawn and tabulated: the moduli every checkpoint evaluation records (execute.ts). */
const PERIODS = [10, 5, 2] as const;

/** A checkpoint that carries κ_T and Φ_T for every period (a log from before a period was added lacks some). */
const complete = (e: any) => e.tokens > 0 && PERIODS.every((T) => e.kappa?.[T] != null && e.phi?.[T] != null);

/**
 * Mean ± std over seeds of the checkpoint series of κ_T and Φ_T, aligned by checkpoint index (same
 * schedule ⇒ same token counts).
 */
function checkpointBands(rs: RunRecord[]) {
  const logs = rs.map((r) => (r.result.dynamics ?? []).filter(complete));
  const len = Math.min(...logs.map((l) => l.length));
  const x: number[] = logs[0].slice(0, len).map((e) => e.tokens);
  const band = (value: (e: any) => number): Band => {
    // Complete checkpoints only, so every mean and std exists.
    const stats = x.map((_, i) => meanStd(logs.map((l) => value(l[i]))));
    return { mean: stats.map((s) => s.mean!), lo: stats.map((s) => s.mean! - s.std!), hi: stats.map((s) => s.mean! + s.std!) };
  };
  const per = (value: (e: any, T: number) => number) => Object.fromEntries(PERIODS.map((T) => [T, band((e) => value(e, T))])) as Record<number, Band>;
  return { x, kappa: per((e, T) => e.kappa[T]), phi: per((e, T) => e.phi[T]) };
}

/**
 * κ_T at the checkpoint of each run that lies within `tolerance` (relative) of `tokens`, mean ± std
 * over the runs; null when some run has no such checkpoint. Lets a table put a condition run at a
 * smaller budget beside the key runs' state at that budget (a checkpoint, not an own-schedule run).
 */
export function kappaAtCheckpoint(rs: RunRecord[], tokens: number, tolerance = 0.02) {
  if (rs.length === 0) return null;
  const points = rs.map((r) => (r.result.dynamics ?? []).filter(complete).find((e) => Math.abs(e.tokens - tokens) <= tolerance * tokens));
  if (points.some((e) => !e)) return null;
  return { n: rs.length, tokens: points[0].tokens as number, kappa: Object.fromEntries(PERIODS.map((T) => [T, meanStd(points.map((e) => e.kappa[T]))])) };
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
  const curves: ScalingCurve[] = [];
  const table: string[] = [];
  sc.systems.forEach((s, i) => {
    const { arch, optimizer } = parseSystem(s);
    const at = (tokens: number) => ok.filter((r) => r.run.arch === arch && r.run.optimizerName === optimizer && !r.run.variant && r.run.train.tokens === tokens);
    const keyRuns = at(key).filter((r) => r.result.dynamics?.some(complete));
    if (keyRuns.length === 0) return;
    const ends = [...sc.budgets, key].sort((a, b) => a - b).map((tokens) => {
      const rs = at(tokens);
      const stats = (field: 'kappa' | 'phi') => Object.fromEntries(PERIODS.map((T) => [T, meanStd(rs.map((r) => r.result[field][T]))]));
      return { tokens, n: rs.length, kappa: stats('kappa'), phi: stats('phi') };
    }).filter((e) => e.n > 0);
    const bands = checkpointBands(keyRuns);
    curves.push({ name: label(arch, optimizer), ...bands, ends, color: OKABE_ITO[i % OKABE_ITO.length], seeds: keyRuns.length });
    const c = crossing(bands.x, bands.kappa[10].mean);
    for (const e of ends) table.push(`| ${label(arch, optimizer)} | ${budgetLabel(e.tokens)} | ${e.n} | ${[2, 5, 10].map((T) => `${fmt(e.kappa[T].mean)} ± ${fmt(e.kappa[T].std)}`).join(' | ')} | ${fmt(e.phi[10].mean)} | ${e.tokens === key ? (c.crossed ? `κ_10 ≥ ${GEOMETRIC_KAPPA} from ${budgetLabel(c.tokens)} (checkpoint mean ${fmt(c.kappa)})` : `not crossed; best checkpoint mean κ_10 = ${fmt(c.kappa)} at ${budgetLabel(c.tokens)}`) : ''} |`);
  });
  if (curves.length === 0) return { markdown: '_No finished key-budget runs with checkpoint logs._' };
  const f = await figure('scaling', scalingFigure(curves, key, { geometricKappa: GEOMETRIC_KAPPA }));
  const variants = sc.variants.map((v) => {
    const r = ok.find((x) => x.run.variant === v.name && x.run.arch === v.arch);
    const base = ok.filter((x) => x.run.arch === v.arch && x.run.optimizerName === v.optimizer && !x.run.variant && x.run.train.tokens === v.tokens);
    const b = meanStd(base.map((x) => x.result.kappa[10]));
    return `| ${label(v.arch, v.optimizer, v.name)} | ${JSON.stringify(v.model)} | ${budgetLabel(v.tokens)} | ${r ? fmt(r.result.kappa[10]) : 'missing/failed'} | ${r ? fmt(r.result.kappa[2]) : '—'} | ${r ? fmt(r.result.phi[10]) : '—'} | ${b.n ? `${fmt(b.mean)} (n=${b.n})` : '—'} |`;
  });
  return {
    markdown: [
      `![scaling](${f})`, '',
      'Every point is trained on fresh corpus tokens (the corpus is sized to the largest budget; no sequence repeats). Curves: checkpoints of the key-budget runs, mean ± std over seeds, for κ_10, κ_5, κ_2 and Φ_10, Φ_5, Φ_2 (one cosine schedule to the key budget, so a checkpoint is not a finished run at that budget); markers: runs trained with their own schedule to that budget (mean over seeds).', '',
      '| system | budget | seeds | κ_2 | κ_5 | κ_10 | Φ_10 | crossing κ_10 = 50 (checkpoints) |', '|---|---|---|---|---|---|---|---|', ...table, '',
      ...(variants.length ? ['Model variants (one seed each; the last column is the base model at the same budget, own schedule):', '', '| variant | overrides | budget | κ_10 | κ_2 | Φ_10 | base κ_10 |', '|---|---|---|---|---|---|---|', ...variants] : []),
    ].join('\n'),
  };
}
