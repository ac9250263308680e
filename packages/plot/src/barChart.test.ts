import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { barChart } from './barChart.js';
import { findAll, hasClass, parseXml, textOf } from './testing/xml.js';

const categories = ['1', '2', '3'];

describe('barChart', () => {
  it('draws one rect per value, grouped per series, heights proportional on a linear axis', () => {
    const root = parseXml(
      barChart({ title: 'S_W⁻¹S_B', categories, series: [{ name: 'A', values: [4, 2, 1] }, { name: 'B', values: [2, 1, 0] }], y: { label: 'λ' }, valueLabels: true }),
    );
    const groups = findAll(root, hasClass('series'));
    expect(groups.map((g) => g.attrs['data-series'])).toEqual(['A', 'B']);
    const heights = findAll(groups[0], (e) => e.name === 'rect').map((r) => Number(r.attrs.height));
    expect(heights).toHaveLength(3);
    expect(heights[0] / heights[1]).toBeCloseTo(2, 2);
    expect(heights[1] / heights[2]).toBeCloseTo(2, 2);
    expect(textOf(groups[0])).toBe('421');
  });

  it('on a log axis bars start at the axis bottom and ticks are powers of ten', () => {
    const root = parseXml(barChart({ categories, series: [{ name: 'A', values: [23.3, 0.29, 0.046] }], y: { label: 'λ', scale: 'log' } }));
    const labels = findAll(findAll(root, hasClass('axis-y'))[0], (e) => e.name === 'text').map(textOf);
    expect(labels.slice(0, 4)).toEqual(['0.01', '0.1', '1', '10']);
    const rects = findAll(findAll(root, hasClass('series'))[0], (e) => e.name === 'rect');
    const bottoms = rects.map((r) => Number(r.attrs.y) + Number(r.attrs.height));
    expect(new Set(bottoms.map((b) => b.toFixed(1))).size).toBe(1);
  });

  it('draws negative bars below zero', () => {
    const root = parseXml(barChart({ categories: ['a', 'b'], series: [{ name: 'κ', values: [50, -20] }], y: { label: 'κ' } }));
    const [pos, neg] = findAll(findAll(root, hasClass('series'))[0], (e) => e.name === 'rect');
    expect(Number(neg.attrs.y)).toBeCloseTo(Number(pos.attrs.y) + Number(pos.attrs.height), 1);
  });

  // Issue: the study's κ bar chart put its legend over a bar when every corner held one.
  it("an 'auto' legend takes an empty corner, or goes right of the bars when every corner has one", () => {
    const series = (high: number[]) => ['A', 'B', 'C'].map((name) => ({ name, values: high }));
    const place = (values: number[]) => {
      const root = parseXml(barChart({ categories: ['1', '2', '3', '4'], series: series(values), y: { label: 'κ', domain: [0, 100] }, width: 800 }));
      const bars = findAll(root, hasClass('series')).flatMap((g) => findAll(g, (e) => e.name === 'rect'));
      const barsRight = Math.max(...bars.map((r) => Number(r.attrs.x) + Number(r.attrs.width)));
      const box = findAll(findAll(root, hasClass('legend'))[0], (e) => e.name === 'rect')[0];
      return { legendLeft: Number(box.attrs.x), barsRight };
    };
    const full = place([100, 100, 100, 100]);
    expect(full.legendLeft).toBeGreaterThan(full.barsRight);
    const low = place([10, 10, 10, 10]); // the top corners are empty
    expect(low.legendLeft).toBeLessThan(low.barsRight);
  });

  it('rejects bad input', () => {
    const bad = [
      () => barChart({ categories, series: [], y: {} }),
      () => barChart({ categories, series: [{ name: 'a', values: [1, 2] }], y: {} }),
      () => barChart({ categories, series: [{ name: 'a', values: [1, NaN, 2] }], y: {} }),
      () => barChart({ categories, series: [{ name: 'a', values: [1, 0, 2] }], y: { scale: 'log' } }),
    ];
    const codes = bad.map((fn) => {
      try {
        fn();
      } catch (e) {
        return isNumfeatError(e) ? e.code : 'other';
      }
      return 'none';
    });
    expect(codes).toEqual(['EMPTY_INPUT', 'SHAPE_MISMATCH', 'NON_FINITE', 'BAD_RANGE']);
  });
});
