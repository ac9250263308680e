/**
 * Okabe–Ito qualitative palette (colour-blind safe). Yellow (#F0E442) is last because it is
 * hard to see on white.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
] as const;

/** Dash patterns used, with the palette, once there are more series than colours. */
export const DASH_CYCLE = ['', '6 3', '2 2', '8 3 2 3'] as const;

export function seriesColor(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}

export function seriesDash(index: number): string {
  return DASH_CYCLE[Math.floor(index / OKABE_ITO.length) % DASH_CYCLE.length];
}
