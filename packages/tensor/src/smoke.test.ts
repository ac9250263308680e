import { it } from 'vitest';
import { initBackend, describeBackend, tf, matMul2d, embeddingLookup } from './index.js';
it('smoke', async () => {
  for (const b of ['auto', 'cpu', 'wasm', 'webgpu'] as const) {
    const t0 = performance.now();
    try {
      const r = await initBackend(b, { webgpu: 'opengles' });
      console.log(b, (performance.now() - t0).toFixed(0), 'ms', describeBackend(r));
      const a = tf.tensor2d([[1, 2], [3, 4]]);
      const g = tf.grads((x: tf.Tensor2D, y: tf.Tensor2D) => tf.sum(matMul2d(x, y)))([a, a]);
      console.log(await g[0].data(), await g[1].data());
      const E = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const ge = tf.grad((e: tf.Tensor2D) => tf.sum(tf.mul(embeddingLookup(e, [0, 2, 2]), tf.tensor2d([[1, 1], [2, 3], [4, 5]]))))(E);
      console.log(await ge.data());
    } catch (e) { console.log(b, 'ERR', (e as Error).message); }
  }
});
