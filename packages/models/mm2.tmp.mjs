import { initBackend, tf } from '@numfeat/tensor';
await initBackend(process.env.B ?? 'wasm');
for (const [sa, sb, ta, tb] of [[[1024, 64], [64, 192], false, false], [[1024, 192], [64, 192], false, true], [[1024,64],[1700,64],false,true]]) {
  const a = tf.randomNormal(sa), b = tf.randomNormal(sb);
  for (const sync of [false, true]) {
    const run = () => { const c = tf.matMul(a, b, ta, tb); if (sync) c.dataSync(); c.dispose(); };
    for (let i = 0; i < 5; i++) run();
    const c0 = process.cpuUsage(); for (let i = 0; i < 30; i++) run(); const cu = process.cpuUsage(c0);
    console.log(JSON.stringify([sa, sb, tb]), sync ? 'dataSync' : 'nosync', ((cu.user + cu.system) / 30000).toFixed(2), 'ms');
  }
}
