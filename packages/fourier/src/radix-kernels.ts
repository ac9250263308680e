/**
 * One Stockham stage per radix (2, 3, 4, 5, 8, any odd p) on a batch of interleaved transforms.
 *
 * Stage with radix p on sub-problems of length n = p·m at stride s (so n·s = N), batch width V,
 * S = s·V:   y[(p·j + t)·S + i] = W_N^{j·t·s} · Σ_r x(j + r·m)[i] · ω_p^{r·t},  i = 0..S−1
 * where input row e is read at xr[e·xs + xro + i] (real) and xi[e·xs + xio + i] (imaginary). Every
 * later stage uses xs = S and offsets 0; the first stage may read straight from a row-major matrix
 * (xs = its column count, re/im offsets = two column ranges), which fuses the packing into the FFT.
 * cs/sn hold cos(2πk/N) and −sin(2πk/N). The innermost loop is contiguous over i with one twiddle.
 */
type F64 = Float64Array;

export type StageKernel = (
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
) => void;

export const radix2: StageKernel = (xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn) => {
  for (let j = 0; j < m; j++) {
    const wr = cs[j * s];
    const wi = sn[j * s];
    const e0r = j * xs + xro;
    const e0i = j * xs + xio;
    const e1r = (j + m) * xs + xro;
    const e1i = (j + m) * xs + xio;
    const b0 = 2 * j * S;
    const b1 = b0 + S;
    for (let i = 0; i < S; i++) {
      const ar = xr[e0r + i];
      const ai = xi[e0i + i];
      const br = xr[e1r + i];
      const bi = xi[e1i + i];
      yr[b0 + i] = ar + br;
      yi[b0 + i] = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      yr[b1 + i] = dr * wr - di * wi;
      yi[b1 + i] = dr * wi + di * wr;
    }
  }
};

export const radix4: StageKernel = (xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn) => {
  for (let j = 0; j < m; j++) {
    const js = j * s;
    const w1r = cs[js];
    const w1i = sn[js];
    const w2r = cs[2 * js];
    const w2i = sn[2 * js];
    const w3r = cs[3 * js];
    const w3i = sn[3 * js];
    const e0r = j * xs + xro;
    const e0i = j * xs + xio;
    const e1r = (j + m) * xs + xro;
    const e1i = (j + m) * xs + xio;
    const e2r = (j + 2 * m) * xs + xro;
    const e2i = (j + 2 * m) * xs + xio;
    const e3r = (j + 3 * m) * xs + xro;
    const e3i = (j + 3 * m) * xs + xio;
    const b0 = 4 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[e0r + i];
      const x0i = xi[e0i + i];
      const x1r = xr[e1r + i];
      const x1i = xi[e1i + i];
      const x2r = xr[e2r + i];
      const x2i = xi[e2i + i];
      const x3r = xr[e3r + i];
      const x3i = xi[e3i + i];
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
};

const SQRT1_2 = Math.SQRT1_2;

/**
 * Radix 8 as 2 × 4: b_k = a_k + a_{k+4} gives the even outputs DFT4(b); c_k = (a_k − a_{k+4})·ω8^k
 * gives the odd outputs DFT4(c). One pass instead of the two a radix-4 + radix-2 split would take.
 */
export const radix8: StageKernel = (xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn) => {
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
    const w5r = cs[5 * js];
    const w5i = sn[5 * js];
    const w6r = cs[6 * js];
    const w6i = sn[6 * js];
    const w7r = cs[7 * js];
    const w7i = sn[7 * js];
    const e0r = j * xs + xro;
    const e0i = j * xs + xio;
    const e1r = (j + m) * xs + xro;
    const e1i = (j + m) * xs + xio;
    const e2r = (j + 2 * m) * xs + xro;
    const e2i = (j + 2 * m) * xs + xio;
    const e3r = (j + 3 * m) * xs + xro;
    const e3i = (j + 3 * m) * xs + xio;
    const e4r = (j + 4 * m) * xs + xro;
    const e4i = (j + 4 * m) * xs + xio;
    const e5r = (j + 5 * m) * xs + xro;
    const e5i = (j + 5 * m) * xs + xio;
    const e6r = (j + 6 * m) * xs + xro;
    const e6i = (j + 6 * m) * xs + xio;
    const e7r = (j + 7 * m) * xs + xro;
    const e7i = (j + 7 * m) * xs + xio;
    const b0 = 8 * j * S;
    for (let i = 0; i < S; i++) {
      const a0r = xr[e0r + i];
      const a0i = xi[e0i + i];
      const a1r = xr[e1r + i];
      const a1i = xi[e1i + i];
      const a2r = xr[e2r + i];
      const a2i = xi[e2i + i];
      const a3r = xr[e3r + i];
      const a3i = xi[e3i + i];
      const a4r = xr[e4r + i];
      const a4i = xi[e4i + i];
      const a5r = xr[e5r + i];
      const a5i = xi[e5i + i];
      const a6r = xr[e6r + i];
      const a6i = xi[e6i + i];
      const a7r = xr[e7r + i];
      const a7i = xi[e7i + i];
      // even half: b_k = a_k + a_{k+4}
      const b0r = a0r + a4r;
      const b0i = a0i + a4i;
      const b1r = a1r + a5r;
      const b1i = a1i + a5i;
      const b2r = a2r + a6r;
      const b2i = a2i + a6i;
      const b3r = a3r + a7r;
      const b3i = a3i + a7i;
      // odd half: c_k = (a_k − a_{k+4})·ω8^k with ω8 = (1 − i)/√2, ω8² = −i, ω8³ = −(1 + i)/√2
      const c0r = a0r - a4r;
      const c0i = a0i - a4i;
      const d1r = a1r - a5r;
      const d1i = a1i - a5i;
      const c1r = (d1r + d1i) * SQRT1_2;
      const c1i = (d1i - d1r) * SQRT1_2;
      const c2r = a2i - a6i;
      const c2i = a6r - a2r;
      const d3r = a3r - a7r;
      const d3i = a3i - a7i;
      const c3r = (d3i - d3r) * SQRT1_2;
      const c3i = -(d3r + d3i) * SQRT1_2;
      // DFT4 of b → y0, y2, y4, y6
      let t0r = b0r + b2r;
      let t0i = b0i + b2i;
      let t1r = b0r - b2r;
      let t1i = b0i - b2i;
      let t2r = b1r + b3r;
      let t2i = b1i + b3i;
      let t3r = b1r - b3r;
      let t3i = b1i - b3i;
      yr[b0 + i] = t0r + t2r;
      yi[b0 + i] = t0i + t2i;
      let ur = t1r + t3i;
      let ui = t1i - t3r;
      yr[b0 + 2 * S + i] = ur * w2r - ui * w2i;
      yi[b0 + 2 * S + i] = ur * w2i + ui * w2r;
      ur = t0r - t2r;
      ui = t0i - t2i;
      yr[b0 + 4 * S + i] = ur * w4r - ui * w4i;
      yi[b0 + 4 * S + i] = ur * w4i + ui * w4r;
      ur = t1r - t3i;
      ui = t1i + t3r;
      yr[b0 + 6 * S + i] = ur * w6r - ui * w6i;
      yi[b0 + 6 * S + i] = ur * w6i + ui * w6r;
      // DFT4 of c → y1, y3, y5, y7
      t0r = c0r + c2r;
      t0i = c0i + c2i;
      t1r = c0r - c2r;
      t1i = c0i - c2i;
      t2r = c1r + c3r;
      t2i = c1i + c3i;
      t3r = c1r - c3r;
      t3i = c1i - c3i;
      ur = t0r + t2r;
      ui = t0i + t2i;
      yr[b0 + S + i] = ur * w1r - ui * w1i;
      yi[b0 + S + i] = ur * w1i + ui * w1r;
      ur = t1r + t3i;
      ui = t1i - t3r;
      yr[b0 + 3 * S + i] = ur * w3r - ui * w3i;
      yi[b0 + 3 * S + i] = ur * w3i + ui * w3r;
      ur = t0r - t2r;
      ui = t0i - t2i;
      yr[b0 + 5 * S + i] = ur * w5r - ui * w5i;
      yi[b0 + 5 * S + i] = ur * w5i + ui * w5r;
      ur = t1r - t3i;
      ui = t1i + t3r;
      yr[b0 + 7 * S + i] = ur * w7r - ui * w7i;
      yi[b0 + 7 * S + i] = ur * w7i + ui * w7r;
    }
  }
};

const SIN_60 = Math.sqrt(3) / 2;

export const radix3: StageKernel = (xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn) => {
  for (let j = 0; j < m; j++) {
    const w1r = cs[j * s];
    const w1i = sn[j * s];
    const w2r = cs[2 * j * s];
    const w2i = sn[2 * j * s];
    const e0r = j * xs + xro;
    const e0i = j * xs + xio;
    const e1r = (j + m) * xs + xro;
    const e1i = (j + m) * xs + xio;
    const e2r = (j + 2 * m) * xs + xro;
    const e2i = (j + 2 * m) * xs + xio;
    const b0 = 3 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[e0r + i];
      const x0i = xi[e0i + i];
      const x1r = xr[e1r + i];
      const x1i = xi[e1i + i];
      const x2r = xr[e2r + i];
      const x2i = xi[e2i + i];
      const sr = x1r + x2r;
      const si = x1i + x2i;
      const dr = (x1r - x2r) * SIN_60;
      const di = (x1i - x2i) * SIN_60;
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
};

const C1 = Math.cos((2 * Math.PI) / 5);
const C2 = Math.cos((4 * Math.PI) / 5);
const S1 = Math.sin((2 * Math.PI) / 5);
const S2 = Math.sin((4 * Math.PI) / 5);

export const radix5: StageKernel = (xr, xi, xro, xio, xs, yr, yi, m, s, S, cs, sn) => {
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
    const e0r = j * xs + xro;
    const e0i = j * xs + xio;
    const e1r = (j + m) * xs + xro;
    const e1i = (j + m) * xs + xio;
    const e2r = (j + 2 * m) * xs + xro;
    const e2i = (j + 2 * m) * xs + xio;
    const e3r = (j + 3 * m) * xs + xro;
    const e3i = (j + 3 * m) * xs + xio;
    const e4r = (j + 4 * m) * xs + xro;
    const e4i = (j + 4 * m) * xs + xio;
    const b0 = 5 * j * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    const b4 = b3 + S;
    for (let i = 0; i < S; i++) {
      const x0r = xr[e0r + i];
      const x0i = xi[e0i + i];
      const x1r = xr[e1r + i];
      const x1i = xi[e1i + i];
      const x2r = xr[e2r + i];
      const x2i = xi[e2i + i];
      const x3r = xr[e3r + i];
      const x3i = xi[e3i + i];
      const x4r = xr[e4r + i];
      const x4i = xi[e4i + i];
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
      // the paired sums and B, D the sines of the paired differences (ω² = conj ω³, ω = conj ω⁴).
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
};

/** Any odd p (used for primes 7..31): direct O(p²) butterfly, pairing output t with p − t. */
export function radixGeneric(
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
      const x0r = xr[j * xs + xro + i];
      const x0i = xi[j * xs + xio + i];
      let y0r = x0r;
      let y0i = x0i;
      for (let r = 1; r <= half; r++) {
        const u = (j + r * m) * xs + i;
        const v = (j + (p - r) * m) * xs + i;
        sumR[r] = xr[u + xro] + xr[v + xro];
        sumI[r] = xi[u + xio] + xi[v + xio];
        difR[r] = xr[u + xro] - xr[v + xro];
        difI[r] = xi[u + xio] - xi[v + xio];
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
        // y_t = A − i·B, y_{p−t} = A + i·B, then twiddles W^{j·t·s}, W^{j·(p−t)·s} (j·t < n: in the table)
        const lo = j * t * s;
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
