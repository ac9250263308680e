// The sweep behind the counterexample figure (paper §1.6), kept free of I/O so tests can run it.
import { bestLinearAccuracy1D, checkLemma, counterexample, fisherBounds } from '@numfeat/theory';

/** `count` values spaced evenly in log10 between min and max (inclusive). */
export function logGrid(min, max, count) {
  if (!(min > 0 && max > min && Number.isInteger(count) && count >= 2)) {
    throw new RangeError(`logGrid needs 0 < min < max and an integer count ≥ 2, got (${min}, ${max}, ${count})`);
  }
  const a = Math.log10(min);
  const b = Math.log10(max);
  return Array.from({ length: count }, (_, i) => 10 ** (a + ((b - a) * i) / (count - 1)));
}

/**
 * For each B: build e(n) = A·(n mod T) + B·⌊n/T⌋, measure Φ_T and Tr(S_B) (the Lemma), the Fisher
 * discriminant λ_max(S_W⁻¹S_B), and the exact best T-class linear accuracy on all N points.
 */
export function sweepCounterexample({ N = 1000, T = 10, A = 5, Bs }) {
  const rows = Bs.map((B) => {
    const ce = counterexample({ N, T, A, B });
    const lemma = checkLemma(ce, T);
    const fisher = fisherBounds(ce, T, { treatment: 'none' });
    const accuracy = bestLinearAccuracy1D(ce.data, ce.labels, T);
    return {
      B,
      phi: lemma.phi,
      traceSB: lemma.traceSB,
      lemmaHolds: lemma.holds,
      lambdaMax: fisher.lambdaMax,
      accuracy,
      correct: Math.round(accuracy * N),
    };
  });
  return {
    config: { N, T, A, definition: 'e(n) = A·(n mod T) + B·⌊n/T⌋, scalar embeddings', accuracy: 'exact best argmax-of-affine classifier, all N points, no split' },
    chance: 1 / T,
    phiClosedForm: (N * A * A * (T * T - 1)) / 12,
    rows,
  };
}
