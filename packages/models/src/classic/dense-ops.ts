import type { CsrMatrix } from './cooccurrence.js';
import { SVD_F64_WASM_BASE64 } from './svd-f64-wasm.js';

/**
 * The products the randomized SVD needs, on row-major float64 blocks. `plainOps` runs them as
 * TypeScript loops; `wasmOps` keeps every block in one WebAssembly memory and runs the f64x2
 * kernels of wasm/svd-f64.wat (falling back to the loops for odd row lengths). Blocks come from
 * `alloc` (zeroed) and go back with `release`, so the memory holds a few blocks at a time.
 */
export interface DenseOps {
  alloc(n: number): Float64Array;
  release(a: Float64Array): void;
  /** Y += A·X (X: A.cols × l, Y: A.rows × l). */
  csrTimes(X: Float64Array, l: number, Y: Float64Array): void;
  /** Z += Aᵀ·Q (Q: A.rows × l, Z: A.cols × l). */
  csrTransposeTimes(Q: Float64Array, l: number, Z: Float64Array): void;
  /** G += YᵀY (Y: m × l, G: l × l, full). */
  gram(Y: Float64Array, m: number, l: number, G: Float64Array): void;
  /** out += Y·W (Y: m × l, W: l × r, out: m × r). */
  times(Y: Float64Array, m: number, l: number, W: Float64Array, r: number, out: Float64Array): void;
}

function csrTimesPlain(A: CsrMatrix, X: Float64Array, l: number, Y: Float64Array): void {
  const { rowPtr, colIdx, values } = A;
  for (let i = 0; i < A.rows; i++) {
    const yo = i * l;
    for (let p = rowPtr[i], e = rowPtr[i + 1]; p < e; p++) {
      const v = values[p];
      const xo = colIdx[p] * l;
      for (let j = 0; j < l; j++) Y[yo + j] += v * X[xo + j];
    }
  }
}

function csrTransposeTimesPlain(A: CsrMatrix, Q: Float64Array, l: number, Z: Float64Array): void {
  const { rowPtr, colIdx, values } = A;
  for (let i = 0; i < A.rows; i++) {
    const qo = i * l;
    for (let p = rowPtr[i], e = rowPtr[i + 1]; p < e; p++) {
      const v = values[p];
      const zo = colIdx[p] * l;
      for (let j = 0; j < l; j++) Z[zo + j] += v * Q[qo + j];
    }
  }
}

function gramPlain(Y: Float64Array, m: number, l: number, G: Float64Array): void {
  // Upper triangle, then mirrored: half the work of the full product.
  for (let i = 0; i < m; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ya = Y[o + a];
      if (ya === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) G[ga + b] += ya * Y[o + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a];
}

function timesPlain(Y: Float64Array, m: number, l: number, W: Float64Array, r: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const yo = i * l;
    const oo = i * r;
    for (let a = 0; a < l; a++) {
      const ya = Y[yo + a];
      if (ya === 0) continue;
      const wo = a * r;
      for (let j = 0; j < r; j++) out[oo + j] += ya * W[wo + j];
    }
  }
}

export function plainOps(A: CsrMatrix): DenseOps {
  return {
    alloc: (n) => new Float64Array(n),
    release: () => {},
    csrTimes: (X, l, Y) => csrTimesPlain(A, X, l, Y),
    csrTransposeTimes: (Q, l, Z) => csrTransposeTimesPlain(A, Q, l, Z),
    gram: gramPlain,
    times: timesPlain,
  };
}

let svdModule: WebAssembly.Module | null | undefined;
function module(): WebAssembly.Module | null {
  if (svdModule === undefined) {
    try {
      svdModule = new WebAssembly.Module(Uint8Array.from(atob(SVD_F64_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      svdModule = null;
    }
  }
  return svdModule;
}

/**
 * WebAssembly ops, or null when unavailable or when A plus `blocks` blocks of `blockDoubles`
 * doubles (and small l×l matrices) would not fit in 4 GiB.
 */
export function wasmOps(A: CsrMatrix, blockDoubles: number, blocks: number, l: number): DenseOps | null {
  const mod = module();
  if (!mod) return null;
  const nnz = A.values.length;
  const align = (n: number) => (n + 15) & ~15;
  const csrBytes = align((A.rows + 1) * 4) + align(nnz * 4) + align(nnz * 8);
  const poolBytes = blocks * align(blockDoubles * 8) + 16 * align(l * l * 8) + (1 << 20);
  const pages = Math.ceil((csrBytes + poolBytes) / 65536);
  if (pages > 65535) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const ex = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as Record<string, (...a: number[]) => void>;
  const buf = memory.buffer;
  let top = 0;
  const rowPtr = new Int32Array(buf, top, A.rows + 1);
  for (let i = 0; i <= A.rows; i++) rowPtr[i] = A.rowPtr[i];
  top += align((A.rows + 1) * 4);
  const colIdx = new Int32Array(buf, top, nnz);
  colIdx.set(A.colIdx);
  top += align(nnz * 4);
  const vals = new Float64Array(buf, top, nnz);
  vals.set(A.values);
  top += align(nnz * 8);
  const free = new Map<number, Float64Array[]>();
  const plain = plainOps(A);
  const even = (r: number) => r % 2 === 0;
  return {
    alloc(n) {
      const reuse = free.get(n)?.pop();
      if (reuse) return reuse.fill(0);
      if (top + n * 8 > buf.byteLength) throw new RangeError('wasm SVD arena exhausted');
      const a = new Float64Array(buf, top, n);
      top += align(n * 8);
      return a;
    },
    release(a) {
      if (a.buffer !== buf) return;
      const list = free.get(a.length) ?? [];
      list.push(a);
      free.set(a.length, list);
    },
    csrTimes(X, l, Y) {
      if (!even(l) || X.buffer !== buf || Y.buffer !== buf) return plain.csrTimes(X, l, Y);
      ex.csrAxpy(A.rows, rowPtr.byteOffset, colIdx.byteOffset, vals.byteOffset, X.byteOffset, Y.byteOffset, l, 0);
    },
    csrTransposeTimes(Q, l, Z) {
      if (!even(l) || Q.buffer !== buf || Z.buffer !== buf) return plain.csrTransposeTimes(Q, l, Z);
      ex.csrAxpy(A.rows, rowPtr.byteOffset, colIdx.byteOffset, vals.byteOffset, Q.byteOffset, Z.byteOffset, l, 1);
    },
    gram(Y, m, l, G) {
      if (!even(l) || Y.buffer !== buf || G.buffer !== buf) return plain.gram(Y, m, l, G);
      ex.gramUpper(m, l, Y.byteOffset, G.byteOffset);
      for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a];
    },
    times(Y, m, l, W, r, out) {
      if (!even(r) || Y.buffer !== buf || W.buffer !== buf || out.buffer !== buf) return plain.times(Y, m, l, W, r, out);
      ex.ab(m, l, r, Y.byteOffset, W.byteOffset, out.byteOffset);
    },
  };
}
