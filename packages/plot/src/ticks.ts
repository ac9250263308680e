/** Tick computation and labelling for linear and log axes. */

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** The "nice" number (1, 2 or 5 × 10ᵏ) nearest to x. */
function niceNumber(x: number): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * 10 ** exp;
}

function decimalsFor(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Removes binary noise (0.30000000000000004) from a multiple of `step`. */
function clean(value: number, step: number): number {
  return Number(value.toFixed(Math.min(20, decimalsFor(step) + 2)));
}

export interface LinearTicks {
  /** The domain, widened to whole steps when `extend` is on. */
  domain: [number, number];
  ticks: number[];
  step: number;
}

/**
 * Nice ticks (after Heckbert): a 1-2-5 step giving about `count` ticks. With `extend` (the default) the domain grows to the enclosing ticks,
 * so axes start and end on a labelled value; without it ticks stay inside [min, max].
 */
export function niceTicks(min: number, max: number, count = 6, extend = true): LinearTicks {
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceNumber((max - min) / Math.max(1, count - 1));
  const eps = step * 1e-9;
  const lo = extend ? Math.floor(min / step + 1e-9) * step : Math.ceil((min - eps) / step) * step;
  const hi = extend ? Math.ceil(max / step - 1e-9) * step : Math.floor((max + eps) / step) * step;
  const ticks: number[] = [];
  for (let v = lo, i = 0; v <= hi + eps && i < 1000; i++, v = lo + i * step) ticks.push(clean(v, step));
  return { domain: extend ? [clean(lo, step), clean(hi, step)] : [min, max], ticks, step };
}

export interface LogTicks {
  domain: [number, number];
  /** Labelled ticks: the powers of ten inside the domain (plus 2× and 5× when there are < 2). */
  ticks: number[];
  /** Unlabelled minor ticks at 2…9 × 10ᵏ. */
  minor: number[];
}

/** Ticks for a log axis; with `extend` the domain widens to whole decades. */
export function logTicks(min: number, max: number, extend = true): LogTicks {
  if (min > max) [min, max] = [max, min];
  let lo = Math.log10(min);
  let hi = Math.log10(max);
  if (extend) {
    lo = Math.floor(lo + 1e-9);
    hi = Math.ceil(hi - 1e-9);
    if (lo === hi) hi += 1;
  }
  const domain: [number, number] = extend ? [10 ** lo, 10 ** hi] : [min, max];
  const inside = (v: number) => v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9);
  const ticks: number[] = [];
  const minor: number[] = [];
  for (let e = Math.floor(lo + 1e-9); e <= Math.ceil(hi - 1e-9); e++) {
    const p = powerOfTen(e);
    if (inside(p)) ticks.push(p);
    for (let m = 2; m <= 9; m++) if (inside(m * p)) minor.push(Number((m * p).toPrecision(12)));
  }
  if (ticks.length < 2) {
    // Less than a decade shown: label the 2× and 5× minor ticks too so the axis can be read.
    const extra = minor.filter((v) => /^[25]/.test(v.toExponential()));
    ticks.push(...extra);
    ticks.sort((a, b) => a - b);
  }
  return { domain, ticks, minor: minor.filter((v) => !ticks.includes(v)) };
}

/** 10ᵉ computed without the rounding drift of repeated multiplication. */
export function powerOfTen(e: number): number {
  return Number(`1e${e}`);
}

const MINUS = '\u2212';

function withMinus(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

export function superscript(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** Label for a linear tick, with as many decimals as the step needs and a true minus sign. */
export function formatLinearTick(value: number, step: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) {
    const exp = Math.floor(Math.log10(abs) + 1e-9);
    const mantissa = Number((value / powerOfTen(exp)).toFixed(Math.min(20, decimalsFor(step / powerOfTen(exp)))));
    const m = mantissa === 1 ? '' : mantissa === -1 ? '-' : `${mantissa}×`;
    return `${withMinus(m)}10${superscript(exp)}`;
  }
  return withMinus(value.toFixed(Math.min(20, decimalsFor(step))));
}

/** Labels for log ticks: plain decimals for 0.001…10000, 10ⁿ otherwise. */
export function formatLogTicks(ticks: number[]): string[] {
  const exps = ticks.map((v) => Math.floor(Math.log10(v) + 1e-9));
  const plain = exps.every((e) => e >= -3 && e <= 4);
  return ticks.map((v, i) => {
    if (plain) return String(Number(v.toPrecision(6)));
    const mantissa = Number((v / powerOfTen(exps[i])).toPrecision(6));
    return `${mantissa === 1 ? '' : `${mantissa}×`}10${superscript(exps[i])}`;
  });
}

/** `digits` significant digits in plain ASCII ("-1.5e-5", "123.5"): for text tables and files. */
export function plainNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) return value.toExponential(Math.max(0, digits - 1));
  return String(Number(value.toPrecision(digits)));
}

/**
 * A short number label for a figure (cell text, bar values, colour-bar ends): plainNumber's digits
 * set like the tick labels, with a true minus sign and 1.5×10⁻⁵ instead of e-notation.
 */
export function formatNumber(value: number, digits = 4): string {
  const plain = plainNumber(value, digits);
  const e = /^(-?[\d.]+)e([+-]\d+)$/.exec(plain);
  if (!e) return withMinus(plain);
  // Number() drops the mantissa's trailing zeros, as plainNumber does without an exponent.
  const mantissa = Number(e[1]);
  const m = mantissa === 1 ? '' : mantissa === -1 ? '-' : `${mantissa}×`;
  return `${withMinus(m)}10${superscript(Number(e[2]))}`;
}
