import { NumfeatError } from '@numfeat/core';
import { corrupt, decodeElements, elementBytes, product, unsupportedDtype, type DenseArray, type ElementType } from './dtypes.js';
import { checkValueCount, READ_LIMITS } from './limits.js';

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** Byte range [begin, end) relative to the start of the data buffer (after the header). */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  /** Absolute byte offset where the data buffer begins (8 + header length). */
  dataStart: number;
  tensors: SafetensorsEntry[];
  metadata: Record<string, string>;
}

export interface SafetensorsTensor extends DenseArray {
  name: string;
  dtype: string;
  /** Shape of the tensor in the file; `shape` is that of `data` (first axis = selected rows). */
  fullShape: number[];
}

export interface ReadSafetensorsOptions {
  /** Tensor to read; may be omitted when the file holds exactly one tensor. */
  tensor?: string;
  /** Read only these indices along the first axis (e.g. number-token rows of a 50257×1600 matrix). */
  rows?: readonly number[];
  /** Name used in error messages. */
  source?: string;
}

const DTYPES: Record<string, ElementType> = {
  F64: 'f8', F32: 'f4', F16: 'f2', BF16: 'bf16', I64: 'i8', I32: 'i4', I16: 'i2', I8: 'i1', U8: 'u1',
  U16: 'u2', U32: 'u4', U64: 'u8',
};
const SUPPORTED = 'F32, F64, F16, BF16 (or an integer type)';
/** Bytes per element of every dtype the format defines, read or not (to check byte spans). */
const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8,
};

/** Length of the JSON header, from the first 8 bytes. */
export function safetensorsHeaderLength(prefix: Uint8Array, fileSize: number, where: string): number {
  if (prefix.length < 8 || fileSize < 8) throw corrupt(where, `only ${fileSize} bytes; a safetensors file starts with an 8-byte header length`);
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(fileSize - 8)) {
    throw corrupt(where, `the header length (${n} bytes) runs past the end of the file (${fileSize} bytes)`);
  }
  if (n > BigInt(READ_LIMITS.maxHeaderBytes)) {
    throw corrupt(where, `the header length (${n} bytes) is over the format's ${READ_LIMITS.maxHeaderBytes}-byte limit`);
  }
  return Number(n);
}

/** Parses and validates the JSON header; `fileSize` bounds the tensors' byte ranges. */
export function parseSafetensorsHeader(json: Uint8Array, fileSize: number, where: string): SafetensorsHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(json));
  } catch (e) {
    throw corrupt(where, `the JSON header does not parse (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(where, 'the header is not a JSON object');
  }
  const dataStart = 8 + json.length;
  const bufferSize = fileSize - dataStart;
  const tensors: SafetensorsEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (value !== null && (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((x) => typeof x !== 'string'))) {
        throw corrupt(where, '__metadata__ must be an object of strings');
      }
      metadata = (value ?? {}) as Record<string, string>;
      continue;
    }
    const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shapeOk = Array.isArray(v?.shape) && v.shape.every((x) => Number.isInteger(x) && x >= 0);
    const offsetsOk =
      Array.isArray(v?.data_offsets) && v.data_offsets.length === 2 && v.data_offsets.every((x) => Number.isInteger(x) && x >= 0);
    if (typeof v?.dtype !== 'string' || !shapeOk || !offsetsOk) {
      throw corrupt(where, `tensor ${JSON.stringify(name)} has a malformed entry (needs dtype, shape, data_offsets)`);
    }
    const [begin, end] = v.data_offsets as [number, number];
    if (end < begin || end > bufferSize) {
      throw corrupt(where, `tensor ${JSON.stringify(name)} has data_offsets [${begin}, ${end}] outside the ${bufferSize}-byte data buffer`);
    }
    const size = DTYPE_BYTES[v.dtype];
    const shape = v.shape as number[];
    if (size !== undefined && product(shape) * size !== end - begin) {
      throw corrupt(where, `tensor ${JSON.stringify(name)} of shape [${shape.join(', ')}] ${v.dtype} needs ${product(shape) * size} bytes but its data_offsets span ${end - begin}`);
    }
    tensors.push({ name, dtype: v.dtype, shape, dataOffsets: [begin, end] });
  }
  checkTiling(tensors, bufferSize, where);
  return { dataStart, tensors, metadata };
}

/** The format requires the tensors to tile the data buffer exactly: no overlap, no hole, no tail. */
function checkTiling(tensors: readonly SafetensorsEntry[], bufferSize: number, where: string): void {
  const sorted = [...tensors].sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let expected = 0;
  for (const t of sorted) {
    const [begin, end] = t.dataOffsets;
    if (begin !== expected) {
      const problem = begin < expected ? 'overlaps the tensor before it' : `leaves a hole of ${begin - expected} bytes before it`;
      throw corrupt(where, `tensor ${JSON.stringify(t.name)} at data_offsets [${begin}, ${end}] ${problem}; safetensors tensors must tile the data buffer`);
    }
    expected = end;
  }
  if (expected !== bufferSize) {
    throw corrupt(where, `the tensors cover ${expected} of the ${bufferSize} data bytes; safetensors tensors must tile the data buffer`);
  }
}

/** Lists the tensors of a safetensors file held in memory. */
export function listSafetensors(bytes: Uint8Array, options: { source?: string } = {}): SafetensorsHeader {
  const where = options.source ?? 'safetensors data';
  const n = safetensorsHeaderLength(bytes, bytes.length, where);
  return parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length, where);
}

/** Picks the requested tensor, or explains which ones exist. */
export function selectTensor(header: SafetensorsHeader, name: string | undefined, where: string): SafetensorsEntry {
  if (name === undefined && header.tensors.length === 1) return header.tensors[0];
  const found = name === undefined ? undefined : header.tensors.find((t) => t.name === name);
  if (found) return found;
  const listing = describeTensors(header.tensors);
  const problem =
    name === undefined
      ? `${where} holds ${header.tensors.length} tensors; say which one to read`
      : `${where} has no tensor ${JSON.stringify(name)}`;
  throw new NumfeatError('BAD_ARGUMENT', `${problem}. Tensors: ${listing}`, {
    fix: 'pass the tensor name (option tensor, CLI --tensor NAME)',
    details: { tensors: header.tensors.map((t) => t.name) },
  });
}

function describeTensors(tensors: SafetensorsEntry[]): string {
  // Embedding-like names first: those are what a user of this package is looking for.
  const score = (t: SafetensorsEntry) => (/embed|wte|tok/i.test(t.name) ? 0 : 1);
  const sorted = [...tensors].sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name));
  const shown = sorted.slice(0, 12).map((t) => `${t.name} [${t.shape.join('×')}] ${t.dtype}`);
  if (sorted.length > 12) shown.push(`… and ${sorted.length - 12} more`);
  return shown.length ? shown.join(', ') : '(none)';
}

/** Element type, per-row size and validated row selection for one tensor. */
export function planTensorRead(entry: SafetensorsEntry, rows: readonly number[] | undefined, where: string) {
  const type = DTYPES[entry.dtype];
  if (!type) throw unsupportedDtype(entry.dtype, `${where} tensor ${entry.name}`, SUPPORTED);
  const size = elementBytes(type);
  const count = product(entry.shape);
  const [begin, end] = entry.dataOffsets;
  if (end - begin !== count * size) {
    throw corrupt(
      where,
      `tensor ${JSON.stringify(entry.name)} of shape [${entry.shape.join(', ')}] ${entry.dtype} needs ${count * size} bytes but its data_offsets span ${end - begin}`,
    );
  }
  const first = entry.shape.length ? entry.shape[0] : 1;
  const rowElems = entry.shape.length ? product(entry.shape.slice(1)) : 1;
  if (rows) {
    rows.forEach((r) => {
      if (!Number.isInteger(r) || r < 0 || r >= first) {
        throw new NumfeatError('BAD_RANGE', `row ${r} is outside tensor ${entry.name} with ${first} rows`, {
          fix: `pick row indices in 0..${first - 1}`,
        });
      }
    });
  }
  const outShape = rows ? [rows.length, ...entry.shape.slice(1)] : [...entry.shape];
  checkValueCount(product(outShape), where, `tensor ${JSON.stringify(entry.name)} [${outShape.join('×')}]`);
  return { type, rowElems, rowBytes: rowElems * size, outShape };
}

/** Reads one tensor (or some of its rows) from safetensors bytes, converting to float64. */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): SafetensorsTensor {
  const where = options.source ?? 'safetensors data';
  const header = listSafetensors(bytes, { source: where });
  const entry = selectTensor(header, options.tensor, where);
  const plan = planTensorRead(entry, options.rows, where);
  const base = header.dataStart + entry.dataOffsets[0];
  const rows = options.rows ?? null;
  const data = new Float64Array(product(plan.outShape));
  if (rows === null) {
    decodeElements(bytes, base, data.length, plan.type, true, data);
  } else {
    rows.forEach((r, i) => decodeElements(bytes, base + r * plan.rowBytes, plan.rowElems, plan.type, true, data, i * plan.rowElems));
  }
  return { name: entry.name, dtype: entry.dtype, fullShape: entry.shape, shape: plan.outShape, data };
}
