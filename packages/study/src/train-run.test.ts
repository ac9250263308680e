import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@numfeat/tensor';
import { trainPacked, type TrainPackedOptions } from './train-run.js';

const V = 40;
const L = 9;
const sequences = 64;
const data = new Int32Array(sequences * L).map((_, i) => (i * 7 + (i % L)) % V);
const mask = new Uint8Array(data.length).fill(1);
for (let r = 0; r < sequences; r += 4) mask.fill(0, r * L + 6, (r + 1) * L); // some padded tails
const packed = { data, mask, sequences, seqLen: L, realTokens: 0, padTokens: 0, vocabSize: V };
const options = (dir: string): TrainPackedOptions => ({
  model: { arch: 'transformer', dModel: 16, nLayers: 1, nHeads: 2 },
  optimizer: { name: 'muon', lr: 0.02, adamLr: 0.003 },
  seed: 3, packed, batchSize: 4, steps: 8, evalPoints: 4,
  evalOptions: { numberIds: Array.from({ length: 20 }, (_, i) => i), moduli: [2], metrics: () => ({ probe: 1 }) },
  dir, dataConfig: { test: 'train-run' },
});

beforeAll(async () => { await initBackend('cpu'); });

describe('study training run (trainer-backed)', () => {
  it('a stopped run resumes from its checkpoint: the whole loss curve and every evaluation equal an uninterrupted run (cpu)', async () => {
    const straight = await trainPacked(options(mkdtempSync(join(tmpdir(), 'study-run-a-'))));
    straight.model.dispose();
    const dir = mkdtempSync(join(tmpdir(), 'study-run-b-'));
    let calls = 0;
    const stopped = await trainPacked({ ...options(dir), shouldStop: () => ++calls >= 3 });
    stopped.model.dispose();
    expect(stopped.status).toBe('stopped');
    expect(stopped.step).toBe(3);
    const lines: string[] = [];
    const resumed = await trainPacked({ ...options(dir), log: (l: string) => lines.push(l) });
    resumed.model.dispose();
    expect(resumed.resumedFrom).toBe(3);
    expect(lines.some((l) => /resumed from the checkpoint at step 3/.test(l))).toBe(true);
    expect(resumed.losses).toEqual(straight.losses);
    expect(resumed.losses.map((l: { step: number }) => l.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(resumed.evals).toEqual(straight.evals);
    // step 0 plus every 2 steps; each with the task metric beside Φ and κ
    expect(resumed.evals.map((e: { step: number }) => e.step)).toEqual([0, 2, 4, 6, 8]);
    expect(resumed.evals.every((e) => e.metrics?.probe === 1 && Number.isFinite(e.kappa[2]))).toBe(true);
  }, 120_000);
});
