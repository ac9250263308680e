/**
 * Batched Stockham (autosort, decimation-in-frequency) complex FFT, plus Bluestein for lengths with
 * a large prime factor.
 *
 * A batch is V independent transforms stored element-major: element k of transform c sits at
 * k·V + c. In the stride-s view of a stage, the s·V values of one element group are contiguous, so
 * every butterfly's innermost loop runs over S = s·V consecutive doubles with one twiddle
 * (radix-kernels.ts). Stages alternate between two buffers; the output is in natural order.
 * The first stage reads its input through a `BatchSource`, which may be the caller's row-major
 * matrix itself: no separate packing pass.
 */
import { getPlan, type BluesteinPlan, type FftPlan, type StockhamPlan } from './fft-plan.js';
import { radix2, radix3, radix4, radix5, radix8, radixGeneric } from './radix-kernels.js';

type F64 = Float64Array;

/** Where a batch's input lives: element k of transform c is re[k·stride + reOff + c] + i·im[k·stride + imOff + c]. */
export interface BatchSource {
  readonly re: F64;
  readonly im: F64;
  readonly reOff: number;
  readonly imOff: number;
  readonly stride: number;
}

function runStage(
  p: number,
  xr: F64,
  xi: F64,
  xro: number,
  xio: number,
  xs: number,
  yr: F64,
  yi: F64,
  m: number,
  s: number,
  S: number,
  cs: F64,
  sn: F64,
): void {
  if (p === 8) radix8(xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
  else if (p === 4) radix4(xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
  else if (p === 5) radix5(xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
  else if (p === 2) radix2(xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
  else if (p === 3) radix3(xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
  else radixGeneric(p, xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
}

/**
 * All stages of `plan` for V transforms read from `src`: stage 1 writes (ar, ai), stage 2 (br, bi),
 * and so on. `src` must not alias (ar, ai); it may alias (br, bi). Returns the pair holding the result
 * (callers handle n = 1, a plan with no stages, themselves).
 */
export function stockhamRun(
  plan: StockhamPlan,
  src: BatchSource,
  V: number,
  ar: F64,
  ai: F64,
  br: F64,
  bi: F64,
): { re: F64; im: F64 } {
  let n = plan.n;
  let s = 1;
  const { cos: cs, sin: sn } = plan;
  let xr = src.re;
  let xi = src.im;
  let xro = src.reOff;
  let xio = src.imOff;
  let xs = src.stride;
  let toA = true;
  for (const p of plan.radices) {
    const m = n / p;
    const S = s * V;
    const yr = toA ? ar : br;
    const yi = toA ? ai : bi;
    runStage(p, xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn);
    xr = yr;
    xi = yi;
    xro = 0;
    xio = 0;
    xs = S * p; // next stage: element groups of (s·p)·V values
    toA = !toA;
    n = m;
    s *= p;
  }
  return { re: xr, im: xi };
}

/** In-place single complex transform (used to transform Bluestein filters at plan time). */
export function stockhamInPlace(plan: StockhamPlan, re: F64, im: F64): void {
  const a = [new Float64Array(re.length), new Float64Array(im.length)] as const;
  const out = stockhamRun(plan, { re, im, reOff: 0, imOff: 0, stride: 1 }, 1, a[0], a[1], re, im);
  if (out.re !== re) {
    re.set(out.re);
    im.set(out.im);
  }
}

export function planFor(n: number): FftPlan {
  return getPlan(n, stockhamInPlace);
}

/** Scratch for batched transforms of length n and width ≤ V; reuse it across the batches of one call. */
export interface BatchWorkspace {
  readonly plan: FftPlan;
  readonly V: number;
  /** Two ping-pong pairs, n·V each. */
  readonly aRe: F64;
  readonly aIm: F64;
  readonly bRe: F64;
  readonly bIm: F64;
  /** Bluestein only: two M·V pairs for the convolution. */
  readonly bigRe?: F64;
  readonly bigIm?: F64;
  readonly bigTmpRe?: F64;
  readonly bigTmpIm?: F64;
}

/** The most recent workspace, kept when small: repeated spectra of one shape then allocate nothing. */
let lastWorkspace: BatchWorkspace | undefined;
const KEEP_WORKSPACE_BYTES = 4 << 20;

/** A workspace for n-point batches of width ≤ V (reused from the previous call when it fits). */
export function getWorkspace(n: number, V: number): BatchWorkspace {
  const last = lastWorkspace;
  if (last && last.plan.n === n && last.V === V) return last;
  const ws = createWorkspace(n, V);
  const bytes = 8 * (4 * ws.aRe.length + 4 * (ws.bigRe?.length ?? 0));
  lastWorkspace = bytes <= KEEP_WORKSPACE_BYTES ? ws : undefined;
  return ws;
}

export function createWorkspace(n: number, V: number): BatchWorkspace {
  const plan = planFor(n);
  const len = n * V;
  const base = {
    plan,
    V,
    aRe: new Float64Array(len),
    aIm: new Float64Array(len),
    bRe: new Float64Array(len),
    bIm: new Float64Array(len),
  };
  if (plan.kind === 'stockham') return base;
  const big = plan.m * V;
  return {
    ...base,
    bigRe: new Float64Array(big),
    bigIm: new Float64Array(big),
    bigTmpRe: new Float64Array(big),
    bigTmpIm: new Float64Array(big),
  };
}

/**
 * Forward DFT X[k] = Σ_j x[j]·e^{−2πijk/n} of `width` (≤ ws.V) transforms read from `src`.
 * Returns the workspace pair holding X, laid out k·width + c. `src` is not modified.
 */
export function fftBatch(ws: BatchWorkspace, src: BatchSource, width: number): { re: F64; im: F64 } {
  const plan = ws.plan;
  if (plan.kind === 'bluestein') {
    bluesteinBatch(plan, ws, src, width);
    return { re: ws.aRe, im: ws.aIm };
  }
  if (plan.radices.length === 0) {
    // n = 1: X = x; copy so the caller always gets a compact workspace pair.
    for (let c = 0; c < width; c++) {
      ws.aRe[c] = src.re[src.reOff + c];
      ws.aIm[c] = src.im[src.imOff + c];
    }
    return { re: ws.aRe, im: ws.aIm };
  }
  return stockhamRun(plan, src, width, ws.aRe, ws.aIm, ws.bRe, ws.bIm);
}

/** Chirp-z: X[k] = w_k · Σ_j (x_j w_j) · conj(w_{k−j}), the convolution done by FFTs of length M. */
function bluesteinBatch(plan: BluesteinPlan, ws: BatchWorkspace, src: BatchSource, V: number): void {
  const { n, m, chirpRe, chirpIm, filterRe, filterIm, inner } = plan;
  const ar = ws.bigRe!;
  const ai = ws.bigIm!;
  const tr = ws.bigTmpRe!;
  const ti = ws.bigTmpIm!;
  const { re: sr, im: si, reOff, imOff, stride } = src;
  for (let j = 0; j < n; j++) {
    const cr = chirpRe[j];
    const ci = chirpIm[j];
    const o = j * V;
    const so = j * stride;
    for (let c = 0; c < V; c++) {
      const xr = sr[so + reOff + c];
      const xi = si[so + imOff + c];
      ar[o + c] = xr * cr - xi * ci;
      ai[o + c] = xr * ci + xi * cr;
    }
  }
  ar.fill(0, n * V, m * V);
  ai.fill(0, n * V, m * V);
  // Forward FFT of the chirped input: ar → tr (stage 1) → ar … ; ar may be overwritten from stage 2 on.
  const first = stockhamRun(inner, { re: ar, im: ai, reOff: 0, imOff: 0, stride: V }, V, tr, ti, ar, ai);
  const fr0 = first.re;
  const fi0 = first.im;
  // Multiply by the filter and conjugate: the inverse transform is conj(FFT(conj(·))), 1/M is in the filter.
  for (let k = 0; k < m; k++) {
    const fr = filterRe[k];
    const fi = filterIm[k];
    const o = k * V;
    for (let c = 0; c < V; c++) {
      const xr = fr0[o + c];
      const xi = fi0[o + c];
      fr0[o + c] = xr * fr - xi * fi;
      fi0[o + c] = -(xr * fi + xi * fr);
    }
  }
  const otherR = fr0 === ar ? tr : ar;
  const otherI = fr0 === ar ? ti : ai;
  const conv = stockhamRun(inner, { re: fr0, im: fi0, reOff: 0, imOff: 0, stride: V }, V, otherR, otherI, fr0, fi0);
  const convR = conv.re;
  const convI = conv.im;
  const outR = ws.aRe;
  const outI = ws.aIm;
  for (let k = 0; k < n; k++) {
    const cr = chirpRe[k];
    const ci = chirpIm[k];
    const o = k * V;
    for (let c = 0; c < V; c++) {
      // conj(conv) · w_k
      const xr = convR[o + c];
      const xi = -convI[o + c];
      outR[o + c] = xr * cr - xi * ci;
      outI[o + c] = xr * ci + xi * cr;
    }
  }
}
