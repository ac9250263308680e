import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { createRng } from '@numfeat/data-gen';
import { cooccurrenceCounts, type CsrMatrix } from './cooccurrence.js';
import { ppmiMatrix, trainPpmi } from './ppmi.js';
import { randomizedSvd } from './randomized-svd.js';
import { symmetricEigen } from '@numfeat/probes';
import { jacobiSvd } from './reference-svd.js';

function randomStream(n: number, vocab: number, seed: number): Int32Array {
  const rng = createRng(seed);
  // Skewed so that some pairs repeat many times and the diagonal (w next to w) occurs.
  return Int32Array.from({ length: n }, () => Math.floor(vocab * rng.next() ** 2));
}

function dense(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) out[i * m.cols + m.colIdx[p]] += m.values[p];
  return out;
}

function csrFromDense(a: ArrayLike<number>, rows: number, cols: number): CsrMatrix {
  const rowPtr = new Float64Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) if (a[i * cols + j] !== 0) { colIdx.push(j); values.push(a[i * cols + j]); }
    rowPtr[i + 1] = colIdx.length;
  }
  return { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}

/** Brute force: C[w][c] = Σ over ordered position pairs i ≠ j, |i − j| ≤ window. */
function bruteCounts(ids: Int32Array, V: number, window: number, harmonic: boolean): Float64Array {
  const C = new Float64Array(V * V);
  for (let i = 0; i < ids.length; i++) for (let j = 0; j < ids.length; j++) {
    const dist = Math.abs(i - j);
    if (dist === 0 || dist > window) continue;
    C[ids[i] * V + ids[j]] += harmonic ? 1 / dist : 1;
  }
  return C;
}

describe('cooccurrenceCounts', () => {
  for (const weighting of ['uniform', 'harmonic'] as const) {
    it(`matches brute-force window counts (${weighting})`, () => {
      const V = 9;
      const ids = randomStream(300, V, 1);
      for (const window of [1, 3]) {
        const got = cooccurrenceCounts(ids, V, window, weighting);
        const want = bruteCounts(ids, V, window, weighting === 'harmonic');
        const g = dense(got);
        for (let k = 0; k < V * V; k++) expect(g[k]).toBeCloseTo(want[k], 10);
        // CSR is canonical: columns ascending within each row.
        for (let i = 0; i < V; i++) for (let p = got.rowPtr[i] + 1; p < got.rowPtr[i + 1]; p++) expect(got.colIdx[p]).toBeGreaterThan(got.colIdx[p - 1]);
      }
    });
  }

  it('sorts long rows and survives hash-table growth', () => {
    const V = 400;
    const ids = randomStream(20_000, V, 2);
    const got = dense(cooccurrenceCounts(ids, V, 2));
    const want = new Float64Array(V * V);
    for (let i = 0; i < ids.length; i++) for (let j = Math.max(0, i - 2); j <= Math.min(ids.length - 1, i + 2); j++) if (j !== i) want[ids[i] * V + ids[j]]++;
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});

describe('ppmiMatrix', () => {
  it('equals max(0, log P(w,c) / (P(w) P_α(c))) computed directly', () => {
    const V = 8;
    const ids = randomStream(400, V, 3);
    const C = bruteCounts(ids, V, 2, false);
    for (const alpha of [0.75, 1]) {
      const got = dense(ppmiMatrix(cooccurrenceCounts(ids, V, 2), alpha));
      let D = 0;
      const row = new Float64Array(V), col = new Float64Array(V);
      for (let w = 0; w < V; w++) for (let c = 0; c < V; c++) { D += C[w * V + c]; row[w] += C[w * V + c]; col[c] += C[w * V + c]; }
      let Z = 0;
      for (let c = 0; c < V; c++) Z += col[c] ** alpha;
      for (let w = 0; w < V; w++) for (let c = 0; c < V; c++) {
        const pwc = C[w * V + c] / D;
        const pmi = Math.log(pwc / ((row[w] / D) * (col[c] ** alpha / Z)));
        const want = C[w * V + c] > 0 ? Math.max(0, pmi) : 0;
        expect(got[w * V + c]).toBeCloseTo(want, 12);
      }
    }
  });
});

describe('symmetricEigen', () => {
  it('reconstructs A = V Λ Vᵀ with orthonormal V and sorted eigenvalues', () => {
    const n = 12;
    const rng = createRng(4);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.next() - 0.5;
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let r = 0, o = 0;
      for (let k = 0; k < n; k++) {
        r += vectors[i * n + k] * values[k] * vectors[j * n + k];
        o += vectors[k * n + i] * vectors[k * n + j];
      }
      expect(r).toBeCloseTo(a[i * n + j], 12);
      expect(o).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
});

describe('randomizedSvd', () => {
  it('is exact when k + oversample covers the rank (random dense 40×12)', () => {
    const rng = createRng(5);
    const m = 40, n = 12;
    const a = Float64Array.from({ length: m * n }, () => rng.next() - 0.5);
    const ref = jacobiSvd(a, m, n);
    const got = randomizedSvd(csrFromDense(a, m, n), 4, { oversample: 10, powerIterations: 0 });
    for (let j = 0; j < 4; j++) expect(Math.abs(got.s[j] - ref.s[j])).toBeLessThan(1e-6 * ref.s[0]);
    // Left vectors equal up to sign.
    for (let j = 0; j < 4; j++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += got.u[i * 4 + j] * ref.u[i * ref.r + j];
      expect(Math.abs(dot)).toBeCloseTo(1, 8);
    }
  });

  it('finds the top singular values of a larger matrix with a decaying spectrum to 1e-6', () => {
    // A = U diag(σ) Wᵀ with σ_i = 0.6^i, U, W orthonormal (from Jacobi SVDs of random matrices).
    const rng = createRng(6);
    const m = 80, n = 60;
    const u = jacobiSvd(Float64Array.from({ length: m * n }, () => rng.next() - 0.5), m, n).u; // m × n
    const w = jacobiSvd(Float64Array.from({ length: n * n }, () => rng.next() - 0.5), n, n).u; // n × n
    const sigma = Float64Array.from({ length: n }, (_, i) => 10 * 0.6 ** i);
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += u[i * n + k] * sigma[k] * w[j * n + k];
      a[i * n + j] = s;
    }
    const ref = jacobiSvd(a, m, n);
    for (let j = 0; j < 6; j++) expect(ref.s[j]).toBeCloseTo(sigma[j], 10); // the reference itself
    const got = randomizedSvd(csrFromDense(a, m, n), 6, { oversample: 10, powerIterations: 4, seed: 1 });
    for (let j = 0; j < 6; j++) expect(Math.abs(got.s[j] - ref.s[j])).toBeLessThan(1e-6);
  });

  it('the f64x2 WebAssembly products agree with the plain loops (odd and even widths)', () => {
    const V = 50;
    const P = ppmiMatrix(cooccurrenceCounts(randomStream(5000, V, 11), V, 3));
    for (const [k, oversample] of [[6, 10], [5, 2]]) {
      const a = randomizedSvd(P, k, { oversample, seed: 2 });
      const b = randomizedSvd(P, k, { oversample, seed: 2, simd: false });
      for (let j = 0; j < k; j++) expect(a.s[j]).toBeCloseTo(b.s[j], 9);
      for (let i = 0; i < a.u.length; i++) expect(a.u[i]).toBeCloseTo(b.u[i], 7);
    }
  });

  it('handles a matrix of rank below k (zero singular values, no NaN)', () => {
    const m = 10, n = 10;
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i + 1) * (j + 2); // rank 1
    const got = randomizedSvd(csrFromDense(a, m, n), 3);
    expect(got.s[0]).toBeCloseTo(jacobiSvd(a, m, n).s[0], 8);
    expect(got.s[1]).toBe(0);
    expect(Array.from(got.u).every(Number.isFinite)).toBe(true);
  });
});

describe('trainPpmi', () => {
  it('embeddings = U·Σ^½ of the exact SVD of the PPMI matrix (small vocabulary, exact regime)', () => {
    const V = 12;
    const ids = randomStream(2000, V, 7);
    const r = trainPpmi(ids, { vocabSize: V, dims: 3, window: 2 });
    const P = dense(ppmiMatrix(cooccurrenceCounts(ids, V, 2), 0.75));
    const ref = jacobiSvd(P, V, V);
    for (let j = 0; j < 3; j++) expect(Math.abs(r.singularValues[j] - ref.s[j])).toBeLessThan(1e-6);
    // E·Eᵀ = U_k Σ_k U_kᵀ is sign-free.
    for (let a = 0; a < V; a++) for (let b = 0; b < V; b++) {
      let got = 0, want = 0;
      for (let j = 0; j < 3; j++) {
        got += r.embeddings[a * 3 + j] * r.embeddings[b * 3 + j];
        want += ref.u[a * V + j] * ref.s[j] * ref.u[b * V + j];
      }
      expect(got).toBeCloseTo(want, 8);
    }
    expect(r.ppmiNnz).toBeLessThan(r.cooccurrenceNnz);
  });

  it('gives tokens with identical contexts near-identical rows, unrelated ones not', () => {
    // 0 and 1 are interchangeable (each follows a token of group A), 2 follows group B tokens.
    const rng = createRng(8);
    const out: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const group = rng.int(2);
      out.push(3 + group * 5 + rng.int(5), group === 0 ? rng.int(2) : 2);
    }
    const r = trainPpmi(Int32Array.from(out), { vocabSize: 13, dims: 4, window: 1 });
    const cos = (a: number, b: number) => {
      let ab = 0, aa = 0, bb = 0;
      for (let j = 0; j < 4; j++) { const x = r.embeddings[a * 4 + j], y = r.embeddings[b * 4 + j]; ab += x * y; aa += x * x; bb += y * y; }
      return ab / Math.sqrt(aa * bb);
    };
    expect(cos(0, 1)).toBeGreaterThan(0.95);
    expect(cos(0, 2)).toBeLessThan(0.5);
  });

  it('is deterministic for a seed; rows of absent ids are zero', () => {
    const ids = randomStream(3000, 30, 9).map((t) => (t === 29 ? 28 : t));
    const a = trainPpmi(ids, { vocabSize: 30, dims: 5, powerIterations: 1, oversample: 2 });
    const b = trainPpmi(ids, { vocabSize: 30, dims: 5, powerIterations: 1, oversample: 2 });
    expect(Array.from(a.embeddings)).toEqual(Array.from(b.embeddings));
    expect(Array.from(a.embeddings.slice(29 * 5)).every((v) => v === 0)).toBe(true);
  });

  it('rejects bad input with a NumfeatError that says how to fix it', () => {
    const ids = randomStream(100, 20, 10);
    const expectError = (f: () => unknown, code: string, fix: RegExp) => {
      let e: unknown = null;
      try { f(); } catch (x) { e = x; }
      expect(isNumfeatError(e, code as never)).toBe(true);
      expect((e as Error).message).toMatch(fix);
    };
    expectError(() => trainPpmi(ids, { vocabSize: 5, dims: 2 }), 'BAD_RANGE', /vocabSize ≥ \d+/);
    expectError(() => trainPpmi(ids, { vocabSize: 20, window: 0 }), 'BAD_RANGE', /window/);
    expectError(() => trainPpmi(ids, { vocabSize: 20, dims: 20 }), 'BAD_RANGE', /dims < 20/);
    expectError(() => trainPpmi(ids, { vocabSize: 20, dims: 2, cdsAlpha: 0 }), 'BAD_RANGE', /0\.75/);
    expectError(() => trainPpmi(ids, { vocabSize: 20, dims: 2, weighting: 'log' as never }), 'BAD_ARGUMENT', /uniform/);
    expectError(() => trainPpmi(Int32Array.from([3]), { vocabSize: 20, dims: 2 }), 'EMPTY_INPUT', /longer/);
    expectError(() => trainPpmi([1, 2.5, 3], { vocabSize: 20, dims: 2 }), 'BAD_RANGE', /whole numbers/);
  });
});
