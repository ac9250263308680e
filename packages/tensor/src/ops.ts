// Backend-safe building blocks: a 2-D matMul whose backward pass stays on a fast path, and an
// embedding lookup whose gradient works where UnsortedSegmentSum is missing.
import { NumfeatError } from '@numfeat/core';
import { tf, type Tensor, type Tensor2D } from './tf.js';
import { activeBackendHas } from './kernels.js';
import { hasWasmKernels } from './wasm-kernels.js';

/**
 * TF.js's own wasm BatchMatMul runs a naive loop when an operand is transposed (10–20× slower than
 * its plain 2-D path); numfeat's wasm kernels and every other backend handle the flags natively.
 */
export const transposedMatMulIsSlow = (): boolean => tf.getBackend() === 'wasm' && !hasWasmKernels();

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** Largest one-hot block (elements) built at once in embeddingLookup's backward pass. */
export const ONE_HOT_CHUNK_ELEMENTS = 1 << 22;

function assertRank2(t: Tensor, name: string): void {
  if (t.rank !== 2) {
    throw new NumfeatError('SHAPE_MISMATCH', `${name} must be rank 2, got shape [${t.shape.join(', ')}]`, {
      fix: `reshape ${name} to [rows, cols] (fold batch dimensions into rows)`,
    });
  }
}

// Autograd's matMul backward uses transposeA/B; where those are slow, transpose explicitly instead.
const matMulExplicitGrad = tf.customGrad(((a: Tensor2D, b: Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    // tidy frees the transposes at once instead of at the end of the whole backward pass.
    gradFunc: (dy: Tensor2D, [sa, sb]: Tensor[]) =>
      tf.tidy(() => [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)]),
  };
}) as unknown as CustomGradientFunc);

/** a @ bᵀ (b given as [n, k]) for 2-D tensors, e.g. a tied output projection h · Eᵀ. */
export function matMul2dTransposeB(a: Tensor2D, b: Tensor2D): Tensor2D {
  assertRank2(a, 'a');
  assertRank2(b, 'b');
  if (a.shape[1] !== b.shape[1]) {
    throw new NumfeatError('SHAPE_MISMATCH', `matMul2dTransposeB: a is [${a.shape}] but b is [${b.shape}]; their columns must agree`, {
      fix: 'pass b as [outputs, features] (it is used transposed)',
    });
  }
  if (transposedMatMulIsSlow()) return matMulExplicitGrad(a, tf.transpose(b)) as Tensor2D;
  return tf.matMul(a, b, false, true);
}

/** a @ b for 2-D tensors, with a backward pass of explicit transposes and plain matMuls. */
export function matMul2d(a: Tensor2D, b: Tensor2D): Tensor2D {
  assertRank2(a, 'a');
  assertRank2(b, 'b');
  if (a.shape[1] !== b.shape[0]) {
    throw new NumfeatError('SHAPE_MISMATCH', `matMul2d: a is [${a.shape}] but b is [${b.shape}]; a's columns must equal b's rows`, {
      fix: 'transpose one operand or check which dimension holds the features',
    });
  }
  return transposedMatMulIsSlow() ? (matMulExplicitGrad(a, b) as Tensor2D) : tf.matMul(a, b);
}

/** dTable = oneHot(ids)ᵀ @ dy, built in row chunks so the one-hot block stays small. */
function scatterAddRows(ids: Tensor, dy: Tensor2D, vocab: number, chunkElements: number): Tensor2D {
  const n = ids.shape[0]!;
  const step = Math.max(1, Math.floor(chunkElements / vocab));
  let total: Tensor2D | undefined;
  for (let start = 0; start < n; start += step) {
    const size = Math.min(step, n - start);
    const part = tf.tidy(() => {
      const hot = tf.oneHot(tf.slice(ids, [start], [size]) as tf.Tensor1D, vocab).toFloat();
      return tf.matMul(tf.transpose(hot), tf.slice(dy, [start, 0], [size, -1])) as Tensor2D;
    });
    if (total) {
      const next = tf.add(total, part) as Tensor2D;
      total.dispose();
      part.dispose();
      total = next;
    } else total = part;
  }
  return total ?? tf.zeros([vocab, dy.shape[1]]);
}

const lookupWithScatterGrad = (chunkElements: number) =>
  tf.customGrad(((table: Tensor2D, ids: Tensor, save: tf.GradSaveFunc) => {
    const flat = tf.reshape(ids, [-1]);
    save([flat]);
    const [vocab, dims] = table.shape;
    return {
      value: tf.reshape(tf.gather(table, flat), [...ids.shape, dims]),
      gradFunc: (dy: Tensor, [savedIds]: Tensor[]) =>
        tf.tidy(() => {
          const rows = tf.reshape(dy, [-1, dims]) as Tensor2D;
          const dTable = activeBackendHas('UnsortedSegmentSum')
            ? (tf.unsortedSegmentSum(rows, savedIds as tf.Tensor1D, vocab) as Tensor2D)
            : scatterAddRows(savedIds, rows, vocab, chunkElements);
          return [dTable, tf.zerosLike(ids)];
        }),
    };
  }) as unknown as CustomGradientFunc);
const defaultLookup = lookupWithScatterGrad(ONE_HOT_CHUNK_ELEMENTS);

export interface EmbeddingLookupOptions {
  /** Cap on the one-hot block of the backward pass (elements); default ONE_HOT_CHUNK_ELEMENTS (4 Mi). */
  maxOneHotElements?: number;
}

/**
 * Rows of `table` [vocab, dims] at `ids` (any shape) → [...ids.shape, dims]. Its gradient is a
 * scatter-add (UnsortedSegmentSum) where the backend has one, else a chunked one-hot matMul, so it
 * trains on every backend. Array ids are range-checked;
 * tensor ids are not (that would need a synchronous read).
 */
export function embeddingLookup(table: Tensor2D, ids: Tensor | ArrayLike<number>, options: EmbeddingLookupOptions = {}): Tensor {
  assertRank2(table, 'table');
  const vocab = table.shape[0];
  const chunk = options.maxOneHotElements ?? ONE_HOT_CHUNK_ELEMENTS;
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new NumfeatError('BAD_RANGE', `maxOneHotElements must be a positive integer, got ${chunk}`, { fix: 'omit it or pass e.g. 4194304' });
  }
  const lookup = chunk === ONE_HOT_CHUNK_ELEMENTS ? defaultLookup : lookupWithScatterGrad(chunk);
  if (ids instanceof tf.Tensor) {
    if (ids.dtype !== 'int32') {
      throw new NumfeatError('BAD_ARGUMENT', `ids must be an int32 tensor, got ${ids.dtype}`, { fix: "cast with ids.toInt() or tf.cast(ids, 'int32')" });
    }
    return lookup(table, ids);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab) {
      throw new NumfeatError('BAD_RANGE', `ids[${i}] = ${id} is not a row of a table with ${vocab} rows`, {
        fix: `use integer ids in [0, ${vocab - 1}]`,
      });
    }
  }
  return tf.tidy(() => lookup(table, tf.tensor1d(Array.from(ids), 'int32')));
}
