import { initBackend, tf } from '@numfeat/tensor';
import { createModel, lmLoss } from '@numfeat/models';
await initBackend('wasm');
const model = createModel({ arch: process.argv[2] ?? 'gated-deltanet', vocabSize: 1700, dModel: 64, nLayers: 2, maxSeqLen: 64, nHeads: 2, headDim: 32, ffnHidden: 192 }, 0);
const ids = tf.zeros([16, 64], 'int32'), tg = tf.zeros([16, 64], 'int32');
const eng = tf.engine(); const orig = eng.runKernel.bind(eng); const where = new Map();
eng.runKernel = (name, inputs, attrs) => { if (name === (process.argv[3] ?? 'Cast')) { const st = new Error().stack.split('\n').slice(2, 9).filter(l => !l.includes('tfjs-core') && !l.includes('tf-core')).slice(0, 3).map(s => s.trim().replace(/\(file:.*\/dist\//, '(')).join(' < '); where.set(st, (where.get(st) ?? 0) + 1); } return orig(name, inputs, attrs); };
const { value, grads } = tf.variableGrads(() => lmLoss(model, ids, tg), model.params.map(p => p.variable));
for (const [k, v] of [...where].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(v, k);
