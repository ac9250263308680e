import { NumfeatError } from '@numfeat/core';
import { product } from './dtypes.js';

/** One tensor to write: values are rounded to `dtype` (round to nearest, ties to even). */
export interface SafetensorsInput {
  name: string;
  dtype: 'F64' | 'F32' | 'F16' | 'BF16';
  shape: readonly number[];
  data: ArrayLike<number>;
}

const BYTES = { F64: 8, F32: 4, F16: 2, BF16: 2 } as const;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

/** IEEE half-precision bits of x (round to nearest even; overflow → ±Inf; NaN → 0x7e00). */
export function floatToHalfBits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00; // 65504 is the largest half; half its ulp (16) above rounds up to Inf
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal (1024 lands on the smallest normal)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let m = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  return sign | ((e + 15) << 10) | m;
}

/**
 * bfloat16 bits of x: rounded to float32 first (what a float32 checkpoint holds), then to the upper
 * 16 bits with round to nearest even, as PyTorch does. NaN → 0x7fc0.
 */
export function floatToBfloat16Bits(x: number): number {
  f32[0] = x;
  if (Number.isNaN(f32[0])) return 0x7fc0;
  const bits = u32[0];
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/**
 * A .safetensors file (bytes) holding `tensors` in order, e.g. to save a number-embedding matrix or
 * to build test checkpoints. The JSON header is padded to a multiple of 8 bytes like the reference writer.
 */
export function writeSafetensors(tensors: readonly SafetensorsInput[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const t of tensors) {
    const ok = Array.isArray(t?.shape) && t.shape.every((s) => Number.isInteger(s) && s >= 0);
    if (typeof t?.name !== 'string' || t.name === '' || t.name === '__metadata__' || t.name in header) {
      throw new NumfeatError('BAD_ARGUMENT', `tensor name ${JSON.stringify(t?.name)} is empty, reserved or repeated`, { fix: 'give every tensor its own non-empty name' });
    }
    if (!(t.dtype in BYTES)) throw new NumfeatError('UNSUPPORTED_FORMAT', `dtype ${JSON.stringify(t.dtype)} cannot be written`, { fix: 'use F64, F32, F16 or BF16' });
    if (!ok || t.data?.length !== product(t.shape)) {
      throw new NumfeatError('SHAPE_MISMATCH', `tensor ${t.name}: ${t.data?.length} values for shape [${String(t.shape)}]`, { fix: 'pass product(shape) values in row-major order' });
    }
    const size = t.data.length * BYTES[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = JSON.stringify(header);
  const bytes = new TextEncoder().encode(json).length;
  const head = new TextEncoder().encode(json + ' '.repeat((8 - ((8 + bytes) % 8)) % 8));
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors) {
    const n = t.data.length;
    if (t.dtype === 'F64') for (let i = 0; i < n; i++, at += 8) view.setFloat64(at, t.data[i], true);
    else if (t.dtype === 'F32') for (let i = 0; i < n; i++, at += 4) view.setFloat32(at, t.data[i], true);
    else if (t.dtype === 'F16') for (let i = 0; i < n; i++, at += 2) view.setUint16(at, floatToHalfBits(t.data[i]), true);
    else for (let i = 0; i < n; i++, at += 2) view.setUint16(at, floatToBfloat16Bits(t.data[i]), true);
  }
  return out;
}
