/**
 * Fourier power at the harmonics of a period T: Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖² (paper §1.2).
 * The sum runs over ν = ℓ/T for ℓ = 1..T−1, i.e. over both ν and its mirror 1 − ν.
 */
import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import type { Spectrum } from './spectrum.js';

export interface FourierPowerOptions {
  /**
   * What to do when T does not divide N (ν = ℓ/T is then not a DFT frequency k/N):
   * 'error' (default) throws NOT_DIVISIBLE; 'exact' evaluates F_ν at ν = ℓ/T directly from the
   * definition (exact, not interpolated). With T | N both give the same number.
   */
  offGrid?: 'error' | 'exact';
}

function checkPeriod(T: unknown, N: number, offGrid: 'error' | 'exact'): number {
  const t = assertInteger(T, 'T', 2);
  if (N < 2 * t) {
    throw new NumfeatError('BAD_RANGE', `T = ${t} needs at least 2T = ${2 * t} numbers, but N = ${N}`, {
      fix: `pass at least ${2 * t} rows or choose T ≤ ${Math.floor(N / 2)}`,
    });
  }
  if (offGrid === 'error' && N % t !== 0) {
    const below = Math.floor(N / t) * t;
    throw new NumfeatError(
      'NOT_DIVISIBLE',
      `T = ${t} does not divide N = ${N}, so ν = ℓ/${t} is not on the DFT grid k/N`,
      {
        fix: `use the first ${below} rows (or ${below + t}), the nearest N divisible by ${t}, or pass { offGrid: 'exact' } to evaluate F at ν = ℓ/${t} directly`,
        details: { T: t, N, nearestN: [below, below + t] },
      },
    );
  }
  return t;
}

function readOffGrid(opts: FourierPowerOptions | undefined): 'error' | 'exact' {
  const v = opts?.offGrid ?? 'error';
  if (v !== 'error' && v !== 'exact') {
    throw new NumfeatError('BAD_ARGUMENT', `unknown offGrid option '${String(v)}'`, {
      fix: "use offGrid: 'exact' to allow T ∤ N, or leave it out",
    });
  }
  return v;
}

/**
 * Φ_T straight from the definition. e^{−2πiℓn/T} depends only on n mod T, so
 * F_{ℓ/T} = N^{-1/2} Σ_r S_r e^{−2πiℓr/T} with S_r the sum of the rows n ≡ r (mod T):
 * O(N·d + T²·d), exact for any N (T need not divide N).
 */
function phiFromClassSums(m: Matrix64, T: number): number {
  const { data, rows: N, cols: d } = m;
  const sums = new Float64Array(T * d);
  for (let n = 0, r = 0; n < N; n++) {
    const src = n * d;
    const dst = r * d;
    for (let c = 0; c < d; c++) sums[dst + c] += data[src + c];
    r = r + 1 === T ? 0 : r + 1;
  }
  const cos = new Float64Array(T);
  const sin = new Float64Array(T);
  for (let r = 0; r < T; r++) {
    cos[r] = Math.cos((2 * Math.PI * r) / T);
    sin[r] = Math.sin((2 * Math.PI * r) / T);
  }
  const fr = new Float64Array(d);
  const fi = new Float64Array(d);
  let total = 0;
  for (let l = 1; l < T; l++) {
    fr.fill(0);
    fi.fill(0);
    for (let r = 0; r < T; r++) {
      const idx = (l * r) % T;
      const c = cos[idx];
      const s = sin[idx];
      const o = r * d;
      for (let j = 0; j < d; j++) {
        fr[j] += sums[o + j] * c;
        fi[j] -= sums[o + j] * s;
      }
    }
    for (let j = 0; j < d; j++) total += fr[j] * fr[j] + fi[j] * fi[j];
  }
  return total / N;
}

/**
 * Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖² of an N × d embedding matrix. Throws BAD_RANGE for T < 2 or N < 2T,
 * NOT_DIVISIBLE when T ∤ N unless `{ offGrid: 'exact' }`.
 */
export function fourierPower(E: MatrixInput, T: number, opts?: FourierPowerOptions): number {
  const offGrid = readOffGrid(opts);
  const m = toMatrix64(E, 'embeddings');
  return phiFromClassSums(m, checkPeriod(T, m.rows, offGrid));
}

/** Φ_T for several periods over one validated copy of E; keys are the periods as strings. */
export function fourierPowers(
  E: MatrixInput,
  periods: readonly number[],
  opts?: FourierPowerOptions,
): Record<string, number> {
  const offGrid = readOffGrid(opts);
  if (!Array.isArray(periods) || periods.length === 0) {
    throw new NumfeatError('BAD_ARGUMENT', 'periods must be a non-empty array of integers ≥ 2', {
      fix: 'pass e.g. [2, 5, 10]',
    });
  }
  const m = toMatrix64(E, 'embeddings');
  const Ts = periods.map((T) => checkPeriod(T, m.rows, offGrid));
  const out: Record<string, number> = {};
  for (const T of Ts) out[String(T)] = phiFromClassSums(m, T);
  return out;
}

/**
 * Φ_T read off a computed spectrum: Σ_ℓ power[k] at k = ℓN/T over the full range 1..N−1, folding
 * k > N/2 onto N − k (real input: ‖F_{1−ν}‖ = ‖F_ν‖). Needs T | N (the spectrum only has ν = k/N).
 */
export function spectrumFourierPower(s: Spectrum, T: number): number {
  const N = s.N;
  const t = checkPeriod(T, N, 'error');
  let total = 0;
  for (let l = 1; l < t; l++) {
    const k = (l * N) / t;
    total += s.power[k <= N / 2 ? k : N - k];
  }
  return total;
}
