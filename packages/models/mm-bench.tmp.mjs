import { initBackend, tf } from '@numfeat/tensor';
await initBackend('wasm');
const shapes = [
  ['logits h·Eᵀ', [1024, 64], [1700, 64], false, true],
  ['dh = dL·E', [1024, 1700], [1700, 64], false, false],
  ['dE = dLᵀ·h', [1024, 1700], [1024, 64], true, false],
  ['x·W 64→192', [1024, 64], [64, 192], false, false],
  ['dW = xᵀ·dy', [1024, 64], [1024, 192], true, false],
  ['dx = dy·Wᵀ', [1024, 192], [64, 192], false, true],
  ['q·kᵀ batched', [64, 64, 16], [64, 64, 16], false, true],
  ['p·v batched', [64, 64, 64], [64, 64, 16], false, false],
];
const reps = Number(process.env.REPS ?? 20);
for (const [name, sa, sb, ta, tb] of shapes) {
  const a = tf.randomNormal(sa), b = tf.randomNormal(sb);
  const run = () => { const c = tf.matMul(a, b, ta, tb); c.dataSync(); c.dispose(); };
  for (let i = 0; i < 3; i++) run();
  const c0 = process.cpuUsage(); for (let i = 0; i < reps; i++) run(); const cu = process.cpuUsage(c0); const ms = (cu.user + cu.system) / 1000 / reps;
  const m = ta ? sa.at(-1) : sa.at(-2), k = ta ? sa.at(-2) : sa.at(-1), n = tb ? sb.at(-2) : sb.at(-1), bat = sa.length > 2 ? sa[0] : 1;
  console.log(`${name.padEnd(14)} ${ms.toFixed(2).padStart(7)} ms  ${(2 * m * n * k * bat / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`);
  a.dispose(); b.dispose();
}
