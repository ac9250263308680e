import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohenKappa } from './kappa.js';
import { LDAProbe } from './lda.js';
import { LogisticProbe } from './logistic.js';

interface Case {
  dataset: string;
  T: number;
  seed: number;
  train: number[];
  test: number[];
  pred: number[];
  proba: number[][];
  kappa: number;
  accuracy: number;
  ldaPred: number[];
  ldaDecision: number[][] | number[];
  sklearnGradMax: number;
}

/** max |∇| of C·Σ CE + ½‖W‖² (C = 1) at a fitted probe, in the standardised space, computed directly. */
function gradientMax(probe: LogisticProbe, X: number[][], y: number[]): number {
  const coef = probe.coef!;
  const d = coef.cols;
  const K = probe.classes!.length;
  const P = probe.predictProba(X);
  const Xs = X.map((row) => row.map((v, j) => (v - probe.scaler!.mean[j]) / probe.scaler!.scale[j]));
  const rows = coef.rows; // 1 for binary
  const grad = new Float64Array(rows * (d + 1));
  Xs.forEach((x, i) => {
    for (let r = 0; r < rows; r++) {
      const k = rows === 1 ? 1 : r;
      const residual = P.data[i * K + k] - (y[i] === probe.classes![k] ? 1 : 0);
      for (let j = 0; j < d; j++) grad[r * (d + 1) + j] += residual * x[j];
      grad[r * (d + 1) + d] += residual;
    }
  });
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) grad[r * (d + 1) + j] += coef.data[r * d + j];
  return Math.max(...Array.from(grad, Math.abs));
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn.json', import.meta.url), 'utf8')) as {
  datasets: Record<string, number[][]>;
  cases: Case[];
  kappaPairs: { a: number[]; b: number[]; kappa: number | null }[];
};

describe('parity with scikit-learn (fixtures/make_fixtures.py)', () => {
  for (const c of fixture.cases) {
    it(`logistic κ, predictions and probabilities: ${c.dataset} T=${c.T} seed=${c.seed}`, () => {
      const X = fixture.datasets[c.dataset];
      const y = X.map((_, n) => n % c.T);
      const probe = new LogisticProbe().fit(
        c.train.map((i) => X[i]),
        c.train.map((i) => y[i]),
      );
      expect(probe.fitInfo!.converged).toBe(true);
      // Our optimum is at least as exact as sklearn's own (which stops on ftol = 64·eps).
      const trainX = c.train.map((i) => X[i]);
      expect(gradientMax(probe, trainX, c.train.map((i) => y[i]))).toBeLessThan(Math.min(1e-4, c.sklearnGradMax));
      const testX = c.test.map((i) => X[i]);
      const testY = c.test.map((i) => y[i]);
      const pred = probe.predict(testX);
      const kappa = cohenKappa(testY, pred);
      expect(Math.abs(100 * kappa - 100 * c.kappa)).toBeLessThan(1);
      const proba = probe.predictProba(testX);
      let maxDiff = 0;
      c.proba.forEach((row, i) => row.forEach((p, k) => (maxDiff = Math.max(maxDiff, Math.abs(p - proba.data[i * c.T + k])))));
      // Same optimum up to sklearn's residual gradient.
      expect(maxDiff).toBeLessThan(2e-3);
    });
    it(`LDA (shrinkage 0, raw features) equals sklearn lsqr: ${c.dataset} T=${c.T} seed=${c.seed}`, () => {
      const X = fixture.datasets[c.dataset];
      const y = X.map((_, n) => n % c.T);
      const lda = new LDAProbe({ shrinkage: 0, standardize: false }).fit(
        c.train.map((i) => X[i]),
        c.train.map((i) => y[i]),
      );
      const testX = c.test.map((i) => X[i]);
      expect(Array.from(lda.predict(testX))).toEqual(c.ldaPred);
      const z = lda.decisionFunction(testX);
      // sklearn's binary decision_function is δ_1 − δ_0.
      c.ldaDecision.forEach((row, i) => {
        if (typeof row === 'number') expect(z.data[i * 2 + 1] - z.data[i * 2]).toBeCloseTo(row, 6);
        else row.forEach((v, k) => expect(z.data[i * c.T + k]).toBeCloseTo(v, 6));
      });
    });
  }

  it('cohenKappa equals cohen_kappa_score on random label pairs, NaN where sklearn gives NaN', () => {
    for (const pair of fixture.kappaPairs) {
      const k = cohenKappa(pair.a, pair.b);
      if (pair.kappa === null) expect(k).toBeNaN();
      else expect(k).toBeCloseTo(pair.kappa, 12);
    }
  });
});
