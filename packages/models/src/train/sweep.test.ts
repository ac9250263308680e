import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@numfeat/tensor';
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

// Probe once in this (main) thread, then clear EGL_PLATFORM again: the test must show that runSweep
// itself prepares the environment that Mesa reads in the worker threads.
const hadEgl = process.env.EGL_PLATFORM;
const noWebGPU = await initBackend('webgpu', { webgpu: 'opengles' }).then(() => undefined, (e: Error) => e.message);
await tf.setBackend('cpu');
if (hadEgl === undefined) delete process.env.EGL_PLATFORM;

describe.skipIf(!built || noWebGPU !== undefined)('runSweep on webgpu (software opengles path)', () => {
  it('workers find the adapter: the main thread sets EGL_PLATFORM before starting them', async () => {
    const before = process.env.NUMFEAT_WEBGPU;
    process.env.NUMFEAT_WEBGPU = 'opengles';
    try {
      const [r] = await runSweep([run('gpu', { steps: 2 })], { workers: 1, backend: 'webgpu' });
      expect(r.error?.message).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.losses).toHaveLength(2);
    } finally {
      if (before === undefined) delete process.env.NUMFEAT_WEBGPU; else process.env.NUMFEAT_WEBGPU = before;
    }
  }, 120_000);
});
