// Null and planted number embeddings for testing the verdict rules with the real analysis:
// N = 1000 rows (row n is number n), d = 64, unit Gaussian noise, optionally a planted mod-10
// structure of amplitude `a` (circles at periods 10 and 5 and a parity dimension: spikes at
// ν = 0.1, 0.2, 0.5 and linearly separable residues) and slow trends of amplitude `trend` in the
// same dimensions (within-class spread that hides the classes from a linear probe while leaving
// the spikes: the Theorem 1(ii) construction).
import { analyzeEmbeddings } from '@numfeat/analysis';
import { NumfeatError } from '@numfeat/tensor/core';
import { PERIODS, FISHER_T } from '../measure.js';
import type { MeasuredResult } from '../types.js';

export const N_NUMBERS = 1000;
export const DIMS = 64;

/** A seeded uniform generator (xorshift32). */
export function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32; };
}

export interface Planted { a?: number; trend?: number }

/** The N × d matrix: noise, plus the planted structure (a) and slow trends (trend). */
export function plantedEmbeddings(seed: number, { a = 0, trend = 0 }: Planted = {}): number[][] {
  if (!Number.isInteger(seed) || !(a >= 0) || !(trend >= 0)) throw new NumfeatError('BAD_ARGUMENT', `plantedEmbeddings needs an integer seed and a, trend ≥ 0, got ${seed}, ${a}, ${trend}`, { fix: 'pass e.g. (1, { a: 2 })' });
  const r = rng(seed + 1);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const phases = Array.from({ length: 5 }, () => 2 * Math.PI * r());
  return Array.from({ length: N_NUMBERS }, (_, n) => {
    const v = Array.from({ length: DIMS }, gauss);
    const s = [Math.cos(2 * Math.PI * n / 10), Math.sin(2 * Math.PI * n / 10), Math.cos(2 * Math.PI * n / 5), Math.sin(2 * Math.PI * n / 5), Math.cos(Math.PI * n)];
    // Trends at ν = 2/N..6/N: they vary within every residue class but leave the median and ν = k/10 alone.
    s.forEach((x, i) => { v[i] += a * x + trend * Math.sin(2 * Math.PI * (i + 2) * n / N_NUMBERS + phases[i]); });
    return v;
  });
}

/** The study's measurement (analyzeEmbeddings + spike heights) on the headline moduli only, to keep tests fast. */
export function measurePlanted(rows: number[][], { probeSeeds = 3, probes = true }: { probeSeeds?: number; probes?: boolean } = {}): MeasuredResult {
  const a = analyzeEmbeddings(rows, { seeds: probeSeeds, periods: PERIODS, moduli: probes ? [2, 5, 10] : [], fisherT: probes ? FISHER_T : null });
  return { ...a, spikes: Object.fromEntries(PERIODS.map((T) => [T, a.spectrum.normalized[N_NUMBERS / T]])) };
}
