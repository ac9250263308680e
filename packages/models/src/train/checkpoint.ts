// Checkpoint file: magic "NFCKPT02", u32 header length, a JSON header, raw little-endian float32
// buffers (params and optimizer slots), safetensors-style, then the SHA-256 of everything before it.
// The hash covers the header too (an edited step or tensor length is CORRUPT_FILE), and the header is
// checked against the payload before anything is read, so no damaged file is ever half-loaded.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@numfeat/io';
import { NumfeatError } from '@numfeat/tensor';
import type { OptimizerState } from '../optim/types.js';

const MAGIC = 'NFCKPT02';
/** Version 1 hashed only the payload; it is refused with a clear message. */
const OLD_MAGIC = 'NFCKPT01';
export const CHECKPOINT_VERSION = 2;
const DIGEST_BYTES = 32;

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
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const body = 12 + headerBytes.length + payload.length;
  const out = new Uint8Array(body + DIGEST_BYTES);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(payload, 12 + headerBytes.length);
  out.set(createHash('sha256').update(out.subarray(0, body)).digest(), body);
  return out;
}

function corrupt(path: string, problem: string): NumfeatError {
  return new NumfeatError('CORRUPT_FILE', `checkpoint ${path}: ${problem}`, {
    fix: 'the file is truncated or damaged; delete it to start over, or restore an intact copy',
    details: { path },
  });
}

export function decodeCheckpoint(bytes: Uint8Array, path = '<bytes>'): CheckpointData {
  const magic = bytes.length >= 8 ? new TextDecoder().decode(bytes.subarray(0, 8)) : '';
  if (magic === OLD_MAGIC) {
    throw new NumfeatError('UNSUPPORTED_FORMAT', `checkpoint ${path} is format v1, whose hash did not cover its header`, {
      fix: 'delete it and rerun (this version writes and reads v2 checkpoints only)',
      details: { path },
    });
  }
  if (bytes.length < 12 + DIGEST_BYTES || magic !== MAGIC) throw corrupt(path, 'not a numfeat checkpoint (bad magic bytes or too short)');
  const body = bytes.length - DIGEST_BYTES;
  const digest = createHash('sha256').update(bytes.subarray(0, body)).digest();
  if (!digest.equals(bytes.subarray(body))) throw corrupt(path, 'the SHA-256 over header and payload does not match');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > body) throw corrupt(path, `header of ${headerLength} bytes runs past the end of the ${bytes.length}-byte file`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch (e) {
    throw corrupt(path, `unreadable header (${(e as Error).message})`);
  }
  if (header?.format !== 'numfeat-checkpoint' || header.version !== CHECKPOINT_VERSION) {
    throw new NumfeatError('UNSUPPORTED_FORMAT', `checkpoint ${path} has format ${header?.format} v${header?.version}`, {
      fix: `this version reads numfeat-checkpoint v${CHECKPOINT_VERSION}`,
    });
  }
  const payload = bytes.subarray(12 + headerLength, body);
  checkHeader(header, payload.length, path);
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

/**
 * The header's claims against the payload, before any tensor is allocated: a hash only proves the
 * file is what some writer wrote, not that the writer was this code.
 */
function checkHeader(h: Header, payloadBytes: number, path: string): void {
  const count = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
  if (h.payloadBytes !== payloadBytes) throw corrupt(path, `payload is ${payloadBytes} bytes, the header says ${h.payloadBytes}`);
  if (!count(h.step) || !count(h.tokens) || !count(h.data?.consumed) || typeof h.config !== 'object' || h.config === null) {
    throw corrupt(path, 'the header lacks a valid step, tokens, data.consumed or config');
  }
  if (typeof h.optimizer?.name !== 'string' || !count(h.optimizer.step) || !Array.isArray(h.tensors)) {
    throw corrupt(path, 'the header lacks a valid optimizer state or tensor list');
  }
  for (const t of h.tensors) {
    const ok =
      typeof t?.key === 'string' && /^(param\/.+|optim\/.+\/[^/]+)$/.test(t.key) &&
      count(t.offset) && t.offset % 4 === 0 && count(t.length) && t.offset + 4 * t.length <= payloadBytes &&
      Array.isArray(t.shape) && t.shape.every(count) && t.shape.reduce((a, b) => a * b, 1) === t.length;
    if (!ok) throw corrupt(path, `tensor entry ${JSON.stringify(t).slice(0, 120)} does not fit the ${payloadBytes}-byte payload`);
  }
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
