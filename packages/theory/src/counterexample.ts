import { NumfeatError, assertInteger, type Matrix64 } from '@numfeat/core';

export interface CounterexampleOptions {
  /** Number of points (rows); must be a multiple of T with N ≥ 2T. */
  N: number;
  /** Period. */
  T: number;
  /** Residue direction: a number (1-D embeddings) or a vector (d-D). */
  A: number | readonly number[];
  /** Within-class drift direction: same kind and length as A. */
  B: number | readonly number[];
}

/**
 * The embeddings e(n) = A·r + B·m for n = r + m·T (paper §1.6), as a Matrix64 you can pass to any
 * analysis function, plus the residue labels r and the closed forms it must satisfy.
 */
export interface Counterexample extends Matrix64 {
  N: number;
  T: number;
  /** K = N/T: points per residue class. */
  K: number;
  d: number;
  A: number[];
  B: number[];
  /** labels[n] = n mod T. */
  labels: Int32Array;
  /** Φ_T = N·‖A‖²·(T²−1)/12, independent of B (paper §1.2). */
  phiClosedForm: number;
  /** Tr(S_B) = ‖A‖²·(T²−1)/12 = Φ_T/N. */
  traceSBClosedForm: number;
  /** Tr(S_W) = ‖B‖²·(K²−1)/12: the within-class spread B inflates. */
  traceSWClosedForm: number;
}

function asVector(v: number | readonly number[], name: string): number[] {
  const out = typeof v === 'number' ? [v] : Array.isArray(v) ? [...v] : undefined;
  if (!out) {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be a number or an array of numbers`, {
      fix: `pass ${name} as a number (1-D) or number[] (one entry per embedding dimension)`,
    });
  }
  if (out.length === 0) {
    throw new NumfeatError('EMPTY_INPUT', `${name} is an empty vector`, { fix: `give ${name} at least one dimension` });
  }
  out.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new NumfeatError('NON_FINITE', `${name}[${i}] is ${String(x)}`, { fix: `make every entry of ${name} a finite number` });
    }
  });
  return out;
}

/** Builds the Theorem 1(ii) counterexample family (paper §1.6). */
export function counterexample(options: CounterexampleOptions): Counterexample {
  if (options === null || typeof options !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'counterexample needs an options object { N, T, A, B }', {
      fix: 'call counterexample({ N: 1000, T: 10, A: 5, B: 31 })',
    });
  }
  const { N, T } = options;
  assertInteger(T, 'T', 2);
  assertInteger(N, 'N', 2 * T);
  if (N % T !== 0) {
    const lo = Math.floor(N / T) * T;
    throw new NumfeatError('NOT_DIVISIBLE', `N = ${N} is not a multiple of T = ${T}`, {
      fix: `n = r + m·T needs T | N: use N = ${Math.max(lo, 2 * T)} or N = ${lo + T}`,
    });
  }
  const A = asVector(options.A, 'A');
  const B = asVector(options.B, 'B');
  if (A.length !== B.length) {
    throw new NumfeatError('SHAPE_MISMATCH', `A has ${A.length} dimensions but B has ${B.length}`, {
      fix: 'give A and B the same length (both numbers for 1-D embeddings)',
    });
  }
  const d = A.length;
  const K = N / T;
  const data = new Float64Array(N * d);
  const labels = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const r = n % T;
    const m = (n - r) / T;
    labels[n] = r;
    for (let j = 0; j < d; j++) data[n * d + j] = A[j] * r + B[j] * m;
  }
  const a2 = A.reduce((s, a) => s + a * a, 0);
  const b2 = B.reduce((s, b) => s + b * b, 0);
  return {
    data,
    rows: N,
    cols: d,
    N,
    T,
    K,
    d,
    A,
    B,
    labels,
    phiClosedForm: (N * a2 * (T * T - 1)) / 12,
    traceSBClosedForm: (a2 * (T * T - 1)) / 12,
    traceSWClosedForm: (b2 * (K * K - 1)) / 12,
  };
}
