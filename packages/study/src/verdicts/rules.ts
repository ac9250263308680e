// The verdict rules of docs/protocol.md "Study: classes and verdicts", as pure functions of Stats
// (and systems for the class rules). Each returns { verdict, detail, reason? }.
import { CHANCE_BAND, MARGIN_SE, MIN_SEEDS, SPIKE_THRESHOLD, UNCHANGED, type VerdictName } from './constants.js';
import { fmt, fmtStat, type Stat } from './stats.js';
import { sufficient, type ClassKey } from './systems.js';

export interface Verdict {
  verdict: VerdictName;
  detail: string;
  /** Why a verdict is inconclusive or not tested. */
  reason?: string;
}

const inconclusive = (detail: string, reason: string): Verdict => ({ verdict: 'inconclusive', detail: `${detail} — inconclusive: ${reason}`, reason });

/** Why a and b cannot be judged (missing, or fewer than MIN_SEEDS), or null. */
function seedProblem(named: [string, Stat | undefined][]): string | null {
  const bad = named.filter(([, s]) => !sufficient(s));
  return bad.length ? bad.map(([name, s]) => `${name} has n = ${s?.n ?? 0} (< ${MIN_SEEDS} seeds${s?.n ? '' : ', or no value'})`).join('; ') : null;
}

/** Precondition: the control's κ_10 lower bound is above the chance band. Null when met, else the reason. */
export function informativeKappa(name: string, k: Stat | undefined): string | null {
  const p = seedProblem([[name, k]]);
  if (p) return `control ${p}`;
  const lo = k!.mean! - MARGIN_SE * (k!.se ?? 0);
  return lo > CHANCE_BAND ? null : `control ${name} is not informative: κ_10 ${fmtStat(k)}, lower bound ${fmt(lo)} ≤ chance band ${CHANCE_BAND}`;
}

/** Precondition: the control's spike at ν = 0.1 is above the noise threshold with margin. */
export function informativeSpike(name: string, h: Stat | undefined): string | null {
  const p = seedProblem([[name, h]]);
  if (p) return `control ${p}`;
  const lo = h!.mean! - MARGIN_SE * (h!.se ?? 0);
  return lo >= SPIKE_THRESHOLD ? null : `control ${name} has no spike: m(0.1) ${fmtStat(h)}, lower bound ${fmt(lo)} < ${SPIKE_THRESHOLD}`;
}

function difference(a: Stat, b: Stat) {
  const d = a.mean! - b.mean!;
  const se = Math.sqrt((a.se ?? 0) ** 2 + (b.se ?? 0) ** 2);
  return { d, se, lo: d - MARGIN_SE * se, hi: d + MARGIN_SE * se };
}

export interface ContrastOptions {
  /** Minimum effect m (in the quantity's units). */
  min: number;
  /** Optional smaller effect that earns "partly" when shown with margin (C4: 10×). */
  partly?: number;
  names?: [string, string];
  unit?: string;
  /** A reason the control is not informative (from informativeKappa), or null. */
  precondition?: string | null;
}

/** "a exceeds b by at least m": reproduced lo ≥ m; partly lo ≥ partly, or lo > 0 and d ≥ m; not reproduced hi < m. */
export function contrastRule(a: Stat | undefined, b: Stat | undefined, o: ContrastOptions): Verdict {
  const [na, nb] = o.names ?? ['a', 'b'];
  const base = `${na} ${fmtStat(a)} vs ${nb} ${fmtStat(b)}`;
  if (o.precondition) return inconclusive(base, o.precondition);
  const p = seedProblem([[na, a], [nb, b]]);
  if (p) return inconclusive(base, p);
  const { d, se, lo, hi } = difference(a!, b!);
  const detail = `${base}: d = ${fmt(d)}${o.unit ?? ''}, 2·SE = ${fmt(MARGIN_SE * se)}, minimum effect ${fmt(o.min)}${o.partly !== undefined ? ` (partly at ${fmt(o.partly)})` : ''}`;
  if (lo >= o.min) return { verdict: 'reproduced', detail };
  if (o.partly !== undefined ? lo >= o.partly : lo > 0 && d >= o.min) return { verdict: 'partly', detail: `${detail} (${o.partly !== undefined ? 'the smaller effect is shown' : 'direction shown, the minimum effect not with margin'})` };
  if (hi < o.min) return { verdict: 'not reproduced', detail: `${detail} (d + 2·SE = ${fmt(hi)} < ${fmt(o.min)})` };
  return inconclusive(detail, 'the interval d ± 2·SE contains the minimum effect');
}

/** "x's κ is at chance", judged only when the control is informative; partly when the drop is shown but not chance. */
export function atChanceRule(x: Stat | undefined, control: Stat | undefined, names: [string, string], min: number): Verdict {
  const [nx, nc] = names;
  const base = `${nx} ${fmtStat(x)}, band ±${CHANCE_BAND}`;
  const pre = informativeKappa(nc, control);
  if (pre) return inconclusive(base, pre);
  const p = seedProblem([[nx, x]]);
  if (p) return inconclusive(base, p);
  const m = Math.abs(x!.mean!);
  const margin = MARGIN_SE * (x!.se ?? 0);
  if (m + margin < CHANCE_BAND) return { verdict: 'reproduced', detail: `${base}: |κ| + 2·SE = ${fmt(m + margin)} < ${CHANCE_BAND}` };
  const drop = contrastRule(control, x, { min, names: [nc, nx] });
  if (drop.verdict === 'reproduced') return { verdict: 'partly', detail: `${base}: not shown at chance (|κ| + 2·SE = ${fmt(m + margin)}), but the drop is: ${drop.detail}` };
  if (m - margin >= CHANCE_BAND) return { verdict: 'not reproduced', detail: `${base}: |κ| − 2·SE = ${fmt(m - margin)} ≥ ${CHANCE_BAND}` };
  return inconclusive(base, `|κ| ± 2·SE straddles ${CHANCE_BAND}`);
}

/** "x is unchanged from the control": tolerance a share of the control's spike excess over the noise floor (1). */
export function unchangedRule(x: Stat | undefined, control: Stat | undefined, names: [string, string]): Verdict {
  const [nx, nc] = names;
  const base = `${nx} ${fmtStat(x)} vs ${nc} ${fmtStat(control)}`;
  const pre = informativeSpike(nc, control);
  if (pre) return inconclusive(base, pre);
  const p = seedProblem([[nx, x]]);
  if (p) return inconclusive(base, p);
  const { d, se } = difference(x!, control!);
  const excess = control!.mean! - 1;
  const far = Math.abs(d) + MARGIN_SE * se;
  const near = Math.abs(d) - MARGIN_SE * se;
  const detail = `${base}: |d| = ${fmt(Math.abs(d))}, 2·SE = ${fmt(MARGIN_SE * se)}, tolerance ${UNCHANGED.reproduced} × excess ${fmt(excess)} = ${fmt(UNCHANGED.reproduced * excess)}`;
  if (far <= UNCHANGED.reproduced * excess) return { verdict: 'reproduced', detail };
  if (far <= UNCHANGED.partly * excess) return { verdict: 'partly', detail: `${detail} (within ${UNCHANGED.partly} × excess)` };
  if (near > UNCHANGED.reproduced * excess) return { verdict: 'not reproduced', detail: `${detail} (|d| − 2·SE = ${fmt(near)})` };
  return inconclusive(detail, '|d| ± 2·SE straddles the tolerance');
}

/** How one system stands towards an expected class: in, likely (by the means, uncertain), out (excluded), open. */
export type Standing = 'in' | 'likely' | 'out' | 'open';
export function classStanding(s: { classification: { key: ClassKey; compatible: ClassKey[]; uncertain: string | null } }, expected: ClassKey): Standing {
  const c = s.classification;
  if (c.key === expected) return c.uncertain ? 'likely' : 'in';
  return c.compatible.includes(expected) ? 'open' : 'out';
}
/** How one system stands towards "is spectral". */
export function spectralStanding(s: { classification: { spectral: boolean; compatible: ClassKey[]; uncertain: string | null } }): Standing {
  const c = s.classification;
  const canBe = c.compatible.some((k) => k !== 'neither' && k !== 'geometricOnly');
  const canNot = c.compatible.some((k) => k === 'neither' || k === 'geometricOnly');
  if (c.spectral) return canNot ? 'likely' : 'in';
  return canBe ? 'open' : 'out';
}

/** "every system …": reproduced all in; partly ≥ half in or likely; not reproduced > half out; else inconclusive. */
export function everySystemRule(standings: Standing[], detail: string): Verdict {
  const n = standings.length;
  const count = (...k: Standing[]) => standings.filter((s) => k.includes(s)).length;
  const tally = `${count('in')} in, ${count('likely')} likely (uncertain), ${count('open')} open, ${count('out')} out of ${n}`;
  const full = `${tally}: ${detail}`;
  if (n === 0) return { verdict: 'not tested', detail: 'no systems', reason: 'no systems' };
  if (count('in') === n) return { verdict: 'reproduced', detail: full };
  if (2 * count('in', 'likely') >= n) return { verdict: 'partly', detail: full };
  if (2 * count('out') > n) return { verdict: 'not reproduced', detail: full };
  return inconclusive(full, 'too many systems are open or uncertain');
}
