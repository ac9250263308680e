import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@numfeat/tensor';
import { trainLM } from '../lib/train-lm.mjs';

const V = 40;
const L = 9;
const packed = (() => {
  const data = new Int32Array(64 * L).map((_, i) => (i * 7 + (i % L)) % V);
  return { data, weights: new Float32Array(data.length).fill(1), seqLen: L };
})();
const spec = { modelSpec: { arch: 'transformer', vocabSize: V, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 16 }, optimizerSpec: { name: 'adamw', lr: 0.01 }, seed: 3, packed, batchSize: 4, steps: 6 };

beforeAll(async () => { await initBackend('cpu'); });

describe('study training loop', () => {
  it('a stopped run resumes from its checkpoint and continues exactly (cpu)', async () => {
    const straight = await trainLM(spec);
    straight.model.dispose();
    const path = join(mkdtempSync(join(tmpdir(), 'study-ck-')), 'checkpoint.json');
    let calls = 0;
    const stopped = await trainLM({ ...spec, checkpointPath: path, shouldStop: () => ++calls > 3 });
    expect(stopped).toEqual({ stopped: true, step: 3 });
    const resumed = await trainLM({ ...spec, checkpointPath: path });
    resumed.model.dispose();
    expect(resumed.losses.map(([, l]: [number, number]) => l)).toEqual(straight.losses.map(([, l]: [number, number]) => l));
    expect(straight.losses.at(-1)[1]).toBeLessThan(straight.losses[0][1]);
  });

  it('masked positions do not contribute to the loss', async () => {
    const masked = { ...packed, weights: new Float32Array(packed.data.length) };
    const r = await trainLM({ ...spec, packed: masked, steps: 1 });
    r.model.dispose();
    expect(Math.abs(r.losses[0][1])).toBe(0);
  });
});
