import { NumfeatError } from '@numfeat/core';
import { formatLinearTick, formatLogTicks, logTicks, niceTicks } from './ticks.js';

export type ScaleKind = 'linear' | 'log';

/** What a chart's caller says about one axis. */
export interface AxisSpec {
  label?: string;
  scale?: ScaleKind;
  /** Fixed [min, max]; otherwise the data range widened to nice ticks. */
  domain?: [number, number];
  /** Explicit tick values (labelled with `tickFormat` or the default format). */
  ticks?: number[];
  tickFormat?: (value: number) => string;
}

/** A resolved axis: domain, ticks with labels, and the data → pixel map. */
export interface Axis {
  kind: ScaleKind;
  domain: [number, number];
  range: [number, number];
  ticks: number[];
  labels: string[];
  minor: number[];
  map(value: number): number;
}

export function validateAxisSpec(spec: AxisSpec | undefined, name: string): AxisSpec {
  if (spec === undefined || spec === null || typeof spec !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', `${name} axis spec is missing`, {
      fix: `pass ${name}: { label: '…' } (scale and domain are optional)`,
    });
  }
  const kind = spec.scale ?? 'linear';
  if (kind !== 'linear' && kind !== 'log') {
    throw new NumfeatError('BAD_ARGUMENT', `${name}.scale must be 'linear' or 'log', got ${String(kind)}`, {
      fix: "use scale: 'linear' or scale: 'log'",
    });
  }
  if (spec.domain !== undefined) {
    const [a, b] = spec.domain;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
      throw new NumfeatError('BAD_RANGE', `${name}.domain must be finite [min, max] with min < max, got [${a}, ${b}]`, {
        fix: `fix ${name}.domain or omit it to fit the data`,
      });
    }
    if (kind === 'log' && a <= 0) {
      throw new NumfeatError('BAD_RANGE', `${name}.domain must be positive on a log scale, got [${a}, ${b}]`, {
        fix: `use a positive lower bound (e.g. ${b / 1000}) or scale: 'linear'`,
      });
    }
  }
  return spec;
}

/**
 * Resolves an axis from the data extent. `includeZero` makes bars and stems start at 0 on
 * linear axes.
 */
export function buildAxis(
  spec: AxisSpec,
  extent: [number, number],
  range: [number, number],
  opts: { tickCount?: number; includeZero?: boolean } = {},
): Axis {
  const kind = spec.scale ?? 'linear';
  let [lo, hi] = extent;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = kind === 'log' ? [1, 10] : [0, 1];
  if (kind === 'linear' && opts.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  let domain: [number, number];
  let ticks: number[];
  let labels: string[];
  let minor: number[] = [];
  if (kind === 'log') {
    const t = spec.domain ? logTicks(spec.domain[0], spec.domain[1], false) : logTicks(lo, hi, true);
    domain = t.domain;
    ticks = spec.ticks ?? t.ticks;
    minor = spec.ticks ? [] : t.minor;
    labels = spec.tickFormat ? ticks.map(spec.tickFormat) : formatLogTicks(ticks);
  } else {
    const t = spec.domain ? niceTicks(spec.domain[0], spec.domain[1], opts.tickCount, false) : niceTicks(lo, hi, opts.tickCount, true);
    domain = t.domain;
    ticks = spec.ticks ?? t.ticks;
    labels = spec.tickFormat ? ticks.map(spec.tickFormat) : ticks.map((v) => formatLinearTick(v, t.step));
  }
  const inDomain = (v: number) => v >= domain[0] - 1e-12 * Math.abs(domain[0]) && v <= domain[1] + 1e-12 * Math.abs(domain[1]);
  const keep = ticks.map(inDomain);
  ticks = ticks.filter((_, i) => keep[i]);
  labels = labels.filter((_, i) => keep[i]);
  const [r0, r1] = range;
  const map =
    kind === 'log'
      ? (v: number) => {
          const a = Math.log10(domain[0]);
          const b = Math.log10(domain[1]);
          return r0 + ((Math.log10(v) - a) / (b - a)) * (r1 - r0);
        }
      : (v: number) => r0 + ((v - domain[0]) / (domain[1] - domain[0])) * (r1 - r0);
  return { kind, domain, range, ticks, labels, minor, map };
}

/** Extent of finite values (ignoring null); log axes ignore nothing, callers validate positivity. */
export function extentOf(values: Iterable<number | null>, into: [number, number] = [Infinity, -Infinity]): [number, number] {
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < into[0]) into[0] = v;
    if (v > into[1]) into[1] = v;
  }
  return into;
}
