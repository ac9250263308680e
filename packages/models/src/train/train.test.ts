import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, isNumfeatError, tf } from '@numfeat/tensor';
import { createModel } from '../registry.js';
import { lmLoss, type LanguageModel } from '../model.js';
import { weightedLmLoss } from './loss.js';
import { encodeCheckpoint, decodeCheckpoint, readCheckpoint } from './checkpoint.js';
import { lrScale } from './schedule.js';
import { packedBatches, streamBatches } from './data.js';
import { train, type TrainOptions } from './trainer.js';
import { createProgress } from './progress.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const V = 40;
const spec = { arch: 'transformer', vocabSize: V, dModel: 16, nLayers: 1, nHeads: 2, maxSeqLen: 16 };
// A deterministic stream where "numbers" 0..19 count upwards between text tokens 20..39.
const stream = Int32Array.from({ length: 3000 }, (_, i) => (i % 3 === 2 ? 20 + (i % 20) : Math.floor(i / 3) % 20));
const numberIds = Array.from({ length: 20 }, (_, i) => i);
const tmp = () => mkdtempSync(join(tmpdir(), 'numfeat-train-'));

function base(over: Partial<TrainOptions> = {}): TrainOptions {
  return {
    model: spec,
    seed: 1,
    optimizer: { name: 'muon', lr: 0.02, adamLr: 3e-3 },
    data: streamBatches(stream, { batchSize: 4, seqLen: 8, seed: 7 }),
    dataConfig: { stream: 'test', batchSize: 4, seqLen: 8, seed: 7 },
    steps: 8,
    warmupSteps: 2,
    ...over,
  };
}

describe('lrScale', () => {
  it('warms up linearly, then decays by a cosine to minRatio', () => {
    const o = { totalSteps: 12, warmupSteps: 2, minRatio: 0.1 };
    expect(lrScale(0, o)).toBe(0.5);
    expect(lrScale(1, o)).toBe(1);
    expect(lrScale(2, o)).toBeCloseTo(1, 12);
    expect(lrScale(11, o)).toBeCloseTo(0.1, 12);
    // halfway through the decay the cosine is at its midpoint
    expect(lrScale(2 + 4.5, o)).toBeCloseTo(0.55, 12);
  });
});

describe('train', () => {
  const oneThreadLosses: number[] = [];
  for (const threads of [1, 2]) it(`resume after a stop continues bit-for-bit (loss curve, final weights, dynamics log), ${threads} thread${threads > 1 ? 's' : ''}`, async () => {
    const evalOpt = { every: 64, numberIds, moduli: [2], periods: [2, 5, 10] };
    const run = (over: Partial<TrainOptions> = {}) => base({ threads, ...over });
    const dirA = tmp();
    const full = await train(run({ outDir: dirA, eval: evalOpt }));
    // Two threads split each batch's rows: the same run up to float32 summation order.
    if (threads === 1) oneThreadLosses.push(...full.losses.map((l) => l.loss));
    else full.losses.forEach((l, i) => expect(Math.abs(l.loss - oneThreadLosses[i]!) / oneThreadLosses[i]!, `step ${i}`).toBeLessThan(1e-4));
    const wFull = full.model.embeddingTable().dataSync().slice();
    full.model.dispose();

    const dirB = tmp();
    const first = await train(run({ outDir: dirB, eval: evalOpt, stopAfterSteps: 3 }));
    expect(first.status).toBe('stopped');
    first.model.dispose();
    // As if the process died after flushing the log of later steps but before their checkpoint, mid-line.
    appendFileSync(join(dirB, 'dynamics.jsonl'), '{"type":"train","step":3,"loss":1}\n{"type":"eval","step":4}\n{"type":"tr');
    const second = await train(run({ outDir: dirB, eval: evalOpt, resume: true }));
    expect(second.resumedFrom).toBe(3);
    const wResumed = second.model.embeddingTable().dataSync().slice();
    second.model.dispose();

    expect([...first.losses, ...second.losses]).toEqual(full.losses);
    expect(full.losses.length).toBe(8);
    expect(Array.from(wResumed)).toEqual(Array.from(wFull));
    expect(readFileSync(join(dirB, 'dynamics.jsonl'), 'utf8')).toBe(readFileSync(join(dirA, 'dynamics.jsonl'), 'utf8'));
    const lines = readFileSync(join(dirA, 'dynamics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const evals = lines.filter((l) => l.type === 'eval');
    expect(evals.map((e) => e.step)).toEqual([0, 2, 4, 6, 8]); // every 64 tokens = 2 steps of 4×8
    expect(Object.keys(evals[0].phi)).toEqual(['2', '5', '10']);
    expect(JSON.parse(readFileSync(join(dirB, 'status.json'), 'utf8')).state).toBe('completed');
  }, 60_000);

  it('reduces the loss and keeps the tensor count flat across steps (evaluations included)', async () => {
    const counts: number[] = [];
    const r = await train(base({ steps: 20, optimizer: { name: 'adamw', lr: 1e-2 }, eval: { every: 64, numberIds, moduli: [] }, onStep: () => counts.push(tf.memory().numTensors) }));
    expect(r.losses[19].loss).toBeLessThan(r.losses[0].loss - 0.5);
    expect(new Set(counts.slice(1)).size).toBe(1);
    r.model.dispose();
  }, 60_000);

  it('eval.metrics adds the model\'s own measurements to every evaluation record', async () => {
    const seen: number[] = [];
    const r = await train(base({
      steps: 4,
      eval: { every: 64, numberIds, moduli: [], metrics: (m) => { const rows = m.embeddingTable().shape[0]; seen.push(rows); return { rows, call: seen.length }; } },
    }));
    // Evaluations at step 0, after 64 and 128 tokens (steps 2 and 4): three calls, in order.
    expect(r.evals.map((e) => e.metrics)).toEqual([{ rows: V, call: 1 }, { rows: V, call: 2 }, { rows: V, call: 3 }]);
    r.model.dispose();
  }, 60_000);

  it('masked targets do not move the model: an all-padding batch gives loss 0', async () => {
    const L = 9;
    const data = new Int32Array(4 * L).map((_, i) => (i * 3) % V);
    const src = packedBatches({ data, mask: new Uint8Array(4 * L), sequences: 4, seqLen: L, realTokens: 0, padTokens: 4 * L }, { batchSize: 2, seed: 0 });
    const r = await train(base({ data: src, steps: 1, dataConfig: undefined }));
    expect(r.losses[0].loss).toBe(0);
    r.model.dispose();
  }, 60_000);

  it('a checkpoint from a different config is BAD_ARGUMENT naming the field; nothing is overwritten', async () => {
    const dir = tmp();
    (await train(base({ outDir: dir, stopAfterSteps: 2 }))).model.dispose();
    const before = readFileSync(join(dir, 'checkpoint.bin'));
    const attempt = train(base({ outDir: dir, resume: true, model: { ...spec, dModel: 32 } }));
    await expect(attempt).rejects.toThrow(/model\.dModel is 16 there, 32 here/);
    await expect(train(base({ outDir: dir, resume: true, optimizer: { name: 'adamw' } }))).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
    // a fresh run into a directory with a checkpoint is refused too
    await expect(train(base({ outDir: dir }))).rejects.toThrow(/already holds a checkpoint/);
    expect(readFileSync(join(dir, 'checkpoint.bin')).equals(before)).toBe(true);
  }, 60_000);

  it('a truncated checkpoint is CORRUPT_FILE', async () => {
    const dir = tmp();
    (await train(base({ outDir: dir, stopAfterSteps: 1, steps: 4 }))).model.dispose();
    const bytes = readFileSync(join(dir, 'checkpoint.bin'));
    writeFileSync(join(dir, 'checkpoint.bin'), bytes.subarray(0, bytes.length - 100));
    await expect(train(base({ outDir: dir, resume: true, steps: 4 }))).rejects.toSatisfy((e) => isNumfeatError(e, 'CORRUPT_FILE'));
    writeFileSync(join(dir, 'checkpoint.bin'), bytes.subarray(0, 20));
    await expect(readCheckpoint(join(dir, 'checkpoint.bin'))).rejects.toSatisfy((e) => isNumfeatError(e, 'CORRUPT_FILE'));
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 1] ^= 0xff;
    expect(() => decodeCheckpoint(flipped)).toThrow(/SHA-256 over header and payload/);
  }, 60_000);

  it('a NaN loss stops the run, marks it failed and keeps the last good checkpoint', async () => {
    const dir = tmp();
    let calls = 0;
    // A model whose logits turn NaN from the 4th forward pass on.
    const buildModel = (s: typeof spec, seed: number): LanguageModel => {
      const m = createModel(s, seed);
      return { ...m, forward: (ids, o) => {
        const out = m.forward(ids, o);
        if (++calls < 4) return out;
        const bad = tf.mul(out.logits, NaN) as tf.Tensor3D;
        out.logits.dispose();
        return { ...out, logits: bad };
      } };
    };
    const attempt = train(base({ outDir: dir, buildModel: buildModel as TrainOptions['buildModel'], checkpointEvery: 32 }));
    await expect(attempt).rejects.toThrow(/loss NaN.*step 3.*last good checkpoint \(step 3\)/);
    await attempt.catch((e) => expect(isNumfeatError(e, 'NON_FINITE')).toBe(true));
    const status = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'));
    expect(status.state).toBe('failed');
    const ck = await readCheckpoint(join(dir, 'checkpoint.bin'));
    expect(ck!.step).toBe(3);
    for (const p of Object.values(ck!.params)) expect(p.values.every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('weightedLmLoss: weight-0 targets do not count', () => {
    const model = createModel(spec, 2);
    const rows = [[1, 2, 3, 4], [5, 6, 7, 8]];
    const ids = tf.tensor2d(rows, [2, 4], 'int32') as tf.Tensor2D;
    const targets = tf.tensor2d([[2, 3, 4, 5], [6, 7, 8, 9]], [2, 4], 'int32') as tf.Tensor2D;
    const masked = weightedLmLoss(model, ids, targets, tf.tensor1d([1, 1, 1, 1, 0, 0, 0, 0])).dataSync()[0];
    const row0 = lmLoss(model, tf.tensor2d([rows[0]], [1, 4], 'int32') as tf.Tensor2D, tf.tensor2d([[2, 3, 4, 5]], [1, 4], 'int32') as tf.Tensor2D).dataSync()[0];
    expect(masked).toBeCloseTo(row0, 5);
    const ones = weightedLmLoss(model, ids, targets, tf.tensor1d([1, 1, 1, 1, 1, 1, 1, 1])).dataSync()[0];
    expect(ones).toBeCloseTo(lmLoss(model, ids, targets).dataSync()[0], 5);
    model.dispose();
  });

  it('trains on masked (packed) batches', async () => {
    const L = 9;
    const data = new Int32Array(8 * L).map((_, i) => (i * 5) % V);
    const mask = new Uint8Array(8 * L).fill(1);
    mask.fill(0, 4, L); // row 0 is mostly padding
    const src = packedBatches({ data, mask, sequences: 8, seqLen: L, realTokens: 0, padTokens: 0 }, { batchSize: 2, seed: 0 });
    const r = await train(base({ data: src, steps: 4, dataConfig: undefined }));
    expect(r.losses.every((l) => Number.isFinite(l.loss))).toBe(true);
    r.model.dispose();
  }, 60_000);
});

describe('checkpoint encoding', () => {
  it('round-trips params and optimizer slots exactly', () => {
    const ck = {
      config: { a: 1 },
      step: 5,
      tokens: 160,
      data: { consumed: 5, position: { epoch: 0, batch: 5 } },
      params: { 'layers.0.w': { shape: [2, 2], values: Float32Array.of(1, -2, 3.5, Math.fround(0.1)) } },
      optimizer: { name: 'adamw' as const, step: 5, slots: { 'layers.0.w': { m: Float32Array.of(1, 2, 3, 4), v: Float32Array.of(0, 0, 1e-30, 7) } } },
    };
    expect(decodeCheckpoint(encodeCheckpoint(ck))).toEqual(ck);
  });
});

describe('progress', () => {
  it("train()'s progress lines say how many threads the speed was measured on", async () => {
    const lines: string[] = [];
    await train(base({ steps: 10, progress: { write: (t: string) => lines.push(t) } }));
    expect(lines.join('')).toMatch(/^step 10 100\.0% [\d.]+k? tok\/s \(1 thread\) loss \d/m);
  });

  it('draws a bar on a TTY and plain lines otherwise', () => {
    let t = 0;
    const out: string[] = [];
    const tty = createProgress({ write: (s: string) => out.push(s), isTTY: true }, 1000, { now: () => t });
    t = 1000;
    tty.update({ step: 1, tokens: 500, loss: 2.5 });
    expect(out[0]).toMatch(/^\r\[#{12}\.{12}\] step 1 50\.0% 500 tok\/s loss 2\.5000 ETA 1s/);
    const plain: string[] = [];
    const p = createProgress({ write: (s: string) => plain.push(s) }, 1000, { now: () => t, rateNote: '2 threads' });
    p.update({ step: 1, tokens: 100, loss: 1 });
    p.update({ step: 10, tokens: 1000, loss: 1 });
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^step 10 100\.0% \d+ tok\/s \(2 threads\) loss 1\.0000/);
    expect(plain[0].endsWith('\n')).toBe(true);
  });
});
