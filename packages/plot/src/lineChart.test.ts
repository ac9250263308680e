import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { lineChart, type LineChartSpec } from './lineChart.js';
import { findAll, hasClass, parseXml, textOf } from './testing/xml.js';

const nu = Array.from({ length: 51 }, (_, k) => k / 100);
const spectrum = nu.map((v) => (Math.abs(v - 0.1) < 1e-9 ? 3.4 : Math.abs(v - 0.5) < 1e-9 ? 3.2 : 1));

function base(): LineChartSpec {
  return {
    title: 'Spectrum',
    x: { label: 'ν' },
    y: { label: 'Norm. magnitude' },
    series: [
      { name: 'Transformer', x: nu, y: spectrum },
      { name: 'LSTM', x: nu, y: spectrum.map((v) => v * 1.5), style: 'stems' },
    ],
  };
}

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(isNumfeatError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected NumfeatError ${code}`);
}

describe('lineChart', () => {
  it('is a well-formed, self-contained SVG with one group per series', () => {
    const svg = lineChart(base());
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.width).toBe('720');
    expect(root.attrs.viewBox).toBe('0 0 720 440');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const series = findAll(root, hasClass('series'));
    expect(series.map((g) => g.attrs['data-series'])).toEqual(['Transformer', 'LSTM']);
    expect(findAll(series[0], (e) => e.name === 'path')).toHaveLength(1);
    // One stem segment per point.
    const stems = findAll(series[1], (e) => e.name === 'path')[0].attrs.d;
    expect(stems.match(/M/g)).toHaveLength(nu.length);
    // Nothing outside the document: no external hrefs or images.
    expect(svg).not.toMatch(/href|<image|@import/);
  });

  it('escapes titles, labels and series names', () => {
    const spec = base();
    spec.title = 'a < b & c "q"';
    spec.series[0].name = '<script>&';
    const root = parseXml(lineChart(spec));
    expect(textOf(root)).toContain('a < b & c "q"');
    expect(textOf(root)).toContain('<script>&');
  });

  it('maps data to pixels: y = 0 on the bottom axis, larger y higher up', () => {
    const root = parseXml(lineChart({ x: { label: 'x', domain: [0, 10] }, y: { label: 'y', domain: [0, 10] }, series: [{ name: 's', x: [0, 10], y: [0, 10] }] }));
    const d = findAll(root, (e) => e.name === 'path')[0].attrs.d;
    const [x0, y0, x1, y1] = d.match(/-?[\d.]+/g)!.map(Number);
    const axis = findAll(root, hasClass('axis-x'))[0].children[0];
    expect(y0).toBeCloseTo(Number(axis.attrs.y1), 5);
    expect(x1).toBeGreaterThan(x0);
    expect(y1).toBeLessThan(y0);
  });

  it('puts log-scale ticks on powers of ten', () => {
    const svg = lineChart({
      x: { label: 'N', scale: 'log' },
      y: { label: 's', scale: 'log' },
      series: [{ name: 't', x: [10, 100, 5000], y: [0.002, 0.03, 7] }],
    });
    const root = parseXml(svg);
    const xLabels = findAll(findAll(root, hasClass('axis-x'))[0], (e) => e.name === 'text').map(textOf);
    expect(xLabels.slice(0, 4)).toEqual(['10', '100', '1000', '10000']);
    const yLabels = findAll(findAll(root, hasClass('axis-y'))[0], (e) => e.name === 'text').map(textOf);
    expect(yLabels.slice(0, 5)).toEqual(['0.001', '0.01', '0.1', '1', '10']);
  });

  it('draws markers, hlines, a second axis and a legend', () => {
    const svg = lineChart({
      ...base(),
      y2: { label: 'Φ_T' },
      series: [
        { name: 'acc', x: [1, 2, 3], y: [50, 70, 90] },
        { name: 'Φ_10', x: [1, 2, 3], y: [2, 9, 30], axis: 'y2', dash: true },
      ],
      markers: [{ x: 2, label: 'T=10' }],
      hlines: [{ y: 10, label: 'chance 1/T' }],
    });
    const root = parseXml(svg);
    expect(findAll(root, hasClass('axis-y2'))).toHaveLength(1);
    const all = textOf(root);
    // 'Φ_10' is drawn with a subscript (subscript.test.ts), so its text reads Φ10.
    for (const s of ['T=10', 'chance 1/T', 'Φ10 (right axis)', 'acc']) expect(all).toContain(s);
    expect(findAll(root, hasClass('legend'))).toHaveLength(1);
  });

  it("places an 'auto' legend in an empty corner, or outside when every corner has data", () => {
    const legendBox = (svg: string) => findAll(findAll(parseXml(svg), hasClass('legend'))[0], (e) => e.name === 'rect')[0].attrs;
    const frameRight = (svg: string) => Number(findAll(findAll(parseXml(svg), hasClass('axis-x'))[0], (e) => e.name === 'line')[0].attrs.x2);
    // Rising lines fill the top-right and bottom-left: the legend goes top-left.
    const rising = lineChart({ x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 'a', x: [0, 10], y: [0, 10] }, { name: 'b', x: [0, 10], y: [1, 9] }] });
    const box = legendBox(rising);
    expect(Number(box.x)).toBeLessThan(frameRight(rising) / 2);
    expect(Number(box.y)).toBeLessThan(100);
    // Data in all four corners: the legend moves to the right of the frame.
    const corners = lineChart({ x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 'a', x: [0, 10], y: [0, 10] }, { name: 'b', x: [0, 10], y: [10, 0] }] });
    expect(Number(legendBox(corners).x)).toBeGreaterThan(frameRight(corners));
  });

  it('leaves a gap at null y values', () => {
    const root = parseXml(lineChart({ x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', x: [0, 1, 2, 3], y: [1, null, 2, 3] }] }));
    const d = findAll(root, (e) => e.name === 'path')[0].attrs.d;
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it('rejects bad input with NumfeatError codes', () => {
    expectCode(() => lineChart({ ...base(), series: [] }), 'EMPTY_INPUT');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [1, 2], y: [1] }] }), 'SHAPE_MISMATCH');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [], y: [] }] }), 'EMPTY_INPUT');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [1, 2], y: [1, NaN] }] }), 'NON_FINITE');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [1, Infinity], y: [1, 2] }] }), 'NON_FINITE');
    expectCode(() => lineChart({ ...base(), x: { scale: 'log' }, series: [{ name: 'a', x: [0, 1], y: [1, 2] }] }), 'BAD_RANGE');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [1], y: [1], axis: 'y2' }] }), 'BAD_ARGUMENT');
    expectCode(() => lineChart({ ...base(), x: { domain: [1, 1] } }), 'BAD_RANGE');
    expectCode(() => lineChart({ ...base(), width: 10 }), 'BAD_RANGE');
    expectCode(() => lineChart({ ...base(), series: [{ name: 'a', x: [1], y: [1], style: 'bars' as never }] }), 'BAD_ARGUMENT');
  });

  it('is deterministic', () => {
    expect(lineChart(base())).toBe(lineChart(base()));
  });
});

describe('lineChart isolated points', () => {
  it('marks a point with no neighbours with a dot', () => {
    const root = parseXml(lineChart({ x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', x: [0, 1, 2, 3], y: [1, null, 2, 3] }] }));
    expect(findAll(root, (e) => e.name === 'circle')).toHaveLength(1);
  });
});
