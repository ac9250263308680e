// Muon (Keller Jordan): momentum SGD whose update for each hidden 2-D weight is replaced by the
// nearest semi-orthogonal matrix, approximated by a quintic Newton–Schulz iteration. Embeddings,
// gains, biases and vectors get AdamW (design.md §7).
import { tf } from '@numfeat/tensor';
import type { Param } from '../model.js';
import { ADAM_SLOTS, adamwUpdate, type AdamHyper } from './adamw.js';
import { SlotStore } from './slots.js';
import type { Optimizer, OptimizerOptions, OptimizerState } from './types.js';

/** The quintic's coefficients (a, b, c): X ← aX + b(XXᵀ)X + c(XXᵀ)²X. */
export const NS_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;

/**
 * Approximately orthogonalises G [rows, cols]: G/‖G‖_F, then `steps` quintic Newton–Schulz
 * iterations. Each singular value σ of G/‖G‖_F becomes f^steps(σ) with f(x) = ax + bx³ + cx⁵;
 * the coefficients trade exactness for speed: after 5 steps every σ ≳ 0.01 lands in ≈ [0.68, 1.13]
 * (not exactly 1 — Muon only needs "roughly orthogonal"). See newtonSchulz5Batched.
 */
export function newtonSchulz5(g: tf.Tensor2D, steps = 5): tf.Tensor2D {
  return tf.tidy(() => tf.squeeze(newtonSchulz5Batched(tf.expandDims(g, 0) as tf.Tensor3D, steps), [0]) as tf.Tensor2D);
}

/**
 * newtonSchulz5 on a stack of same-shaped matrices [n, rows, cols], each scaled by its own
 * Frobenius norm: one batched op sequence for all n, so Muon pays the per-op cost once per shape
 * instead of once per matrix (a d = 64 Transformer has 14 hidden matrices in 3 shapes). Works on
 * the smaller Gram matrix without transposing: (XXᵀ)X = X(XᵀX), so a tall X uses XᵀX.
 */
export function newtonSchulz5Batched(g: tf.Tensor3D, steps = 5): tf.Tensor3D {
  const [a, b, c] = NS_COEFFICIENTS;
  return tf.tidy(() => {
    const [, rows, cols] = g.shape;
    const tall = rows > cols;
    const norms = tf.sqrt(tf.sum(tf.square(g), [1, 2], true));
    let x = tf.div(g, tf.add(norms, 1e-7)) as tf.Tensor3D;
    for (let i = 0; i < steps; i++) {
      // Wide: gram = XXᵀ [rows, rows], X ← aX + poly·X. Tall: gram = XᵀX [cols, cols], X ← aX + X·poly.
      const gram = tall ? tf.matMul(x, x, true, false) : tf.matMul(x, x, false, true);
      const poly = tf.add(tf.mul(gram, b), tf.mul(tf.matMul(gram, gram), c));
      x = tf.add(tf.mul(x, a), tall ? tf.matMul(x, poly) : tf.matMul(poly, x)) as tf.Tensor3D;
    }
    return x;
  });
}

/**
 * Muon for params with group 'matrix' (momentum buffer, Nesterov look-ahead, Newton–Schulz, then
 * p ← p(1 − lr·λ) − lr·√max(1, rows/cols)·O). The √max(1, rows/cols) factor (Keller Jordan's)
 * keeps the per-element update size comparable for tall matrices, whose orthogonalised update has
 * unit singular values spread over fewer columns. Every other param gets AdamW with `adamLr`.
 */
export function createMuon(options: Required<OptimizerOptions>, params: readonly Param[]): Optimizer {
  const isMuon = (p: Param) => p.group === 'matrix' && p.variable.rank === 2;
  const slots = new SlotStore(params, (p) => (isMuon(p) ? ['momentum'] : ADAM_SLOTS));
  // Hidden matrices grouped by shape (in parameter order): each group is orthogonalised as one stack.
  const byShape = new Map<string, Param[]>();
  for (const p of params.filter(isMuon)) {
    const key = p.variable.shape.join('x');
    byShape.set(key, [...(byShape.get(key) ?? []), p]);
  }
  const sameShapeGroups = [...byShape.values()];
  let t = 0;
  return {
    name: 'muon',
    options,
    step(grads, lrScale) {
      t++;
      const lr = options.lr * lrScale;
      const adam: AdamHyper = { lr: options.adamLr * lrScale, betas: options.betas, eps: options.eps, weightDecay: options.weightDecay };
      for (const p of params) {
        const g = grads[p.name];
        if (g && !isMuon(p)) adamwUpdate(p, g, slots.get(p.name, 'm'), slots.get(p.name, 'v'), t, adam);
      }
      for (const group of sameShapeGroups) {
        const present = group.filter((p) => grads[p.name]);
        if (present.length === 0) continue;
        const [rows, cols] = present[0]!.variable.shape as [number, number];
        const scale = Math.sqrt(Math.max(1, rows / cols));
        tf.tidy(() => {
          const directions = present.map((p) => {
            const g = grads[p.name]!;
            const buf = slots.get(p.name, 'momentum');
            const bufNew = tf.add(tf.mul(buf, options.momentum), g);
            buf.assign(bufNew);
            return options.nesterov ? tf.add(g, tf.mul(bufNew, options.momentum)) : bufNew;
          });
          const ortho = tf.unstack(newtonSchulz5Batched(tf.stack(directions) as tf.Tensor3D, options.nsSteps));
          present.forEach((p, i) => {
            const shrunk = options.weightDecay === 0 ? p.variable : tf.mul(p.variable, 1 - lr * options.weightDecay);
            p.variable.assign(tf.sub(shrunk, tf.mul(ortho[i]!, lr * scale)));
          });
        });
      }
    },
    getState: async (): Promise<OptimizerState> => ({ name: 'muon', step: t, slots: await slots.read() }),
    setState(state) {
      slots.write(state.slots);
      t = state.step;
    },
    dispose: () => slots.dispose(),
  };
}
