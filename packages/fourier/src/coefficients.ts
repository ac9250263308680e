import { toMatrix64, type MatrixInput } from '@numfeat/core';
import { columnCoefficients } from './column-dft.js';
import { assertEnoughRows } from './spectrum.js';

export interface FourierCoefficients {
  N: number;
  dims: number;
  /** Rows k = 0..⌊N/2⌋, columns = dimensions, row-major: F_{k/N, d} at [k·dims + d]. */
  re: Float64Array;
  im: Float64Array;
}

/**
 * Complex coefficients F_ν,d = N^{-1/2} Σ_n e(n)_d e^{−2πiνn} at ν = k/N, k = 0..⌊N/2⌋, per dimension
 * (the rest follow from F_{1−ν} = conj F_ν for real input).
 */
export function fourierCoefficients(E: MatrixInput): FourierCoefficients {
  const m = toMatrix64(E, 'embeddings');
  assertEnoughRows(m.rows, 'the matrix');
  const { re, im } = columnCoefficients(m);
  return { N: m.rows, dims: m.cols, re, im };
}
