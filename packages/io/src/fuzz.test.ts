// Property tests (issue 13): random corruption of real files never crashes or hangs a reader; it
// yields a NumfeatError or a matrix consistent with the bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isNumfeatError } from '@numfeat/core';
import { readNpy } from './npy.js';
import { readSafetensors, listSafetensors } from './safetensors.js';
import { readGloveText } from './glove.js';
import { readWord2vecBinary } from './word2vec.js';
import { fixture } from './test-helpers.js';

/** A mutation: flip bytes, overwrite a run with one byte (0x00/0xff/digits), truncate, or splice in a copy. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('fill' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }), byte: fc.constantFrom(0x00, 0xff, 0x20, 0x0a, 0x39, 0x2d) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Uint8Array.from(bytes);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] ^= m.bits;
    else if (m.kind === 'fill') b.fill(m.byte, at, at + m.length);
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else {
      const from = m.from % b.length;
      const chunk = b.slice(from, from + m.length);
      b = Uint8Array.from([...b.subarray(0, at), ...chunk, ...b.subarray(at)]);
    }
  }
  return b;
}

const runs = { numRuns: Number(process.env.NUMFEAT_FUZZ_RUNS ?? 400), seed: Number(process.env.NUMFEAT_FUZZ_SEED ?? 13) };
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/**
 * Corrupts the fixture `file` at random; `read` must throw a NumfeatError or return a result that
 * passes `check` (given the corrupted bytes).
 */
function survivesCorruption<T>(file: string, read: (bytes: Uint8Array) => T, check: (result: T, bytes: Uint8Array) => void): void {
  const base = fixture(file);
  fc.assert(
    fc.property(mutations, (ms) => {
      const bytes = mutate(base, ms);
      let result: T;
      try {
        result = read(bytes);
      } catch (e) {
        if (!isNumfeatError(e)) throw new Error(`untyped error: ${(e as Error)?.stack ?? e}`);
        expect(e.message.length).toBeGreaterThan(0);
        return;
      }
      check(result, bytes);
    }),
    runs,
  );
}

describe('random corruption never crashes a reader', () => {
  it('npy: a NumfeatError, or values that are exactly the bytes after the header', () => {
    survivesCorruption('f8_c.npy', (bytes) => readNpy(bytes), (r, bytes) => {
      expect(r.data.length).toBe(r.shape.reduce((a, b) => a * b, 1));
      if (r.dtype !== '<f8' || r.fortranOrder) return;
      const header = new DataView(bytes.buffer);
      const dataStart = bytes[6] === 1 ? 10 + header.getUint16(8, true) : 12 + header.getUint32(8, true);
      const view = new DataView(bytes.buffer, dataStart);
      r.data.forEach((x, i) => expect(Object.is(x, view.getFloat64(8 * i, true))).toBe(true));
    });
  });

  it('safetensors: a NumfeatError, or the tensor its (validated) header describes', () => {
    const readAll = (bytes: Uint8Array) => {
      const header = listSafetensors(bytes);
      return { header, tensors: header.tensors.map((t) => readSafetensors(bytes, { tensor: t.name })) };
    };
    survivesCorruption('tiny_f32.safetensors', readAll, ({ header, tensors }, bytes) => {
      tensors.forEach((t, i) => {
        const entry = header.tensors[i];
        expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
        if (entry.dtype !== 'F32') return;
        const view = new DataView(bytes.buffer, header.dataStart + entry.dataOffsets[0]);
        t.data.forEach((x, j) => expect(Object.is(x, view.getFloat32(4 * j, true))).toBe(true));
      });
    });
  });

  it('GloVe text: a NumfeatError, or vectors of one dimension whose words occur once', () => {
    survivesCorruption('tiny_glove.txt', (bytes) => readGloveText(bytes), (r) => {
      for (const [word, v] of r.vectors) {
        expect(v.length).toBe(r.dims);
        expect(word).not.toContain(' ');
      }
      expect(r.vectors.size).toBe(r.scanned);
    });
  });

  it("word2vec: a NumfeatError, or exactly the header's V words of d values", () => {
    survivesCorruption('tiny_gensim.bin', (bytes) => readWord2vecBinary(bytes), (r, bytes) => {
      const [V, d] = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0x0a))).trim().split(/\s+/).map(Number);
      expect(r.dims).toBe(d);
      expect(r.scanned).toBe(V);
      expect(r.vectors.size).toBe(V);
      for (const v of r.vectors.values()) expect(v.length).toBe(d);
    });
  });
});
