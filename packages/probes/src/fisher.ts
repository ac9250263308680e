import { NumfeatError, type MatrixInput } from '@numfeat/core';
import { cholesky, crossProduct, invertLower, symmetricEigen } from './linalg.js';
import { classStatistics, prepareLabelled } from './scatter.js';

export type FisherTreatmentKind = 'none' | 'pca' | 'ridge';

export interface FisherOptions {
  /**
   * How to handle a singular S_W. 'auto' (default): no treatment when S_W is well conditioned,
   * otherwise 'pca' — plus a ridge if S_W is still singular after PCA (perfectly separable
   * directions; then `treatment.ridge` is set and λ_max depends on it).
   * 'pca': always project onto the top principal components first.
   * 'ridge': S_W + ε·tr(S_W)/d·I. 'none': throw SINGULAR_MATRIX if S_W is singular.
   */
  treatment?: 'auto' | FisherTreatmentKind;
  /** Cap on PCA dimensions (default 100, paper.md §7); also capped by d, N − T − 1 and the data rank. */
  pcaDims?: number;
  /** ε of the ridge treatment (default 1e-6). */
  ridge?: number;
  /** S_W counts as singular when λ_max/λ_min exceeds this (default 1e12). */
  maxCondition?: number;
}

export interface Fisher {
  /** λ_max(S_W⁻¹ S_B). */
  lambdaMax: number;
  /** Eigenvalues of S_W⁻¹ S_B, descending: T − 1 of them (fewer only if the space has fewer dims). */
  eigenvalues: number[];
  /** cond(S_W) = λ_max(S_W)/λ_min(S_W), in the space where the eigenproblem was solved. */
  condSW: number;
  lambdaMinSW: number;
  lambdaMaxSW: number;
  /** Tr(S_B) of the ORIGINAL embeddings (= Φ_T/N by the Lemma). */
  traceSB: number;
  /** Tr(S_B) in the space where the eigenproblem was solved (PCA loses the part outside the components). */
  traceSBUsed: number;
  T: number;
  N: number;
  d: number;
  /** Dimension the eigenproblem was solved in. */
  dims: number;
  treatment: { kind: FisherTreatmentKind; dims?: number; ridge?: number; reason: string };
}

const DEFAULT_PCA_DIMS = 100;

/**
 * Fisher discriminant of the residue classes: the generalized symmetric eigenproblem
 * S_B v = λ S_W v, solved by Cholesky whitening (S_W = L Lᵀ, eig of L⁻¹ S_B L⁻ᵀ).
 * S_W is singular whenever d ≥ N − T (rank S_W ≤ N − T); see `treatment`.
 */
export function fisherDiscriminant(E: MatrixInput, labels: ArrayLike<number>, opts: FisherOptions = {}): Fisher {
  const treatment = opts.treatment ?? 'auto';
  if (!['auto', 'none', 'pca', 'ridge'].includes(treatment)) {
    throw new NumfeatError('BAD_ARGUMENT', `treatment must be 'auto', 'pca', 'ridge' or 'none', got ${String(treatment)}`, {
      fix: "use 'auto' (default), 'pca', 'ridge' or 'none'",
    });
  }
  const eps = opts.ridge ?? 1e-6;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) {
    throw new NumfeatError('BAD_RANGE', `ridge must be a positive number, got ${String(eps)}`, { fix: 'pass e.g. ridge: 1e-6' });
  }
  const pcaCap = opts.pcaDims ?? DEFAULT_PCA_DIMS;
  if (!Number.isInteger(pcaCap) || pcaCap < 1) {
    throw new NumfeatError('BAD_RANGE', `pcaDims must be an integer ≥ 1, got ${String(pcaCap)}`, { fix: 'pass e.g. pcaDims: 100' });
  }
  const maxCondition = opts.maxCondition ?? 1e12;
  const { m, classes, index } = prepareLabelled(E, labels);
  const T = classes.length;
  const { rows: N, cols: d } = m;
  if (N < 2 * T) {
    throw new NumfeatError('BAD_RANGE', `N = ${N} rows is fewer than 2T = ${2 * T}`, {
      fix: 'give every class at least two rows (more numbers, or a smaller T)',
    });
  }
  const stats = classStatistics(m, index, T);
  let traceSB = 0;
  for (let v = 0; v < stats.between.length; v++) traceSB += stats.between[v] * stats.between[v];
  traceSB /= T;

  const structurallySingular = d >= N - T;
  let kind: FisherTreatmentKind;
  let reason: string;
  let SW: Float64Array | undefined;
  if (treatment === 'auto' || treatment === 'none') {
    if (structurallySingular) {
      if (treatment === 'none') throw singular(`d = ${d} ≥ N − T = ${N - T}, so rank S_W ≤ N − T < d`);
      kind = 'pca';
      reason = `d = ${d} ≥ N − T = ${N - T}: S_W has rank ≤ N − T and is singular, so the data were projected onto principal components`;
    } else {
      SW = crossProduct(stats.within, N, d, N);
      const { values } = symmetricEigen(SW, d);
      const cond = values[0] / values[d - 1];
      if (!(values[d - 1] > 0) || cond > maxCondition) {
        if (treatment === 'none') throw singular(`S_W is numerically singular (cond = ${cond.toExponential(3)})`);
        kind = 'pca';
        reason = `S_W is numerically rank-deficient (cond = ${cond.toExponential(3)} > ${maxCondition.toExponential(0)}), so the data were projected onto principal components`;
        SW = undefined;
      } else {
        kind = 'none';
        reason = `S_W is nonsingular and well conditioned (d = ${d} < N − T = ${N - T}, cond = ${cond.toPrecision(4)}): no treatment needed`;
      }
    }
  } else {
    kind = treatment;
    reason = treatment === 'pca' ? 'PCA projection requested' : 'ridge regularisation requested';
  }

  let dims = d;
  let within: Float64Array = stats.within;
  let between: Float64Array = stats.between;
  let ridgeAdded: number | undefined;
  if (kind === 'pca') {
    const projected = pcaProject(m.data, N, d, stats.grand, Math.min(pcaCap, d, N - T - 1));
    dims = projected.k;
    within = projectRows(stats.within, N, d, projected.basis, dims);
    between = projectRows(stats.between, T, d, projected.basis, dims);
    reason += ` (k = ${dims} = min(pcaDims ${pcaCap}, d ${d}, N − T − 1 = ${N - T - 1}, rank ${projected.rank}))`;
    SW = undefined;
  }
  SW ??= crossProduct(within, N, dims, N);
  if (kind === 'ridge') {
    let tr = 0;
    for (let j = 0; j < dims; j++) tr += SW[j * dims + j];
    ridgeAdded = (eps * tr) / dims;
    for (let j = 0; j < dims; j++) SW[j * dims + j] += ridgeAdded;
    reason += ` (S_W + ${eps}·tr(S_W)/d·I = +${ridgeAdded.toExponential(3)}·I)`;
  }
  const SB = crossProduct(between, T, dims, T);
  let traceSBUsed = 0;
  for (let j = 0; j < dims; j++) traceSBUsed += SB[j * dims + j];

  let swEigen = symmetricEigen(SW, dims).values;
  const stillSingular = () => !(swEigen[dims - 1] > 0) || swEigen[0] / swEigen[dims - 1] > maxCondition;
  if (treatment === 'auto' && kind === 'pca' && stillSingular()) {
    // Some retained direction has (almost) no within-class variance, i.e. the classes are perfectly
    // separable there and λ_max is unbounded; a ridge makes it finite (and ε-dependent: say so).
    let tr = 0;
    for (let j = 0; j < dims; j++) tr += SW[j * dims + j];
    ridgeAdded = (eps * tr) / dims;
    for (let j = 0; j < dims; j++) SW[j * dims + j] += ridgeAdded;
    swEigen = symmetricEigen(SW, dims).values;
    reason +=
      `; S_W was still singular after PCA (no within-class variance along some direction: perfectly separable classes, ` +
      `λ_max → ∞), so ${eps}·tr(S_W)/k·I = ${ridgeAdded.toExponential(3)}·I was added and λ_max depends on ε`;
  }
  const lambdaMaxSW = swEigen[0];
  const lambdaMinSW = swEigen[dims - 1];
  const L = lambdaMinSW > 0 ? cholesky(SW, dims) : null;
  if (!L) {
    throw singular(`S_W is not positive definite after the '${kind}' treatment (λ_min = ${lambdaMinSW})`, kind !== 'none');
  }
  const Linv = invertLower(L, dims);
  const M = whiten(SB, Linv, dims);
  const values = Array.from(symmetricEigen(M, dims).values).slice(0, Math.min(T - 1, dims));
  return {
    lambdaMax: values[0],
    eigenvalues: values,
    condSW: lambdaMaxSW / lambdaMinSW,
    lambdaMinSW,
    lambdaMaxSW,
    traceSB,
    traceSBUsed,
    T,
    N,
    d,
    dims,
    treatment: { kind, ...(kind === 'pca' ? { dims } : {}), ...(ridgeAdded !== undefined ? { ridge: eps } : {}), reason },
  };
}

function singular(problem: string, afterTreatment = false): NumfeatError {
  return new NumfeatError('SINGULAR_MATRIX', `S_W is singular: ${problem}`, {
    fix: afterTreatment
      ? "use treatment: 'auto' (adds a ridge when needed) or 'ridge' with a larger ridge ε"
      : "use treatment: 'pca' (project onto ≤ min(d, N − T − 1, 100) principal components) or 'ridge' (S_W + ε·tr(S_W)/d·I)",
  });
}

/** Top-k principal directions of the rows centred on `mean`: d×k basis (row-major), from the smaller Gram side. */
function pcaProject(data: Float64Array, N: number, d: number, mean: Float64Array, kMax: number) {
  const Xc = new Float64Array(N * d);
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) Xc[i * d + j] = data[i * d + j] - mean[j];
  let values: Float64Array;
  let basis: Float64Array; // d × kMax, filled below
  if (d <= N) {
    const eig = symmetricEigen(crossProduct(Xc, N, d), d);
    values = eig.values;
    basis = new Float64Array(d * kMax);
    for (let j = 0; j < d; j++) for (let c = 0; c < kMax; c++) basis[j * kMax + c] = eig.vectors[j * d + c];
  } else {
    // X Xᵀ = U S² Uᵀ ⇒ right singular vectors v_c = Xᵀ u_c / s_c.
    const gram = new Float64Array(N * N);
    for (let a = 0; a < N; a++) {
      for (let b = a; b < N; b++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += Xc[a * d + j] * Xc[b * d + j];
        gram[a * N + b] = s;
        gram[b * N + a] = s;
      }
    }
    const eig = symmetricEigen(gram, N);
    values = eig.values;
    basis = new Float64Array(d * kMax);
    for (let c = 0; c < kMax; c++) {
      const s = Math.sqrt(Math.max(values[c], 0));
      if (s === 0) continue;
      for (let i = 0; i < N; i++) {
        const u = eig.vectors[i * N + c] / s;
        if (u === 0) continue;
        for (let j = 0; j < d; j++) basis[j * kMax + c] += u * Xc[i * d + j];
      }
    }
  }
  // Numerical rank: components whose variance is not round-off.
  const tolerance = Math.max(values[0], 0) * 1e-10;
  let rank = 0;
  while (rank < values.length && values[rank] > tolerance) rank++;
  const k = Math.max(1, Math.min(kMax, rank));
  if (k < kMax) {
    const trimmed = new Float64Array(d * k);
    for (let j = 0; j < d; j++) for (let c = 0; c < k; c++) trimmed[j * k + c] = basis[j * kMax + c];
    basis = trimmed;
  }
  return { basis, k, rank };
}

/** rows × k coordinates of row-major rows × d data in a d × k basis. */
function projectRows(X: Float64Array, rows: number, d: number, basis: Float64Array, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < d; j++) {
      const x = X[i * d + j];
      if (x === 0) continue;
      for (let c = 0; c < k; c++) out[i * k + c] += x * basis[j * k + c];
    }
  }
  return out;
}

/** L⁻¹ · S · L⁻ᵀ for symmetric S (n×n) and lower-triangular L⁻¹. */
function whiten(S: Float64Array, Linv: Float64Array, n: number): Float64Array {
  const tmp = new Float64Array(n * n); // L⁻¹ S
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= i; k++) {
      const l = Linv[i * n + k];
      if (l === 0) continue;
      for (let j = 0; j < n; j++) tmp[i * n + j] += l * S[k * n + j];
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += tmp[i * n + k] * Linv[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
