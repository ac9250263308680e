import { describe, expect, it } from 'vitest';
import { colorFor, luminance, schemeColor } from './colormap.js';
import { OKABE_ITO } from './palette.js';

describe('colour maps', () => {
  it('hit the published endpoint and midpoint colours', () => {
    expect(schemeColor('viridis', 0)).toBe('#440154');
    expect(schemeColor('viridis', 1)).toBe('#fde725');
    expect(schemeColor('viridis', 0.5)).toBe('#21918c');
    expect(schemeColor('diverging', 0.5)).toBe('#f7f7f7');
  });
  it('viridis gets monotonically lighter (perceptual ordering)', () => {
    const lum = Array.from({ length: 21 }, (_, i) => luminance(schemeColor('viridis', i / 20)));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeGreaterThan(lum[i - 1]);
  });
  it('clips values outside [min, max]', () => {
    const scale = { min: 1, max: 4, scheme: 'viridis' as const };
    expect(colorFor(10, scale)).toBe(colorFor(4, scale));
    expect(colorFor(-3, scale)).toBe(colorFor(1, scale));
  });
  it('the qualitative palette has 8 distinct colours', () => {
    expect(new Set(OKABE_ITO).size).toBe(8);
  });
});
