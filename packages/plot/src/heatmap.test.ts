import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { colorbarTicks } from './colorbarTicks.js';
import { hexToRgb } from './colormap.js';
import { heatmap, type HeatmapSpec } from './heatmap.js';
import { findAll, hasClass, parseXml, textOf, type XmlElement } from './testing/xml.js';

const cellsOf = (root: XmlElement) => findAll(findAll(root, hasClass('cells'))[0], (e) => e.name === 'rect');

function small(): HeatmapSpec {
  return {
    title: 'κ <&> table',
    rows: ['A', 'B'],
    cols: ['mod2', 'mod3', 'mod4'],
    values: [
      [0, 50, 100],
      [150, -20, null],
    ],
    colorScale: { min: 0, max: 100, scheme: 'viridis' },
    cellText: true,
    colorbar: { label: 'κ (%)' },
  };
}

function expectCode(fn: () => unknown, code: string) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isNumfeatError(err, code as never)).toBe(true);
}

describe('heatmap', () => {
  it('draws one rect per cell, min/max at the scheme endpoints, clipping out-of-range values', () => {
    const root = parseXml(heatmap(small()));
    const cells = cellsOf(root);
    expect(cells).toHaveLength(6);
    const fills = cells.map((c) => c.attrs.fill);
    expect(fills[0]).toBe('#440154'); // min → viridis start
    expect(fills[2]).toBe('#fde725'); // max → viridis end
    expect(fills[3]).toBe('#fde725'); // 150 clipped to max
    expect(fills[4]).toBe('#440154'); // −20 clipped to min
    expect(fills[1]).toBe('#21918c'); // midpoint stop of viridis
    expect(fills[5]).toBe('#d9d9d9'); // null → grey
  });

  it('escapes the title and prints values in cells (none for null)', () => {
    const root = parseXml(heatmap(small()));
    expect(textOf(root)).toContain('κ <&> table');
    const cellText = findAll(findAll(root, hasClass('cell-text'))[0], (e) => e.name === 'text').map(textOf);
    // One decimal below 100, zero included; a true minus sign.
    expect(cellText).toEqual(['0.0', '50.0', '100', '150', '−20.0']);
    const near0 = parseXml(heatmap({ ...small(), values: [[-0.04, 0.04, 0.06], [-0.06, 9.96, null]] }));
    expect(findAll(findAll(near0, hasClass('cell-text'))[0], (e) => e.name === 'text').map(textOf)).toEqual(['0.0', '0.0', '0.1', '−0.1', '10.0']);
  });

  it('draws the colour bar as a gradient from the scheme start (bottom) to its end (top)', () => {
    const root = parseXml(heatmap(small()));
    const grad = findAll(root, (e) => e.name === 'linearGradient')[0];
    const stops = grad.children.map((c) => c.attrs['stop-color']);
    expect([stops[0], stops.at(-1)]).toEqual(['#440154', '#fde725']);
    expect(grad.attrs.y1).toBe('1');
    const bar = findAll(findAll(root, hasClass('colorbar'))[0], (e) => e.name === 'rect')[0];
    expect(bar.attrs.fill).toBe(`url(#${grad.attrs.id})`);
  });

  it('marks clipping on the colour bar and accepts a formatter', () => {
    const root = parseXml(heatmap({ ...small(), cellText: (v, r, c) => `${r}${c}:${v}` }));
    const bar = textOf(findAll(root, hasClass('colorbar'))[0]);
    expect(bar).toContain('≥100');
    expect(bar).toContain('≤0');
    expect(textOf(root)).toContain('01:50');
  });

  it('diverging scale with a centre: centre is the neutral colour, ends are the endpoints', () => {
    const root = parseXml(
      heatmap({ rows: ['r'], cols: ['a', 'b', 'c'], values: [[-25, 0, 100]], colorScale: { min: -25, max: 100, center: 0, scheme: 'diverging' } }),
    );
    expect(cellsOf(root).map((c) => c.attrs.fill)).toEqual(['#053061', '#f7f7f7', '#67001f']);
  });

  it('κ < 0: the colour bar labels the minimum, 0 and the maximum, and −5 is a light blue, −20 a darker one', () => {
    const scale = { min: -25, max: 100, center: 0, scheme: 'diverging' as const };
    const root = parseXml(heatmap({ rows: ['r'], cols: ['a', 'b', 'c', 'd'], values: [[-20, -5, 0, 80]], colorScale: scale, colorbar: { label: 'κ (%)' } }));
    const labels = findAll(findAll(root, hasClass('colorbar'))[0], (e) => e.name === 'text').map(textOf);
    expect(labels).toEqual(expect.arrayContaining(['−25', '0', '100']));
    // A negative interior tick too, so the compressed lower half can be read without extrapolating.
    expect(labels.filter((l) => l.startsWith('−')).length).toBeGreaterThanOrEqual(2);
    const [m20, m5, zero] = cellsOf(root).map((c) => hexToRgb(c.attrs.fill));
    expect(zero).toEqual(hexToRgb('#f7f7f7'));
    const blueSide = (c: number[]) => c[2] > c[0]; // below centre = blue side of white
    expect(blueSide(m5) && blueSide(m20)).toBe(true);
    const lightness = (c: number[]) => c[0] + c[1] + c[2];
    expect(lightness(m5)).toBeGreaterThan(lightness(m20));
    expect(lightness(m5)).toBeLessThan(lightness(zero));
  });

  it('colour-bar ticks cover the whole scale without crowding, on sequential and diverging scales', () => {
    const seq = colorbarTicks({ min: 1, max: 4, scheme: 'viridis' }, 120);
    expect(seq.map((t) => t.label)).toEqual(['1', '2', '3', '4']);
    const odd = colorbarTicks({ min: -0.37, max: 1, scheme: 'diverging', center: 0 }, 120);
    expect(odd[0].label).toBe('−0.37');
    expect(odd.map((t) => t.value)).toContain(0);
    expect(odd.at(-1)!.value).toBe(1);
    for (const ticks of [seq, odd, colorbarTicks({ min: -25, max: 100, scheme: 'diverging', center: 0 }, 120)]) {
      ticks.slice(1).forEach((t, i) => expect((t.position - ticks[i].position) * 120).toBeGreaterThanOrEqual(22));
    }
  });

  it('handles a 15 × 500 spectrum compactly with a few column ticks', () => {
    const rows = Array.from({ length: 15 }, (_, i) => `model ${i}`);
    const cols = Array.from({ length: 500 }, (_, k) => ((k + 1) / 1000).toFixed(3));
    const values = rows.map((_, i) => cols.map((_, k) => 1 + ((i * 7 + k) % 13) / 4));
    const svg = heatmap({
      rows,
      cols,
      values,
      colorScale: { min: 1, max: 4, scheme: 'viridis' },
      colorbar: { label: 'Norm. Magnitude' },
      xLabel: 'Fourier Frequency ν',
      colTicks: [0, 99, 199, 299, 399, 499].map((index) => ({ index, label: ((index + 1) / 1000).toFixed(1) })),
    });
    const root = parseXml(svg);
    expect(cellsOf(root)).toHaveLength(7500);
    const axisText = findAll(findAll(root, hasClass('axis'))[0], (e) => e.name === 'text').map(textOf);
    expect(axisText).toEqual(expect.arrayContaining(['0.0', '0.1', '0.5', 'model 14', 'Fourier Frequency ν']));
    expect(svg.length).toBeLessThan(600_000);
    // Default: about 8 evenly spaced ticks from the column labels.
    const auto = parseXml(heatmap({ rows, cols, values, colorScale: { min: 1, max: 4, scheme: 'viridis' } }));
    const ticks = findAll(findAll(auto, hasClass('axis'))[0], (e) => e.name === 'text').map(textOf).filter((t) => t.startsWith('0.'));
    expect(ticks).toEqual(['0.001', '0.072', '0.144', '0.215', '0.286', '0.357', '0.429', '0.500']);
  });

  it('rejects bad input', () => {
    expectCode(() => heatmap({ ...small(), rows: [] }), 'EMPTY_INPUT');
    expectCode(() => heatmap({ ...small(), rows: ['A'] }), 'SHAPE_MISMATCH');
    expectCode(() => heatmap({ ...small(), values: [[1, 2, 3], [1, 2]] }), 'SHAPE_MISMATCH');
    expectCode(() => heatmap({ ...small(), values: [[1, NaN, 3], [1, 2, 3]] }), 'NON_FINITE');
    expectCode(() => heatmap({ ...small(), colorScale: { min: 1, max: 1, scheme: 'viridis' } }), 'BAD_RANGE');
    expectCode(() => heatmap({ ...small(), colorScale: { min: 0, max: 1, scheme: 'jet' as never } }), 'BAD_ARGUMENT');
    expectCode(() => heatmap({ ...small(), colorScale: { min: 0, max: 1, center: 2, scheme: 'diverging' } }), 'BAD_RANGE');
    expectCode(() => heatmap({ ...small(), colTicks: [7] }), 'BAD_RANGE');
  });
});
