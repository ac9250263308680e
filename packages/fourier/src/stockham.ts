/**
 * Batched Stockham (autosort, decimation-in-frequency) complex FFT.
 *
 * A batch is V independent transforms stored element-major: element j of transform c sits at
 * j·V + c. In stage form element (q, j) of the stride-s view is contiguous over q∈[0,s) and c∈[0,V),
 * so every butterfly's innermost loop runs over S = s·V consecutive doubles with one twiddle —
 * cache-friendly, branch-free and easy for the JIT. Each stage reads x and writes y, then they swap.
 *
 * Stage with radix p on a sub-problem of length n = p·m (stride s, n·s = N):
 *   y[(p·j + t)·S + i] = W_n^{j·t} · Σ_r x[(j + r·m)·S + i] · ω_p^{r·t}
 * and the result is in natural order after the last stage.
 */
import { getPlan, type BluesteinPlan, type FftPlan, type StockhamPlan } from './fft-plan.js';

type F64 = Float64Array;

function radix2(xr: F64, xi: F64, yr: F64, yi: F64, m: number, s: number, S: number, cs: F64, sn: F64): void {
  for (let j = 0; j < m; j++) {
    const wr = cs[j * s];
    const wi = sn[j * s];
    const a0 = j * S;
    const a1 = (j + m) * S;
    const b0 = 2 * j * S;
    const b1 = b0 + S;
    for (let i = 0; i < S; i++) {
      const ar = xr[a0 + i];
      const ai = xi[a0 + i];
      const br = xr[a1 + i];
      const bi = xi[a1 + i];
      yr[b0 + i] = ar + br;
      yi[b0 + i] = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      yr[b1 + i] = dr * wr - di * wi;
      yi[b1 + i] = dr * wi + di * wr;
    }
  }
}

function radix4(xr: F64, xi: F64, yr: F64, yi: F64, m: number, s: number, S: number, cs: F64, sn: F64): void {
  for (let j = 0; j < m; j++) {
    const w1r = cs[j * s];
    const w1i = sn[j * s];
    const w2r = cs[2 * j * s];
    const w2i = sn[2 * j * s];
    const w3r = cs[3 * j * s];
    const w3i = sn[3 * j * s];
    const a0 = j * S;
    const a1 = (j + m) * S;
    const a2 = (j + 2 * m) * S;
    const a3 = (j + 3 * m) * S;
    const b0 = 4 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[a0 + i];
      const x0i = xi[a0 + i];
      const x1r = xr[a1 + i];
      const x1i = xi[a1 + i];
      const x2r = xr[a2 + i];
      const x2i = xi[a2 + i];
      const x3r = xr[a3 + i];
      const x3i = xi[a3 + i];
      const t0r = x0r + x2r;
      const t0i = x0i + x2i;
      const t1r = x0r - x2r;
      const t1i = x0i - x2i;
      const t2r = x1r + x3r;
      const t2i = x1i + x3i;
      const t3r = x1r - x3r;
      const t3i = x1i - x3i;
      yr[b0 + i] = t0r + t2r;
      yi[b0 + i] = t0i + t2i;
      // y1 = t1 − i·t3, y2 = t0 − t2, y3 = t1 + i·t3, each times its twiddle.
      const y1r = t1r + t3i;
      const y1i = t1i - t3r;
      const y2r = t0r - t2r;
      const y2i = t0i - t2i;
      const y3r = t1r - t3i;
      const y3i = t1i + t3r;
      yr[b1 + i] = y1r * w1r - y1i * w1i;
      yi[b1 + i] = y1r * w1i + y1i * w1r;
      yr[b2 + i] = y2r * w2r - y2i * w2i;
      yi[b2 + i] = y2r * w2i + y2i * w2r;
      yr[b3 + i] = y3r * w3r - y3i * w3i;
      yi[b3 + i] = y3r * w3i + y3i * w3r;
    }
  }
}

const SIN_60 = Math.sqrt(3) / 2;

function radix3(xr: F64, xi: F64, yr: F64, yi: F64, m: number, s: number, S: number, cs: F64, sn: F64): void {
  for (let j = 0; j < m; j++) {
    const w1r = cs[j * s];
    const w1i = sn[j * s];
    const w2r = cs[2 * j * s];
    const w2i = sn[2 * j * s];
    const a0 = j * S;
    const a1 = (j + m) * S;
    const a2 = (j + 2 * m) * S;
    const b0 = 3 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[a0 + i];
      const x0i = xi[a0 + i];
      const sr = xr[a1 + i] + xr[a2 + i];
      const si = xi[a1 + i] + xi[a2 + i];
      const dr = (xr[a1 + i] - xr[a2 + i]) * SIN_60;
      const di = (xi[a1 + i] - xi[a2 + i]) * SIN_60;
      yr[b0 + i] = x0r + sr;
      yi[b0 + i] = x0i + si;
      const mr = x0r - 0.5 * sr;
      const mi = x0i - 0.5 * si;
      // y1 = m − i·d, y2 = m + i·d
      const y1r = mr + di;
      const y1i = mi - dr;
      const y2r = mr - di;
      const y2i = mi + dr;
      yr[b1 + i] = y1r * w1r - y1i * w1i;
      yi[b1 + i] = y1r * w1i + y1i * w1r;
      yr[b2 + i] = y2r * w2r - y2i * w2i;
      yi[b2 + i] = y2r * w2i + y2i * w2r;
    }
  }
}

const C1 = Math.cos((2 * Math.PI) / 5);
const C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5);
const S2 = Math.sin((4 * Math.PI) / 5);

function radix5(xr: F64, xi: F64, yr: F64, yi: F64, m: number, s: number, S: number, cs: F64, sn: F64): void {
  for (let j = 0; j < m; j++) {
    const js = j * s;
    const w1r = cs[js];
    const w1i = sn[js];
    const w2r = cs[2 * js];
    const w2i = sn[2 * js];
    const w3r = cs[3 * js];
    const w3i = sn[3 * js];
    const w4r = cs[4 * js];
    const w4i = sn[4 * js];
    const a0 = j * S;
    const a1 = (j + m) * S;
    const a2 = (j + 2 * m) * S;
    const a3 = (j + 3 * m) * S;
    const a4 = (j + 4 * m) * S;
    const b0 = 5 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    const b4 = b3 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[a0 + i];
      const x0i = xi[a0 + i];
      const x1r = xr[a1 + i];
      const x1i = xi[a1 + i];
      const x2r = xr[a2 + i];
      const x2i = xi[a2 + i];
      const x3r = xr[a3 + i];
      const x3i = xi[a3 + i];
      const x4r = xr[a4 + i];
      const x4i = xi[a4 + i];
      const s14r = x1r + x4r;
      const s14i = x1i + x4i;
      const d14r = x1r - x4r;
      const d14i = x1i - x4i;
      const s23r = x2r + x3r;
      const s23i = x2i + x3i;
      const d23r = x2r - x3r;
      const d23i = x2i - x3i;
      yr[b0 + i] = x0r + s14r + s23r;
      yi[b0 + i] = x0i + s14i + s23i;
      // With ω = e^{−2πi/5}: y1,4 = A ∓ i·B, y2,3 = C ∓ i·D, where A, C collect the cosines of
      // the paired sums and B, D the sines of the paired differences (ω^2 = conj ω^3, ω = conj ω^4).
      const ar = x0r + C1 * s14r + C2 * s23r;
      const ai = x0i + C1 * s14i + C2 * s23i;
      const br = S1 * d14r + S2 * d23r;
      const bi = S1 * d14i + S2 * d23i;
      const cr = x0r + C2 * s14r + C1 * s23r;
      const ci = x0i + C2 * s14i + C1 * s23i;
      const dr = S2 * d14r - S1 * d23r;
      const di = S2 * d14i - S1 * d23i;
      const y1r = ar + bi;
      const y1i = ai - br;
      const y4r = ar - bi;
      const y4i = ai + br;
      const y2r = cr + di;
      const y2i = ci - dr;
      const y3r = cr - di;
      const y3i = ci + dr;
      yr[b1 + i] = y1r * w1r - y1i * w1i;
      yi[b1 + i] = y1r * w1i + y1i * w1r;
      yr[b2 + i] = y2r * w2r - y2i * w2i;
      yi[b2 + i] = y2r * w2i + y2i * w2r;
      yr[b3 + i] = y3r * w3r - y3i * w3i;
      yi[b3 + i] = y3r * w3i + y3i * w3r;
      yr[b4 + i] = y4r * w4r - y4i * w4i;
      yi[b4 + i] = y4r * w4i + y4i * w4r;
    }
  }
}

/** Any odd prime p (≤ MAX_GENERIC_RADIX): direct O(p²) butterfly, pairing t with p − t. */
function radixGeneric(
  xr: F64,
  xi: F64,
  yr: F64,
  yi: F64,
  p: number,
  m: number,
  s: number,
  S: number,
  cs: F64,
  sn: F64,
): void {
  const half = (p - 1) / 2;
  // ω_p^k = cos(2πk/p) − i·sin(2πk/p), k = 0..p−1
  const cp = new Float64Array(p);
  const sp = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    cp[k] = Math.cos((2 * Math.PI * k) / p);
    sp[k] = Math.sin((2 * Math.PI * k) / p);
  }
  const sumR = new Float64Array(half + 1);
  const sumI = new Float64Array(half + 1);
  const difR = new Float64Array(half + 1);
  const difI = new Float64Array(half + 1);
  for (let j = 0; j < m; j++) {
    const b0 = p * j * S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[j * S + i];
      const x0i = xi[j * S + i];
      let y0r = x0r;
      let y0i = x0i;
      for (let r = 1; r <= half; r++) {
        const u = (j + r * m) * S + i;
        const v = (j + (p - r) * m) * S + i;
        sumR[r] = xr[u] + xr[v];
        sumI[r] = xi[u] + xi[v];
        difR[r] = xr[u] - xr[v];
        difI[r] = xi[u] - xi[v];
        y0r += sumR[r];
        y0i += sumI[r];
      }
      yr[b0 + i] = y0r;
      yi[b0 + i] = y0i;
      for (let t = 1; t <= half; t++) {
        let ar = x0r;
        let ai = x0i;
        let br = 0;
        let bi = 0;
        for (let r = 1; r <= half; r++) {
          const k = (r * t) % p;
          ar += cp[k] * sumR[r];
          ai += cp[k] * sumI[r];
          br += sp[k] * difR[r];
          bi += sp[k] * difI[r];
        }
        // y_t = A − i·B, y_{p−t} = A + i·B, then twiddles W_n^{j·t}, W_n^{j·(p−t)}
        const lo = j * t * s; // j·t < n, so the index stays inside the length-N table
        const hi = j * (p - t) * s;
        const ytr = ar + bi;
        const yti = ai - br;
        const yur = ar - bi;
        const yui = ai + br;
        yr[b0 + t * S + i] = ytr * cs[lo] - yti * sn[lo];
        yi[b0 + t * S + i] = ytr * sn[lo] + yti * cs[lo];
        yr[b0 + (p - t) * S + i] = yur * cs[hi] - yui * sn[hi];
        yi[b0 + (p - t) * S + i] = yur * sn[hi] + yui * cs[hi];
      }
    }
  }
}

/**
 * Runs every stage of `plan` on a batch of V transforms held in (xr, xi), using (yr, yi) as the
 * ping-pong buffer. Returns true when the result ended in (yr, yi), false when in (xr, xi).
 */
export function stockhamBatch(plan: StockhamPlan, xr: F64, xi: F64, yr: F64, yi: F64, V: number): boolean {
  let n = plan.n;
  let s = 1;
  let inY = false;
  const { cos: cs, sin: sn } = plan;
  for (const p of plan.radices) {
    const m = n / p;
    const S = s * V;
    const [ar, ai, br, bi] = inY ? [yr, yi, xr, xi] : [xr, xi, yr, yi];
    if (p === 4) radix4(ar, ai, br, bi, m, s, S, cs, sn);
    else if (p === 2) radix2(ar, ai, br, bi, m, s, S, cs, sn);
    else if (p === 5) radix5(ar, ai, br, bi, m, s, S, cs, sn);
    else if (p === 3) radix3(ar, ai, br, bi, m, s, S, cs, sn);
    else radixGeneric(ar, ai, br, bi, p, m, s, S, cs, sn);
    inY = !inY;
    n = m;
    s *= p;
  }
  return inY;
}

/** In-place single complex transform (used to transform Bluestein filters at plan time). */
export function stockhamInPlace(plan: StockhamPlan, re: F64, im: F64): void {
  const yr = new Float64Array(re.length);
  const yi = new Float64Array(im.length);
  if (stockhamBatch(plan, re, im, yr, yi, 1)) {
    re.set(yr);
    im.set(yi);
  }
}

export function planFor(n: number): FftPlan {
  return getPlan(n, stockhamInPlace);
}

/** Scratch for a batched transform of length n and width V; reuse it across batches of one call. */
export interface BatchWorkspace {
  readonly plan: FftPlan;
  readonly V: number;
  /** Input/output buffers, n·V each; after `fftBatch` the result is in (re, im). */
  readonly re: F64;
  readonly im: F64;
  readonly tmpRe: F64;
  readonly tmpIm: F64;
  /** Bluestein only: M·V buffers. */
  readonly bigRe?: F64;
  readonly bigIm?: F64;
  readonly bigTmpRe?: F64;
  readonly bigTmpIm?: F64;
}

export function createWorkspace(n: number, V: number): BatchWorkspace {
  const plan = planFor(n);
  const len = n * V;
  const ws = {
    plan,
    V,
    re: new Float64Array(len),
    im: new Float64Array(len),
    tmpRe: new Float64Array(len),
    tmpIm: new Float64Array(len),
  };
  if (plan.kind === 'bluestein') {
    const big = plan.m * V;
    return {
      ...ws,
      bigRe: new Float64Array(big),
      bigIm: new Float64Array(big),
      bigTmpRe: new Float64Array(big),
      bigTmpIm: new Float64Array(big),
    };
  }
  return ws;
}

/**
 * Forward DFT X[k] = Σ_j x[j]·e^{−2πijk/n} of the V transforms loaded in (ws.re, ws.im).
 * Returns the buffers that hold X (either ws.re/ws.im or the scratch pair: no copy back).
 */
export function fftBatch(ws: BatchWorkspace): { re: F64; im: F64 } {
  const { plan, V } = ws;
  if (plan.kind === 'stockham') {
    return stockhamBatch(plan, ws.re, ws.im, ws.tmpRe, ws.tmpIm, V)
      ? { re: ws.tmpRe, im: ws.tmpIm }
      : { re: ws.re, im: ws.im };
  }
  bluesteinBatch(plan, ws);
  return { re: ws.re, im: ws.im };
}

/** Chirp-z: X[k] = w_k · Σ_j (x_j w_j) · conj(w_{k−j}), the convolution done by FFTs of length M. */
function bluesteinBatch(plan: BluesteinPlan, ws: BatchWorkspace): void {
  const { n, m, chirpRe, chirpIm, filterRe, filterIm, inner } = plan;
  const V = ws.V;
  const ar = ws.bigRe!;
  const ai = ws.bigIm!;
  const tr = ws.bigTmpRe!;
  const ti = ws.bigTmpIm!;
  const { re, im } = ws;
  for (let j = 0; j < n; j++) {
    const cr = chirpRe[j];
    const ci = chirpIm[j];
    const o = j * V;
    for (let c = 0; c < V; c++) {
      const xr = re[o + c];
      const xi = im[o + c];
      ar[o + c] = xr * cr - xi * ci;
      ai[o + c] = xr * ci + xi * cr;
    }
  }
  ar.fill(0, n * V);
  ai.fill(0, n * V);
  let outR = ar;
  let outI = ai;
  if (stockhamBatch(inner, ar, ai, tr, ti, V)) {
    outR = tr;
    outI = ti;
  }
  // Multiply by the filter and conjugate: the inverse transform is conj(FFT(conj(·))), 1/M is in the filter.
  for (let k = 0; k < m; k++) {
    const fr = filterRe[k];
    const fi = filterIm[k];
    const o = k * V;
    for (let c = 0; c < V; c++) {
      const xr = outR[o + c];
      const xi = outI[o + c];
      outR[o + c] = xr * fr - xi * fi;
      outI[o + c] = -(xr * fi + xi * fr);
    }
  }
  const [otherR, otherI] = outR === ar ? [tr, ti] : [ar, ai];
  let convR = outR;
  let convI = outI;
  if (stockhamBatch(inner, outR, outI, otherR, otherI, V)) {
    convR = otherR;
    convI = otherI;
  }
  for (let k = 0; k < n; k++) {
    const cr = chirpRe[k];
    const ci = chirpIm[k];
    const o = k * V;
    for (let c = 0; c < V; c++) {
      // conj(conv) · w_k
      const xr = convR[o + c];
      const xi = -convI[o + c];
      re[o + c] = xr * cr - xi * ci;
      im[o + c] = xr * ci + xi * cr;
    }
  }
}
