/**
 * A compact L-BFGS minimiser (Nocedal & Wright, Alg. 7.4 + strong-Wolfe line search, Alg. 3.5/3.6).
 * Pure arithmetic on Float64Array: deterministic for a given start point.
 */
export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max|grad| ≤ gtol. */
  gtol?: number;
  /** Stop when the relative decrease of f over an iteration is ≤ ftol. */
  ftol?: number;
  maxIter?: number;
  /** History size (scipy's default is 10). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  gradMax: number;
  converged: boolean;
  reason: 'gtol' | 'ftol' | 'maxIter' | 'lineSearch';
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

export function lbfgs(fg: ValueAndGradient, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const gtol = opts.gtol ?? 1e-6;
  const ftol = opts.ftol ?? 1e-15;
  const maxIter = opts.maxIter ?? 1000;
  const m = opts.memory ?? 10;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let iterations = 0;
  let reason: LbfgsResult['reason'] = 'maxIter';
  if (maxAbs(g) <= gtol) reason = 'gtol';
  while (reason === 'maxIter' && iterations < maxIter) {
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let j = S.length - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(S[j], dir);
      const yj = Y[j];
      for (let i = 0; i < n; i++) dir[i] -= alpha[j] * yj[i];
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1;
    for (let i = 0; i < n; i++) dir[i] *= gamma;
    for (let j = 0; j < S.length; j++) {
      const beta = rho[j] * dot(Y[j], dir);
      const sj = S[j];
      for (let i = 0; i < n; i++) dir[i] += (alpha[j] - beta) * sj[i];
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = dot(g, dir);
    }
    const step0 = S.length === 0 ? Math.min(1, 1 / maxAbs(g)) : 1;
    const ls = wolfeSearch(fg, x, f, g, dir, slope, step0, xNew, gNew);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      reason = 'lineSearch';
      break;
    }
    iterations++;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    if (maxAbs(g) <= gtol) reason = 'gtol';
    else if ((fOld - f) <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) reason = 'ftol';
  }
  return { x, f, iterations, evaluations, gradMax: maxAbs(g), converged: reason === 'gtol' || reason === 'ftol', reason };
}

interface SearchResult {
  ok: boolean;
  f: number;
  evaluations: number;
}

/** Strong-Wolfe line search (c1 = 1e-4, c2 = 0.9); leaves the accepted point in xNew/gNew. */
function wolfeSearch(
  fg: ValueAndGradient,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  dir: Float64Array,
  slope0: number,
  step0: number,
  xNew: Float64Array,
  gNew: Float64Array,
): SearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  let evaluations = 0;
  const evalAt = (t: number): { f: number; slope: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + t * dir[i];
    const f = fg(xNew, gNew);
    evaluations++;
    return { f, slope: dot(gNew, dir) };
  };
  let tPrev = 0;
  let fPrev = f0;
  let slopePrev = slope0;
  let t = step0;
  for (let iter = 0; iter < 30; iter++) {
    const cur = evalAt(t);
    if (!Number.isFinite(cur.f) || cur.f > f0 + c1 * t * slope0 || (iter > 0 && cur.f >= fPrev)) {
      return zoom(tPrev, fPrev, slopePrev, t, cur.f, cur.slope);
    }
    if (Math.abs(cur.slope) <= -c2 * slope0) return { ok: true, f: cur.f, evaluations };
    if (cur.slope >= 0) return zoom(t, cur.f, cur.slope, tPrev, fPrev, slopePrev);
    tPrev = t;
    fPrev = cur.f;
    slopePrev = cur.slope;
    t *= 2;
  }
  return { ok: false, f: f0, evaluations };

  function zoom(tLo: number, fLo: number, sLo: number, tHi: number, fHi: number, sHi: number): SearchResult {
    for (let iter = 0; iter < 40; iter++) {
      let tj = cubicMinimiser(tLo, fLo, sLo, tHi, fHi, sHi);
      const lo = Math.min(tLo, tHi);
      const hi = Math.max(tLo, tHi);
      const margin = 0.1 * (hi - lo);
      if (!Number.isFinite(tj) || tj < lo + margin || tj > hi - margin) tj = 0.5 * (tLo + tHi);
      const cur = evalAt(tj);
      if (!Number.isFinite(cur.f) || cur.f > f0 + c1 * tj * slope0 || cur.f >= fLo) {
        tHi = tj;
        fHi = cur.f;
        sHi = cur.slope;
      } else {
        if (Math.abs(cur.slope) <= -c2 * slope0) return { ok: true, f: cur.f, evaluations };
        if (cur.slope * (tHi - tLo) >= 0) {
          tHi = tLo;
          fHi = fLo;
          sHi = sLo;
        }
        tLo = tj;
        fLo = cur.f;
        sLo = cur.slope;
      }
      if (Math.abs(tHi - tLo) < 1e-16 * Math.max(1, Math.abs(tLo))) break;
    }
    // Accept the best sufficient-decrease point found, if any.
    if (tLo > 0 && fLo < f0) {
      const cur = evalAt(tLo);
      return { ok: true, f: cur.f, evaluations };
    }
    return { ok: false, f: f0, evaluations };
  }
}

/** Minimiser of the cubic interpolating f and f' at a and b (Nocedal & Wright eq. 3.59). */
function cubicMinimiser(a: number, fa: number, sa: number, b: number, fb: number, sb: number): number {
  if (!Number.isFinite(fb) || !Number.isFinite(sb)) return NaN;
  const d1 = sa + sb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - sa * sb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((sb + d2 - d1) / (sb - sa + 2 * d2));
}
