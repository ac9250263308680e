// Test-only references (not exported from the package): the O(N²) DFT and seeded test matrices.
import { mulberry32 } from '@numfeat/core';

export { mulberry32 };

/** N × d matrix of uniform(−1, 1) values, row-major, plus its nested form. */
export function randomMatrix(N: number, d: number, seed: number): { data: Float64Array; shape: [number, number] } {
  const rand = mulberry32(seed);
  const data = new Float64Array(N * d);
  for (let i = 0; i < data.length; i++) data[i] = 2 * rand() - 1;
  return { data, shape: [N, d] };
}

/**
 * Naive DFT per column with the paper's normalisation, at k = 0..⌊N/2⌋.
 * The phase uses (n·k mod N) so the reference is accurate to rounding even for large N.
 */
export function naiveDft(data: Float64Array, N: number, d: number): { re: Float64Array; im: Float64Array; power: Float64Array } {
  const half = Math.floor(N / 2);
  const re = new Float64Array((half + 1) * d);
  const im = new Float64Array((half + 1) * d);
  const power = new Float64Array(half + 1);
  const scale = 1 / Math.sqrt(N);
  for (let k = 0; k <= half; k++) {
    for (let n = 0; n < N; n++) {
      const a = (2 * Math.PI * ((n * k) % N)) / N;
      const c = Math.cos(a);
      const s = Math.sin(a);
      for (let j = 0; j < d; j++) {
        re[k * d + j] += data[n * d + j] * c;
        im[k * d + j] -= data[n * d + j] * s;
      }
    }
    for (let j = 0; j < d; j++) {
      re[k * d + j] *= scale;
      im[k * d + j] *= scale;
      power[k] += re[k * d + j] ** 2 + im[k * d + j] ** 2;
    }
  }
  return { re, im, power };
}

/** The counterexample embedding e(n) = A·(n mod T) + B·⌊n/T⌋ as an N × 1 column. */
export function sawtooth(N: number, T: number, A: number, B: number): number[][] {
  return Array.from({ length: N }, (_, n) => [A * (n % T) + B * Math.floor(n / T)]);
}
