// Integrity of checkpoint files (issue 13): the hash covers the header, and a header that does not
// fit its payload is CORRUPT_FILE even when its hash was recomputed.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { isNumfeatError } from '@numfeat/tensor';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointData } from './checkpoint.js';

const sample: CheckpointData = {
  config: { model: { arch: 'transformer', dModel: 4 }, seed: 0 },
  step: 7,
  tokens: 448,
  data: { consumed: 7, position: null },
  params: { 'wte': { shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) } },
  optimizer: { name: 'adamw', step: 7, slots: { wte: { m: Float32Array.from([0.5, 0, 0, 0, 0, -1]) } } },
};

/** Rewrites the JSON header of a checkpoint and (optionally) recomputes its trailing SHA-256. */
function editHeader(bytes: Uint8Array, edit: (header: Record<string, unknown>) => void, rehash: boolean): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const payload = bytes.subarray(12 + n, bytes.length - 32);
  const out = new Uint8Array(12 + json.length + payload.length + 32);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(payload, 12 + json.length);
  const body = out.length - 32;
  out.set(rehash ? createHash('sha256').update(out.subarray(0, body)).digest() : bytes.subarray(bytes.length - 32), body);
  return out;
}

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isNumfeatError(e) ? `${e.code}: ${e.message}` : `untyped: ${String(e)}`;
  }
  return 'no error';
};

describe('checkpoint integrity', () => {
  it('round-trips exactly', () => {
    const back = decodeCheckpoint(encodeCheckpoint(sample));
    expect(back.step).toBe(7);
    expect(Array.from(back.params.wte.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(back.optimizer.slots.wte.m)).toEqual([0.5, 0, 0, 0, 0, -1]);
  });
  it('an edited header (step, tensor length) without a new hash → CORRUPT_FILE', () => {
    const bytes = encodeCheckpoint(sample);
    expect(code(() => decodeCheckpoint(editHeader(bytes, (h) => void (h.step = 9), false), 'c.bin'))).toMatch(/^CORRUPT_FILE: checkpoint c\.bin: the SHA-256 over header and payload/);
    const longer = editHeader(bytes, (h) => void ((h.tensors as { length: number }[])[0].length = 1e9), false);
    expect(code(() => decodeCheckpoint(longer))).toMatch(/^CORRUPT_FILE: .*SHA-256/);
  });
  it('a rehashed header that does not fit its payload → CORRUPT_FILE, never a RangeError', () => {
    const bytes = encodeCheckpoint(sample);
    const cases: ((h: Record<string, any>) => void)[] = [
      (h) => void (h.tensors[0].length = 1e9),
      (h) => void (h.tensors[0].offset = 2),
      (h) => void (h.tensors[0].shape = [3, 3]),
      (h) => void (h.tensors[1].offset = h.payloadBytes),
      (h) => void (h.step = -1),
      (h) => void (h.tensors = 'x'),
      (h) => void (h.payloadBytes = 1),
    ];
    for (const edit of cases) expect(code(() => decodeCheckpoint(editHeader(bytes, edit, true)))).toMatch(/^CORRUPT_FILE/);
  });
  it('a v1 checkpoint (payload-only hash) → UNSUPPORTED_FORMAT saying what to do', () => {
    const v1 = encodeCheckpoint(sample);
    v1.set(new TextEncoder().encode('NFCKPT01'), 0);
    expect(code(() => decodeCheckpoint(v1))).toMatch(/^UNSUPPORTED_FORMAT: .*v1.*delete it and rerun/);
  });
  it('any single flipped byte is detected', () => {
    const bytes = encodeCheckpoint(sample);
    for (let i = 0; i < bytes.length; i += 7) {
      const b = Uint8Array.from(bytes);
      b[i] ^= 0x01;
      expect(code(() => decodeCheckpoint(b)), `byte ${i}`).toMatch(/^(CORRUPT_FILE|UNSUPPORTED_FORMAT)/);
    }
  });
});
