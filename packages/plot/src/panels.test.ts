import { describe, expect, it } from 'vitest';
import { barChart } from './barChart.js';
import { lineChart } from './lineChart.js';
import { panelGrid } from './panels.js';
import { findAll, hasClass, parseXml, textOf } from './testing/xml.js';

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
  it('draws one figure-wide legend under the title, in rows that fit the width, and moves the panels down', () => {
    const items = [
      { name: 'Transformer (Muon)', color: '#0072B2' },
      { name: 'LSTM (AdamW)', color: '#D55E00' },
      { name: 'mean over seeds', color: '#555555' },
      { name: '± 1 std', color: '#555555', dash: '2 3' },
      { name: 'own-schedule run', color: '#555555', kind: 'points' as const },
    ];
    const plain = parseXml(panelGrid([a, a], { title: 'T' }));
    const fig = parseXml(panelGrid([a, a], { title: 'T', legend: items }));
    const legend = findAll(fig, hasClass('legend'));
    expect(legend).toHaveLength(1);
    const labels = findAll(legend[0], (e) => e.name === 'text');
    expect(labels.map(textOf)).toEqual(items.map((i) => i.name));
    expect(findAll(legend[0], (e) => e.name === 'line').map((l) => l.attrs['stroke-dasharray'] ?? '')).toEqual(['', '', '', '2 3']);
    expect(findAll(legend[0], (e) => e.name === 'circle')).toHaveLength(1);
    // 616 px is too narrow for the five items in one row: two rows, each inside the figure.
    const ys = [...new Set(labels.map((l) => l.attrs.y))];
    expect(ys).toHaveLength(2);
    for (const l of labels) expect(Number(l.attrs.x)).toBeGreaterThan(0);
    const panelY = (root: typeof fig) => Number(findAll(root, (e) => e.name === 'svg')[0].attrs.y);
    expect(panelY(fig)).toBeGreaterThan(Math.max(...ys.map(Number)) + 6);
    expect(Number(fig.attrs.height) - Number(plain.attrs.height)).toBe(panelY(fig) - panelY(plain));
    expect(() => panelGrid([a], { legend: [{ name: 'x', color: '#000', kind: 'area' as never }] })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });

  it('rejects non-SVG panels', () => {
    expect(() => panelGrid(['<div/>'])).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => panelGrid([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
