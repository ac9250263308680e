// Mamba-2's state-space dual (SSD) scan, discrete form, in two versions that must agree:
// - ssdRecurrent: one step per token, h_t = exp(A_t)·h_{t−1} + B_t x_tᵀ, y_t = h_tᵀ C_t (the spec);
// - ssdChunked: mamba_ssm/modules/ssd_minimal.py's ssd_minimal_discrete — quadratic (attention-like)
//   within chunks, a low-rank state passed between chunks — with its einsums written as batched matMuls.
// Shapes as in ssd_minimal: X [b, T, h, p], A [b, T, h] (log decay, ≤ 0; already multiplied by dt),
// B, C [b, T, h, n]. Returns Y [b, T, h, p]. Internally heads fold into the batch axis.
import { NumfeatError, tf } from '@numfeat/tensor';
import { batchMatMul, lowerMask, segmentDecay, transposeLast } from './recurrent-helpers.js';

function checkSsdInputs(x: tf.Tensor, a: tf.Tensor, b: tf.Tensor, c: tf.Tensor): [number, number, number, number, number] {
  const [bs, t, h, p] = x.shape as number[];
  const ok =
    x.rank === 4 && a.rank === 3 && b.rank === 4 && c.rank === 4 &&
    a.shape[0] === bs && a.shape[1] === t && a.shape[2] === h &&
    b.shape[0] === bs && b.shape[1] === t && b.shape[2] === h && c.shape.every((s, i) => s === b.shape[i]);
  if (!ok) {
    throw new NumfeatError('SHAPE_MISMATCH', `SSD wants X [b, T, h, p], A [b, T, h], B and C [b, T, h, n]; got X [${x.shape}], A [${a.shape}], B [${b.shape}], C [${c.shape}]`, {
      fix: 'broadcast B and C to every head (tf.tile) and keep T second',
    });
  }
  return [bs!, t!, h!, p!, b.shape[3]!];
}

/** [b, T, h, ...rest] → [b·h, T, ...rest]. */
function headsFirst(x: tf.Tensor, b: number, t: number, h: number, rest: number[]): tf.Tensor {
  const perm = x.rank === 4 ? [0, 2, 1, 3] : [0, 2, 1];
  return tf.reshape(tf.transpose(x, perm), [b * h, t, ...rest]);
}

/** Step-by-step reference: h ← exp(A_t)·h + B_t x_tᵀ (state [n, p]), y_t = hᵀ C_t. */
export function ssdRecurrent(x: tf.Tensor4D, a: tf.Tensor3D, b: tf.Tensor4D, c: tf.Tensor4D): tf.Tensor4D {
  const [bs, t, h, p, n] = checkSsdInputs(x, a, b, c);
  return tf.tidy(() => {
    const m = bs * h;
    const xs = tf.unstack(headsFirst(x, bs, t, h, [p]), 1);
    const decays = tf.unstack(tf.exp(headsFirst(a, bs, t, h, [])), 1);
    const bsT = tf.unstack(headsFirst(b, bs, t, h, [n]), 1);
    const csT = tf.unstack(headsFirst(c, bs, t, h, [n]), 1);
    let state: tf.Tensor = tf.zeros([m, n, p]);
    const ys: tf.Tensor[] = [];
    for (let s = 0; s < t; s++) {
      state = tf.add(tf.mul(state, tf.reshape(decays[s]!, [m, 1, 1])), tf.mul(tf.reshape(bsT[s]!, [m, n, 1]), tf.reshape(xs[s]!, [m, 1, p])));
      ys.push(tf.sum(tf.mul(state, tf.reshape(csT[s]!, [m, n, 1])), 1));
    }
    return tf.transpose(tf.reshape(tf.stack(ys, 1), [bs, h, t, p]), [0, 2, 1, 3]) as tf.Tensor4D;
  });
}

/**
 * Chunked SSD (ssd_minimal_discrete), chunk length L, chunks c, cumulative log-decay a_l within a chunk:
 *   1. Y_diag = ((C Bᵀ) ⊙ exp(segsum(A))) X                         — within each chunk
 *   2. states_c = Bᵀ (exp(a_L − a) ⊙ X)                            — each chunk's contribution [n, p]
 *   3. S_c = Σ_{c' < c} exp(sum of chunk totals in (c', c)) states_c' — one [c+1, c+1] matMul
 *   4. Y_off = exp(a) ⊙ (C S_c)                                     — the state entering the chunk
 * T need not divide by the chunk length: the tail is zero-padded (A = 0, X = B = C = 0) and cut off.
 */
export function ssdChunked(x: tf.Tensor4D, a: tf.Tensor3D, b: tf.Tensor4D, c: tf.Tensor4D, chunkSize = 16): tf.Tensor4D {
  const [bs, t, h, p, n] = checkSsdInputs(x, a, b, c);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new NumfeatError('BAD_RANGE', `chunkSize must be an integer ≥ 1, got ${chunkSize}`, { fix: 'use 16, 32 or 64' });
  }
  const size = Math.min(chunkSize, t);
  const chunks = Math.ceil(t / size);
  const padded = chunks * size;
  return tf.tidy(() => {
    const m = bs * h;
    const mc = m * chunks;
    const pad = (y: tf.Tensor) => (padded === t ? y : tf.pad(y, y.rank === 3 ? [[0, 0], [0, padded - t], [0, 0]] : [[0, 0], [0, padded - t]]));
    const xc = tf.reshape(pad(headsFirst(x, bs, t, h, [p])), [mc, size, p]) as tf.Tensor3D;
    const bc = tf.reshape(pad(headsFirst(b, bs, t, h, [n])), [mc, size, n]) as tf.Tensor3D;
    const cc = tf.reshape(pad(headsFirst(c, bs, t, h, [n])), [mc, size, n]) as tf.Tensor3D;
    const cum = tf.cumsum(tf.reshape(pad(headsFirst(a, bs, t, h, [])), [mc, size]), 1); // a_l
    // 1. Diagonal blocks.
    const decay = segmentDecay(cum, lowerMask(size)) as tf.Tensor3D;
    const yDiag = batchMatMul(tf.mul(batchMatMul(cc, transposeLast(bc)), decay) as tf.Tensor3D, xc);
    // 2. Each chunk's final state from its own inputs.
    const last = tf.slice(cum, [0, size - 1], [mc, 1]);
    const toEnd = tf.reshape(tf.exp(tf.sub(last, cum)), [mc, size, 1]);
    const states = batchMatMul(transposeLast(bc), tf.mul(xc, toEnd) as tf.Tensor3D); // [mc, n, p]
    // 3. Inter-chunk recurrence as one matMul with the chunk-level decay matrix (zero initial state).
    const totals = tf.pad(tf.reshape(last, [m, chunks]), [[0, 0], [1, 0]]); // [m, chunks+1]
    const chunkDecay = segmentDecay(tf.cumsum(totals, 1), lowerMask(chunks + 1)) as tf.Tensor3D; // [m, z, c]
    const withInitial = tf.pad(tf.reshape(states, [m, chunks, n * p]), [[0, 0], [1, 0], [0, 0]]) as tf.Tensor3D;
    const entering = tf.slice(batchMatMul(chunkDecay, withInitial), [0, 0, 0], [m, chunks, n * p]); // state before chunk c
    // 4. Off-diagonal blocks: what the entering state contributes inside each chunk.
    const yOff = tf.mul(batchMatMul(cc, tf.reshape(entering, [mc, n, p]) as tf.Tensor3D), tf.reshape(tf.exp(cum), [mc, size, 1]));
    let y = tf.reshape(tf.add(yDiag, yOff), [m, padded, p]);
    if (padded !== t) y = tf.slice(y, [0, 0, 0], [m, t, p]);
    return tf.transpose(tf.reshape(y, [bs, h, t, p]), [0, 2, 1, 3]) as tf.Tensor4D;
  });
}
