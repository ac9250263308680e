import { initBackend, tf } from '@numfeat/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLstm, defaultLstmConfig, lstmScan, type LstmConfig } from './lstm.js';
import { checkGradients, cpuVsWasmStep, overfit, tensorCountAcrossSteps, tinyBatch } from './lstm-gdn-mamba2.testkit.js';
import { createModel } from './registry.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const tiny = (over: Partial<LstmConfig> = {}) => defaultLstmConfig({ vocabSize: 16, dEmbed: 8, dHidden: 12, nLayers: 2, maxSeqLen: 32, ...over });

/** nn.LSTM written out in float64 JS from the model's weights: the independent reference. */
function referenceLogits(model: ReturnType<typeof createLstm>, ids: number[][]): number[][][] {
  const { dEmbed, dHidden: H, nLayers } = model.config;
  const get = (name: string) => {
    const p = model.params.find((q) => q.name === name)!;
    return { data: Array.from(p.variable.dataSync()), shape: p.variable.shape };
  };
  const matVec = (x: number[], w: { data: number[]; shape: number[] }) =>
    Array.from({ length: w.shape[1]! }, (_, j) => x.reduce((acc, xi, i) => acc + xi * w.data[i * w.shape[1]! + j]!, 0));
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const embed = get('embed');
  return ids.map((row) => {
    let seq = row.map((id) => embed.data.slice(id * dEmbed, (id + 1) * dEmbed));
    for (let l = 0; l < nLayers; l++) {
      const wx = get(`layers.${l}.wx`);
      const wh = get(`layers.${l}.wh`);
      const bias = get(`layers.${l}.bias`).data;
      let h = new Array<number>(H).fill(0);
      let c = new Array<number>(H).fill(0);
      seq = seq.map((x) => {
        const z = matVec(x, wx).map((v, j) => v + matVec(h, wh)[j]! + bias[j]!);
        c = c.map((cj, j) => sig(z[H + j]!) * cj + sig(z[j]!) * Math.tanh(z[2 * H + j]!));
        h = c.map((cj, j) => sig(z[3 * H + j]!) * Math.tanh(cj));
        return h;
      });
    }
    const proj = H === dEmbed ? undefined : get('proj');
    return seq.map((h) => {
      const out = proj ? matVec(h, proj) : h;
      return Array.from({ length: model.config.vocabSize }, (_, v) => out.reduce((acc, o, i) => acc + o * embed.data[v * dEmbed + i]!, 0));
    });
  });
}

/** The same recurrence in plain ops, differentiated by autograd: the reference for lstmScan's hand-written BPTT. */
function autogradScan(xGates: tf.Tensor3D, wh: tf.Tensor2D): tf.Tensor3D {
  let h: tf.Tensor2D = tf.zeros([xGates.shape[1], wh.shape[0]]);
  let c: tf.Tensor = tf.zerosLike(h);
  const hs = tf.unstack(xGates).map((xg) => {
    const [i, f, g, o] = tf.split(tf.add(xg, tf.matMul(h, wh)), 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f!), c), tf.mul(tf.sigmoid(i!), tf.tanh(g!)));
    h = tf.mul(tf.sigmoid(o!), tf.tanh(c)) as tf.Tensor2D;
    return h;
  });
  return tf.stack(hs) as tf.Tensor3D;
}

describe('lstmScan', () => {
  it('forward and hand-written gradients match autograd through the plain recurrence', () => {
    const xGates = tf.randomNormal([7, 3, 20], 0, 1, 'float32', 1) as tf.Tensor3D;
    const wh = tf.randomNormal([5, 20], 0, 0.5, 'float32', 2) as tf.Tensor2D;
    const weights = tf.randomNormal([7, 3, 5], 0, 1, 'float32', 3);
    const lossOf = (scan: typeof lstmScan) => (x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(scan(x as tf.Tensor3D, w as tf.Tensor2D), weights));
    const diff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
    const [ours, ref] = [lstmScan(xGates, wh), autogradScan(xGates, wh)];
    const [gOurs, gRef] = [tf.grads(lossOf(lstmScan))([xGates, wh]), tf.grads(lossOf(autogradScan))([xGates, wh])];
    const errs = [diff(ours, ref), diff(gOurs[0]!, gRef[0]!), diff(gOurs[1]!, gRef[1]!)];
    console.log(`lstmScan vs autograd: h ${errs[0]!.toExponential(2)}, ∂xGates ${errs[1]!.toExponential(2)}, ∂W_h ${errs[2]!.toExponential(2)}`);
    for (const e of errs) expect(e).toBeLessThan(1e-5);
    expect(diff(gRef[1]!, tf.zerosLike(gRef[1]!))).toBeGreaterThan(1e-2); // the check is not vacuous
    tf.dispose([xGates, wh, weights, ours, ref, ...gOurs, ...gRef]);
  });
});

describe('LSTM model', () => {
  const batches: ReturnType<typeof tinyBatch>[] = [];
  const batch = (vocab = 16, b = 2, t = 10, seed = 5) => {
    const made = tinyBatch(vocab, b, t, seed);
    batches.push(made);
    return made;
  };
  afterAll(() => tf.dispose(batches.flatMap((x) => [x.ids, x.targets])));

  it.each([
    ['with a projection (dHidden ≠ dEmbed)', 12],
    ['without a projection', 8],
  ])('matches a float64 nn.LSTM written out by hand, %s', (_, dHidden) => {
    const model = createLstm(tiny({ dHidden, initStd: 0.5 }), 3);
    const rows = [[1, 5, 2, 9, 0], [15, 3, 3, 7, 4]];
    const ids = tf.tensor2d(rows, [2, 5], 'int32');
    const logits = model.forward(ids).logits;
    const got = logits.arraySync() as number[][][];
    const want = referenceLogits(model, rows);
    const err = Math.max(...got.flat(2).map((g, i) => Math.abs(g - want.flat(2)[i]!)));
    expect(err).toBeLessThan(1e-5);
    expect(Math.max(...want.flat(2).map(Math.abs))).toBeGreaterThan(0.1); // not trivially zero
    expect(model.params.some((p) => p.name === 'proj')).toBe(dHidden !== 8);
    tf.dispose([ids, logits]);
    model.dispose();
  });

  it('forward gives [B, T, V] logits; capture 0 is the embedding, later layers are dHidden wide', () => {
    const model = createLstm(tiny(), 0);
    const { ids } = batch();
    const { logits, hidden } = model.forward(ids, { capture: [0, 2] });
    expect(logits.shape).toEqual([2, 10, 16]);
    expect(hidden!.map((h) => h.shape)).toEqual([[2, 10, 8], [2, 10, 12]]);
    expect(model.embeddingTable().shape).toEqual([16, 8]);
    tf.dispose([logits, ...hidden!]);
    model.dispose();
  });

  it('passes a finite-difference gradient check on every parameter', () => {
    // Large embeddings (std 1) so the gradients are well above the check's absolute floor.
    const model = createLstm(tiny({ initStd: 1 }), 3);
    const report = checkGradients(model, batch(16, 2, 6, 7));
    console.log(`LSTM gradcheck: ${report.entries.length} coordinates, worst ratio ${report.worst.ratio.toFixed(3)} (${report.worst.param}: analytic ${report.worst.analytic.toExponential(3)}, numeric ${report.worst.numeric.toExponential(3)})`);
    expect(report.ok).toBe(true);
    model.dispose();
  });

  it('overfits a fixed tiny batch to near-zero loss (cpu)', () => {
    const model = createLstm(tiny({ dEmbed: 32, dHidden: 32, initStd: 0.1 }), 4);
    const { first, last } = overfit(model, batch(16, 2, 8, 9), 60, 3e-2);
    console.log(`LSTM overfit: loss ${first.toFixed(3)} → ${last.toFixed(4)} in 60 Adam steps`);
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.05);
    model.dispose();
  });

  it('takes the same SGD step on cpu and wasm', async () => {
    const { cpu, wasm } = await cpuVsWasmStep(() => createLstm(tiny({ initStd: 0.2 }), 5), () => tinyBatch(16, 2, 10, 3), 0.5);
    console.log(`LSTM cpu vs wasm: loss ${cpu[0]} / ${wasm[0]} before, ${cpu[1]} / ${wasm[1]} after one step`);
    expect(Math.abs(cpu[0] - wasm[0])).toBeLessThan(1e-4);
    expect(Math.abs(cpu[1] - wasm[1])).toBeLessThan(1e-4);
    expect(cpu[1]).toBeLessThan(cpu[0]);
  });

  it('keeps the tensor count flat across training steps', () => {
    const model = createLstm(tiny(), 6);
    const [after1, after4] = tensorCountAcrossSteps(model, batch());
    expect(after4).toBe(after1);
    model.dispose();
  });

  it('is registered as lstm (12 layers like the study)', () => {
    const model = createModel({ arch: 'lstm', vocabSize: 16, dEmbed: 8, nLayers: 12 }, 0);
    expect(model.arch).toBe('lstm');
    expect(model.params.filter((p) => p.name.endsWith('.wh'))).toHaveLength(12);
    model.dispose();
  });

  it('rejects bad configs and inputs with a fix', () => {
    expect(() => createLstm(tiny({ dHidden: 0 }), 0)).toThrow(/config.dHidden/);
    expect(() => createLstm({ ...tiny(), dModel: 8 } as never, 0)).toThrow(/config.dModel: is not an LSTM config field/);
    expect(() => createLstm(tiny({ nLayers: 1.5 }), 0)).toThrow(/config.nLayers/);
    expect(() => createLstm(tiny({ initStd: -1 }), 0)).toThrow(/config.initStd/);
    const model = createLstm(tiny(), 0);
    const floats = tf.zeros([1, 4]) as tf.Tensor2D;
    const ok = tf.zeros([1, 4], 'int32') as tf.Tensor2D;
    expect(() => model.forward(floats)).toThrow(/int32/);
    expect(() => model.forward(ok, { capture: [-1] })).toThrow(/capture layer -1/);
    tf.dispose([floats, ok]);
    model.dispose();
  });
});
