import { NumfeatError } from '@numfeat/core';
import type { Spectrum } from './spectrum.js';

export interface DominantPeriodOptions {
  /** How many peaks to return (default 5). */
  top?: number;
  /** Keep only peaks whose normalised magnitude is at least this (default 0: keep all). */
  minRatio?: number;
}

export interface DominantPeriod {
  /** Frequency index (1..⌊N/2⌋). */
  k: number;
  /** ν = k/N. */
  nu: number;
  /** N/k in numbers per cycle (may be fractional, e.g. 2.5). */
  period: number;
  /** N/k as a reduced fraction, e.g. { numerator: 5, denominator: 2 } for 2.5. */
  periodFraction: { numerator: number; denominator: number };
  /** The spectrum's normalised magnitude at k (magnitude / normalizer value). */
  ratio: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkSpectrum(s: Spectrum): void {
  if (!s || typeof s.N !== 'number' || !Array.isArray(s.normalized) || s.normalized.length !== Math.floor(s.N / 2) + 1) {
    throw new NumfeatError('BAD_ARGUMENT', 'expected a Spectrum from spectrum() or signalSpectrum()', {
      fix: 'compute it with spectrum(E) first',
    });
  }
}

/**
 * Local maxima of the normalised magnitude over k = 1..⌊N/2⌋ (DC excluded; a peak is strictly above
 * its left neighbour and at least its right one; k = 1 is compared with k = 2 only and k = ⌊N/2⌋
 * with k − 1 only), sorted by ratio, largest first.
 */
export function dominantPeriods(s: Spectrum, opts: DominantPeriodOptions = {}): DominantPeriod[] {
  checkSpectrum(s);
  const top = opts.top ?? 5;
  const minRatio = opts.minRatio ?? 0;
  if (!Number.isInteger(top) || top < 1) {
    throw new NumfeatError('BAD_RANGE', `top must be an integer ≥ 1, got ${String(top)}`, { fix: 'pass e.g. top: 5' });
  }
  if (!Number.isFinite(minRatio)) {
    throw new NumfeatError('BAD_ARGUMENT', `minRatio must be a finite number, got ${String(minRatio)}`, {
      fix: 'pass e.g. minRatio: 2',
    });
  }
  const { N, normalized: y } = s;
  const half = Math.floor(N / 2);
  const peaks: DominantPeriod[] = [];
  for (let k = 1; k <= half; k++) {
    const left = k > 1 ? y[k - 1] : -Infinity;
    const right = k < half ? y[k + 1] : -Infinity;
    if (!(y[k] > left && y[k] >= right) || y[k] < minRatio) continue;
    const g = gcd(N, k);
    peaks.push({
      k,
      nu: k / N,
      period: N / k,
      periodFraction: { numerator: N / g, denominator: k / g },
      ratio: y[k],
    });
  }
  peaks.sort((a, b) => b.ratio - a.ratio || a.k - b.k);
  return peaks.slice(0, top);
}
