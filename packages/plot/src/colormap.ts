import { NumfeatError } from '@numfeat/core';

export type ColorScheme = 'viridis' | 'diverging';

// matplotlib's viridis sampled at 0, 0.1, …, 1 (perceptually uniform, colour-blind safe).
const VIRIDIS = [
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c',
  '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
];

// ColorBrewer RdBu reversed: blue for low, near-white centre, red for high (colour-blind safe).
const DIVERGING = [
  '#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7',
  '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f',
];

const STOPS: Record<ColorScheme, number[][]> = {
  viridis: VIRIDIS.map(hexToRgb),
  diverging: DIVERGING.map(hexToRgb),
};

export function hexToRgb(hex: string): number[] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The scheme's defining stops (evenly spaced on [0, 1]), for SVG gradients. */
export function schemeStops(scheme: ColorScheme): string[] {
  schemeColor(scheme, 0); // validates the name
  return STOPS[scheme].map(rgbToHex);
}

/** Colour at position t ∈ [0, 1] of a scheme (t is clamped), as #rrggbb. */
export function schemeColor(scheme: ColorScheme, t: number): string {
  const stops = STOPS[scheme];
  if (!stops) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown colour scheme "${String(scheme)}"`, {
      fix: "use scheme 'viridis' (sequential) or 'diverging'",
    });
  }
  const clamped = Math.min(1, Math.max(0, Number.isNaN(t) ? 0 : t));
  const pos = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const f = pos - i;
  return rgbToHex(stops[i].map((c, k) => c + (stops[i + 1][k] - c) * f));
}

export interface ColorScale {
  min: number;
  max: number;
  scheme: ColorScheme;
  /** Diverging only: the value drawn in the neutral middle colour (default (min+max)/2). */
  center?: number;
}

/** Position in [0, 1] of `value` on the scale; values outside [min, max] are clipped. */
export function colorPosition(value: number, scale: ColorScale): number {
  const { min, max } = scale;
  const v = Math.min(max, Math.max(min, value));
  if (scale.scheme === 'diverging' && scale.center !== undefined) {
    const c = scale.center;
    return v <= c ? 0.5 * ((v - min) / (c - min || 1)) : 0.5 + 0.5 * ((v - c) / (max - c || 1));
  }
  return (v - min) / (max - min);
}

export function colorFor(value: number, scale: ColorScale): string {
  return schemeColor(scale.scheme, colorPosition(value, scale));
}

/** WCAG relative luminance, to pick black or white text on a coloured cell. */
export function luminance(hex: string): number {
  const lin = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

export function validateColorScale(scale: ColorScale | undefined): ColorScale {
  if (!scale || typeof scale !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'heatmap needs colorScale { min, max, scheme }', {
      fix: "pass e.g. colorScale: { min: 1, max: 4, scheme: 'viridis' }",
    });
  }
  const { min, max, center } = scale;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new NumfeatError('BAD_RANGE', `colorScale needs finite min < max, got min=${min}, max=${max}`, {
      fix: 'choose the value range the colours should span (values outside are clipped)',
    });
  }
  if (center !== undefined && !(Number.isFinite(center) && center > min && center < max)) {
    throw new NumfeatError('BAD_RANGE', `colorScale.center must lie strictly between min and max, got ${center}`, {
      fix: 'use e.g. center: 0 for κ with min < 0 < max, or omit center',
    });
  }
  schemeColor(scale.scheme, 0); // validates the scheme name
  return scale;
}
