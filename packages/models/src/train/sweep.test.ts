import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@numfeat/tensor';
import { runSweep, runSweepJob, type SweepRun } from './sweep.js';

// Workers import the BUILT package (they cannot load TypeScript): `pnpm --filter @numfeat/models build`.
const dist = new URL('../../dist/index.js', import.meta.url);
const built = existsSync(fileURLToPath(dist));
if (!built) console.warn('sweep.test: packages/models/dist is missing — run `pnpm --filter @numfeat/models build`; worker tests skipped');

beforeAll(async () => {
  await initBackend('cpu');
});

const ids = Int32Array.from({ length: 4000 }, (_, i) => (i * 7 + (i >> 3)) % 32);
const run = (name: string, over: Partial<SweepRun> = {}): SweepRun => ({
  name,
  model: { arch: 'transformer', vocabSize: 32, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 16 },
  optimizer: { name: 'adamw', lr: 1e-2 },
  data: { ids, batchSize: 4, seqLen: 8, seed: 3 },
  steps: 4,
  ...over,
});

describe.skipIf(!built)('runSweep', () => {
  it('runs in workers exactly like in this thread (cpu), in input order, and reports failures per run', async () => {
    const results = await runSweep([run('a'), run('bad', { model: { arch: 'nope' } }), run('c', { seed: 5 })], { workers: 2, backend: 'cpu' });
    expect(results.map((r) => r.name)).toEqual(['a', 'bad', 'c']);
    expect(results[1].ok).toBe(false);
    expect(results[1].error?.message).toMatch(/unknown architecture/);
    const here = await runSweepJob(run('a'), 'cpu');
    expect(results[0].ok).toBe(true);
    expect(results[0].losses).toEqual(here.losses);
    expect(results[2].losses).not.toEqual(here.losses);
  }, 60_000);
});
