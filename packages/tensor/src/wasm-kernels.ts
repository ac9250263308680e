// numfeat's WebAssembly SIMD kernels (src/wasm/kernels.c) inside TF.js's wasm backend. The module
// imports the backend's own memory, so a kernel reads its inputs and writes its output where TF.js
// keeps them: no copies. Installed by initBackend('wasm'); until then (or where the module cannot
// load) every kernel falls back to TF.js's own.
//
// What they replace, and why (profile of one training step, d = 64, B·T = 1024, V ≈ 1.7k):
// - BatchMatMul: TF.js's wasm kernel runs a naive loop whenever an operand is transposed or
//   batched (1–2 GFLOP/s): every backward matMul and every attention matMul took that path.
// - UnsortedSegmentSum (absent on wasm): the embedding gradient became a one-hot matMul as large
//   as the output projection.
// - Slice and SplitV: TF.js's wasm Slice copies the whole source into JavaScript first; here one
//   strided copy inside the heap.
// - Identity and same-dtype Cast: TF.js's wasm kernels copy the data (every Multiply gradient casts
//   its saved inputs to float32); here they share it, as the cpu backend does.
// - NumfeatNll / NumfeatNllGrad: next-token cross-entropy in two passes over the logits instead of
//   a dozen generic ops over [B·T, V] (the largest tensors of a step).
import { tf } from './tf.js';
import { KERNELS_WASM_BASE64 } from './wasm-kernels-binary.js';
import { NLL_GRAD_KERNEL, NLL_KERNEL } from './cross-entropy.js';
import { LSTM_SCAN_GRAD_KERNEL, LSTM_SCAN_KERNEL } from './lstm-scan.js';
import { ADAMW_KERNEL, type FusedAdamWHyper } from './optimizer-kernels.js';
import { RMS_NORM_GRAD_KERNEL, RMS_NORM_KERNEL } from './rms-norm.js';
import { ATTENTION_GRAD_KERNEL, ATTENTION_KERNEL } from './attention.js';

type TensorInfo = { dataId: object; shape: number[]; dtype: string };
interface WasmModule {
  asm: { memory: WebAssembly.Memory };
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}
interface WasmBackend {
  wasm: WasmModule;
  incRef(dataId: object): void;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: string): TensorInfo;
  disposeData(dataId: object): void;
}
interface Exports {
  gemm(a: number, b: number, c: number, pack: number, batch: number, m: number, n: number, k: number, ars: number, acs: number, brs: number, bcs: number, aStride: number, bStride: number): void;
  softmax_row_stats(x: number, stats: number, rows: number, v: number): void;
  softmax_xent_grad(x: number, targets: number, lse: number, g: number, dx: number, rows: number, v: number): void;
  scatter_add_rows(x: number, ids: number, out: number, n: number, d: number, segments: number): void;
  lstm_forward(xg: number, wh: number, hs: number, cs: number, acts: number, scratch: number, t: number, b: number, h: number): void;
  adamw_update(p: number, g: number, m: number, v: number, po: number, mo: number, vo: number, n: number, lr: number, b1: number, b2: number, bc1: number, bc2: number, eps: number, keep: number): void;
  attention_forward(q: number, k: number, v: number, out: number, stats: number, scores: number, n: number, t: number, hd: number, group: number, scale: number): void;
  attention_backward(q: number, k: number, v: number, out: number, stats: number, dout: number, dq: number, dk: number, dv: number, n: number, t: number, hd: number, group: number, scale: number): void;
  slice4(x: number, out: number, n0: number, n1: number, n2: number, n3: number, s0: number, s1: number, s2: number, start: number): void;
  rmsnorm_forward(x: number, gain: number, y: number, rstd: number, r: number, d: number, eps: number): void;
  rmsnorm_backward(dy: number, x: number, gain: number, rstd: number, dx: number, dgain: number, r: number, d: number): void;
  lstm_backward(dy: number, wh: number, hs: number, cs: number, acts: number, dxg: number, dwh: number, scratch: number, t: number, b: number, h: number): void;
}
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: Record<string, unknown> };

/** One instance per backend object (a re-created wasm backend gets a new memory). */
const instances = new WeakMap<object, { exports: Exports; scratch: number; scratchBytes: number }>();
/** TF.js's own wasm kernels that ours replace, kept for the cases ours hand back to them. */
const originals = new Map<string, tf.KernelConfig>();
let registered = false;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') return Uint8Array.from(Buffer.from(b64, 'base64'));
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Loads the kernels into the active wasm backend and registers them. Returns the names of the
 * kernels now served by numfeat, or an empty list when the module could not be instantiated.
 */
export async function installWasmKernels(): Promise<string[]> {
  const backend = tf.backend() as unknown as WasmBackend;
  if (!backend?.wasm?.asm?.memory) return [];
  if (!instances.has(backend)) {
    try {
      const module = await WebAssembly.compile(decodeBase64(KERNELS_WASM_BASE64));
      const instance = await WebAssembly.instantiate(module, { env: { memory: backend.wasm.asm.memory } });
      instances.set(backend, { exports: instance.exports as unknown as Exports, scratch: 0, scratchBytes: 0 });
    } catch {
      return []; // e.g. a browser without wasm SIMD: TF.js's own kernels stay in place
    }
  }
  if (!registered) {
    for (const [name, kernelFunc] of Object.entries(WASM_KERNELS)) {
      const own = tf.getKernel(name, 'wasm');
      if (own) {
        originals.set(name, own);
        tf.unregisterKernel(name, 'wasm');
      }
      tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    }
    registered = true;
  }
  return WASM_KERNEL_NAMES.slice();
}

/** TF.js's own kernel `name` on `args` (registered before ours replaced it). */
function fallback(name: string, args: KernelArgs): TensorInfo {
  return originals.get(name)!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo;
}

/** True when the active backend runs numfeat's wasm kernels (so transposed matMuls are fast). */
export function hasWasmKernels(): boolean {
  return instances.has(tf.backend());
}

const offset = (backend: WasmBackend, t: TensorInfo): number => backend.dataIdMap.get(t.dataId).memoryOffset;

/** A scratch block of at least `bytes` in the backend's heap, kept between calls. */
function scratch(backend: WasmBackend, bytes: number): number {
  const inst = instances.get(backend)!;
  if (inst.scratchBytes < bytes) {
    if (inst.scratch) backend.wasm._free(inst.scratch);
    inst.scratchBytes = Math.max(bytes, inst.scratchBytes * 2);
    inst.scratch = backend.wasm._malloc(inst.scratchBytes) >>> 0;
  }
  return inst.scratch;
}

const sizeOf = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
/** Columns padded to the GEMM's 8-wide blocks (kernels.c's round8). */
const round8 = (n: number): number => (n + 7) & ~7;

/** A new tensor on the same data (TF.js tensors are immutable, so sharing is safe). */
function shareData(backend: WasmBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function identity(args: KernelArgs): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype === 'string') return fallback('Identity', args);
  return shareData(args.backend, x);
}

function cast(args: KernelArgs): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype === args.attrs.dtype && x.dtype !== 'string') return shareData(args.backend, x);
  return fallback('Cast', args);
}

function batchMatMul(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const inst = instances.get(backend);
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  if (!inst || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
    return fallback('BatchMatMul', args);
  }
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (k !== kb) {
    throw new Error(`Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
  }
  const outerShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = sizeOf(outerShape);
  const out = backend.makeOutput([...outerShape, m, n], 'float32');
  if (m * n * batch === 0) return out;
  if (k === 0) {
    backend.wasm.HEAPF32.fill(0, offset(backend, out) / 4, offset(backend, out) / 4 + sizeOf(out.shape));
    return out;
  }
  const pack = scratch(backend, (k * round8(n) + 4 * k) * 4); // packed B, then one 4-row panel of A
  // Element (i, k) of A and (k, j) of B as strides into their row-major storage.
  const [ars, acs] = transposeA ? [1, m] : [k, 1];
  const [brs, bcs] = transposeB ? [1, k] : [n, 1];
  const [pa, pb, pc] = [offset(backend, a), offset(backend, b), offset(backend, out)];
  if (batchA === batch && (batchB === batch || batchB === 1) || batchB === batch && batchA === 1) {
    // Batch t of A with batch t of B, or one side broadcast: one call.
    inst.exports.gemm(pa, pb, pc, pack, batch, m, n, k, ars, acs, brs, bcs, batchA === 1 ? 0 : m * k, batchB === 1 ? 0 : k * n);
  } else {
    // Both sides broadcast ([3, 1] · [1, 2] → [3, 2]): one product per output batch.
    const sourceA = broadcastSources(outerShape, a.shape.slice(0, -2));
    const sourceB = broadcastSources(outerShape, b.shape.slice(0, -2));
    for (let t = 0; t < batch; t++) {
      inst.exports.gemm(pa + sourceA[t]! * m * k * 4, pb + sourceB[t]! * k * n * 4, pc + t * m * n * 4, pack, 1, m, n, k, ars, acs, brs, bcs, 0, 0);
    }
  }
  return out;
}

/** For each flat index of the broadcast shape `outer`, the flat index into `shape` it reads. */
function broadcastSources(outer: number[], shape: number[]): number[] {
  const padded = [...new Array<number>(outer.length - shape.length).fill(1), ...shape];
  const sources: number[] = [];
  for (let t = 0; t < sizeOf(outer); t++) {
    let rest = t;
    let src = 0;
    let stride = 1;
    for (let d = outer.length - 1; d >= 0; d--) {
      const coord = rest % outer[d]!;
      rest = Math.floor(rest / outer[d]!);
      if (padded[d] !== 1) src += coord * stride;
      stride *= padded[d]!;
    }
    sources.push(src);
  }
  return sources;
}

function unsortedSegmentSum(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const segments = attrs.numSegments as number;
  if (x.dtype !== 'float32' || segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new Error(`numfeat's wasm UnsortedSegmentSum supports float32 x with one id per row, got x [${x.shape}] (${x.dtype}) and ids [${segmentIds.shape}]`);
  }
  const rows = x.shape[0] ?? 1;
  const width = sizeOf(x.shape.slice(1));
  const out = backend.makeOutput([segments, ...x.shape.slice(1)], 'float32');
  instances.get(backend)!.exports.scatter_add_rows(offset(backend, x), offset(backend, segmentIds), offset(backend, out), rows, width, segments);
  return out;
}

function nll(args: KernelArgs): TensorInfo[] {
  const { inputs, backend } = args;
  const { logits, targets } = inputs as { logits: TensorInfo; targets: TensorInfo };
  const [rows, v] = logits.shape as [number, number];
  const stats = backend.makeOutput([rows, 2], 'float32');
  instances.get(backend)!.exports.softmax_row_stats(offset(backend, logits), offset(backend, stats), rows, v);
  const nllOut = backend.makeOutput([rows], 'float32');
  const lseOut = backend.makeOutput([rows], 'float32');
  // One log per row is cheap in JS; the views are taken after every allocation (the heap may grow).
  const heap = backend.wasm.HEAPF32;
  const ids = new Int32Array(heap.buffer, offset(backend, targets), rows);
  const st = offset(backend, stats) / 4;
  const x = offset(backend, logits) / 4;
  const nl = offset(backend, nllOut) / 4;
  const ls = offset(backend, lseOut) / 4;
  for (let i = 0; i < rows; i++) {
    const lse = heap[st + 2 * i]! + Math.log(heap[st + 2 * i + 1]!);
    const t = ids[i]!;
    heap[ls + i] = lse;
    heap[nl + i] = t >= 0 && t < v ? lse - heap[x + i * v + t]! : 0;
  }
  backend.disposeData(stats.dataId);
  return [nllOut, lseOut];
}

function nllGrad(args: KernelArgs): TensorInfo {
  const { inputs, backend } = args;
  const { logits, targets, lse, dy } = inputs as Record<'logits' | 'targets' | 'lse' | 'dy', TensorInfo>;
  const [rows, v] = logits.shape as [number, number];
  const out = backend.makeOutput([rows, v], 'float32');
  instances.get(backend)!.exports.softmax_xent_grad(
    offset(backend, logits), offset(backend, targets), offset(backend, lse), offset(backend, dy), offset(backend, out), rows, v,
  );
  return out;
}

function lstmScan(args: KernelArgs): TensorInfo[] {
  const { inputs, backend } = args;
  const { xGates, wh } = inputs as { xGates: TensorInfo; wh: TensorInfo };
  const [t, b, g] = xGates.shape as [number, number, number];
  const h = g / 4;
  const work = scratch(backend, (h * round8(g) + b * g) * 4);
  const hs = backend.makeOutput([t, b, h], 'float32');
  const cs = backend.makeOutput([t, b, h], 'float32');
  const acts = backend.makeOutput([t, b, g], 'float32');
  instances.get(backend)!.exports.lstm_forward(
    offset(backend, xGates), offset(backend, wh), offset(backend, hs), offset(backend, cs), offset(backend, acts), work, t, b, h,
  );
  return [hs, cs, acts];
}

function lstmScanGrad(args: KernelArgs): TensorInfo[] {
  const { inputs, backend } = args;
  const { dy, wh, hs, cs, acts } = inputs as Record<'dy' | 'wh' | 'hs' | 'cs' | 'acts', TensorInfo>;
  const [t, b, h] = hs.shape as [number, number, number];
  const g = 4 * h;
  const work = scratch(backend, Math.max(g * round8(h) + 2 * b * h, (t - 1) * b * (round8(g) + 4)) * 4);
  const dxg = backend.makeOutput([t, b, g], 'float32');
  const dwh = backend.makeOutput([h, g], 'float32');
  instances.get(backend)!.exports.lstm_backward(
    offset(backend, dy), offset(backend, wh), offset(backend, hs), offset(backend, cs), offset(backend, acts),
    offset(backend, dxg), offset(backend, dwh), work, t, b, h,
  );
  return [dxg, dwh];
}

function adamw(args: KernelArgs): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { p, g, m, v } = inputs as Record<'p' | 'g' | 'm' | 'v', TensorInfo>;
  const h = attrs as unknown as FusedAdamWHyper;
  const outs = [p, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
  instances.get(backend)!.exports.adamw_update(
    offset(backend, p), offset(backend, g), offset(backend, m), offset(backend, v),
    offset(backend, outs[0]!), offset(backend, outs[1]!), offset(backend, outs[2]!), sizeOf(p.shape),
    h.lr, h.beta1, h.beta2, h.bc1, h.bc2, h.eps, h.keep,
  );
  return outs;
}

function rmsNorm(args: KernelArgs): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, gain } = inputs as { x: TensorInfo; gain: TensorInfo };
  const [r, d] = x.shape as [number, number];
  const y = backend.makeOutput([r, d], 'float32');
  const rstd = backend.makeOutput([r], 'float32');
  instances.get(backend)!.exports.rmsnorm_forward(offset(backend, x), offset(backend, gain), offset(backend, y), offset(backend, rstd), r, d, attrs.eps as number);
  return [y, rstd];
}

function rmsNormGrad(args: KernelArgs): TensorInfo[] {
  const { inputs, backend } = args;
  const { dy, x, gain, rstd } = inputs as Record<'dy' | 'x' | 'gain' | 'rstd', TensorInfo>;
  const [r, d] = x.shape as [number, number];
  const dx = backend.makeOutput([r, d], 'float32');
  const dgain = backend.makeOutput([d], 'float32');
  instances.get(backend)!.exports.rmsnorm_backward(
    offset(backend, dy), offset(backend, x), offset(backend, gain), offset(backend, rstd), offset(backend, dx), offset(backend, dgain), r, d,
  );
  return [dx, dgain];
}

const FOUR_BYTE_TYPES = new Set(['float32', 'int32']);

function slice(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as tf.TensorInfo, attrs.begin as number[], attrs.size as number[]);
  if (!FOUR_BYTE_TYPES.has(x.dtype) || x.shape.length > 4 || !instances.has(backend)) {
    return fallback('Slice', args);
  }
  const out = backend.makeOutput(size, x.dtype);
  if (sizeOf(size) === 0) return out;
  copyBlock(backend, x, begin, size, out);
  return out;
}

/** Copies the block [begin, begin + size) of x into the dense tensor `out` (4-byte elements, rank ≤ 4). */
function copyBlock(backend: WasmBackend, x: TensorInfo, begin: number[], size: number[], out: TensorInfo): void {
  const pad = 4 - x.shape.length;
  const shape = [...new Array<number>(pad).fill(1), ...x.shape];
  const b = [...new Array<number>(pad).fill(0), ...begin];
  const n = [...new Array<number>(pad).fill(1), ...size];
  const strides = [shape[1]! * shape[2]! * shape[3]!, shape[2]! * shape[3]!, shape[3]!, 1];
  const start = b.reduce((acc, v, d) => acc + v * strides[d]!, 0);
  instances.get(backend)!.exports.slice4(offset(backend, x), offset(backend, out), n[0]!, n[1]!, n[2]!, n[3]!, strides[0]!, strides[1]!, strides[2]!, start);
}

function splitV(args: KernelArgs): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, attrs.numOrSizeSplits as number[] | number, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const piece = slice({ inputs: { x }, backend, attrs: { begin: begin.slice(), size } });
    begin[axis]! += s;
    return piece;
  });
}

function attention(args: KernelArgs): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { q, k, v } = inputs as Record<'q' | 'k' | 'v', TensorInfo>;
  const [n, t, hd] = q.shape as [number, number, number];
  const out = backend.makeOutput([n, t, hd], 'float32');
  const stats = backend.makeOutput([n, t, 2], 'float32');
  const scores = scratch(backend, t * 4);
  instances.get(backend)!.exports.attention_forward(
    offset(backend, q), offset(backend, k), offset(backend, v), offset(backend, out), offset(backend, stats), scores,
    n, t, hd, attrs.group as number, attrs.scale as number,
  );
  return [out, stats];
}

function attentionGrad(args: KernelArgs): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { q, k, v, out, stats, dout } = inputs as Record<'q' | 'k' | 'v' | 'out' | 'stats' | 'dout', TensorInfo>;
  const [n, t, hd] = q.shape as [number, number, number];
  const dq = backend.makeOutput([n, t, hd], 'float32');
  const dk = backend.makeOutput(k.shape, 'float32');
  const dv = backend.makeOutput(v.shape, 'float32');
  instances.get(backend)!.exports.attention_backward(
    offset(backend, q), offset(backend, k), offset(backend, v), offset(backend, out), offset(backend, stats), offset(backend, dout),
    offset(backend, dq), offset(backend, dk), offset(backend, dv), n, t, hd, attrs.group as number, attrs.scale as number,
  );
  return [dq, dk, dv];
}

/**
 * Every kernel numfeat registers for wasm: TF.js's own under these names (BatchMatMul, Identity,
 * Cast, Slice, SplitV) are replaced, the others are added.
 */
const WASM_KERNELS: Record<string, (args: KernelArgs) => TensorInfo | TensorInfo[]> = {
  BatchMatMul: batchMatMul,
  Identity: identity,
  Cast: cast,
  Slice: slice,
  SplitV: splitV,
  UnsortedSegmentSum: unsortedSegmentSum,
  [NLL_KERNEL]: nll,
  [NLL_GRAD_KERNEL]: nllGrad,
  [LSTM_SCAN_KERNEL]: lstmScan,
  [LSTM_SCAN_GRAD_KERNEL]: lstmScanGrad,
  [ADAMW_KERNEL]: adamw,
  [RMS_NORM_KERNEL]: rmsNorm,
  [RMS_NORM_GRAD_KERNEL]: rmsNormGrad,
  [ATTENTION_KERNEL]: attention,
  [ATTENTION_GRAD_KERNEL]: attentionGrad,
};

/** The kernels numfeat serves on wasm once installWasmKernels has run. */
export const WASM_KERNEL_NAMES: readonly string[] = Object.keys(WASM_KERNELS);
