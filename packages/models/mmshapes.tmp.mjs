import { initBackend, tf } from '@numfeat/tensor';
await initBackend('wasm');
// Every BatchMatMul of one transformer step, with its time (CPU), by shape.
const eng = tf.engine(); const orig = eng.runKernel.bind(eng); const shapes = [];
eng.runKernel = (name, inputs, attrs) => { if (name === 'BatchMatMul') shapes.push([inputs.a.shape, inputs.b.shape, attrs.transposeA, attrs.transposeB]); return orig(name, inputs, attrs); };
const { createModel, lmLoss } = await import('@numfeat/models');
const model = createModel({ arch: 'transformer', vocabSize: 1700, dModel: 64, nLayers: 2, maxSeqLen: 64, nHeads: 4 }, 0);
const ids = tf.zeros([16, 64], 'int32');
tf.variableGrads(() => lmLoss(model, ids, ids), model.params.map((p) => p.variable));
eng.runKernel = orig;
const agg = new Map();
for (const [sa, sb, ta, tb] of shapes) {
  const a = tf.randomNormal(sa), b = tf.randomNormal(sb);
  for (let i = 0; i < 3; i++) tf.matMul(a, b, ta, tb).dispose();
  const c0 = process.cpuUsage(); const reps = 20; for (let i = 0; i < reps; i++) tf.matMul(a, b, ta, tb).dispose(); const cu = process.cpuUsage(c0);
  const ms = (cu.user + cu.system) / 1000 / reps; const key = JSON.stringify([sa, sb, ta ? 'T' : '', tb ? 'T' : '']);
  const m = ta ? sa.at(-1) : sa.at(-2), k = ta ? sa.at(-2) : sa.at(-1), n = tb ? sb.at(-2) : sb.at(-1), bat = sa.length > 2 ? Math.max(sa[0], sb[0]) : 1;
  const e = agg.get(key) ?? { n: 0, ms: 0, gf: 0 }; e.n++; e.ms += ms; e.gf = 2 * m * n * k * bat / ms / 1e6; agg.set(key, e);
  a.dispose(); b.dispose();
}
let tot = 0; for (const [k, e] of [...agg].sort((x, y) => y[1].ms - x[1].ms)) { tot += e.ms; console.log(e.ms.toFixed(2).padStart(7), 'ms', String(e.n).padStart(3), 'x', e.gf.toFixed(1).padStart(5), 'GF/s', k); }
console.log('total', tot.toFixed(1), 'ms per step in matMuls');
