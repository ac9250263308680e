import { readFileSync } from 'node:fs';
import { initBackend, tf } from '@numfeat/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGradients, cpuVsWasmStep, lossOf, overfit, tensorCountAcrossSteps, tinyBatch } from './lstm-gdn-mamba2.testkit.js';
import { createMamba2, defaultMamba2Config, type Mamba2Config } from './mamba2.js';
import { ssdChunked, ssdRecurrent } from './mamba2-ssd.js';
import { createModel } from './registry.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Random SSD inputs like the block makes them: A·dt ≤ 0 (decay in (0, 1)), moderate X, B, C. */
function ssdInputs(b: number, t: number, h: number, p: number, n: number, seed: number) {
  return tf.tidy(() => ({
    x: tf.randomNormal([b, t, h, p], 0, 1, 'float32', seed) as tf.Tensor4D,
    a: tf.neg(tf.softplus(tf.randomNormal([b, t, h], -1, 1, 'float32', seed + 1))) as tf.Tensor3D,
    bm: tf.randomNormal([b, t, h, n], 0, 0.5, 'float32', seed + 2) as tf.Tensor4D,
    cm: tf.randomNormal([b, t, h, n], 0, 0.5, 'float32', seed + 3) as tf.Tensor4D,
  }));
}

const maxAbs = (a: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a)).dataSync()[0]!);
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => maxAbs(tf.sub(a, b)));

describe('SSD scan', () => {
  it.each([
    [37, 8],
    [32, 16],
    [20, 64],
  ])('chunked form agrees with the step-by-step reference (T = %i, chunk %i)', (t, chunk) => {
    const { x, a, bm, cm } = ssdInputs(2, t, 3, 4, 5, 21);
    const ref = ssdRecurrent(x, a, bm, cm);
    const got = ssdChunked(x, a, bm, cm, chunk);
    const err = maxAbsDiff(ref, got);
    console.log(`SSD T=${t} chunk=${chunk}: max |chunked − recurrent| = ${err.toExponential(2)} (outputs ~${maxAbs(ref).toFixed(2)})`);
    expect(err).toBeLessThan(1e-4);
    tf.dispose([x, a, bm, cm, ref, got]);
  });

  it('both forms match mamba_ssm ssd_minimal_discrete (float64 fixture)', () => {
    const fx = JSON.parse(readFileSync(new URL('../fixtures/recurrent/recurrent.json', import.meta.url), 'utf8')).ssd;
    const x = tf.tensor4d(fx.X, [fx.b, fx.T, fx.h, fx.p]);
    const a = tf.tensor3d(fx.A, [fx.b, fx.T, fx.h]);
    const bm = tf.tensor4d(fx.B, [fx.b, fx.T, fx.h, fx.n]);
    const cm = tf.tensor4d(fx.C, [fx.b, fx.T, fx.h, fx.n]);
    const want = tf.tensor4d(fx.Y, [fx.b, fx.T, fx.h, fx.p]);
    const rec = ssdRecurrent(x, a, bm, cm);
    const chunked = ssdChunked(x, a, bm, cm, fx.chunk);
    console.log(`SSD vs ssd_minimal fixture: recurrent ${maxAbsDiff(rec, want).toExponential(2)}, chunked ${maxAbsDiff(chunked, want).toExponential(2)}`);
    expect(maxAbsDiff(rec, want)).toBeLessThan(1e-5);
    expect(maxAbsDiff(chunked, want)).toBeLessThan(1e-5);
    tf.dispose([x, a, bm, cm, want, rec, chunked]);
  });

  it('chunked and recurrent forms have the same gradients', () => {
    const { x, a, bm, cm } = ssdInputs(1, 19, 2, 3, 4, 5);
    const weights = tf.randomNormal([1, 19, 2, 3], 0, 1, 'float32', 9);
    const lossWith = (scan: typeof ssdRecurrent) => (xx: tf.Tensor, aa: tf.Tensor, bb: tf.Tensor, cc: tf.Tensor) =>
      tf.sum(tf.mul(scan(xx as tf.Tensor4D, aa as tf.Tensor3D, bb as tf.Tensor4D, cc as tf.Tensor4D), weights));
    const args = [x, a, bm, cm];
    const ref = tf.grads(lossWith(ssdRecurrent))(args);
    const got = tf.grads(lossWith((xx, aa, bb, cc) => ssdChunked(xx, aa, bb, cc, 8)))(args);
    const errs = ref.map((r, i) => maxAbsDiff(r, got[i]!));
    console.log(`SSD gradients (X, A, B, C): max |Δ| = ${errs.map((e) => e.toExponential(2)).join(', ')}`);
    for (const e of errs) expect(e).toBeLessThan(1e-4);
    tf.dispose([...args, weights, ...ref, ...got]);
  });

  it('the reference is the SSM recurrence written out for one channel', () => {
    // n = p = 1: h_t = e^{a_t} h_{t−1} + b_t x_t, y_t = c_t h_t.
    const xs = [1, -2, 0.5, 3];
    const as = [-0.1, -1, -0.3, 0];
    const bs = [0.5, 2, -1, 1];
    const cs = [1, 0.5, 2, -1];
    let state = 0;
    const want = xs.map((x, t) => {
      state = Math.exp(as[t]!) * state + bs[t]! * x;
      return cs[t]! * state;
    });
    const y = ssdRecurrent(tf.tensor4d(xs, [1, 4, 1, 1]), tf.tensor3d(as, [1, 4, 1]), tf.tensor4d(bs, [1, 4, 1, 1]), tf.tensor4d(cs, [1, 4, 1, 1]));
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    y.dispose();
  });

  it('rejects mismatched shapes', () => {
    const { x, a, bm, cm } = ssdInputs(1, 5, 2, 3, 4, 1);
    const bad = tf.zeros([1, 5, 3]) as tf.Tensor3D;
    expect(() => ssdChunked(x, bad, bm, cm)).toThrow(/SSD wants/);
    expect(() => ssdChunked(x, a, bm, cm, -1)).toThrow(/chunkSize/);
    tf.dispose([x, a, bm, cm, bad]);
  });
});

const tiny = (over: Partial<Mamba2Config> = {}) =>
  defaultMamba2Config({ vocabSize: 16, dModel: 16, nLayers: 2, dState: 4, expand: 2, headDim: 8, chunkSize: 4, maxSeqLen: 32, ...over });

describe('Mamba-2 model', () => {
  const batches: ReturnType<typeof tinyBatch>[] = [];
  const batch = (vocab = 16, b = 2, t = 10, seed = 5) => {
    const made = tinyBatch(vocab, b, t, seed);
    batches.push(made);
    return made;
  };
  afterAll(() => tf.dispose(batches.flatMap((x) => [x.ids, x.targets])));

  it('forward gives [B, T, V] logits and the captured [B, T, d] residual streams', () => {
    const model = createMamba2(tiny(), 0);
    const { ids } = batch();
    const { logits, hidden } = model.forward(ids, { capture: [2, 0] });
    expect(logits.shape).toEqual([2, 10, 16]);
    expect(hidden!.map((h) => h.shape)).toEqual([[2, 10, 16], [2, 10, 16]]);
    expect(model.embeddingTable().shape).toEqual([16, 16]);
    tf.dispose([logits, ...hidden!]);
    model.dispose();
  });

  it('is causal: changing a later token leaves earlier logits unchanged', () => {
    const model = createMamba2(tiny({ initStd: 0.3 }), 1);
    const a = tf.tensor2d([[1, 2, 3, 4, 5, 6]], [1, 6], 'int32');
    const b = tf.tensor2d([[1, 2, 3, 9, 9, 9]], [1, 6], 'int32');
    const la = model.forward(a).logits;
    const lb = model.forward(b).logits;
    expect(maxAbsDiff(tf.slice(la, [0, 0, 0], [1, 3, 16]), tf.slice(lb, [0, 0, 0], [1, 3, 16]))).toBeLessThan(1e-6);
    expect(maxAbsDiff(la, lb)).toBeGreaterThan(1e-4);
    tf.dispose([a, b, la, lb]);
    model.dispose();
  });

  it('chunked and step-by-step models give the same loss', () => {
    const data = batch();
    const chunked = createMamba2(tiny({ initStd: 0.3 }), 2);
    const stepwise = createMamba2(tiny({ initStd: 0.3, chunkSize: 0 }), 2);
    expect(Math.abs(lossOf(chunked, data) - lossOf(stepwise, data))).toBeLessThan(1e-5);
    chunked.dispose();
    stepwise.dispose();
  });

  it('passes a finite-difference gradient check on every parameter', () => {
    const model = createMamba2(tiny({ initStd: 0.3, nLayers: 1 }), 3);
    const report = checkGradients(model, batch(16, 2, 6, 7));
    console.log(`Mamba-2 gradcheck: ${report.entries.length} coordinates, worst ratio ${report.worst.ratio.toFixed(3)} (${report.worst.param}: analytic ${report.worst.analytic.toExponential(3)}, numeric ${report.worst.numeric.toExponential(3)})`);
    expect(report.ok).toBe(true);
    model.dispose();
  });

  it('overfits a fixed tiny batch to near-zero loss (cpu)', () => {
    const model = createMamba2(tiny({ dModel: 32, dState: 8, chunkSize: 8 }), 4);
    const { first, last } = overfit(model, batch(16, 2, 8, 9), 30, 3e-2);
    console.log(`Mamba-2 overfit: loss ${first.toFixed(3)} → ${last.toFixed(4)} in 30 Adam steps`);
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.05);
    model.dispose();
  });

  it('takes the same SGD step on cpu and wasm', async () => {
    const { cpu, wasm } = await cpuVsWasmStep(() => createMamba2(tiny({ initStd: 0.2 }), 5), () => tinyBatch(16, 2, 10, 3), 0.5);
    console.log(`Mamba-2 cpu vs wasm: loss ${cpu[0]} / ${wasm[0]} before, ${cpu[1]} / ${wasm[1]} after one step`);
    expect(Math.abs(cpu[0] - wasm[0])).toBeLessThan(1e-4);
    expect(Math.abs(cpu[1] - wasm[1])).toBeLessThan(1e-4);
    expect(cpu[1]).toBeLessThan(cpu[0]);
  });

  it('keeps the tensor count flat across training steps', () => {
    const model = createMamba2(tiny(), 6);
    const [after1, after4] = tensorCountAcrossSteps(model, batch());
    expect(after4).toBe(after1);
    model.dispose();
  });

  it('is registered as mamba2', () => {
    const model = createModel({ arch: 'mamba2', vocabSize: 16, dModel: 16, headDim: 8, dState: 4 }, 0);
    expect(model.arch).toBe('mamba2');
    model.dispose();
  });

  it('rejects bad configs and inputs with a fix', () => {
    expect(() => createMamba2(tiny({ headDim: 5 }), 0)).toThrow(/config.headDim/);
    expect(() => createModel({ arch: 'mamba2', d_state: 8 }, 0)).toThrow(/config.d_state: is not a Mamba-2 config field/);
    expect(() => createMamba2(tiny({ dState: 0 }), 0)).toThrow(/config.dState/);
    expect(() => createMamba2(tiny({ convSize: 1.5 }), 0)).toThrow(/config.convSize/);
    expect(() => createMamba2(tiny({ initStd: NaN }), 0)).toThrow(/config.initStd/);
    const model = createMamba2(tiny(), 0);
    const long = tf.zeros([1, 33], 'int32') as tf.Tensor2D;
    expect(() => model.forward(long)).toThrow(/maxSeqLen/);
    long.dispose();
    model.dispose();
  });
});
