import { assertInteger, NumfeatError } from '@numfeat/core';
import { assertArrayLike, assertFiniteOrNull } from './checks.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A one-line unicode sparkline (▁▂▃▄▅▆▇█) at most `width` characters wide. Longer inputs are
 * downsampled by taking the MAXIMUM of each bin, so a single spike (a Fourier line) stays visible.
 * A constant series is drawn at mid height.
 */
export function sparkline(values: ArrayLike<number>, width = 60): string {
  assertArrayLike(values, 'values');
  if (values.length === 0) throw new NumfeatError('EMPTY_INPUT', 'sparkline needs at least one value', { fix: 'pass a non-empty array' });
  assertFiniteOrNull(values, 'values', false);
  assertInteger(width, 'width', 1);
  const n = values.length;
  const cells = Math.min(width, n);
  const binned: number[] = [];
  for (let b = 0; b < cells; b++) {
    const start = Math.floor((b * n) / cells);
    const end = Math.floor(((b + 1) * n) / cells);
    let max = -Infinity;
    for (let i = start; i < end; i++) if (values[i] > max) max = values[i];
    binned.push(max);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (hi === lo) return BLOCKS[3].repeat(cells);
  return binned.map((v) => BLOCKS[Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))]).join('');
}
