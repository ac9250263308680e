import { NumfeatError, assertInteger, toVector64 } from '@numfeat/core';

/**
 * Exact best accuracy of a T-class linear (argmax-of-affine) classifier on 1-D data.
 *
 * WHY ordered intervals with distinct labels ⇔ argmax of T affine functions on a line
 * ----------------------------------------------------------------------------------
 * (⇒) A classifier predicts argmax_c f_c(x) with f_c(x) = w_c·x + b_c. The set where class c is
 *   maximal, I_c = {x : f_c(x) ≥ f_j(x) ∀j}, is an intersection of half-lines, hence ONE closed
 *   interval (maybe empty or a point). With any deterministic tie-break (say lowest index), class c
 *   wins on I_c minus the points shared with a winning rival. Two distinct lines that are both
 *   maximal at x₀ cross there, so one of them is below the other on each side of x₀: x₀ is an
 *   endpoint of I_c (and identical lines make one class empty). Removing endpoints keeps an
 *   interval. So the winning regions are disjoint intervals covering ℝ, one per class at most:
 *   read left to right they are ordered intervals whose labels are all distinct.
 * (⇐) Given distinct labels c₁,…,c_K on intervals split at t₁ < … < t_{K−1}, take slopes 0,1,…,K−1
 *   and choose intercepts so that lines i and i+1 meet at t_i (b_{i+1} = b_i − t_i). Their upper
 *   envelope is convex with slopes increasing, so line i is the maximum exactly on [t_{i−1}, t_i].
 *   Unused classes get the line 0·x − 1, which stays below line 1 (≡ 0 on the left and the envelope
 *   is ≥ that line everywhere). Placing each t_i strictly between two distinct data values leaves
 *   no data point on a tie. (`realize` below builds exactly these lines; the tests check them.)
 * Consequence: points with equal x always get the same label, so the DP runs over groups of equal
 * x, sorted, with a bitmask of the labels already used.
 *
 * DP: after group g, dp[mask][c] = most correct points in groups 0..g when group g is labelled c
 * and `mask` (∋ c) is the set of labels used so far. Group g+1 either continues label c or opens a
 * new label c' ∉ mask. With best[mask] = max_c dp[mask][c], one step costs O(2^T·T):
 *   dp'[mask][c] = max(dp[mask][c], best[mask \ c]) + count_{g+1}[c].
 * Total O(G·2^T·T) time for G distinct values, O(2^T·T) memory (plus the trace when requested).
 */

/** Hard cap on T: the DP's cost grows as 2^T. */
export const MAX_CLASSES_1D = 12;

export interface Segment1D {
  /** Predicted label on this interval. */
  label: number;
  /** Smallest and largest data value in the interval (inclusive). */
  xMin: number;
  xMax: number;
  /** Data points in the interval, and how many of them carry `label`. */
  count: number;
  correct: number;
}

export interface BestLinear1D {
  /** correct / N: the best accuracy any T-class argmax-of-affine classifier reaches on these points. */
  accuracy: number;
  correct: number;
  N: number;
  T: number;
  /** Chance level 1/T, for comparison. */
  chance: number;
  /** An optimal classifier as ordered intervals (left to right, distinct labels). */
  segments: Segment1D[];
  /** Cut points between segments, each halfway between neighbouring data values. */
  thresholds: number[];
  /** Affine functions realising the optimum: predict argmax_c (weights[c]·x + biases[c]). */
  weights: number[];
  biases: number[];
}

interface Groups {
  /** Distinct x values, ascending. */
  values: Float64Array;
  /** counts[g·T + c]: points of label c at values[g]. */
  counts: Int32Array;
}

function validate(x: ArrayLike<number>, labels: ArrayLike<number>, T: number): { xs: Float64Array; ys: Int32Array } {
  assertInteger(T, 'T', 1);
  if (T > MAX_CLASSES_1D) {
    throw new NumfeatError('BAD_RANGE', `bestLinearAccuracy1D supports T ≤ ${MAX_CLASSES_1D}, got T = ${T}`, {
      fix: `the exact DP costs N·2^T·T steps; merge classes to at most ${MAX_CLASSES_1D} labels or use a logistic probe (@numfeat/probes) for an approximate answer`,
    });
  }
  const xs = toVector64(x, 'x');
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new NumfeatError('BAD_ARGUMENT', 'labels must be an array of integers', { fix: 'pass number[] or Int32Array' });
  }
  if (labels.length !== xs.length) {
    throw new NumfeatError('SHAPE_MISMATCH', `x has ${xs.length} values but labels has ${labels.length}`, {
      fix: 'give exactly one label per data point',
    });
  }
  const ys = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= T) {
      throw new NumfeatError('BAD_RANGE', `labels[${i}] = ${String(y)} is not a class in 0..${T - 1}`, {
        fix: `use integer labels in 0..T−1 (e.g. residueLabels(N, T)) or raise T`,
        details: { index: i },
      });
    }
    ys[i] = y;
  }
  return { xs, ys };
}

function groupByValue(xs: Float64Array, ys: Int32Array, T: number): Groups {
  const order = Array.from(xs.keys()).sort((a, b) => xs[a] - xs[b]);
  const values: number[] = [];
  const counts: number[] = [];
  for (const i of order) {
    // Exact equality: the classifier is a function of x, so only identical values must share a label.
    if (values.length === 0 || xs[i] !== values[values.length - 1]) {
      values.push(xs[i]);
      for (let c = 0; c < T; c++) counts.push(0);
    }
    counts[(values.length - 1) * T + ys[i]] += 1;
  }
  return { values: Float64Array.from(values), counts: Int32Array.from(counts) };
}

/** Runs the DP; with `trace`, also returns an optimal labelling of the groups. */
function solve(groups: Groups, T: number, trace: boolean): { correct: number; groupLabels?: Int32Array } {
  const G = groups.values.length;
  const M = 1 << T;
  const NEG = -1; // counts are ≥ 0, so -1 marks an unreachable state
  let dp = new Int32Array(M * T).fill(NEG);
  let next = new Int32Array(M * T);
  const best = new Int32Array(M);
  const bestArg = new Int8Array(M);
  // Trace: for each group and state, -1 = continued the same label, else the previous label.
  const from = trace ? new Int8Array(G * M * T) : undefined;

  for (let c = 0; c < T; c++) dp[(1 << c) * T + c] = groups.counts[c];
  for (let g = 1; g < G; g++) {
    for (let mask = 1; mask < M; mask++) {
      let b = NEG;
      let arg = -1;
      for (let c = 0; c < T; c++) {
        const v = dp[mask * T + c];
        if (v > b) {
          b = v;
          arg = c;
        }
      }
      best[mask] = b;
      bestArg[mask] = arg;
    }
    const row = g * T;
    for (let mask = 1; mask < M; mask++) {
      for (let c = 0; c < T; c++) {
        const s = mask * T + c;
        if ((mask & (1 << c)) === 0) {
          next[s] = NEG;
          continue;
        }
        const stay = dp[s];
        const rest = mask ^ (1 << c);
        const open = rest === 0 ? NEG : best[rest];
        if (stay === NEG && open === NEG) {
          next[s] = NEG;
          continue;
        }
        if (stay >= open) {
          next[s] = stay + groups.counts[row + c];
          if (from) from[(g * M + mask) * T + c] = -1;
        } else {
          next[s] = open + groups.counts[row + c];
          if (from) from[(g * M + mask) * T + c] = bestArg[rest];
        }
      }
    }
    [dp, next] = [next, dp];
  }

  let correct = NEG;
  let endMask = 0;
  let endLabel = 0;
  for (let mask = 1; mask < M; mask++) {
    for (let c = 0; c < T; c++) {
      if (dp[mask * T + c] > correct) {
        correct = dp[mask * T + c];
        endMask = mask;
        endLabel = c;
      }
    }
  }
  if (!from) return { correct };

  const groupLabels = new Int32Array(G);
  let mask = endMask;
  let c = endLabel;
  for (let g = G - 1; g >= 0; g--) {
    groupLabels[g] = c;
    if (g === 0) break;
    const prev = from[(g * M + mask) * T + c];
    if (prev !== -1) {
      mask ^= 1 << c;
      c = prev;
    }
  }
  return { correct, groupLabels };
}

/**
 * The exact best accuracy (fraction of points classified correctly, on all points: no split) of any
 * T-class classifier of the form argmax_c (w_c·x + b_c) on scalar data x with labels in 0..T−1.
 * Cost O(N log N + G·2^T·T) for G distinct x values; T ≤ 12.
 */
export function bestLinearAccuracy1D(x: ArrayLike<number>, labels: ArrayLike<number>, T: number): number {
  const { xs, ys } = validate(x, labels, T);
  return solve(groupByValue(xs, ys, T), T, false).correct / xs.length;
}

/**
 * Like {@link bestLinearAccuracy1D}, but also returns an optimal classifier: its ordered intervals,
 * thresholds, and affine functions (weights, biases) whose argmax reproduces it. Needs
 * G·2^T·T bytes for the trace (10 MB at N = 1000, T = 10).
 */
export function bestLinearClassifier1D(x: ArrayLike<number>, labels: ArrayLike<number>, T: number): BestLinear1D {
  const { xs, ys } = validate(x, labels, T);
  const groups = groupByValue(xs, ys, T);
  const { correct, groupLabels } = solve(groups, T, true);
  const segments: Segment1D[] = [];
  const thresholds: number[] = [];
  for (let g = 0; g < groups.values.length; g++) {
    const label = groupLabels![g];
    let count = 0;
    for (let c = 0; c < T; c++) count += groups.counts[g * T + c];
    const last = segments[segments.length - 1];
    if (last && last.label === label) {
      last.xMax = groups.values[g];
      last.count += count;
      last.correct += groups.counts[g * T + label];
    } else {
      if (last) thresholds.push(last.xMax + (groups.values[g] - last.xMax) / 2);
      segments.push({ label, xMin: groups.values[g], xMax: groups.values[g], count, correct: groups.counts[g * T + label] });
    }
  }
  const { weights, biases } = realize(segments.map((s) => s.label), thresholds, T);
  return { accuracy: correct / xs.length, correct, N: xs.length, T, chance: 1 / T, segments, thresholds, weights, biases };
}

/**
 * Affine functions whose argmax is `order[i]` on the i-th interval cut at `thresholds` (see the
 * proof above): slopes 0..K−1, consecutive lines meeting at the thresholds, unused labels at −1.
 */
export function realize(order: readonly number[], thresholds: readonly number[], T: number): { weights: number[]; biases: number[] } {
  if (thresholds.length !== order.length - 1) {
    throw new NumfeatError('SHAPE_MISMATCH', `${order.length} intervals need ${order.length - 1} thresholds, got ${thresholds.length}`, {
      fix: 'pass one threshold between each pair of neighbouring intervals',
    });
  }
  const weights = new Array<number>(T).fill(0);
  const biases = new Array<number>(T).fill(-1);
  let b = 0;
  for (let i = 0; i < order.length; i++) {
    if (i > 0) b -= thresholds[i - 1];
    weights[order[i]] = i;
    biases[order[i]] = b;
  }
  return { weights, biases };
}
