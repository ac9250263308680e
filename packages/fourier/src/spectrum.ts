import { NumfeatError, toMatrix64, toVector64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { columnPowerSpectrum } from './column-dft.js';

export type NormalizerKind = 'median' | 'mean' | 'none';

export interface SpectrumOptions {
  /**
   * Baseline that `normalized` divides by, taken over the magnitudes at k = 1..⌊N/2⌋ (DC excluded):
   * 'median' (default; robust to a few spikes, so the typical level reads ≈ 1), 'mean', or 'none' (÷1).
   */
  normalizer?: NormalizerKind;
}

export interface Spectrum {
  /** Number of rows (numbers) transformed. */
  N: number;
  /** Embedding dimensions summed over. */
  dims: number;
  /** Frequency indices 0..⌊N/2⌋. */
  k: number[];
  /** Frequencies ν = k/N in cycles per number, 0..≤0.5. */
  nu: number[];
  /** ‖F_ν‖² = Σ_dims |F_ν,d|², with F_ν = N^{-1/2} Σ_n e(n) e^{−2πiνn} (the paper's normalisation). */
  power: number[];
  /** ‖F_ν‖ = √power (the per-frequency L2 norm over dimensions, as in Zhou et al. 2024). */
  magnitude: number[];
  /** magnitude / normalizer.value. */
  normalized: number[];
  normalizer: {
    kind: NormalizerKind;
    /** The divisor actually applied (1 for 'none'). */
    value: number;
    over: 'k=1..floor(N/2)';
    /** Set when the requested baseline was 0 (e.g. a pure sinusoid): `normalized` is then left unscaled. */
    degenerateFrom?: 'median' | 'mean';
  };
}

const NORMALIZERS: readonly NormalizerKind[] = ['median', 'mean', 'none'];

function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function readNormalizer(opts: SpectrumOptions | undefined): NormalizerKind {
  const kind = opts?.normalizer ?? 'median';
  if (!NORMALIZERS.includes(kind)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown normalizer '${String(kind)}'`, {
      fix: "use normalizer: 'median' (default), 'mean' or 'none'",
    });
  }
  return kind;
}

export function assertEnoughRows(n: number, what: string): void {
  if (n < 2) {
    throw new NumfeatError('BAD_RANGE', `${what} has ${n} row(s); a spectrum needs N ≥ 2`, {
      fix: 'pass the embeddings of at least two consecutive numbers (the study uses N = 1000)',
    });
  }
}

/** Builds the Spectrum object from the one-sided power array (length ⌊N/2⌋+1). */
export function spectrumFromPower(power: Float64Array, N: number, dims: number, kind: NormalizerKind): Spectrum {
  const half = power.length - 1;
  const k: number[] = new Array(half + 1);
  const nu: number[] = new Array(half + 1);
  const magnitude: number[] = new Array(half + 1);
  for (let i = 0; i <= half; i++) {
    k[i] = i;
    nu[i] = i / N;
    magnitude[i] = Math.sqrt(power[i]);
  }
  const baseline = magnitude.slice(1);
  let value = 1;
  let degenerateFrom: 'median' | 'mean' | undefined;
  if (kind !== 'none') {
    const v = kind === 'median' ? median(baseline) : baseline.reduce((a, b) => a + b, 0) / baseline.length;
    if (v > 0) value = v;
    else degenerateFrom = kind;
  }
  const normalized = magnitude.map((m) => m / value);
  const normalizer: Spectrum['normalizer'] = {
    kind: degenerateFrom ? 'none' : kind,
    value,
    over: 'k=1..floor(N/2)',
  };
  if (degenerateFrom) normalizer.degenerateFrom = degenerateFrom;
  return { N, dims, k, nu, power: Array.from(power), magnitude, normalized, normalizer };
}

/** Spectrum of an already-validated matrix (internal: avoids a second copy in fourierPowers). */
export function spectrumOfMatrix(m: Matrix64, kind: NormalizerKind): Spectrum {
  assertEnoughRows(m.rows, 'the matrix');
  return spectrumFromPower(columnPowerSpectrum(m), m.rows, m.cols, kind);
}

/**
 * Fourier spectrum of an N × d embedding matrix (row i = number start+i): the DFT of every dimension
 * along the numbers, power summed over dimensions, at ν = k/N for k = 0..⌊N/2⌋.
 */
export function spectrum(E: MatrixInput, opts?: SpectrumOptions): Spectrum {
  const kind = readNormalizer(opts);
  return spectrumOfMatrix(toMatrix64(E, 'embeddings'), kind);
}

/** The same for a 1-D signal x(n), n = 0..N−1 (treated as an N × 1 matrix). */
export function signalSpectrum(x: ArrayLike<number>, opts?: SpectrumOptions): Spectrum {
  const kind = readNormalizer(opts);
  const data = toVector64(x, 'signal');
  return spectrumOfMatrix({ data, rows: data.length, cols: 1 }, kind);
}
