import { NumfeatError, toMatrix64, type Matrix64, type MatrixInput, type ShapedArray } from '@numfeat/core';
import { corrupt, decodeElements, elementBytes, product, unsupportedDtype, type DenseArray, type ElementType } from './dtypes.js';
import { checkValueCount } from './limits.js';

/** A parsed .npy array, converted to float64 in C (row-major) order whatever the file used. */
export interface NpyArray extends DenseArray {
  /** The file's dtype descriptor, e.g. '<f4'. */
  dtype: string;
  fortranOrder: boolean;
  version: string;
}

export interface ReadOptions {
  /** Name used in error messages (the file path when read from disk). */
  source?: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const SUPPORTED = "'<f2', '<f4', '<f8', '<i1'…'<i8', '<u1'…'<u8' (either byte order)";

/** Parses the bytes of a NumPy .npy file (format versions 1, 2 and 3). */
export function readNpy(bytes: Uint8Array, options: ReadOptions = {}): NpyArray {
  const where = options.source ?? '.npy data';
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw corrupt(where, 'not a .npy file (the magic string \\x93NUMPY is missing)', 'pass a file written by numpy.save');
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3) {
    throw new NumfeatError('UNSUPPORTED_FORMAT', `${where}: .npy format version ${major}.${minor} is not supported`, {
      fix: 'save the array with numpy.save (versions 1.0–3.0)',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw corrupt(where, 'the header length is cut off');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthBytes;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) {
    throw corrupt(where, `the header claims ${headerLength} bytes but the file has only ${bytes.length - headerStart} after the preamble`);
  }
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const { descr, fortranOrder, shape } = parseHeader(headerText, where);
  const { type, littleEndian } = parseDescr(descr, where);
  const count = product(shape);
  const needed = count * elementBytes(type);
  if (bytes.length - dataStart < needed) {
    throw corrupt(
      where,
      `shape (${shape.join(', ')}) of ${descr} needs ${needed} data bytes but only ${bytes.length - dataStart} are present`,
    );
  }
  checkValueCount(count, where, `shape (${shape.join(', ')})`);
  const raw = new Float64Array(count);
  decodeElements(bytes, dataStart, count, type, littleEndian, raw);
  const data = fortranOrder && shape.length > 1 ? fortranToC(raw, shape) : raw;
  return { data, shape, dtype: descr, fortranOrder, version: `${major}.${minor}` };
}

function parseHeader(text: string, where: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr) {
    if (/'descr'\s*:\s*\[/.test(text)) {
      throw new NumfeatError('UNSUPPORTED_FORMAT', `${where}: structured (record) arrays are not supported`, {
        fix: 'save a plain numeric array, e.g. np.save(path, arr.astype(np.float32))',
      });
    }
    throw corrupt(where, `malformed header ${JSON.stringify(text.slice(0, 120))}`);
  }
  if (!fortran || !shape) throw corrupt(where, `malformed header ${JSON.stringify(text.slice(0, 120))}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim().replace(/L$/, ''))
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) throw corrupt(where, `bad shape entry ${JSON.stringify(s)} in header`);
      return n;
    });
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

function parseDescr(descr: string, where: string): { type: ElementType; littleEndian: boolean } {
  const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  if (m) {
    const type = (m[2] + m[3]) as ElementType;
    const ok = ['f2', 'f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8'].includes(type);
    if (ok) return { type, littleEndian: m[1] !== '>' };
  }
  throw unsupportedDtype(descr, where, SUPPORTED);
}

function fortranToC(src: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(src.length);
  const rank = shape.length;
  // Fortran strides: the first axis varies fastest.
  const fStride = new Array<number>(rank);
  let s = 1;
  for (let k = 0; k < rank; k++) {
    fStride[k] = s;
    s *= shape[k];
  }
  const index = new Array<number>(rank).fill(0);
  for (let c = 0; c < out.length; c++) {
    let f = 0;
    for (let k = 0; k < rank; k++) f += index[k] * fStride[k];
    out[c] = src[f];
    for (let k = rank - 1; k >= 0; k--) {
      if (++index[k] < shape[k]) break;
      index[k] = 0;
    }
  }
  return out;
}

export interface WriteNpyOptions {
  /** Element type of the file; default 'f8' (lossless for our float64 matrices). */
  dtype?: 'f4' | 'f8';
}

/**
 * Serialises a matrix (any MatrixInput) or a 1-D signal as a version 1.0 .npy file, C order,
 * little-endian, header padded to 64 bytes as numpy does.
 */
export function writeNpy(input: MatrixInput | ArrayLike<number>, options: WriteNpyOptions = {}): Uint8Array {
  const dtype = options.dtype ?? 'f8';
  if (dtype !== 'f4' && dtype !== 'f8') {
    throw new NumfeatError('BAD_ARGUMENT', `writeNpy dtype must be 'f4' or 'f8', got ${JSON.stringify(dtype)}`, {
      fix: "pass { dtype: 'f4' } or { dtype: 'f8' }",
    });
  }
  let values: ArrayLike<number>;
  let shape: number[];
  if (isFlatVector(input)) {
    values = input;
    shape = [input.length];
  } else {
    ({ values, shape } = flattenMatrix(input as MatrixInput));
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const size = dtype === 'f8' ? 8 : 4;
  const out = new Uint8Array(10 + header.length + values.length * size);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const offset = 10 + header.length;
  for (let i = 0; i < values.length; i++) {
    if (size === 8) view.setFloat64(offset + i * 8, values[i], true);
    else view.setFloat32(offset + i * 4, values[i], true);
  }
  return out;
}

/** Like toMatrix64 but keeps NaN/Inf: a writer stores whatever the caller has. */
function flattenMatrix(input: MatrixInput): { values: ArrayLike<number>; shape: number[] } {
  const x = input as Partial<ShapedArray & Matrix64>;
  if (!Array.isArray(input) && x.data && (x.shape?.length === 2 || x.rows !== undefined)) {
    const shape = x.shape ? [...x.shape] : [x.rows!, x.cols!];
    if (x.data.length !== shape[0] * shape[1]) {
      throw new NumfeatError('SHAPE_MISMATCH', `writeNpy: ${x.data.length} values do not fill shape [${shape.join(', ')}]`, {
        fix: 'make data.length equal rows × cols',
      });
    }
    return { values: x.data, shape };
  }
  if (Array.isArray(input) && input.every((r) => Array.isArray(r) || ArrayBuffer.isView(r))) {
    const rows = input as readonly (readonly number[])[];
    const cols = rows[0]?.length ?? 0;
    if (rows.some((r) => r.length !== cols)) {
      throw new NumfeatError('SHAPE_MISMATCH', 'writeNpy: the rows have different lengths', { fix: 'give every row the same number of columns' });
    }
    return { values: rows.flat(), shape: [rows.length, cols] };
  }
  const m = toMatrix64(input);
  return { values: m.data, shape: [m.rows, m.cols] };
}

function isFlatVector(x: unknown): x is ArrayLike<number> {
  if (ArrayBuffer.isView(x)) return true;
  return Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number');
}
