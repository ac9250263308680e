import { NumfeatError } from '@numfeat/core';
import { assertNonEmptyArray } from './checks.js';
import { legendEntriesOf, legendRows, legendRowsHeight, type LegendItem } from './legend.js';
import { FONT, svgDocument, text } from './markup.js';

export interface PanelOptions {
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Space between panels in px (default 16). */
  gap?: number;
  title?: string;
  /** Letter the panels (a), (b), … in their top-left corners (default false). */
  letters?: boolean;
  /**
   * One legend for every panel, in rows under the title: for small multiples that draw the same
   * series (give the panels legend: 'none'). E.g. a colour per system plus a grey key for styles.
   */
  legend?: LegendItem[];
}

const OPEN_TAG = /^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b([^>]*)>/;

function sizeOf(svg: string, i: number): { width: number; height: number; attrs: string } {
  const m = typeof svg === 'string' ? OPEN_TAG.exec(svg) : null;
  const w = m && /\swidth="([\d.]+)"/.exec(m[1]);
  const h = m && /\sheight="([\d.]+)"/.exec(m[1]);
  if (!m || !w || !h) {
    throw new NumfeatError('BAD_ARGUMENT', `panel ${i} is not an SVG with numeric width and height`, {
      fix: 'pass strings returned by lineChart/heatmap/barChart',
    });
  }
  return { width: Number(w[1]), height: Number(h[1]), attrs: m[1] };
}

/**
 * Lays several charts out as one figure (e.g. spectrum | κ | eigenvalues), nesting each chart's
 * <svg> at its grid position. Returns a self-contained SVG.
 */
export function panelGrid(charts: string[], opts: PanelOptions = {}): string {
  assertNonEmptyArray(charts, 'charts', 'pass at least one chart SVG');
  const columns = opts.columns ?? charts.length;
  const gap = opts.gap ?? 16;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new NumfeatError('BAD_RANGE', `columns must be a positive integer, got ${columns}`, { fix: 'use e.g. columns: 3' });
  }
  if (!Number.isFinite(gap) || gap < 0) throw new NumfeatError('BAD_RANGE', `gap must be ≥ 0, got ${gap}`, { fix: 'use e.g. gap: 16' });
  const sizes = charts.map(sizeOf);
  const rows = Math.ceil(charts.length / columns);
  const colW = Array.from({ length: columns }, (_, c) => Math.max(0, ...sizes.filter((_, i) => i % columns === c).map((s) => s.width)));
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(...sizes.slice(r * columns, (r + 1) * columns).map((s) => s.height)));
  const width = colW.reduce((a, b) => a + b, 0) + gap * (columns - 1);
  const legendEntries = opts.legend ? legendEntriesOf(opts.legend, 'legend') : [];
  const titleH = opts.title ? FONT.title + 24 : 0;
  const legendTop = titleH + (opts.title ? 0 : 8);
  const legendH = legendEntries.length ? legendRowsHeight(legendEntries, width - 24) + 8 : 0;
  const top = titleH + (legendEntries.length ? legendH + (opts.title ? 0 : 8) : 0);
  const height = top + rowH.reduce((a, b) => a + b, 0) + gap * (rows - 1);
  const body: string[] = [];
  charts.forEach((svg, i) => {
    const c = i % columns;
    const r = Math.floor(i / columns);
    const x = colW.slice(0, c).reduce((a, b) => a + b, 0) + gap * c;
    const y = top + rowH.slice(0, r).reduce((a, b) => a + b, 0) + gap * r;
    const inner = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
    body.push(`<g class="panel">${inner}</g>`);
    if (opts.letters) body.push(text(x + 6, y + 6, `(${String.fromCharCode(97 + (i % 26))})`, { size: FONT.label, weight: 'bold', align: 'hanging' }));
  });
  if (opts.title) body.push(text(width / 2, 12 + FONT.title, opts.title, { anchor: 'middle', size: FONT.title + 2, weight: 'bold' }));
  if (legendEntries.length) body.push(legendRows(legendEntries, 12, legendTop, width - 24));
  return svgDocument(width, height, body, opts.title);
}
