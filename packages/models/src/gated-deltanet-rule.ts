// The gated delta rule (Yang, Kautz & Hatamizadeh 2024), in two forms that must agree:
// - gatedDeltaRuleRecurrent: one step per token, the spec (Hugging Face transformers'
//   torch_recurrent_gated_delta_rule / flash-linear-attention's naive recurrent form);
// - gatedDeltaRuleChunked: the chunked parallel form (HF's torch_chunk_gated_delta_rule): within a
//   chunk the WY representation via the UT transform (I + A)⁻¹, across chunks the state recurrence.
// Layout: sequences of one head each, folded into the leading axis (n = batch·heads).
import { NumfeatError, tf } from '@numfeat/tensor';
import { batchMatMul, lowerMask, segmentDecay, transposeLast } from './recurrent-helpers.js';

export interface DeltaRuleOptions {
  /** Multiplies q (default 1/√d_k, as in the reference). */
  scale?: number;
}

/** Shapes: q, k [n, T, dk]; v [n, T, dv]; g, beta [n, T]. Returns [n, T, dv]. */
function checkDeltaInputs(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, g: tf.Tensor, beta: tf.Tensor): [number, number, number, number] {
  const ok =
    q.rank === 3 && k.rank === 3 && v.rank === 3 && g.rank === 2 && beta.rank === 2 &&
    k.shape.every((s, i) => s === q.shape[i]) && v.shape[0] === q.shape[0] && v.shape[1] === q.shape[1] &&
    g.shape[0] === q.shape[0] && g.shape[1] === q.shape[1] && beta.shape[0] === q.shape[0] && beta.shape[1] === q.shape[1];
  if (!ok) {
    throw new NumfeatError('SHAPE_MISMATCH', `gated delta rule wants q, k [n, T, dk], v [n, T, dv], g, beta [n, T]; got q [${q.shape}], k [${k.shape}], v [${v.shape}], g [${g.shape}], beta [${beta.shape}]`, {
      fix: 'fold batch and heads into the first axis and keep T second',
    });
  }
  return [q.shape[0]!, q.shape[1]!, q.shape[2]!, v.shape[2]!];
}

/** Step-by-step reference: S ← exp(g_t)·S; S ← S + k_t (β_t (v_t − Sᵀk_t))ᵀ; o_t = Sᵀ(q_t·scale). */
export function gatedDeltaRuleRecurrent(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, g: tf.Tensor2D, beta: tf.Tensor2D, options: DeltaRuleOptions = {}): tf.Tensor3D {
  const [n, , dk, dv] = checkDeltaInputs(q, k, v, g, beta);
  const scale = options.scale ?? 1 / Math.sqrt(dk);
  return tf.tidy(() => {
    const qs = tf.unstack(tf.mul(q, scale), 1);
    const ks = tf.unstack(k, 1);
    const vs = tf.unstack(v, 1);
    const alphas = tf.unstack(tf.exp(g), 1);
    const betas = tf.unstack(beta, 1);
    let state: tf.Tensor = tf.zeros([n, dk, dv]);
    const outs: tf.Tensor[] = [];
    for (let t = 0; t < qs.length; t++) {
      state = tf.mul(state, tf.reshape(alphas[t]!, [n, 1, 1]));
      const kt = tf.reshape(ks[t]!, [n, dk, 1]);
      const predicted = tf.sum(tf.mul(state, kt), 1); // Sᵀk: what the memory returns for k_t
      const delta = tf.mul(tf.sub(vs[t]!, predicted), tf.reshape(betas[t]!, [n, 1]));
      state = tf.add(state, tf.mul(kt, tf.reshape(delta, [n, 1, dv])));
      outs.push(tf.sum(tf.mul(state, tf.reshape(qs[t]!, [n, dk, 1])), 1));
    }
    return tf.stack(outs, 1) as tf.Tensor3D;
  });
}

/**
 * Chunked form. Within a chunk of length L (positions i, j; c = cumulative g):
 *   A_ij = β_i (k_i·k_j) e^{c_i − c_j} for j < i,  T = (I + A)⁻¹ (the UT transform),
 *   U = T (β ⊙ V),  W = T (β ⊙ e^{c} ⊙ K)  (the WY representation),
 * then with the state S entering the chunk:
 *   V' = U − W S,  O = (Q ⊙ e^{c}) S + ((Q Kᵀ) ⊙ decay ⊙ causal) V',
 *   S ← e^{c_L} S + (K ⊙ e^{c_L − c})ᵀ V'.
 * A is strictly lower triangular, hence nilpotent, so (I + A)⁻¹ = Σ_{m<L} (−A)^m exactly; the sum is
 * built as Π_j (I + (−A)^{2^j}) with log₂ L batched matMuls (differentiable; no in-place solve).
 */
export function gatedDeltaRuleChunked(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, g: tf.Tensor2D, beta: tf.Tensor2D, chunkSize = 16, options: DeltaRuleOptions = {}): tf.Tensor3D {
  const [n, t, dk, dv] = checkDeltaInputs(q, k, v, g, beta);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new NumfeatError('BAD_RANGE', `chunkSize must be an integer ≥ 1, got ${chunkSize}`, { fix: 'use 16, 32 or 64' });
  }
  const scale = options.scale ?? 1 / Math.sqrt(dk);
  const size = Math.min(chunkSize, t);
  const chunks = Math.ceil(t / size);
  const padded = chunks * size;
  return tf.tidy(() => {
    const mask = lowerMask(size);
    const strict = lowerMask(size, true);
    const eye = tf.eye(size);
    // Zero padding at the end (k = v = β = 0, g = 0) leaves every real position untouched.
    const padT = <R extends tf.Tensor>(x: R): R => (padded === t ? x : (tf.pad(x, x.rank === 3 ? [[0, 0], [0, padded - t], [0, 0]] : [[0, 0], [0, padded - t]]) as R));
    const nc = n * chunks;
    const toChunks = (x: tf.Tensor, d: number) => tf.reshape(padT(x), [nc, size, d]) as tf.Tensor3D;
    const betaC = tf.reshape(padT(beta), [nc, size, 1]);
    const qc = toChunks(tf.mul(q, scale), dk);
    const kc = toChunks(k, dk);
    const vc = toChunks(v, dv);
    const cum = tf.cumsum(tf.reshape(padT(g), [nc, size]), 1); // c_i within each chunk
    const decay = segmentDecay(cum, mask) as tf.Tensor3D; // e^{c_i − c_j}, i ≥ j
    const expCum = tf.reshape(tf.exp(cum), [nc, size, 1]);
    const kT = transposeLast(kc);
    const kBeta = tf.mul(kc, betaC) as tf.Tensor3D;
    // N = −A; T = Σ N^m via repeated squaring.
    const nil = tf.neg(tf.mul(tf.mul(batchMatMul(kBeta, kT), decay), strict)) as tf.Tensor3D;
    let inverse = tf.add(eye, nil) as tf.Tensor3D;
    let power = nil;
    for (let terms = 2; terms < size; terms *= 2) {
      power = batchMatMul(power, power);
      inverse = tf.add(inverse, batchMatMul(inverse, power));
    }
    const u = batchMatMul(inverse, tf.mul(vc, betaC) as tf.Tensor3D);
    const w = batchMatMul(inverse, tf.mul(kBeta, expCum) as tf.Tensor3D);
    const qkDecay = tf.mul(batchMatMul(qc, kT), decay) as tf.Tensor3D; // causal: decay is 0 above the diagonal
    const qDecay = tf.mul(qc, expCum);
    const last = tf.slice(cum, [0, size - 1], [nc, 1]); // c_L per chunk
    const kToEnd = tf.mul(kc, tf.reshape(tf.exp(tf.sub(last, cum)), [nc, size, 1]));
    // Chunk c of a [n·chunks, size, d] tensor as [n, size, d]. Slices, not tf.unstack: unstack's
    // gradient throws when some of its outputs go unused (here w, qDecay of the first chunk).
    const chunk = (x: tf.Tensor, d: number, c: number) =>
      tf.reshape(tf.slice(tf.reshape(x, [n, chunks, size, d]), [0, c, 0, 0], [n, 1, size, d]), [n, size, d]) as tf.Tensor3D;
    const chunkDecay = tf.reshape(tf.exp(last), [n, chunks, 1]);
    let state: tf.Tensor3D | undefined; // [n, dk, dv]; zero before the first chunk
    const outs: tf.Tensor[] = [];
    for (let c = 0; c < chunks; c++) {
      const vNew = state ? (tf.sub(chunk(u, dv, c), batchMatMul(chunk(w, dk, c), state)) as tf.Tensor3D) : chunk(u, dv, c);
      const intra = batchMatMul(chunk(qkDecay, size, c), vNew);
      outs.push(state ? tf.add(batchMatMul(chunk(qDecay, dk, c), state), intra) : intra);
      const update = batchMatMul(transposeLast(chunk(kToEnd, dk, c)), vNew);
      state = state ? (tf.add(tf.mul(state, tf.slice(chunkDecay, [0, c, 0], [n, 1, 1])), update) as tf.Tensor3D) : update;
    }
    const o = tf.concat(outs, 1);
    return (padded === t ? o : tf.slice(o, [0, 0, 0], [n, t, dv])) as tf.Tensor3D;
  });
}
