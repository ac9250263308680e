import type { ColorScale } from './colormap.js';
import { colorPosition } from './colormap.js';
import { FONT } from './markup.js';
import { formatLinearTick, formatNumber, niceTicks } from './ticks.js';

export interface ColorbarTick {
  value: number;
  label: string;
  /** Position along the bar in [0, 1] (0 = the scale's min end). */
  position: number;
}

const PX_PER_TICK = 40;

/**
 * Ticks for a colour bar `lengthPx` long. The ends of the scale are always labelled (a bar whose
 * ticks stop short of its colours makes readers extrapolate, and a diverging scale's halves are not
 * the same length, so extrapolation misreads them); a diverging scale also labels its neutral
 * centre. Nice interior ticks are added per half, dropped when closer than `minGapPx` to a kept one.
 */
export function colorbarTicks(scale: ColorScale, lengthPx = 120, minGapPx = 2 * FONT.tick): ColorbarTick[] {
  const { min, max } = scale;
  const center = scale.scheme === 'diverging' ? (scale.center ?? (min + max) / 2) : undefined;
  const segments: [number, number][] = center === undefined ? [[min, max]] : [[min, center], [center, max]];
  const anchors: ColorbarTick[] = [];
  const interior: ColorbarTick[] = [];
  for (const [a, b] of segments) {
    const segPx = lengthPx * (colorPosition(b, scale) - colorPosition(a, scale));
    const { ticks, step } = niceTicks(a, b, Math.max(3, Math.round(segPx / PX_PER_TICK) + 1), false);
    const label = (v: number) => (onGrid(v, step) ? formatLinearTick(v, step) : formatNumber(v, 3));
    for (const v of [a, b]) if (!anchors.some((t) => t.value === v)) anchors.push({ value: v, label: label(v), position: colorPosition(v, scale) });
    for (const v of ticks) interior.push({ value: v, label: label(v), position: colorPosition(v, scale) });
  }
  const kept = [...anchors];
  for (const t of interior) {
    if (kept.every((k) => Math.abs(k.position - t.position) * lengthPx >= minGapPx)) kept.push(t);
  }
  return kept.sort((x, y) => x.value - y.value);
}

function onGrid(v: number, step: number): boolean {
  const r = v / step;
  return Math.abs(r - Math.round(r)) < 1e-6;
}
