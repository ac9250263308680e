import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, isNumfeatError } from '@numfeat/tensor';
import { streamBatches } from './data.js';
import { train as trainInBrowser } from './trainer-browser.js';
import { train as trainInNode, type TrainOptions } from './trainer.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const stream = Int32Array.from({ length: 2000 }, (_, i) => (i * 7) % 30);
const options = (over: Partial<TrainOptions> = {}): TrainOptions => ({
  model: { arch: 'transformer', vocabSize: 30, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 8 },
  seed: 2,
  optimizer: { name: 'adamw', lr: 3e-3 },
  data: streamBatches(stream, { batchSize: 2, seqLen: 8, seed: 5 }),
  steps: 4,
  ...over,
});

const codeOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (isNumfeatError(e) ? e.code : `not a NumfeatError: ${e}`));

describe('train() of the browser entry (no files, one thread)', () => {
  it('refuses outDir and threads > 1 with a fix, before building anything', async () => {
    expect(await codeOf(trainInBrowser(options({ outDir: '/tmp/never-written' })))).toBe('BAD_ARGUMENT');
    expect(await codeOf(trainInBrowser(options({ threads: 2 })))).toBe('BAD_ARGUMENT');
    await trainInBrowser(options({ threads: 2 })).catch((e) => expect(e.message).toMatch(/worker threads.*browsers/));
  });

  it('is the Node loop: the same losses and weights for the same options', async () => {
    const a = await trainInBrowser(options());
    const b = await trainInNode(options());
    expect(a.losses).toEqual(b.losses);
    expect(a.losses).toHaveLength(4);
    const weights = async (r: typeof a) => Promise.all(r.model.params.map(async (p) => Array.from(await p.variable.data())));
    expect(await weights(a)).toEqual(await weights(b));
    a.model.dispose();
    b.model.dispose();
  });

  it('awaits a promise returned by onStep before the next step', async () => {
    const seen: string[] = [];
    await trainInBrowser(
      options({
        steps: 2,
        onStep: async ({ step }) => {
          seen.push(`begin ${step}`);
          await new Promise((r) => setTimeout(r, 5));
          seen.push(`end ${step}`);
        },
      }),
    ).then((r) => r.model.dispose());
    expect(seen).toEqual(['begin 1', 'end 1', 'begin 2', 'end 2']);
  });
});
