import { NumfeatError, assertInteger } from '@numfeat/core';
import { cooccurrenceCounts, type CooccurrenceWeighting, type CsrMatrix } from './cooccurrence.js';
import { randomizedSvd } from './randomized-svd.js';
import { checkDims, checkSeed, checkTokenStream, checkVocabSize, checkWindow, type TokenStream } from './validate.js';

export interface PpmiOptions {
  /** Rows/columns of the matrices; every id must be < vocabSize. */
  vocabSize: number;
  /** Co-occurrence radius: positions i ≠ j with |i − j| ≤ window (default 5). */
  window?: number;
  /** SVD rank = embedding width (default 100; must be < vocabSize). */
  dims?: number;
  /** Context-distribution smoothing exponent α of P_α(c) ∝ #(c)^α (default 0.75; 1 = plain PMI). */
  cdsAlpha?: number;
  /** 'uniform' counts (default) or 'harmonic' 1/distance weights. */
  weighting?: CooccurrenceWeighting;
  /** Embeddings = U·Σ^p (default p = 0.5, symmetric split; 0 gives U, 1 gives U·Σ). */
  eigenWeight?: number;
  /** Randomized SVD: extra directions (default 10) and power iterations (default 4). */
  oversample?: number;
  powerIterations?: number;
  /** Seed of the randomized SVD's test matrix (default 0). */
  seed?: number;
}

export interface PpmiResult {
  /** U_d·Σ_d^p, row-major [vocabSize · dims], float64. Rows of ids absent from the stream are 0. */
  embeddings: Float64Array;
  dims: number;
  vocabSize: number;
  /** Top singular values of the PPMI matrix, descending. */
  singularValues: Float64Array;
  /** Non-zeros of the co-occurrence and of the PPMI matrix. */
  cooccurrenceNnz: number;
  ppmiNnz: number;
  /** Seconds spent counting, weighting and in the SVD. */
  seconds: { count: number; ppmi: number; svd: number };
}

/**
 * Positive PMI with context-distribution smoothing (Levy, Goldberg & Dagan 2015):
 *   PPMI(w, c) = max(0, log( #(w,c) · Σ_c' #(c')^α / (#(w) · #(c)^α) )),
 * #(w) = Σ_c #(w,c) (row sums of the symmetric count matrix; its column sums are the same).
 * Zero counts stay structural zeros. Input and output are CSR.
 */
export function ppmiMatrix(counts: CsrMatrix, cdsAlpha = 0.75): CsrMatrix {
  const n = counts.rows;
  const { rowPtr, colIdx, values } = counts;
  const rowSum = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) rowSum[i] += values[p];
  const colSum = new Float64Array(counts.cols);
  for (let p = 0; p < values.length; p++) colSum[colIdx[p]] += values[p];
  let z = 0;
  const colPow = new Float64Array(counts.cols);
  for (let c = 0; c < counts.cols; c++) {
    colPow[c] = colSum[c] > 0 ? Math.pow(colSum[c], cdsAlpha) : 0;
    z += colPow[c];
  }
  const logZ = Math.log(z);
  const outPtr = new Float64Array(n + 1);
  const outCol = new Int32Array(values.length);
  const outVal = new Float64Array(values.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const logRow = Math.log(rowSum[i]);
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const c = colIdx[p];
      const pmi = Math.log(values[p]) + logZ - logRow - Math.log(colPow[c]);
      if (pmi > 0) {
        outCol[nnz] = c;
        outVal[nnz++] = pmi;
      }
    }
    outPtr[i + 1] = nnz;
  }
  return { rows: n, cols: counts.cols, rowPtr: outPtr, colIdx: outCol.slice(0, nnz), values: outVal.slice(0, nnz) };
}

/**
 * PPMI + truncated SVD word embeddings: symmetric window counts over the token stream, smoothed
 * positive PMI, then a randomized SVD (float64) of the FULL vocabulary × vocabulary matrix.
 * Embeddings are U·Σ^eigenWeight (default Σ^0.5).
 */
export function trainPpmi(ids: TokenStream, options: PpmiOptions): PpmiResult {
  if (options === null || typeof options !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'trainPpmi needs an options object', { fix: 'call trainPpmi(ids, { vocabSize })' });
  }
  const vocabSize = checkVocabSize(options.vocabSize);
  const window = checkWindow(options.window ?? 5);
  const dims = checkDims(options.dims ?? 100, vocabSize);
  const cdsAlpha = options.cdsAlpha ?? 0.75;
  if (!(typeof cdsAlpha === 'number' && cdsAlpha > 0 && cdsAlpha <= 1)) {
    throw new NumfeatError('BAD_RANGE', `cdsAlpha must be in (0, 1], got ${String(cdsAlpha)}`, { fix: 'use 0.75 (smoothed) or 1 (plain PMI)' });
  }
  const weighting = options.weighting ?? 'uniform';
  if (weighting !== 'uniform' && weighting !== 'harmonic') {
    throw new NumfeatError('BAD_ARGUMENT', `weighting must be 'uniform' or 'harmonic', got ${String(weighting)}`, { fix: "use weighting: 'uniform'" });
  }
  const eigenWeight = options.eigenWeight ?? 0.5;
  if (!(typeof eigenWeight === 'number' && Number.isFinite(eigenWeight) && eigenWeight >= 0 && eigenWeight <= 1)) {
    throw new NumfeatError('BAD_RANGE', `eigenWeight must be in [0, 1], got ${String(eigenWeight)}`, { fix: 'use 0.5' });
  }
  const oversample = assertInteger(options.oversample ?? 10, 'oversample', 0, 1000);
  const powerIterations = assertInteger(options.powerIterations ?? 4, 'powerIterations', 0, 50);
  const seed = checkSeed(options.seed ?? 0);
  const stream = checkTokenStream(ids, vocabSize);

  const t0 = performance.now();
  const counts = cooccurrenceCounts(stream, vocabSize, window, weighting);
  const t1 = performance.now();
  const ppmi = ppmiMatrix(counts, cdsAlpha);
  const t2 = performance.now();
  const svd = randomizedSvd(ppmi, dims, { oversample, powerIterations, seed });
  const t3 = performance.now();

  const embeddings = new Float64Array(vocabSize * dims);
  for (let j = 0; j < dims; j++) {
    const w = Math.pow(svd.s[j], eigenWeight);
    for (let i = 0; i < vocabSize; i++) embeddings[i * dims + j] = svd.u[i * dims + j] * w;
  }
  return {
    embeddings,
    dims,
    vocabSize,
    singularValues: svd.s,
    cooccurrenceNnz: counts.values.length,
    ppmiNnz: ppmi.values.length,
    seconds: { count: (t1 - t0) / 1000, ppmi: (t2 - t1) / 1000, svd: (t3 - t2) / 1000 },
  };
}
