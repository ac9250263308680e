// Means, spreads and rank correlation for the verdict rules.
import { NumfeatError } from '@numfeat/tensor/core';
import { MARGIN_SE } from './constants.js';

/**
 * A measured quantity: mean, spread of one observation (sd), how many observations (n), the
 * standard error of the mean (se; 0 when exact, null when it cannot be estimated) and the values.
 */
export interface Stat {
  mean: number | null;
  std: number | null;
  n: number;
  se: number | null;
  exact?: boolean;
  values?: number[];
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Mean and sample std (n − 1) of the finite values; se = std/√n (null with fewer than 2 values). */
export function meanStd(xs: readonly unknown[]): Stat {
  if (!Array.isArray(xs)) throw new NumfeatError('BAD_ARGUMENT', 'meanStd expects an array of numbers', { fix: 'pass e.g. [1, 2, 3]' });
  const v = xs.filter(finite);
  if (v.length === 0) return { mean: null, std: null, n: 0, se: null, values: [] };
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, std, n: v.length, se: v.length > 1 ? std / Math.sqrt(v.length) : null, values: v };
}

/** A value with a known spread from n sub-measurements (e.g. κ over probe splits): se = std/√n. */
export function statFromSpread(mean: number, std: number, n: number): Stat {
  if (!finite(mean) || !finite(std) || !Number.isInteger(n) || n < 1) throw new NumfeatError('BAD_ARGUMENT', `statFromSpread needs a finite mean and std and n ≥ 1, got ${mean}, ${std}, ${n}`, { fix: 'pass the mean, std and count of the sub-measurements' });
  return { mean, std, n, se: n > 1 ? std / Math.sqrt(n) : null, values: [mean] };
}

/** An exact value (a deterministic computation): se 0. */
export const exactStat = (mean: number | null | undefined): Stat => (finite(mean) ? { mean, std: 0, n: Infinity, se: 0, exact: true, values: [mean] } : { mean: null, std: null, n: 0, se: null, values: [] });

/** mean ± MARGIN_SE·se, or null when the se is unknown. */
export function interval(s: Stat): { lo: number; hi: number } | null {
  if (s.mean == null || s.se == null) return null;
  return { lo: s.mean - MARGIN_SE * s.se, hi: s.mean + MARGIN_SE * s.se };
}

/** Ranks 1..n with ties given their average rank. */
export function averageRanks(v: readonly number[]): number[] {
  const idx = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  for (let k = 0; k < idx.length;) {
    let j = k;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[k][0]) j++;
    for (let m = k; m <= j; m++) r[idx[m][1]] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return r;
}

/** Spearman's ρ with average ranks for ties (Pearson of the ranks); null with < 3 pairs or a constant series. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) throw new NumfeatError('BAD_ARGUMENT', `spearman needs two arrays of equal length, got ${x?.length} and ${y?.length}`, { fix: 'pass one value per checkpoint in both series' });
  const n = x.length;
  if (n < 3 || !x.every(finite) || !y.every(finite)) return null;
  const rx = averageRanks(x); const ry = averageRanks(y);
  const mx = (n + 1) / 2;
  let num = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) { num += (rx[i] - mx) * (ry[i] - mx); dx += (rx[i] - mx) ** 2; dy += (ry[i] - mx) ** 2; }
  return dx === 0 || dy === 0 ? null : num / Math.sqrt(dx * dy);
}

export const fmt = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '—' : Math.abs(x) >= 1000 ? x.toExponential(2) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** "mean ± se (n=…)" for details. */
export const fmtStat = (s: Stat | undefined) => (!s || s.mean == null ? '—' : `${fmt(s.mean)} ± ${s.exact ? '0 (exact)' : fmt(s.se)} SE (n=${s.exact ? 'exact' : s.n})`);
