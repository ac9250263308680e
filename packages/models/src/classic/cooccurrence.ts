import { NumfeatError } from '@numfeat/core';

/** A sparse matrix in compressed sparse row form (float64 values). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Row i's entries are at [rowPtr[i], rowPtr[i+1]). */
  rowPtr: Float64Array;
  colIdx: Int32Array;
  values: Float64Array;
}

export type CooccurrenceWeighting = 'uniform' | 'harmonic';

/**
 * Symmetric word–context co-occurrence counts within ±window:
 *   C[w][c] = Σ over position pairs (i, j), 0 < |i − j| ≤ window, w_i = w, w_j = c of weight(|i − j|),
 * weight = 1 ('uniform', the default) or 1/|i − j| ('harmonic', GloVe-style). Each unordered
 * pair of positions adds to both C[w][c] and C[c][w] (so a word next to itself adds 2 to C[w][w]).
 * Counting goes through an open-addressing hash of the upper triangle (16 bytes per distinct pair),
 * then expands to a CSR matrix with both triangles.
 */
export function cooccurrenceCounts(ids: Int32Array, vocabSize: number, window: number, weighting: CooccurrenceWeighting = 'uniform'): CsrMatrix {
  const table = new PairTable(1 << 16);
  const n = ids.length;
  const harmonic = weighting === 'harmonic';
  for (let i = 0; i < n; i++) {
    const a = ids[i];
    const hi = Math.min(n - 1, i + window);
    for (let j = i + 1; j <= hi; j++) {
      const b = ids[j];
      const w = harmonic ? 1 / (j - i) : 1;
      if (a < b) table.add(a, b, w);
      else if (a > b) table.add(b, a, w);
      else table.add(a, a, 2 * w);
    }
  }
  return table.toSymmetricCsr(vocabSize);
}

/** Open addressing with linear probing; keys (a, b) with a ≤ b, a stored +1 so 0 means empty. */
class PairTable {
  private ka: Int32Array;
  private kb: Int32Array;
  private val: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity: number) {
    this.ka = new Int32Array(capacity);
    this.kb = new Int32Array(capacity);
    this.val = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  add(a: number, b: number, w: number): void {
    const ka = this.ka;
    const kb = this.kb;
    const mask = this.mask;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    const a1 = a + 1;
    for (;;) {
      const k = ka[h];
      if (k === a1 && kb[h] === b) {
        this.val[h] += w;
        return;
      }
      if (k === 0) break;
      h = (h + 1) & mask;
    }
    ka[h] = a1;
    kb[h] = b;
    this.val[h] = w;
    if (++this.size * 2 > this.ka.length) this.grow();
  }

  private grow(): void {
    const { ka, kb, val } = this;
    const cap = ka.length * 2;
    if (cap > 2 ** 30) {
      throw new NumfeatError('BAD_RANGE', `more than ${2 ** 29} distinct co-occurring pairs`, {
        fix: 'use a smaller window or vocabulary (e.g. compact rare tokens into one id)',
      });
    }
    this.ka = new Int32Array(cap);
    this.kb = new Int32Array(cap);
    this.val = new Float64Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < ka.length; i++) if (ka[i] !== 0) this.add(ka[i] - 1, kb[i], val[i]);
  }

  toSymmetricCsr(n: number): CsrMatrix {
    const { ka, kb, val } = this;
    const perRow = new Float64Array(n + 1);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] === 0) continue;
      const a = ka[i] - 1;
      perRow[a + 1]++;
      if (kb[i] !== a) perRow[kb[i] + 1]++;
    }
    for (let r = 0; r < n; r++) perRow[r + 1] += perRow[r];
    const rowPtr = Float64Array.from(perRow);
    const nnz = rowPtr[n];
    const colIdx = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const fill = perRow; // reused as the write cursor per row
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] === 0) continue;
      const a = ka[i] - 1;
      const b = kb[i];
      let p = fill[a]++;
      colIdx[p] = b;
      values[p] = val[i];
      if (b !== a) {
        p = fill[b]++;
        colIdx[p] = a;
        values[p] = val[i];
      }
    }
    sortRows(rowPtr, colIdx, values, n);
    return { rows: n, cols: n, rowPtr, colIdx, values };
  }
}

/** Sorts each row by column (insertion sort: rows are short), so the layout is canonical. */
function sortRows(rowPtr: Float64Array, colIdx: Int32Array, values: Float64Array, n: number): void {
  for (let r = 0; r < n; r++) {
    const s = rowPtr[r];
    const e = rowPtr[r + 1];
    if (e - s > 64) {
      // Native typed-array sort on packed keys col·len + offset (exact below 2^53).
      const len = e - s;
      const keys = new Float64Array(len);
      for (let k = 0; k < len; k++) keys[k] = colIdx[s + k] * len + k;
      keys.sort();
      const v = values.slice(s, e);
      for (let k = 0; k < len; k++) {
        const off = keys[k] % len;
        colIdx[s + k] = (keys[k] - off) / len;
        values[s + k] = v[off];
      }
      continue;
    }
    for (let i = s + 1; i < e; i++) {
      const c = colIdx[i];
      const v = values[i];
      let j = i - 1;
      while (j >= s && colIdx[j] > c) {
        colIdx[j + 1] = colIdx[j];
        values[j + 1] = values[j];
        j--;
      }
      colIdx[j + 1] = c;
      values[j + 1] = v;
    }
  }
}
