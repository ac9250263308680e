import { NumfeatError } from './errors.js';
import { assertFinite } from './validate.js';

/** A dense row-major float64 matrix: the common currency of the analysis packages. */
export interface Matrix64 {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** A typed (or plain) array with an explicit [rows, cols] shape, row-major. */
export interface ShapedArray {
  readonly data: Float32Array | Float64Array | ArrayLike<number>;
  readonly shape: readonly [number, number] | readonly number[];
}

/** Anything tensor-like with a synchronous read (tf.Tensor2D on cpu/wasm/tensorflow). */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
}

export type MatrixInput = readonly (readonly number[])[] | ShapedArray | TensorLike | Matrix64;
export type VectorInput = ArrayLike<number>;

function isTensorLike(x: unknown): x is TensorLike {
  return typeof x === 'object' && x !== null && typeof (x as TensorLike).dataSync === 'function';
}

/**
 * Converts any accepted matrix input to a validated float64 copy.
 * Throws EMPTY_INPUT, SHAPE_MISMATCH (ragged rows, wrong rank) or NON_FINITE.
 */
export function toMatrix64(input: MatrixInput, name = 'matrix'): Matrix64 {
  let rows: number;
  let cols: number;
  let data: Float64Array;
  if (Array.isArray(input)) {
    rows = input.length;
    if (rows === 0) throw emptyError(name);
    const first = input[0];
    if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
      throw new NumfeatError('SHAPE_MISMATCH', `${name} must be a 2-D array (number[][]), got a 1-D array`, {
        fix: 'wrap each value in its own row, or use the 1-D signal API for a single series',
      });
    }
    cols = (first as ArrayLike<number>).length;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = input[i];
      if (!row || row.length !== cols) {
        throw new NumfeatError(
          'SHAPE_MISMATCH',
          `${name} is ragged: row 0 has ${cols} values but row ${i} has ${row ? row.length : 'none'}`,
          { fix: 'give every row the same number of columns', details: { row: i } },
        );
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
    }
  } else if (isTensorLike(input)) {
    if (input.shape.length !== 2) {
      throw new NumfeatError('SHAPE_MISMATCH', `${name} must be a rank-2 tensor, got shape [${input.shape.join(', ')}]`, {
        fix: 'reshape the tensor to [numbers, dims]',
      });
    }
    [rows, cols] = input.shape as [number, number];
    data = new Float64Array(input.dataSync() as ArrayLike<number>); // typed-array copy: ~2× faster than .from
  } else if (typeof input === 'object' && input !== null && 'data' in input) {
    const shaped = input as Partial<ShapedArray & Matrix64>;
    const shape = shaped.shape ?? (shaped.rows !== undefined ? [shaped.rows, shaped.cols!] : undefined);
    if (!shape || shape.length !== 2) {
      throw new NumfeatError('SHAPE_MISMATCH', `${name} needs a shape [rows, cols]`, {
        fix: 'pass { data, shape: [rows, cols] } for a flat typed array',
      });
    }
    [rows, cols] = shape as [number, number];
    const src = shaped.data!;
    if (src.length !== rows * cols) {
      throw new NumfeatError(
        'SHAPE_MISMATCH',
        `${name} has ${src.length} values but shape [${rows}, ${cols}] needs ${rows * cols}`,
        { fix: 'make data.length equal rows × cols' },
      );
    }
    data = new Float64Array(src as ArrayLike<number>);
  } else {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be number[][], { data, shape } or a 2-D tensor`, {
      fix: 'convert the embeddings to one of the accepted matrix forms',
    });
  }
  if (rows === 0 || cols === 0) throw emptyError(name);
  assertFinite(data, name, cols);
  return { data, rows, cols };
}

/** Validated float64 copy of a 1-D signal. */
export function toVector64(input: VectorInput, name = 'signal'): Float64Array {
  if (input === null || typeof input !== 'object' || typeof input.length !== 'number') {
    throw new NumfeatError('BAD_ARGUMENT', `${name} must be an array of numbers`, {
      fix: 'pass number[] or a typed array',
    });
  }
  if (input.length === 0) throw emptyError(name);
  const out = Float64Array.from(input);
  assertFinite(out, name);
  return out;
}

/** Row i of a Matrix64 as a subarray view (no copy). */
export function row(m: Matrix64, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A float32 copy, e.g. for handing float64 analysis results back to TF.js. */
export function toFloat32(data: ArrayLike<number>): Float32Array {
  return Float32Array.from(data);
}

/** Plain nested arrays, e.g. for JSON output. */
export function toNested(m: Matrix64): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(row(m, i)));
  return out;
}

function emptyError(name: string): NumfeatError {
  return new NumfeatError('EMPTY_INPUT', `${name} is empty`, { fix: 'pass at least one row and one column' });
}
