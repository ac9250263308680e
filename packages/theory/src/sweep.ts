// The sweep behind the counterexample figure (paper §1.6): Φ_T stays fixed while the best linear
// accuracy falls. Free of I/O; examples/theorem draws it and the study's dissociation uses it.
import { NumfeatError } from '@numfeat/core';
import { counterexample } from './counterexample.js';
import { fisherBounds } from './fisher-bounds.js';
import { checkLemma } from './lemma.js';
import { bestLinearAccuracy1D } from './linear-1d.js';

export interface SweepRow {
  B: number;
  /** Φ_T of the embeddings (constant in B). */
  phi: number;
  /** Tr(S_B) = Φ_T/N. */
  traceSB: number;
  lemmaHolds: boolean;
  /** λ_max(S_W⁻¹S_B): falls as 1/B². */
  lambdaMax: number;
  /** Exact best T-class linear accuracy (fraction). */
  accuracy: number;
  correct: number;
}

export interface CounterexampleSweep {
  config: { N: number; T: number; A: number; definition: string; accuracy: string };
  chance: number;
  phiClosedForm: number;
  rows: SweepRow[];
}

/** `count` values spaced evenly in log10 between min and max (inclusive). */
export function logGrid(min: number, max: number, count: number): number[] {
  if (!(min > 0 && max > min && Number.isInteger(count) && count >= 2)) {
    throw new NumfeatError('BAD_RANGE', `logGrid needs 0 < min < max and an integer count ≥ 2, got (${min}, ${max}, ${count})`, {
      fix: 'pass e.g. logGrid(0.05, 100, 15)',
    });
  }
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: count }, (_, i) => 10 ** (a + ((b - a) * i) / (count - 1)));
}

/**
 * For each B: build e(n) = A·(n mod T) + B·⌊n/T⌋, measure Φ_T and Tr(S_B) (the Lemma), the Fisher
 * discriminant λ_max(S_W⁻¹S_B), and the exact best T-class linear accuracy on all N points.
 */
export function sweepCounterexample({ N = 1000, T = 10, A = 5, Bs }: { N?: number; T?: number; A?: number; Bs: readonly number[] }): CounterexampleSweep {
  if (!Array.isArray(Bs) || Bs.length === 0) throw new NumfeatError('EMPTY_INPUT', 'sweepCounterexample needs a non-empty list Bs', { fix: 'pass e.g. Bs: logGrid(0.05, 100, 15)' });
  const rows = Bs.map((B) => {
    const ce = counterexample({ N, T, A, B });
    const lemma = checkLemma(ce, T);
    const fisher = fisherBounds(ce, T, { treatment: 'none' });
    const accuracy = bestLinearAccuracy1D(ce.data, ce.labels, T);
    return { B, phi: lemma.phi, traceSB: lemma.traceSB, lemmaHolds: lemma.holds, lambdaMax: fisher.lambdaMax, accuracy, correct: Math.round(accuracy * N) };
  });
  return {
    config: { N, T, A, definition: 'e(n) = A·(n mod T) + B·⌊n/T⌋, scalar embeddings', accuracy: 'exact best argmax-of-affine classifier, all N points, no split' },
    chance: 1 / T,
    phiClosedForm: (N * A * A * (T * T - 1)) / 12,
    rows,
  };
}
