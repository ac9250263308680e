import { describe, expect, it } from 'vitest';
import { barChart } from './barChart.js';
import { lineChart } from './lineChart.js';
import { panelGrid } from './panels.js';
import { findAll, parseXml, textOf } from './testing/xml.js';

const a = lineChart({ x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', x: [0, 1], y: [0, 1] }], width: 300, height: 200 });
const b = barChart({ categories: ['1', '2'], series: [{ name: 'v', values: [1, 2] }], y: { label: 'λ' }, width: 400, height: 250 });

describe('panelGrid', () => {
  it('nests charts at grid positions and sizes the figure to fit', () => {
    const fig = parseXml(panelGrid([a, b, a], { columns: 2, gap: 10, title: 'Fig & co', letters: true }));
    const nested = findAll(fig, (e) => e.name === 'svg');
    expect(nested.map((s) => [s.attrs.x, s.attrs.y])).toEqual([
      ['0', '40'],
      ['310', '40'],
      ['0', '300'],
    ]);
    expect(fig.attrs.width).toBe('710'); // 300 + 10 + 400
    expect(fig.attrs.height).toBe('500'); // 40 + 250 + 10 + 200
    expect(textOf(fig)).toContain('Fig & co');
    expect(textOf(fig)).toContain('(c)');
  });
  it('rejects non-SVG panels', () => {
    expect(() => panelGrid(['<div/>'])).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => panelGrid([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
