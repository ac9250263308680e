import { NumfeatError } from '@numfeat/core';
import measured from '../../data/number-prior.json';

/**
 * Parametric number prior: p(n) ∝ (n + 1)^(−alpha) · round5^[5|n] · round10^[10|n] · round100^[100|n]
 * over n = 0..999 (flags multiply: 100 is boosted by all three). Small numbers are common (power
 * law), round numbers are boosted. The defaults are the Poisson maximum-likelihood fit to the
 * bundled corpus, written by scripts/measure-number-prior.ts into data/number-prior.json.
 */
export interface ParametricPriorParams {
  alpha: number;
  round5: number;
  round10: number;
  round100: number;
}

export const N_NUMBERS = 1000;

export function parametricPrior(params: ParametricPriorParams = defaultParametricParams()): Float64Array {
  const { alpha, round5, round10, round100 } = params;
  for (const [k, v] of Object.entries(params)) {
    if (!Number.isFinite(v) || (k !== 'alpha' && v <= 0)) {
      throw new NumfeatError('BAD_RANGE', `prior parameter ${k} = ${v}`, { fix: 'alpha must be finite and the round factors > 0' });
    }
  }
  const p = new Float64Array(N_NUMBERS);
  for (let n = 0; n < N_NUMBERS; n++) {
    let w = Math.pow(n + 1, -alpha);
    if (n % 5 === 0) w *= round5;
    if (n % 10 === 0) w *= round10;
    if (n % 100 === 0) w *= round100;
    p[n] = w;
  }
  return normalize(p);
}

/**
 * Maximum-likelihood (Poisson regression, IRLS) fit of counts(n) ~ Poisson(exp(c − alpha·log(n + 1)
 * + Σ b·flags)); ML weighs the frequent numbers by their counts, so the fitted distribution
 * matches where the probability mass is (a least-squares fit on log counts does not).
 */
export function fitParametricPrior(counts: ArrayLike<number>): ParametricPriorParams {
  const k = 5;
  const X = Array.from({ length: N_NUMBERS }, (_, n) => [
    1, -Math.log(n + 1), n % 5 === 0 ? 1 : 0, n % 10 === 0 ? 1 : 0, n % 100 === 0 ? 1 : 0,
  ]);
  // Start from least squares on log(count + 1), then Newton (IRLS) steps with step halving so
  // the Poisson log-likelihood never decreases.
  const ols = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let n = 0; n < N_NUMBERS; n++) {
    const x = X[n];
    const y = Math.log(counts[n] + 1);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) ols[i][j] += x[i] * x[j];
      ols[i][k] += x[i] * y;
    }
  }
  let beta = solve(ols);
  const logLik = (b: number[]): number => {
    let ll = 0;
    for (let n = 0; n < N_NUMBERS; n++) {
      let eta = 0;
      for (let i = 0; i < k; i++) eta += X[n][i] * b[i];
      ll += counts[n] * eta - Math.exp(eta);
    }
    return ll;
  };
  let ll = logLik(beta);
  for (let iter = 0; iter < 100; iter++) {
    const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
    for (let n = 0; n < N_NUMBERS; n++) {
      const x = X[n];
      let eta = 0;
      for (let i = 0; i < k; i++) eta += x[i] * beta[i];
      const mu = Math.exp(eta);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) A[i][j] += mu * x[i] * x[j];
        A[i][k] += x[i] * (counts[n] - mu);
      }
    }
    const step = solve(A);
    let t = 1;
    let next = beta.map((b, i) => b + t * step[i]);
    let nextLl = logLik(next);
    while (!(nextLl >= ll) && t > 1e-8) {
      t /= 2;
      next = beta.map((b, i) => b + t * step[i]);
      nextLl = logLik(next);
    }
    if (!(nextLl >= ll)) break;
    beta = next;
    const done = nextLl - ll <= 1e-12 * Math.abs(ll) && Math.max(...step.map(Math.abs)) * t < 1e-9;
    ll = nextLl;
    if (done) break;
  }
  return { alpha: beta[1], round5: Math.exp(beta[2]), round10: Math.exp(beta[3]), round100: Math.exp(beta[4]) };
}

/** Gauss–Jordan with partial pivoting on an augmented k × (k+1) matrix. */
function solve(A: number[][]): number[] {
  const k = A.length;
  for (let i = 0; i < k; i++) {
    let piv = i;
    for (let r = i + 1; r < k; r++) if (Math.abs(A[r][i]) > Math.abs(A[piv][i])) piv = r;
    [A[i], A[piv]] = [A[piv], A[i]];
    for (let r = 0; r < k; r++) {
      if (r === i) continue;
      const f = A[r][i] / A[i][i];
      for (let c = i; c <= k; c++) A[r][c] -= f * A[i][c];
    }
  }
  return A.map((row, i) => row[k] / row[i]);
}

export function defaultParametricParams(): ParametricPriorParams {
  return { ...(measured as { parametricFit: ParametricPriorParams }).parametricFit };
}

/** The measured counts (0..999) of the bundled corpus, as committed in data/number-prior.json. */
export function measuredNumberCounts(): Float64Array {
  return Float64Array.from((measured as { counts: number[] }).counts);
}

export interface NumberPriorOptions {
  /** 'measured' (default): bundled-corpus counts + 1; 'parametric': the fitted closed form. */
  kind?: 'measured' | 'parametric';
  params?: ParametricPriorParams;
  /**
   * Mixture weight of a uniform distribution, p = (1 − u)·prior + u/1000 (default 0.4). The real
   * prior gives the rarest numbers ~1e-5 of the mass, so a model would see them a handful of times;
   * the floor guarantees every number at least u/1000 of the number tokens (see docs/data.md).
   */
  uniformFloor?: number;
}

/** Probability of each number 0..999 (sums to 1). */
export function numberPrior(opts: NumberPriorOptions = {}): Float64Array {
  const u = opts.uniformFloor ?? 0.4;
  if (!(u >= 0 && u <= 1)) {
    throw new NumfeatError('BAD_RANGE', `uniformFloor must be in [0, 1], got ${u}`, { fix: 'use e.g. 0.25 (or 0 for the raw prior)' });
  }
  const kind = opts.kind ?? 'measured';
  let base: Float64Array;
  if (kind === 'measured') base = normalize(measuredNumberCounts().map((c) => c + 1));
  else if (kind === 'parametric') base = parametricPrior(opts.params);
  else throw new NumfeatError('BAD_ARGUMENT', `unknown prior kind "${String(kind)}"`, { fix: "use 'measured' or 'parametric'" });
  return base.map((p) => (1 - u) * p + u / N_NUMBERS);
}

function normalize(p: Float64Array): Float64Array {
  let s = 0;
  for (const v of p) s += v;
  return p.map((v) => v / s);
}
