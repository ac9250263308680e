import { NumfeatError } from '@numfeat/core';
import { bottomAxisHeight, horizontalGrid, verticalAxis, verticalAxisWidth, type Frame } from './axes.js';
import { assertArrayLike, assertFiniteOrNull, assertNonEmptyArray, assertPositiveForLog, assertSize } from './checks.js';
import { escapeXml } from './escape.js';
import { chooseCorner, legend, legendInFrame, legendSize, type LegendEntry, type LegendPosition } from './legend.js';
import { FONT, INK, line, rect, svgDocument, text, textWidth } from './markup.js';
import { seriesColor } from './palette.js';
import { buildAxis, extentOf, validateAxisSpec, type AxisSpec } from './scale.js';
import { formatNumber } from './ticks.js';

export interface BarSeries {
  name: string;
  /** One value per category. */
  values: ArrayLike<number>;
  color?: string;
}

export interface BarChartSpec {
  title?: string;
  categories: string[];
  series: BarSeries[];
  x?: { label?: string };
  y: AxisSpec;
  /** Print each bar's value above it (true: 3 significant digits) or a formatter. */
  valueLabels?: boolean | ((value: number) => string);
  /**
   * Default: 'auto' (the corner with the least bar area, or outside on the right when every corner
   * would hide a bar) with several series, 'none' with one.
   */
  legend?: LegendPosition;
  width?: number;
  height?: number;
}

function validate(spec: BarChartSpec): void {
  if (!spec || typeof spec !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'barChart needs a spec object', { fix: 'call barChart({ categories, series, y })' });
  }
  assertNonEmptyArray(spec.categories, 'categories', 'pass one label per group of bars');
  assertNonEmptyArray(spec.series, 'series', 'pass at least one series { name, values }');
  validateAxisSpec(spec.y, 'y');
  assertSize(spec.width, 'width', 160);
  assertSize(spec.height, 'height', 120);
  spec.series.forEach((s, i) => {
    const name = `series[${i}] (${s?.name ?? 'unnamed'})`;
    assertArrayLike(s?.values, `${name}.values`);
    if (s.values.length !== spec.categories.length) {
      throw new NumfeatError('SHAPE_MISMATCH', `${name} has ${s.values.length} values for ${spec.categories.length} categories`, {
        fix: 'give one value per category',
      });
    }
    assertFiniteOrNull(s.values, `${name}.values`, false);
    if (spec.y.scale === 'log') assertPositiveForLog(s.values, `${name}.values`, 'y');
  });
}

/** Grouped bars (one group per category, one bar per series) on a linear or log y axis; returns SVG. */
export function barChart(spec: BarChartSpec): string {
  validate(spec);
  const width = spec.width ?? Math.round(Math.max(480, Math.min(900, 120 + spec.categories.length * (spec.series.length * 14 + 24))));
  const height = spec.height ?? 400;
  const extent = extentOf(spec.series.flatMap((s) => Array.from(s.values)));
  const isLog = spec.y.scale === 'log';
  const probe = buildAxis(spec.y, extent, [0, 1], { includeZero: true });

  const legendPos: LegendPosition = spec.legend ?? (spec.series.length > 1 ? 'auto' : 'none');
  const entries: LegendEntry[] = spec.series.map((s, i) => ({ name: s.name, color: s.color ?? seriesColor(i), kind: 'bar' }));
  const nCat = spec.categories.length;
  const nSer = spec.series.length;
  const layout = (outsideLegend: number) => {
    const frame: Frame = {
      left: 12 + verticalAxisWidth(probe, spec.y.label),
      right: width - 16 - outsideLegend,
      top: 12 + (spec.title ? FONT.title + 14 : 0) + (spec.valueLabels ? 4 : 0),
      bottom: height - 8 - bottomAxisHeight(spec.x?.label),
    };
    if (frame.right - frame.left < 60 || frame.bottom - frame.top < 40) {
      throw new NumfeatError('BAD_RANGE', `chart ${width}×${height} px is too small for its labels`, { fix: 'increase width/height' });
    }
    const ya = buildAxis(spec.y, extent, [frame.bottom, frame.top], { includeZero: true });
    // Bars grow from 0 on linear axes and from the bottom of the axis on log axes.
    const base = isLog ? frame.bottom : ya.map(Math.min(Math.max(0, ya.domain[0]), ya.domain[1]));
    const band = (frame.right - frame.left) / nCat;
    const barW = (band * 0.8) / nSer;
    const bar = (si: number, c: number) => {
      const v = spec.series[si].values[c];
      return { v, x: frame.left + c * band + band * 0.1 + si * barW, y: ya.map(Math.min(Math.max(v, ya.domain[0]), ya.domain[1])) };
    };
    // Each bar's area (and its value label) sampled, for automatic legend placement.
    const points: [number, number][] = [];
    for (let si = 0; si < nSer; si++) {
      for (let c = 0; c < nCat; c++) {
        const { x, y } = bar(si, c);
        for (let k = 0; k <= 10; k++) points.push([x + barW / 2, y - 12 + ((base - y + 12) * k) / 10]);
      }
    }
    return { frame, ya, base, band, barW, bar, points, outsideLegend };
  };
  const outsideWidth = legendSize(entries).width + 16;
  let placed = layout(legendPos === 'right' ? outsideWidth : 0);
  let corner: LegendPosition = legendPos;
  if (legendPos === 'auto') {
    // The corner covering the fewest bars; if every corner would hide one, the legend goes outside.
    const best = chooseCorner(entries, placed.frame, placed.points);
    if (best.count > 0 && width - outsideWidth > 360) {
      placed = layout(outsideWidth);
      corner = 'right';
    } else corner = best.corner;
  }
  const { frame, ya, base, band, barW, bar, outsideLegend } = placed;
  const fmt = typeof spec.valueLabels === 'function' ? spec.valueLabels : (v: number) => formatNumber(v, 3);
  const valueFont = Math.max(7, Math.min(FONT.small, barW * 0.9));

  const body: string[] = [horizontalGrid(ya, frame)];
  spec.series.forEach((s, si) => {
    const bars: string[] = [];
    for (let c = 0; c < nCat; c++) {
      const { v, x, y } = bar(si, c);
      bars.push(rect(x, Math.min(y, base), Math.max(0.5, barW - 1), Math.abs(base - y), entries[si].color));
      if (spec.valueLabels) {
        const above = v >= 0 || isLog;
        bars.push(text(x + barW / 2, above ? Math.min(y, base) - 3 : Math.max(y, base) + 3, fmt(v), { anchor: 'middle', align: above ? 'baseline' : 'hanging', size: valueFont }));
      }
    }
    body.push(`<g class="series" data-series="${escapeXml(s.name)}">${bars.join('')}</g>`);
  });

  // Category axis: a baseline, one label per group.
  const axis = [line(frame.left, frame.bottom, frame.right, frame.bottom, INK)];
  const widest = Math.max(...spec.categories.map((c) => textWidth(c, FONT.tick)));
  const rotate = widest > band - 4;
  spec.categories.forEach((c, i) => {
    const x = frame.left + (i + 0.5) * band;
    axis.push(rotate ? text(x, frame.bottom + 8, c, { anchor: 'end', align: 'hanging', rotate: -35, size: FONT.tick }) : text(x, frame.bottom + 8, c, { anchor: 'middle', align: 'hanging', size: FONT.tick }));
  });
  if (spec.x?.label) axis.push(text((frame.left + frame.right) / 2, frame.bottom + 8 + FONT.tick + 10, spec.x.label, { anchor: 'middle', align: 'hanging', size: FONT.label }));
  if (!isLog && ya.domain[0] < 0) axis.push(line(frame.left, base, frame.right, base, INK));
  body.push(`<g class="axis axis-x">${axis.join('')}</g>`);
  body.push(verticalAxis(ya, frame, 'left', spec.y.label));
  body.push(corner === 'right' ? legend(entries, width - outsideLegend, frame.top) : legendInFrame(entries, corner, frame));
  if (spec.title) body.push(text(width / 2, 12 + FONT.title, spec.title, { anchor: 'middle', size: FONT.title, weight: 'bold' }));
  return svgDocument(width, height, body, spec.title);
}
