import { NumfeatError } from '@numfeat/core';
import { assertNonEmptyArray, assertSize, describe as describeValue } from './checks.js';
import { colorbarTicks } from './colorbarTicks.js';
import { colorFor, luminance, schemeStops, validateColorScale, type ColorScale } from './colormap.js';
import { px } from './escape.js';
import { FONT, hashId, INK, line, MUTED, rect, svgDocument, text, textWidth } from './markup.js';
import { formatLinearTick, formatNumber } from './ticks.js';

export type CellText = boolean | ((value: number, row: number, col: number) => string);

export interface HeatmapSpec {
  title?: string;
  rows: string[];
  cols: string[];
  /** rows × cols; `null` draws an empty (grey) cell. NaN/Infinity throw NON_FINITE. */
  values: (number | null)[][];
  /** Colours span [min, max]; values outside are clipped to the end colours. */
  colorScale: ColorScale;
  /** Print the value in each cell (true: 1 decimal, 0 from 100 up) or a formatter. */
  cellText?: CellText;
  colorbar?: { label?: string };
  xLabel?: string;
  yLabel?: string;
  /**
   * Which columns get a tick label: a count (evenly spaced), column indices, or {index, label}.
   * Default: every column up to 40 columns, else about 8.
   */
  colTicks?: number | number[] | { index: number; label: string }[];
  width?: number;
  height?: number;
}

const NULL_FILL = '#d9d9d9';
const MIN_BAR = 120;

function validate(spec: HeatmapSpec): void {
  if (!spec || typeof spec !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'heatmap needs a spec object', { fix: 'call heatmap({ rows, cols, values, colorScale })' });
  }
  assertNonEmptyArray(spec.rows, 'rows', 'pass one label per row');
  assertNonEmptyArray(spec.cols, 'cols', 'pass one label per column');
  assertNonEmptyArray(spec.values, 'values', 'pass values as rows × cols (number | null)[][]');
  if (spec.values.length !== spec.rows.length) {
    throw new NumfeatError('SHAPE_MISMATCH', `values has ${spec.values.length} rows but rows has ${spec.rows.length} labels`, {
      fix: 'give one label per row of values',
    });
  }
  spec.values.forEach((r, i) => {
    if (!Array.isArray(r) && !ArrayBuffer.isView(r)) {
      throw new NumfeatError('BAD_ARGUMENT', `values[${i}] must be an array, got ${describeValue(r)}`, { fix: 'pass values as (number | null)[][]' });
    }
    if (r.length !== spec.cols.length) {
      throw new NumfeatError('SHAPE_MISMATCH', `values[${i}] (${spec.rows[i]}) has ${r.length} values but cols has ${spec.cols.length} labels`, {
        fix: 'make every row as long as cols',
      });
    }
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) {
        throw new NumfeatError('NON_FINITE', `values[${i}][${j}] is ${String(v)}`, {
          fix: 'use null for a missing cell, or repair the value',
          details: { row: i, col: j },
        });
      }
    }
  });
  validateColorScale(spec.colorScale);
  if (spec.cellText !== undefined && typeof spec.cellText !== 'boolean' && typeof spec.cellText !== 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'cellText must be a boolean or a function (value, row, col) => string', {
      fix: 'pass cellText: true or a formatter',
    });
  }
  assertSize(spec.width, 'width', 160);
  assertSize(spec.height, 'height', 100);
}

function resolveColTicks(spec: HeatmapSpec): { index: number; label: string }[] {
  const n = spec.cols.length;
  const t = spec.colTicks;
  const even = (count: number) => {
    const k = Math.max(1, Math.min(n, Math.round(count)));
    const idx = k === 1 ? [0] : Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
    return [...new Set(idx)].map((index) => ({ index, label: spec.cols[index] }));
  };
  if (t === undefined) return n <= 40 ? spec.cols.map((label, index) => ({ index, label })) : even(8);
  if (typeof t === 'number') return even(t);
  if (!Array.isArray(t)) throw new NumfeatError('BAD_ARGUMENT', 'colTicks must be a count or an array', { fix: 'pass e.g. colTicks: 6' });
  return t.map((item, i) => {
    const index = typeof item === 'number' ? item : item?.index;
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new NumfeatError('BAD_RANGE', `colTicks[${i}] index ${String(index)} is not a column index in [0, ${n - 1}]`, {
        fix: 'use column indices (0-based)',
      });
    }
    return { index, label: typeof item === 'number' ? spec.cols[index] : String(item.label) };
  });
}

function defaultCellText(v: number): string {
  if (Math.abs(v) >= 100) return formatNumber(Math.round(v));
  const rounded = Math.round(v * 10) / 10;
  // One decimal in every cell, zero included ("0.0", where a tick label would say "0"), so columns read evenly.
  return rounded === 0 ? '0.0' : formatLinearTick(rounded, 0.1);
}

/** A heatmap (rects per cell) with optional cell values, column ticks and a colour bar; returns SVG. */
export function heatmap(spec: HeatmapSpec): string {
  validate(spec);
  const scale = spec.colorScale;
  const nRows = spec.rows.length;
  const nCols = spec.cols.length;
  const dense = nCols > 40;
  const ticks = resolveColTicks(spec);
  const cellTextFn: ((v: number, r: number, c: number) => string) | undefined =
    typeof spec.cellText === 'function' ? spec.cellText : spec.cellText ? defaultCellText : undefined;

  const rowLabelWidth = Math.max(...spec.rows.map((r) => textWidth(r, FONT.tick)));
  const colLabelWidth = Math.max(0, ...ticks.map((t) => textWidth(t.label, FONT.tick)));

  // Cell size: wide enough for the cell text and labels of a small table; thin for spectra.
  const widestCellText = cellTextFn ? Math.max(...spec.values.flatMap((r, i) => r.map((v, j) => (v === null ? 0 : textWidth(cellTextFn(v, i, j), FONT.small))))) : 0;
  const defaultCellW = dense ? 760 / nCols : Math.min(90, Math.max(34, widestCellText + 10, colLabelWidth + 8));
  const defaultCellH = nRows > 30 ? 12 : cellTextFn ? 26 : 22;

  // Every candidate label sizes the bar's margin; which ones are kept depends on the bar's length.
  const clippedHigh = spec.values.some((r) => r.some((v) => v !== null && v > scale.max));
  const clippedLow = spec.values.some((r) => r.some((v) => v !== null && v < scale.min));
  const barTicksFor = (lengthPx: number) =>
    colorbarTicks(scale, lengthPx).map((t) => ({
      ...t,
      label: clippedHigh && t.value === scale.max ? `≥${t.label}` : clippedLow && t.value === scale.min ? `≤${t.label}` : t.label,
    }));
  const barLabels = barTicksFor(1000).map((t) => t.label);
  const barLabelWidth = Math.max(...barLabels.map((l) => textWidth(l, FONT.tick)));

  const left = 12 + (spec.yLabel ? FONT.label + 8 : 0) + rowLabelWidth + 8;
  const top = 12 + (spec.title ? FONT.title + 14 : 0);
  const colorbarWidth = 16 + 14 + 8 + barLabelWidth + (spec.colorbar?.label ? 8 + FONT.label : 0) + 12;

  // Column labels are rotated when they would overlap their neighbours.
  const provisionalW = spec.width ? (spec.width - left - colorbarWidth) / nCols : defaultCellW;
  const minGap = ticks.length > 1 ? Math.min(...ticks.slice(1).map((t, i) => t.index - ticks[i].index)) * provisionalW : Infinity;
  const rotate = colLabelWidth + 6 > minGap;
  const colLabelHeight = rotate ? colLabelWidth * 0.71 + FONT.tick * 0.71 + 6 : FONT.tick + 4;
  const bottomSpace = 5 + 3 + colLabelHeight + (spec.xLabel ? 10 + FONT.label + 6 : 6);

  // Whole pixels, so PNG exports have integral sizes.
  const titleWidth = spec.title ? textWidth(spec.title, FONT.title) * 1.1 + 24 : 0; // bold runs ~10% wider
  const width = spec.width ?? Math.ceil(Math.max(left + defaultCellW * nCols + colorbarWidth, titleWidth));
  // A few rows would squash the colour bar: it keeps at least MIN_BAR px and the figure grows to fit.
  const autoGridH = defaultCellH * nRows;
  const height = spec.height ?? Math.ceil(top + Math.max(autoGridH + bottomSpace, MIN_BAR + 12));
  const plotW = width - left - colorbarWidth;
  const plotH = spec.height ? height - top - bottomSpace : autoGridH;
  const barH = spec.height ? plotH : Math.max(plotH, MIN_BAR);
  if (plotW < 20 || plotH < 10) {
    throw new NumfeatError('BAD_RANGE', `heatmap ${width}×${height} px is too small for its labels`, { fix: 'increase width/height or omit them' });
  }
  const cw = plotW / nCols;
  const ch = plotH / nRows;
  const gap = cw >= 12 && ch >= 12 ? 1 : 0;
  // Without a gap, adjacent rects overlap by half a pixel so anti-aliasing leaves no hairline seams.
  const overlap = gap ? 0 : 0.5;

  const cells: string[] = [];
  const labels: string[] = [];
  const fontSize = Math.round(10 * Math.min(FONT.small + 1, ch * 0.5, ((cw - 2) * FONT.small) / Math.max(1, widestCellText))) / 10;
  for (let i = 0; i < nRows; i++) {
    const y = top + i * ch;
    const row = spec.values[i];
    for (let j = 0; j < nCols; j++) {
      const v = row[j];
      const x = left + j * cw;
      const fill = v === null ? NULL_FILL : colorFor(v, scale);
      const w = cw - gap + (j < nCols - 1 ? overlap : 0);
      const h = ch - gap + (i < nRows - 1 ? overlap : 0);
      cells.push(rect(x + gap / 2, y + gap / 2, w, h, fill));
      if (cellTextFn && v !== null) {
        const label = cellTextFn(v, i, j);
        if (label) labels.push(text(x + cw / 2, y + ch / 2, label, { anchor: 'middle', align: 'middle', size: fontSize, fill: luminance(fill) < 0.28 ? '#ffffff' : INK }));
      }
    }
  }

  const body: string[] = [`<g class="cells" shape-rendering="${gap ? 'crispEdges' : 'auto'}">${cells.join('')}</g>`];
  if (labels.length) body.push(`<g class="cell-text">${labels.join('')}</g>`);

  // Row labels, column ticks and axis titles.
  const axis: string[] = [];
  spec.rows.forEach((r, i) => axis.push(text(left - 6, top + (i + 0.5) * ch, r, { anchor: 'end', align: 'middle', size: FONT.tick })));
  const yBase = top + plotH;
  for (const t of ticks) {
    const x = left + (t.index + 0.5) * cw;
    if (dense || !gap) axis.push(line(x, yBase, x, yBase + 5, INK));
    if (rotate) axis.push(text(x, yBase + 10, t.label, { anchor: 'end', align: 'hanging', size: FONT.tick, rotate: -45 }));
    else axis.push(text(x, yBase + 8, t.label, { anchor: 'middle', align: 'hanging', size: FONT.tick }));
  }
  if (dense || !gap) axis.push(line(left, yBase, left + plotW, yBase, INK));
  if (spec.xLabel) axis.push(text(left + plotW / 2, yBase + 8 + colLabelHeight + 10, spec.xLabel, { anchor: 'middle', align: 'hanging', size: FONT.label }));
  if (spec.yLabel) axis.push(text(12 + FONT.label, top + plotH / 2, spec.yLabel, { anchor: 'middle', size: FONT.label, rotate: -90 }));
  body.push(`<g class="axis">${axis.join('')}</g>`);

  // Colour bar: a vertical gradient through the scheme's stops (exact, since colours are
  // interpolated linearly between the same stops). The id is a content hash, so several
  // heatmaps can share one HTML page.
  const bx = left + plotW + 16;
  const stops = schemeStops(scale.scheme);
  const gradId = hashId('nf-cbar', `${scale.scheme}|${cells.length}|${cells[0]}|${spec.title ?? ''}`);
  const bar: string[] = [
    `<defs><linearGradient id="${gradId}" x1="0" y1="1" x2="0" y2="0">${stops
      .map((c, k) => `<stop offset="${px(k / (stops.length - 1))}" stop-color="${c}"/>`)
      .join('')}</linearGradient></defs>`,
    rect(bx, top, 14, barH, `url(#${gradId})`),
  ];
  bar.push(rect(bx, top, 14, barH, 'none', `stroke="${MUTED}" stroke-width="0.5"`));
  for (const t of barTicksFor(barH)) {
    const y = top + barH * (1 - t.position);
    bar.push(line(bx + 14, y, bx + 18, y, INK));
    bar.push(text(bx + 21, y, t.label, { align: 'middle', size: FONT.tick }));
  }
  if (spec.colorbar?.label) {
    const lx = bx + 21 + barLabelWidth + 8;
    bar.push(text(lx, top + barH / 2, spec.colorbar.label, { anchor: 'middle', size: FONT.label, rotate: 90 }));
  }
  body.push(`<g class="colorbar">${bar.join('')}</g>`);
  if (spec.title) body.push(text(width / 2, 12 + FONT.title, spec.title, { anchor: 'middle', size: FONT.title, weight: 'bold' }));
  return svgDocument(width, height, body, spec.title);
}
