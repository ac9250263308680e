// Systems (results grouped over training seeds) with the spread every rule needs, and the paper's
// four classes with an "uncertain" mark (docs/protocol.md "Study: classes and verdicts").
import { FISHER_T, MODULI } from '../measure.js';
import type { RunRecord, RunSpec } from '../types.js';
import { DETERMINISTIC_KINDS, GEOMETRIC_FULL, GEOMETRIC_PARTIAL, MIN_SEEDS, SPIKE_THRESHOLD } from './constants.js';
import { exactStat, fmt, interval, meanStd, statFromSpread, type Stat } from './stats.js';

export const CLASSES = {
  both: 'Both Spectral & Geometric Convergence',
  partial: 'Spectral & Partial Geometric Convergence',
  spectral: 'Spectral Convergence Only',
  neither: 'Neither',
  geometricOnly: '(Geometric without spectral — not a paper class)',
} as const;
export type ClassKey = keyof typeof CLASSES;
type Level = 'none' | 'partial' | 'full';
const LEVELS: Level[] = ['none', 'partial', 'full'];
const HEADLINE = [2, 5, 10] as const;

/** A variant of a system (a perturbation, a removed family, the real corpus): not one of the base systems the class claims are about. */
export function isVariant(run: RunSpec): boolean {
  if (run.kind === 'lm') return run.perturbation !== 'none' || !!run.without || run.source !== 'synthetic' || !!run.condition || !!run.variant || !!run.scalingPoint;
  if (run.kind === 'word2vec' || run.kind === 'ppmi' || run.kind === 'token-frequency') return run.corpus.source === 'bundled';
  return false;
}

export const isDeterministic = (run: RunSpec) => DETERMINISTIC_KINDS.includes(run.kind);

/** Enough observations for a verdict: an exact value, or ≥ MIN_SEEDS with a known SE. */
export const sufficient = (s: Stat | undefined) => !!s && s.mean != null && (s.exact === true || (s.n >= MIN_SEEDS && s.se != null));

const probeSplits = (r: RunRecord) => r.result?.protocol?.seeds?.length ?? (r.run as { analysis?: { probeSeeds?: number } }).analysis?.probeSeeds ?? 1;

/** Groups ok results with embeddings by their system id. Keyed by system id. */
export function aggregateSystems(results: readonly RunRecord[]): Map<string, any> {
  const groups = new Map<string, RunRecord[]>();
  for (const r of results) {
    if (r.status !== 'ok' || !r.result?.kappa) continue;
    const key = r.run.systemId;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const systems = new Map<string, any>();
  for (const [system, rs] of groups) {
    // A deterministic system (one run) has no seed spread: κ's spread is the probe's split-to-split std, the rest is exact.
    const deterministic = isDeterministic(rs[0].run) && rs.length === 1;
    const r0 = rs[0].result;
    const seeded = (f: (r: RunRecord) => unknown) => meanStd(rs.map(f));
    const kappaStat = (T: number) => (deterministic && Number.isFinite(r0.kappa[T]) ? statFromSpread(r0.kappa[T], r0.kappaStd?.[T] ?? 0, probeSplits(rs[0])) : seeded((r) => r.result.kappa[T]));
    const exactOr = (f: (r: RunRecord) => unknown) => (deterministic ? exactStat(f(rs[0]) as number) : seeded(f));
    const gOf = (r: RunRecord) => (r.result.kappa[2] + r.result.kappa[5] + r.result.kappa[10]) / 3;
    // G's split-to-split std is at most the mean of the three κ stds (std of a mean ≤ mean of stds).
    const G = deterministic ? statFromSpread(gOf(rs[0]), HEADLINE.reduce((a, T) => a + (r0.kappaStd?.[T] ?? 0), 0) / 3, probeSplits(rs[0])) : seeded(gOf);
    const spectrum = r0.spectrum.normalized.map((_: number, k: number) => rs.reduce((a, r) => a + r.result.spectrum.normalized[k], 0) / rs.length);
    const s: any = {
      id: system, system: rs[0].run.system, run: rs[0].run, variant: isVariant(rs[0].run), deterministic, runs: rs.map((r) => r.id), seeds: rs.length, kind: rs[0].run.kind,
      kappa: Object.fromEntries(MODULI.map((T) => [T, kappaStat(T)])),
      spikes: Object.fromEntries(HEADLINE.map((T) => [T, exactOr((r) => r.result.spikes[T])])),
      phi: Object.fromEntries(HEADLINE.map((T) => [T, exactOr((r) => r.result.phi[T])])),
      lambdaMax: exactOr((r) => r.result.fisher?.[FISHER_T]?.lambdaMax),
      logLambdaMax: exactOr((r) => { const l = r.result.fisher?.[FISHER_T]?.lambdaMax; return typeof l === 'number' ? Math.log10(Math.max(l, 1e-12)) : undefined; }),
      condSW: exactOr((r) => r.result.fisher?.[FISHER_T]?.condSW),
      eigenvalues: r0.fisher?.[FISHER_T]?.eigenvalues ?? [],
      dynamics: rs.filter((r) => r.run.kind === 'lm' && Array.isArray(r.result.dynamics) && r.result.dynamics.length).map((r) => ({ seed: r.run.seed, log: r.result.dynamics })),
      G, spectrum,
    };
    s.classification = classify(s);
    systems.set(system, s);
  }
  return systems;
}

type Tri = 'yes' | 'no' | 'unknown';
/** Whether a quantity is ≥ cut with margin (yes), < cut with margin (no), or undecided. */
function against(s: Stat, cut: number): Tri {
  const iv = sufficient(s) ? (s.exact ? { lo: s.mean!, hi: s.mean! } : interval(s)) : null;
  if (!iv) return 'unknown';
  return iv.lo >= cut ? 'yes' : iv.hi < cut ? 'no' : 'unknown';
}
const levelOf = (g: number): Level => (g >= GEOMETRIC_FULL ? 'full' : g >= GEOMETRIC_PARTIAL ? 'partial' : 'none');
const keyOf = (spectral: boolean, level: Level): ClassKey => (spectral ? (level === 'full' ? 'both' : level === 'partial' ? 'partial' : 'spectral') : level === 'none' ? 'neither' : 'geometricOnly');

/**
 * The paper's class of a system from its mean spike heights and G = mean(κ_2, κ_5, κ_10), plus
 * every class its intervals allow (`compatible`) and why it is uncertain (null when certain).
 */
export function classify(s: { spikes: Record<number, Stat>; G: Stat }) {
  const spiking = [10, 5, 2].filter((T) => (s.spikes[T].mean ?? 0) >= SPIKE_THRESHOLD);
  const spectral = spiking.length >= 2;
  const g = s.G.mean ?? 0;
  const level = levelOf(g);
  const key = keyOf(spectral, level);
  const spikeTri = [10, 5, 2].map((T) => [T, against(s.spikes[T], SPIKE_THRESHOLD)] as const);
  const sure = spikeTri.filter(([, t]) => t === 'yes').length;
  const maybe = sure + spikeTri.filter(([, t]) => t === 'unknown').length;
  const spectralOptions = [...(maybe >= 2 ? [true] : []), ...(sure < 2 ? [false] : [])];
  const gi = sufficient(s.G) ? (s.G.exact ? { lo: g, hi: g } : interval(s.G)) : null;
  const levelOptions = gi ? LEVELS.slice(LEVELS.indexOf(levelOf(gi.lo)), LEVELS.indexOf(levelOf(gi.hi)) + 1) : LEVELS;
  const compatible = [...new Set(spectralOptions.flatMap((sp) => levelOptions.map((l) => keyOf(sp, l))))];
  const reasons: string[] = [];
  if (!sufficient(s.G)) reasons.push(`G from n = ${s.G.n} (< ${MIN_SEEDS}): spread unknown`);
  else if (levelOptions.length > 1) reasons.push(`G ± 2·SE = [${fmt(gi!.lo)}, ${fmt(gi!.hi)}] straddles ${levelOptions.includes('partial') && levelOptions.includes('full') ? GEOMETRIC_FULL : GEOMETRIC_PARTIAL}`);
  if (spectralOptions.length > 1) reasons.push(spikeTri.some(([T]) => !sufficient(s.spikes[T])) ? `spike heights from < ${MIN_SEEDS} seeds` : `spike height ± 2·SE straddles ${SPIKE_THRESHOLD} at T = ${spikeTri.filter(([, t]) => t === 'unknown').map(([T]) => T).join(', ')}`);
  return { spectral, spiking, level, G: g, key, label: CLASSES[key], compatible, uncertain: compatible.length > 1 ? reasons.join('; ') : null };
}

/** A class with its uncertainty, for tables. */
export const classText = (s: { classification: ReturnType<typeof classify> }) => `${s.classification.label}${s.classification.uncertain ? ` (uncertain: ${s.classification.uncertain})` : ''}`;
