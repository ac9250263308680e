// Profile one training step (fwd+bwd+AdamW) of a model at the study's standard size on a backend.
import { initBackend, tf } from '@numfeat/tensor';
import { createModel, createOptimizer, resolveOptimizerOptions, lmLoss } from '@numfeat/models';
const arch = process.argv[2] ?? 'transformer';
const backend = process.argv[3] ?? 'wasm';
const optName = process.argv[4] ?? 'adamw';
await initBackend(backend);
const V = 1700, B = 16, T = 64;
const spec = { arch, vocabSize: V, dModel: 64, nLayers: 2, maxSeqLen: 64,
  ...(arch === 'transformer' ? { nHeads: 4 } : arch === 'gated-deltanet' ? { nHeads: 2, headDim: 32, ffnHidden: 192 } : arch === 'mamba2' ? { headDim: 32 } : { dEmbed: 64, dHidden: 64 }) };
if (arch === 'lstm') { delete spec.maxSeqLen; delete spec.dModel; }
const model = createModel(spec, 0);
const opt = createOptimizer(resolveOptimizerOptions({ name: optName, lr: 0.003 }), model.params);
let s = 1;
const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
const ids = tf.tensor2d(Int32Array.from({ length: B * T }, () => Math.floor(rnd() * V)), [B, T], 'int32');
const tg = tf.tensor2d(Int32Array.from({ length: B * T }, () => Math.floor(rnd() * V)), [B, T], 'int32');
const vars = model.params.map((p) => p.variable);
const names = new Map(model.params.map((p) => [p.variable.name, p.name]));
async function step() {
  const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, tg), vars);
  const named = {}; for (const [k, g] of Object.entries(grads)) named[names.get(k)] = g;
  opt.step(named, 1);
  const l = (await value.data())[0];
  tf.dispose([value, ...Object.values(grads)]);
  return l;
}
for (let i = 0; i < 3; i++) await step();
const n = Number(process.env.STEPS ?? 10); const t0 = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < n; i++) await step();
const wall = (performance.now() - t0) / n; const cu = process.cpuUsage(c0); const ms = (cu.user + cu.system) / 1000 / n;
console.log(`wall ${wall.toFixed(1)} ms/step; cpu below`);
console.log(`${arch} ${backend} ${optName}: ${ms.toFixed(1)} ms/step, ${(B * T / ms * 1000).toFixed(0)} tok/s, tensors ${tf.memory().numTensors}`);
if (process.env.PROFILE) {
  const prof = await tf.profile(() => step());
  const byKernel = new Map();
  for (const k of prof.kernels) { const e = byKernel.get(k.name) ?? { n: 0, ms: 0 }; e.n++; e.ms += k.kernelTimeMs; byKernel.set(k.name, e); }
  const tot = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`kernels: ${prof.kernels.length}, kernel time ${tot.toFixed(1)} ms`);
  for (const [k, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`  ${k.padEnd(22)} n=${String(e.n).padStart(4)} ${e.ms.toFixed(1).padStart(7)} ms`);
  if (process.env.PROFILE === 'mm') for (const k of prof.kernels.filter(k=>k.name==='BatchMatMul'||k.name==='_FusedMatMul')) console.log(k.name, JSON.stringify(k.inputShapes), k.kernelTimeMs.toFixed(2));
}
