import type { Spectrum } from './spectrum.js';

/**
 * One-sided power per k = 0..⌊N/2⌋: |F_ν|² + |F_{1−ν}|² = 2·power[k] for 0 < ν < 1/2, and power[k]
 * alone at ν = 0 and ν = 1/2 (which are their own mirrors). Summing it gives Σ_{k=0}^{N−1} power[k].
 * This is the quantity in the paper's counterexample figure (130902 at ν = 0.1 for N = 1000, T = 10, A = 5).
 */
export function oneSidedPower(s: Spectrum): number[] {
  const { N, power } = s;
  return power.map((p, k) => (k === 0 || 2 * k === N ? p : 2 * p));
}
