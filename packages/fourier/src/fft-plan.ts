/**
 * Plans for the complex FFT of one length N: the radix sequence (Stockham stages) or, when N has a
 * large prime factor, a Bluestein chirp-z setup on a smooth length M ≥ 2N − 1. Plans are cached per N
 * because the twiddle tables cost O(N) trig calls and the same N (1000 numbers) recurs constantly.
 */

/** Largest prime handled by the generic O(p²) odd-radix butterfly; bigger primes go through Bluestein. */
export const MAX_GENERIC_RADIX = 31;

export interface StockhamPlan {
  readonly kind: 'stockham';
  readonly n: number;
  /** Radices in stage order; their product is n. */
  readonly radices: readonly number[];
  /** cos(2πj/n) and −sin(2πj/n), j = 0..n−1 (forward transform twiddles W^j). */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

export interface BluesteinPlan {
  readonly kind: 'bluestein';
  readonly n: number;
  /** Smooth convolution length M ≥ 2n − 1. */
  readonly m: number;
  readonly inner: StockhamPlan;
  /** Chirp w_j = exp(−πi j²/n), j = 0..n−1. */
  readonly chirpRe: Float64Array;
  readonly chirpIm: Float64Array;
  /** FFT_M of the conjugate chirp filter, pre-divided by M (folds the inverse transform's 1/M in). */
  readonly filterRe: Float64Array;
  readonly filterIm: Float64Array;
}

export type FftPlan = StockhamPlan | BluesteinPlan;

/** Splits n into radices 8, 4, 2, 3, 5 and small odd primes; `rest` > 1 means a prime above the limit remains. */
export function factorize(n: number): { radices: number[]; rest: number } {
  const radices: number[] = [];
  let rest = n;
  while (rest % 8 === 0) {
    radices.push(8);
    rest /= 8;
  }
  if (rest % 4 === 0) {
    radices.push(4);
    rest /= 4;
  }
  if (rest % 2 === 0) {
    radices.push(2);
    rest /= 2;
  }
  for (let p = 3; p <= MAX_GENERIC_RADIX && rest > 1; p += 2) {
    while (rest % p === 0) {
      radices.push(p);
      rest /= p;
    }
  }
  return { radices, rest };
}

/** Smallest 2^a·3^b·5^c ≥ n (a cheap length for the Bluestein convolution). */
export function nextSmooth(n: number): number {
  let best = Infinity;
  for (let p2 = 1; p2 < 2 * n; p2 *= 2) {
    for (let p3 = p2; p3 < 2 * n; p3 *= 3) {
      let m = p3;
      while (m < n) m *= 5;
      if (m < best) best = m;
    }
  }
  return best;
}

function stockhamPlan(n: number, radices: number[]): StockhamPlan {
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = (2 * Math.PI * j) / n;
    cos[j] = Math.cos(a);
    sin[j] = -Math.sin(a);
  }
  return { kind: 'stockham', n, radices, cos, sin };
}

function bluesteinPlan(n: number, runStockham: (plan: StockhamPlan, re: Float64Array, im: Float64Array) => void): BluesteinPlan {
  const m = nextSmooth(2 * n - 1);
  const inner = getPlan(m, runStockham) as StockhamPlan;
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  // j² mod 2n, updated incrementally so the angle stays exact for large n.
  let q = 0;
  for (let j = 0; j < n; j++) {
    const a = (Math.PI * q) / n;
    chirpRe[j] = Math.cos(a);
    chirpIm[j] = -Math.sin(a);
    q = (q + 2 * j + 1) % (2 * n);
  }
  const filterRe = new Float64Array(m);
  const filterIm = new Float64Array(m);
  filterRe[0] = chirpRe[0];
  filterIm[0] = -chirpIm[0];
  for (let j = 1; j < n; j++) {
    filterRe[j] = filterRe[m - j] = chirpRe[j];
    filterIm[j] = filterIm[m - j] = -chirpIm[j];
  }
  runStockham(inner, filterRe, filterIm);
  for (let k = 0; k < m; k++) {
    filterRe[k] /= m;
    filterIm[k] /= m;
  }
  return { kind: 'bluestein', n, m, inner, chirpRe, chirpIm, filterRe, filterIm };
}

const cache = new Map<number, FftPlan>();
const CACHE_LIMIT = 32;

/**
 * The cached plan for length n. `runStockham` is injected (it lives in the kernel module) so the
 * Bluestein filter can be transformed once at plan time without a circular import.
 */
export function getPlan(n: number, runStockham: (plan: StockhamPlan, re: Float64Array, im: Float64Array) => void): FftPlan {
  const hit = cache.get(n);
  if (hit) return hit;
  const { radices, rest } = factorize(n);
  const plan = rest === 1 ? stockhamPlan(n, radices) : bluesteinPlan(n, runStockham);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
  cache.set(n, plan);
  return plan;
}
