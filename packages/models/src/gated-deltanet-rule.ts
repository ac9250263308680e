// The gated delta rule (Yang, Kautz & Hatamizadeh 2024), in two forms that must agree:
// - gatedDeltaRuleRecurrent: one step per token, the spec (Hugging Face transformers'
//   torch_recurrent_gated_delta_rule / flash-linear-attention's naive recurrent form);
// - gatedDeltaRuleChunked: the chunked parallel form (HF's torch_chunk_gated_delta_rule): within a
//   chunk the WY representation via the UT transform (I + A)⁻¹, across chunks the state recurrence.
// Layout: sequences of one head each, folded into the leading axis (n = batch·heads).
// Also home of the small pieces the recurrent models (LSTM, Gated DeltaNet, Mamba-2) share: batched
// matMul, short causal conv, triangular masks.
import { NumfeatError, tf, transposedMatMulIsSlow } from '@numfeat/tensor';

type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/**
 * a [n, i, j] @ b [n, j, k]. Where transposed matMuls are slow (TF.js's own wasm kernel) the
 * backward uses explicit transposes instead of autograd's transposeA/B flags.
 */
const batchMatMulExplicitGrad = tf.customGrad(((a: tf.Tensor3D, b: tf.Tensor3D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor3D, [sa, sb]: tf.Tensor[]) => [
      tf.matMul(dy, tf.transpose(sb!, [0, 2, 1])),
      tf.matMul(tf.transpose(sa!, [0, 2, 1]), dy),
    ],
  };
}) as unknown as CustomGradientFunc) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

export const batchMatMul = (a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D =>
  transposedMatMulIsSlow() ? batchMatMulExplicitGrad(a, b) : (tf.matMul(a, b) as tf.Tensor3D);

export const transposeLast = (x: tf.Tensor3D): tf.Tensor3D => tf.transpose(x, [0, 2, 1]);

/**
 * Depthwise causal convolution as a sum of shifted copies: y_t = Σ_j w[j] ⊙ x_{t−j} for
 * x [B, T, C], w [K, C] (w[0] weighs the current token). Cheap for K ≈ 4 and differentiable on
 * every backend (wasm has no conv weight gradient, design.md §2). PyTorch's conv1d weight
 * [C, 1, K] maps to w[j] = weight[:, 0, K−1−j].
 */
export function shortCausalConv(x: tf.Tensor3D, w: tf.Tensor2D): tf.Tensor3D {
  const [b, t, c] = x.shape;
  const k = w.shape[0];
  let y = tf.mul(x, tf.reshape(tf.slice(w, [0, 0], [1, c]), [c])) as tf.Tensor3D;
  for (let j = 1; j < Math.min(k, t); j++) {
    const shifted = tf.pad(tf.slice(x, [0, 0, 0], [b, t - j, c]), [[0, 0], [j, 0], [0, 0]]);
    y = tf.add(y, tf.mul(shifted, tf.reshape(tf.slice(w, [j, 0], [1, c]), [c])));
  }
  return y;
}

/** Seeded uniform numbers in [lo, hi) (a 32-bit LCG; only used for the A and dt initialisation). */
function uniformValues(count: number, lo: number, hi: number, seed: number): Float32Array {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = lo + ((hi - lo) * state) / 2 ** 32;
  }
  return out;
}

/**
 * Mamba-style decay parameters for `heads` heads: A ~ U[1, 16) stored as log A, and a dt bias
 * that is softplus⁻¹ of dt ~ logU[0.001, 0.1) (fla's GatedDeltaNet and Mamba-2 both do this).
 */
export function decayInit(heads: number, seed: number): { aLog: Float32Array; dtBias: Float32Array } {
  const a = uniformValues(heads, 1, 16, seed);
  const u = uniformValues(heads, Math.log(0.001), Math.log(0.1), seed + 1);
  return {
    aLog: a.map(Math.log),
    dtBias: u.map((logDt) => {
      const dt = Math.max(Math.exp(logDt), 1e-4);
      return dt + Math.log(-Math.expm1(-dt)); // softplus⁻¹(dt)
    }),
  };
}

/** 0/1 lower-triangular [size, size] (diagonal included unless strict), built outside any gradient. */
export function lowerMask(size: number, strict = false): tf.Tensor2D {
  const values = new Float32Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j <= (strict ? i - 1 : i); j++) values[i * size + j] = 1;
  return tf.tensor2d(values, [size, size]);
}

/**
 * exp(c_i − c_j) for i ≥ j and 0 above the diagonal, for cumulative log-decays c [..., L]:
 * the decay from position j to position i. The difference is masked BEFORE exp so the (positive,
 * possibly huge) upper triangle never overflows into inf·0 = NaN.
 */
export function segmentDecay(cum: tf.Tensor, mask: tf.Tensor2D): tf.Tensor {
  const diff = tf.sub(tf.expandDims(cum, -1), tf.expandDims(cum, -2));
  return tf.mul(tf.exp(tf.mul(diff, mask)), mask);
}

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
