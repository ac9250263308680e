// Float64 brute-force references for numfeat's fused kernels (cross-entropy, RMSNorm, AdamW),
// written from the formulas, for the kernel tests of every backend. Test support only: not
// exported from the package.
import type { FusedAdamWHyper } from './optimizer-kernels.js';

/** max |got − want| / max |want|. */
export function maxRelError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    err = Math.max(err, Math.abs(got[i]! - want[i]!));
  }
  return err / Math.max(scale, 1e-30);
}

/**
 * Per-row nll, the weighted mean Σ w_i nll_i / Σ w_i and its gradient
 * w_i (softmax_ij − [j = t_i]) / Σ w of logits [rows, vocab].
 */
export function crossEntropyReference(logits: ArrayLike<number>, targets: ArrayLike<number>, weights: ArrayLike<number>, rows: number, vocab: number) {
  const lse = Array.from({ length: rows }, (_, i) => {
    let m = -Infinity;
    for (let j = 0; j < vocab; j++) m = Math.max(m, logits[i * vocab + j]!);
    let s = 0;
    for (let j = 0; j < vocab; j++) s += Math.exp(logits[i * vocab + j]! - m);
    return m + Math.log(s);
  });
  const nll = lse.map((l, i) => l - logits[i * vocab + targets[i]!]!);
  let wsum = 0;
  for (let i = 0; i < rows; i++) wsum += weights[i]!;
  const loss = nll.reduce((s, v, i) => s + v * weights[i]!, 0) / wsum;
  const grad = new Float64Array(rows * vocab);
  for (let i = 0; i < rows; i++) for (let j = 0; j < vocab; j++) {
    grad[i * vocab + j] = (weights[i]! / wsum) * (Math.exp(logits[i * vocab + j]! - lse[i]!) - (j === targets[i] ? 1 : 0));
  }
  return { lse, nll, loss, grad };
}

/** y = x·gain/√(mean x² + eps) over rows of x [rows, d], and the gradients of Σ w ⊙ y. */
export function rmsNormReference(x: ArrayLike<number>, gain: ArrayLike<number>, w: ArrayLike<number>, rows: number, d: number, eps: number) {
  const y = new Float64Array(rows * d);
  const dx = new Float64Array(rows * d);
  const dgain = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += x[i * d + j]! ** 2;
    const r = 1 / Math.sqrt(ss / d + eps);
    let dot = 0;
    for (let j = 0; j < d; j++) dot += x[i * d + j]! * gain[j]! * w[i * d + j]!;
    for (let j = 0; j < d; j++) {
      y[i * d + j] = x[i * d + j]! * r * gain[j]!;
      dx[i * d + j] = r * gain[j]! * w[i * d + j]! - (x[i * d + j]! * r ** 3 * dot) / d;
      dgain[j]! += w[i * d + j]! * x[i * d + j]! * r;
    }
  }
  return { y, dx, dgain };
}

/** m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², p' = keep·p − lr·(m'/bc₁)/(√(v'/bc₂) + ε). */
export function adamwReference(p: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>, h: FusedAdamWHyper) {
  const mw = Array.from(m, (x, i) => h.beta1 * x + (1 - h.beta1) * g[i]!);
  const vw = Array.from(v, (x, i) => h.beta2 * x + (1 - h.beta2) * g[i]! ** 2);
  const pw = Array.from(p, (x, i) => h.keep * x - (h.lr * (mw[i]! / h.bc1)) / (Math.sqrt(vw[i]! / h.bc2) + h.eps));
  return { p: pw, m: mw, v: vw };
}
