import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { CircularProbe } from './circular.js';
import { gatherRows } from './dense.js';
import { kappaFromConfusion } from './kappa.js';
import { residueLabels } from './labels.js';
import { LDAProbe } from './lda.js';
import { LogisticProbe } from './logistic.js';
import { kFoldSplits, stratifiedSplit, type Split } from './split.js';

export type ProbeKind = 'logistic' | 'lda' | 'circular';
export const PROBE_KINDS: readonly ProbeKind[] = ['logistic', 'lda', 'circular'];
/** The moduli the paper probes (T = 2..10). */
export const DEFAULT_MODULI: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10];

export interface ProbeOptions {
  /** Classifier (default 'logistic': multinomial logistic regression, L2, sklearn objective). */
  probe?: ProbeKind;
  /** Logistic inverse regularisation (default 1, sklearn's default). */
  C?: number;
  /** Standardise with TRAIN statistics (default true). */
  standardize?: boolean;
  /** 'random' (default): stratified random train/test split per seed; 'kfold': stratified k-fold per seed. */
  split?: 'random' | 'kfold';
  /** Test fraction of the random split (default 0.2). */
  testSize?: number;
  /** Folds of the k-fold split (default 5). */
  k?: number;
  /** Seeds (default [0, 1, 2, 3, 4] for 'random', [0] for 'kfold'). */
  seeds?: number[];
  /** Row i is the number start + i (default 0); labels are (start + i) mod T. */
  start?: number;
  /** LDA shrinkage (default 'auto', Ledoit–Wolf). */
  shrinkage?: number | 'auto';
  /** Circular-probe ridge α (default 1e-3). */
  alpha?: number;
  /** Logistic convergence tolerance (default 1e-7) and iteration cap (default 2000). */
  tol?: number;
  maxIter?: number;
}

/** Every choice that can change κ, reported with every result (design.md §8). */
export interface ProbeProtocol {
  probe: ProbeKind;
  labels: string;
  start: number;
  standardize: string | false;
  split: 'random' | 'kfold';
  stratified: true;
  testSize?: number;
  k?: number;
  seeds: number[];
  C?: number;
  penalty?: string;
  multiClass?: string;
  solver?: string;
  tol?: number;
  maxIter?: number;
  shrinkage?: number | 'auto';
  alpha?: number;
  metric: string;
  aggregate: string;
  source: string;
}

export interface ProbeResult {
  T: number;
  /** Cohen's κ × 100, mean over seeds (random split) or over seeds × folds (k-fold). */
  kappa: number;
  kappaStd: number;
  /** Accuracy × 100 (same aggregation). */
  accuracy: number;
  accuracyStd: number;
  perSeed: { seed: number; fold?: number; kappa: number; accuracy: number; converged?: boolean }[];
  /** Test confusion counts summed over all seeds/folds: rows = true residue, columns = predicted. */
  confusion: number[][];
  protocol: ProbeProtocol;
}

interface Resolved {
  probe: ProbeKind;
  C: number;
  standardize: boolean;
  split: 'random' | 'kfold';
  testSize: number;
  k: number;
  seeds: number[];
  start: number;
  shrinkage: number | 'auto';
  alpha: number;
  tol: number;
  maxIter: number;
}

function resolve(opts: ProbeOptions): Resolved {
  const probe = opts.probe ?? 'logistic';
  if (!PROBE_KINDS.includes(probe)) {
    throw new NumfeatError('BAD_ARGUMENT', `probe must be 'logistic', 'lda' or 'circular', got ${String(probe)}`, {
      fix: "use probe: 'logistic' (default), 'lda' or 'circular'",
    });
  }
  const split = opts.split ?? 'random';
  if (split !== 'random' && split !== 'kfold') {
    throw new NumfeatError('BAD_ARGUMENT', `split must be 'random' or 'kfold', got ${String(split)}`, {
      fix: "use split: 'random' (default) or 'kfold'",
    });
  }
  const seeds = opts.seeds ?? (split === 'kfold' ? [0] : [0, 1, 2, 3, 4]);
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new NumfeatError('BAD_ARGUMENT', 'seeds must be a non-empty array of integers', { fix: 'pass e.g. seeds: [0, 1, 2, 3, 4]' });
  }
  seeds.forEach((s, i) => assertInteger(s, `seeds[${i}]`));
  return {
    probe,
    C: opts.C ?? 1,
    standardize: opts.standardize ?? true,
    split,
    testSize: opts.testSize ?? 0.2,
    k: assertInteger(opts.k ?? 5, 'k', 2),
    seeds,
    start: assertInteger(opts.start ?? 0, 'start'),
    shrinkage: opts.shrinkage ?? 'auto',
    alpha: opts.alpha ?? 1e-3,
    tol: opts.tol ?? 1e-7,
    maxIter: opts.maxIter ?? 2000,
  };
}

function makeProbe(r: Resolved, T: number) {
  switch (r.probe) {
    case 'lda':
      return new LDAProbe({ shrinkage: r.shrinkage, standardize: r.standardize });
    case 'circular':
      return new CircularProbe({ T, alpha: r.alpha, standardize: r.standardize });
    default:
      return new LogisticProbe({ C: r.C, standardize: r.standardize, tol: r.tol, maxIter: r.maxIter });
  }
}

function protocolOf(r: Resolved): ProbeProtocol {
  const base: ProbeProtocol = {
    probe: r.probe,
    labels: '(start + i) mod T',
    start: r.start,
    standardize: r.standardize ? 'z-score per feature with TRAIN mean/std (ddof 0)' : false,
    split: r.split,
    stratified: true,
    ...(r.split === 'random' ? { testSize: r.testSize } : { k: r.k }),
    seeds: [...r.seeds],
    metric: "Cohen's κ × 100 on held-out numbers (sklearn cohen_kappa_score semantics); accuracy × 100",
    aggregate: r.split === 'random' ? 'mean ± std (population) over seeds' : 'mean ± std (population) over seeds × folds',
    source: "numfeat defaults (paper.md §7 [REC]); the paper's own probe protocol is not recovered",
  };
  if (r.probe === 'logistic') {
    Object.assign(base, {
      C: r.C,
      penalty: 'L2 on weights, intercept unpenalised: minimise C·Σ CE + ½‖W‖²',
      multiClass: "sklearn 'auto': binary logistic for T = 2, multinomial softmax for T > 2",
      solver: 'L-BFGS (preconditioned, exact optimum), float64',
      tol: r.tol,
      maxIter: r.maxIter,
    });
  } else if (r.probe === 'lda') {
    base.shrinkage = r.shrinkage;
  } else {
    base.alpha = r.alpha;
  }
  return base;
}

function meanStd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / values.length;
  return [mean, Math.sqrt(variance)];
}

function probeMatrix(m: Matrix64, T: number, r: Resolved): ProbeResult {
  assertInteger(T, 'T', 2);
  const N = m.rows;
  if (N < 2 * T) {
    throw new NumfeatError('BAD_RANGE', `N = ${N} numbers is fewer than 2T = ${2 * T} for T = ${T}`, {
      fix: 'probe with more numbers or a smaller modulus: every residue needs at least 2 numbers',
    });
  }
  if (r.split === 'kfold' && N < r.k * T) {
    throw new NumfeatError('BAD_RANGE', `N = ${N} numbers is fewer than k·T = ${r.k * T} for ${r.k}-fold at T = ${T}`, {
      fix: 'use fewer folds, a smaller modulus or more numbers',
    });
  }
  const labels = residueLabels(N, T, r.start);
  const confusion = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  const perSeed: ProbeResult['perSeed'] = [];
  for (const seed of r.seeds) {
    const splits: Split[] =
      r.split === 'random' ? [stratifiedSplit(labels, { testSize: r.testSize, seed })] : kFoldSplits(labels, { k: r.k, seed });
    splits.forEach((s, fold) => {
      const probe = makeProbe(r, T);
      probe.fit(gatherRows(m, s.train), Array.from(s.train, (i) => labels[i]));
      const pred = probe.predict(gatherRows(m, s.test));
      const local = Array.from({ length: T }, () => new Array<number>(T).fill(0));
      let hits = 0;
      for (let t = 0; t < s.test.length; t++) {
        const truth = labels[s.test[t]];
        local[truth][pred[t]]++;
        confusion[truth][pred[t]]++;
        if (truth === pred[t]) hits++;
      }
      perSeed.push({
        seed,
        ...(r.split === 'kfold' ? { fold } : {}),
        kappa: 100 * kappaFromConfusion(local),
        accuracy: (100 * hits) / s.test.length,
        ...(probe instanceof LogisticProbe ? { converged: probe.fitInfo!.converged } : {}),
      });
    });
  }
  const [kappa, kappaStd] = meanStd(perSeed.map((p) => p.kappa));
  const [accuracy, accuracyStd] = meanStd(perSeed.map((p) => p.accuracy));
  return { T, kappa, kappaStd, accuracy, accuracyStd, perSeed, confusion, protocol: protocolOf(r) };
}

/**
 * Held-out linear-probe κ for n mod T. Defaults: logistic (C = 1, standardised), stratified random
 * 80/20 split over the numbers, seeds 0..4, mean ± std of κ × 100 and accuracy × 100.
 */
export function probeModulus(E: MatrixInput, T: number, opts: ProbeOptions = {}): ProbeResult {
  const r = resolve(opts);
  return probeMatrix(toMatrix64(E, 'E'), T, r);
}

/** probeModulus for several moduli (default 2..10), converting the matrix once. */
export function probeModuli(
  E: MatrixInput,
  Ts: number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10],
  opts: ProbeOptions = {},
): Record<number, ProbeResult> {
  const r = resolve(opts);
  const m = toMatrix64(E, 'E');
  const out: Record<number, ProbeResult> = {};
  for (const T of Ts) out[T] = probeMatrix(m, T, r);
  return out;
}
