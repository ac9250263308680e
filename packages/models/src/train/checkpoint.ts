// Checkpoint file: magic "NFCKPT01", u32 header length, a JSON header, then raw little-endian float32
// buffers (params and optimizer slots), safetensors-style. The header records the payload size and
// its SHA-256, so a truncated or damaged file is CORRUPT_FILE, never silently half-loaded.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@numfeat/io';
import { NumfeatError } from '@numfeat/tensor';
import type { OptimizerState } from '../optim/types.js';

const MAGIC = 'NFCKPT01';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointData {
  /** The run's identity: model spec, init seed, optimizer, schedule, data description. Must match to resume. */
  config: Record<string, unknown>;
  step: number;
  tokens: number;
  /** Batches consumed and the data source's own position (if it has one). */
  data: { consumed: number; position: unknown };
  params: Record<string, { shape: number[]; values: Float32Array }>;
  optimizer: OptimizerState;
}

interface TensorEntry {
  key: string;
  shape: number[];
  offset: number;
  length: number;
}

interface Header {
  format: 'numfeat-checkpoint';
  version: number;
  config: Record<string, unknown>;
  step: number;
  tokens: number;
  data: { consumed: number; position: unknown };
  optimizer: { name: string; step: number };
  tensors: TensorEntry[];
  payloadBytes: number;
  payloadSha256: string;
}

export function encodeCheckpoint(ck: CheckpointData): Uint8Array {
  const buffers: Float32Array[] = [];
  const tensors: TensorEntry[] = [];
  let offset = 0;
  const add = (key: string, shape: number[], values: Float32Array) => {
    tensors.push({ key, shape, offset, length: values.length });
    buffers.push(values);
    offset += values.length * 4;
  };
  for (const [name, p] of Object.entries(ck.params)) add(`param/${name}`, p.shape, p.values);
  for (const [param, slots] of Object.entries(ck.optimizer.slots)) {
    for (const [slot, values] of Object.entries(slots)) add(`optim/${param}/${slot}`, [values.length], values);
  }
  const payload = new Uint8Array(offset);
  const view = new DataView(payload.buffer);
  let at = 0;
  for (const b of buffers) for (let i = 0; i < b.length; i++, at += 4) view.setFloat32(at, b[i], true);
  const header: Header = {
    format: 'numfeat-checkpoint',
    version: CHECKPOINT_VERSION,
    config: ck.config,
    step: ck.step,
    tokens: ck.tokens,
    data: ck.data,
    optimizer: { name: ck.optimizer.name, step: ck.optimizer.step },
    tensors,
    payloadBytes: payload.length,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(12 + headerBytes.length + payload.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(payload, 12 + headerBytes.length);
  return out;
}

function corrupt(path: string, problem: string): NumfeatError {
  return new NumfeatError('CORRUPT_FILE', `checkpoint ${path}: ${problem}`, {
    fix: 'the file is truncated or damaged; delete it to start over, or restore an intact copy',
    details: { path },
  });
}

export function decodeCheckpoint(bytes: Uint8Array, path = '<bytes>'): CheckpointData {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw corrupt(path, 'not a numfeat checkpoint (bad magic bytes)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) throw corrupt(path, `header of ${headerLength} bytes runs past the end of the ${bytes.length}-byte file`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch (e) {
    throw corrupt(path, `unreadable header (${(e as Error).message})`);
  }
  if (header.format !== 'numfeat-checkpoint' || header.version !== CHECKPOINT_VERSION) {
    throw new NumfeatError('UNSUPPORTED_FORMAT', `checkpoint ${path} has format ${header.format} v${header.version}`, {
      fix: `this version reads numfeat-checkpoint v${CHECKPOINT_VERSION}`,
    });
  }
  const payload = bytes.subarray(12 + headerLength);
  if (payload.length !== header.payloadBytes) throw corrupt(path, `payload is ${payload.length} bytes, the header says ${header.payloadBytes}`);
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) throw corrupt(path, 'payload SHA-256 does not match the header');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const params: CheckpointData['params'] = {};
  const slots: OptimizerState['slots'] = {};
  for (const t of header.tensors) {
    const values = new Float32Array(t.length);
    for (let i = 0; i < t.length; i++) values[i] = view.getFloat32(t.offset + 4 * i, true);
    const [kind, ...rest] = t.key.split('/');
    if (kind === 'param') params[rest.join('/')] = { shape: t.shape, values };
    else {
      const slot = rest.pop()!;
      const param = rest.join('/');
      (slots[param] ??= {})[slot] = values;
    }
  }
  return {
    config: header.config,
    step: header.step,
    tokens: header.tokens,
    data: header.data,
    params,
    optimizer: { name: header.optimizer.name as OptimizerState['name'], step: header.optimizer.step, slots },
  };
}

export async function writeCheckpoint(path: string, ck: CheckpointData): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(ck));
}

/** Reads a checkpoint, or returns undefined when the file does not exist. */
export async function readCheckpoint(path: string): Promise<CheckpointData | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new NumfeatError('IO_ERROR', `cannot read checkpoint ${path}: ${(e as Error).message}`, { fix: 'check the path and permissions' });
  }
  return decodeCheckpoint(bytes, path);
}

/** The first field (dotted path) where two JSON values differ, with both values; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): { field: string; saved: unknown; current: unknown } | null {
  if (a === b) return null;
  const isObj = (x: unknown) => x !== null && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return { field: path || '(root)', saved: a, current: b };
}
