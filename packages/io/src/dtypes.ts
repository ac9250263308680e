import { NumfeatError } from '@numfeat/core';

/** Element types the readers understand, in one naming scheme shared by .npy and .safetensors. */
export type ElementType = 'f2' | 'bf16' | 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8';

const BYTES: Record<ElementType, number> = {
  f2: 2, bf16: 2, f4: 4, f8: 8, i1: 1, i2: 2, i4: 4, i8: 8, u1: 1, u2: 2, u4: 4, u8: 8,
};

export function elementBytes(type: ElementType): number {
  return BYTES[type];
}

/** IEEE 754 half precision → double (handles subnormals, ±Inf and NaN). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const bf16Scratch = new DataView(new ArrayBuffer(4));

/** bfloat16 is the upper half of a float32. */
export function bfloat16ToFloat(b: number): number {
  bf16Scratch.setUint32(0, b << 16);
  return bf16Scratch.getFloat32(0);
}

/**
 * Decodes `count` elements starting at `byteOffset` of `bytes` into `out[outOffset…]` as float64.
 * 64-bit integers go through BigInt and lose precision above 2^53 (embeddings never need that).
 */
export function decodeElements(
  bytes: Uint8Array,
  byteOffset: number,
  count: number,
  type: ElementType,
  littleEndian: boolean,
  out: Float64Array,
  outOffset = 0,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * BYTES[type]);
  const le = littleEndian;
  switch (type) {
    case 'f8': for (let i = 0; i < count; i++) out[outOffset + i] = view.getFloat64(i * 8, le); break;
    case 'f4': for (let i = 0; i < count; i++) out[outOffset + i] = view.getFloat32(i * 4, le); break;
    case 'f2': for (let i = 0; i < count; i++) out[outOffset + i] = halfToFloat(view.getUint16(i * 2, le)); break;
    case 'bf16': for (let i = 0; i < count; i++) out[outOffset + i] = bfloat16ToFloat(view.getUint16(i * 2, le)); break;
    case 'i1': for (let i = 0; i < count; i++) out[outOffset + i] = view.getInt8(i); break;
    case 'u1': for (let i = 0; i < count; i++) out[outOffset + i] = view.getUint8(i); break;
    case 'i2': for (let i = 0; i < count; i++) out[outOffset + i] = view.getInt16(i * 2, le); break;
    case 'u2': for (let i = 0; i < count; i++) out[outOffset + i] = view.getUint16(i * 2, le); break;
    case 'i4': for (let i = 0; i < count; i++) out[outOffset + i] = view.getInt32(i * 4, le); break;
    case 'u4': for (let i = 0; i < count; i++) out[outOffset + i] = view.getUint32(i * 4, le); break;
    case 'i8': for (let i = 0; i < count; i++) out[outOffset + i] = Number(view.getBigInt64(i * 8, le)); break;
    case 'u8': for (let i = 0; i < count; i++) out[outOffset + i] = Number(view.getBigUint64(i * 8, le)); break;
  }
}

export function unsupportedDtype(dtype: string, where: string, supported: string): NumfeatError {
  return new NumfeatError('UNSUPPORTED_FORMAT', `${where}: dtype ${JSON.stringify(dtype)} is not supported`, {
    fix: `convert the array to one of ${supported} (e.g. float32) before loading`,
    details: { dtype },
  });
}

export function corrupt(where: string, problem: string, fix = 're-export the file; it is truncated or malformed'): NumfeatError {
  return new NumfeatError('CORRUPT_FILE', `${where}: ${problem}`, { fix, details: { source: where } });
}

/** A dense row-major float64 array of any rank, as read from a file. */
export interface DenseArray {
  data: Float64Array;
  shape: number[];
}

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
