import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batches } from './batches.js';
import type { ShardRef } from '../real/shards.js';

const dir = mkdtempSync(join(tmpdir(), 'numfeat-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = Uint32Array.from({ length: 1000 }, (_, i) => i);

describe('batches', () => {
  it('yields [B, T] inputs with shifted targets, covering every window once per epoch', () => {
    const s = batches({ ids, batchSize: 4, seqLen: 10, seed: 1, epochs: 1 });
    expect(s.windows).toBe(99);
    expect(s.batchesPerEpoch).toBe(24);
    const starts: number[] = [];
    for (const b of s) {
      expect(b.shape).toEqual([4, 10]);
      for (let r = 0; r < 4; r++) {
        const row = b.inputs.subarray(r * 10, r * 10 + 10);
        expect(row[0] % 10).toBe(0);
        for (let t = 0; t < 10; t++) {
          expect(row[t]).toBe(row[0] + t);
          expect(b.targets[r * 10 + t]).toBe(row[0] + t + 1);
        }
        starts.push(row[0]);
      }
    }
    expect(new Set(starts).size).toBe(96); // 24 full batches of distinct windows
  });

  it('is deterministic by seed and resumes exactly from position()', () => {
    const all = [...batches({ ids, batchSize: 3, seqLen: 7, seed: 5, epochs: 3 })].map((b) => Array.from(b.inputs));
    const s = batches({ ids, batchSize: 3, seqLen: 7, seed: 5, epochs: 3 });
    const head: number[][] = [];
    for (let i = 0; i < 50; i++) head.push(Array.from(s.next()!.inputs));
    const saved = s.position();
    const tail = [...batches({ ids, batchSize: 3, seqLen: 7, seed: 5, epochs: 3, start: saved })].map((b) => Array.from(b.inputs));
    expect([...head, ...tail]).toEqual(all);
    expect(all[0]).not.toEqual([...batches({ ids, batchSize: 3, seqLen: 7, seed: 6, epochs: 1 })][0].inputs);
    // epochs reshuffle
    const perEpoch = s.batchesPerEpoch;
    expect(all.slice(0, perEpoch)).not.toEqual(all.slice(perEpoch, 2 * perEpoch));
  });

  it('reads uint16 and uint32 shards window by window, never across shard boundaries', () => {
    const a = Uint16Array.from({ length: 300 }, (_, i) => i);
    const b = Uint32Array.from({ length: 200 }, (_, i) => 70000 + i);
    writeFileSync(join(dir, 'a.bin'), new Uint8Array(a.buffer));
    writeFileSync(join(dir, 'b.bin'), new Uint8Array(b.buffer));
    const shards: ShardRef[] = [
      { path: join(dir, 'a.bin'), dtype: 'uint16', tokens: 300 },
      { path: join(dir, 'b.bin'), dtype: 'uint32', tokens: 200 },
    ];
    const s = batches({ shards, batchSize: 2, seqLen: 16, seed: 0, epochs: 1 });
    expect(s.windows).toBe(18 + 12);
    let rows = 0;
    for (const bt of s) {
      for (let r = 0; r < 2; r++) {
        const x = bt.inputs[r * 16];
        const y = bt.targets[r * 16 + 15];
        expect(y - x).toBe(16); // contiguous within one shard
        rows++;
      }
    }
    s.close();
    expect(rows).toBe(30);
  });

  it('rejects a stream too short for one batch', () => {
    expect(() => batches({ ids: [1, 2, 3], batchSize: 2, seqLen: 4, seed: 0 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => batches({ ids, batchSize: 2, seqLen: 4, seed: 0, start: { epoch: 0, batch: 10_000 } })).toThrow(expect.objectContaining({ code: 'BAD_RANGE' }));
  });
});
