import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';

/** Throws NOT_DIVISIBLE unless T | N: the Lemma (and Φ_T on the DFT grid) needs equal-size classes. */
export function assertDivides(N: number, T: number, what: string): void {
  if (N % T !== 0) {
    const lo = Math.floor(N / T) * T;
    throw new NumfeatError('NOT_DIVISIBLE', `${what} needs T | N, but N = ${N} rows and T = ${T}`, {
      fix: `use the first ${lo} rows (a multiple of T) or a period T that divides ${N}`,
      details: { N, T },
    });
  }
}

/** Validates (E, T) for the Theorem 1 quantities (T ≥ 2, N ≥ 2T, T | N) and returns E as a Matrix64. */
export function theoremInput(E: MatrixInput, T: number, what: string): Matrix64 {
  const m = toMatrix64(E, 'E');
  assertInteger(T, 'T', 2);
  if (m.rows < 2 * T) {
    throw new NumfeatError('BAD_RANGE', `${what} needs N ≥ 2T rows (two members per residue class), got N = ${m.rows}, T = ${T}`, {
      fix: `pass at least ${2 * T} rows or a smaller T`,
    });
  }
  assertDivides(m.rows, T, what);
  return m;
}

/** Validates a relative tolerance option (default 1e-9). */
export function toleranceOption(tolerance: number | undefined): number {
  const t = tolerance ?? 1e-9;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw new NumfeatError('BAD_RANGE', `tolerance must be a finite number ≥ 0, got ${String(t)}`, {
      fix: 'use a small relative tolerance such as 1e-9',
    });
  }
  return t;
}

/** Validates a caller-supplied Φ_T (finite, ≥ 0: it is a sum of squared norms). */
export function phiOption(phi: number): number {
  if (typeof phi !== 'number' || !Number.isFinite(phi) || phi < 0) {
    throw new NumfeatError('BAD_RANGE', `phi must be a finite number ≥ 0 (Φ_T is a sum of squared norms), got ${String(phi)}`, {
      fix: 'pass the Φ_T that fourierPower(E, T) returns, or leave phi out to have it computed',
    });
  }
  return phi;
}
