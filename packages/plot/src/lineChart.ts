import { NumfeatError } from '@numfeat/core';
import { bottomAxis, bottomAxisHeight, horizontalGrid, verticalAxis, verticalAxisWidth, type Frame } from './axes.js';
import { assertArrayLike, assertFiniteOrNull, assertNonEmptyArray, assertPositiveForLog, assertSize } from './checks.js';
import { escapeXml, px } from './escape.js';
import { chooseCorner, legend, legendInFrame, legendSize, type LegendEntry, type LegendPosition } from './legend.js';
import { FONT, hashId, line, MUTED, svgDocument, text, textWidth } from './markup.js';
import { seriesColor, seriesDash } from './palette.js';
import { buildAxis, extentOf, validateAxisSpec, type Axis, type AxisSpec } from './scale.js';

export type SeriesStyle = 'line' | 'points' | 'stems' | 'line+points';

export interface LineSeries {
  name: string;
  x: ArrayLike<number>;
  /** y values; `null` leaves a gap (NaN/Infinity throw NON_FINITE). */
  y: ArrayLike<number | null>;
  /** Which vertical axis: 'y' (left, default) or 'y2' (right; needs spec.y2). */
  axis?: 'y' | 'y2';
  style?: SeriesStyle;
  /** true for a default dash, or an SVG dash array such as '6 3'. */
  dash?: boolean | string;
  color?: string;
  strokeWidth?: number;
}

export interface LineChartSpec {
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  /** Second vertical axis on the right (e.g. Φ_T beside probe accuracy). */
  y2?: AxisSpec;
  series: LineSeries[];
  /** Vertical dashed reference lines, labelled above the plot (e.g. ν = 0.1 "T=10"). */
  markers?: { x: number; label?: string }[];
  /** Horizontal dashed reference lines (e.g. chance 1/T), labelled at the right end. */
  hlines?: { y: number; label?: string; axis?: 'y' | 'y2' }[];
  /** Default: 'auto' (the emptiest corner) with several series, 'none' with one. */
  legend?: LegendPosition;
  width?: number;
  height?: number;
}

const STYLES: SeriesStyle[] = ['line', 'points', 'stems', 'line+points'];

function validate(spec: LineChartSpec): void {
  if (!spec || typeof spec !== 'object') {
    throw new NumfeatError('BAD_ARGUMENT', 'lineChart needs a spec object', { fix: 'call lineChart({ x, y, series })' });
  }
  validateAxisSpec(spec.x, 'x');
  validateAxisSpec(spec.y, 'y');
  if (spec.y2 !== undefined) validateAxisSpec(spec.y2, 'y2');
  assertNonEmptyArray(spec.series, 'series', 'pass at least one series { name, x, y }');
  assertSize(spec.width, 'width', 160);
  assertSize(spec.height, 'height', 120);
  spec.series.forEach((s, i) => {
    const name = `series[${i}] (${s?.name ?? 'unnamed'})`;
    assertArrayLike(s?.x, `${name}.x`);
    assertArrayLike(s?.y, `${name}.y`);
    if (s.x.length !== s.y.length) {
      throw new NumfeatError('SHAPE_MISMATCH', `${name} has ${s.x.length} x values but ${s.y.length} y values`, {
        fix: 'give every point one x and one y',
      });
    }
    if (s.x.length === 0) throw new NumfeatError('EMPTY_INPUT', `${name} has no points`, { fix: 'drop empty series' });
    assertFiniteOrNull(s.x, `${name}.x`, false);
    assertFiniteOrNull(s.y, `${name}.y`, true);
    if (s.style !== undefined && !STYLES.includes(s.style)) {
      throw new NumfeatError('BAD_ARGUMENT', `${name}.style must be one of ${STYLES.join(', ')}, got ${String(s.style)}`, {
        fix: "use 'line', 'points', 'stems' or 'line+points'",
      });
    }
    const axis = s.axis ?? 'y';
    if (axis !== 'y' && axis !== 'y2') {
      throw new NumfeatError('BAD_ARGUMENT', `${name}.axis must be 'y' or 'y2', got ${String(axis)}`, { fix: "use axis: 'y' or 'y2'" });
    }
    if (axis === 'y2' && !spec.y2) {
      throw new NumfeatError('BAD_ARGUMENT', `${name} uses axis 'y2' but the spec has no y2 axis`, {
        fix: "add y2: { label: '…' } to the spec",
      });
    }
    if ((spec.x.scale ?? 'linear') === 'log') assertPositiveForLog(s.x, `${name}.x`, 'x');
    const yScale = axis === 'y2' ? spec.y2!.scale : spec.y.scale;
    if (yScale === 'log') assertPositiveForLog(s.y, `${name}.y`, axis);
  });
  for (const [i, m] of (spec.markers ?? []).entries()) assertFiniteOrNull([m?.x], `markers[${i}].x`, false);
  for (const [i, h] of (spec.hlines ?? []).entries()) assertFiniteOrNull([h?.y], `hlines[${i}].y`, false);
}

function dashOf(s: LineSeries, index: number): string {
  if (s.dash === true) return '6 3';
  if (typeof s.dash === 'string') return s.dash;
  return seriesDash(index);
}

function seriesMarkup(s: LineSeries, index: number, xa: Axis, ya: Axis, color: string): string {
  const style = s.style ?? 'line';
  const parts: string[] = [];
  const width = s.strokeWidth ?? (style === 'stems' ? 1.2 : 1.8);
  if (style === 'line' || style === 'line+points') {
    let d = '';
    const isolated: number[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (y === null) continue;
      const joinsPrev = i > 0 && s.y[i - 1] !== null;
      d += `${joinsPrev ? 'L' : 'M'}${px(xa.map(s.x[i]))} ${px(ya.map(y))}`;
      // A point with no neighbour would be an invisible zero-length line: mark it with a dot.
      if (!joinsPrev && (i === s.x.length - 1 || s.y[i + 1] === null) && style === 'line') isolated.push(i);
    }
    const dash = dashOf(s, index);
    parts.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    for (const i of isolated) parts.push(`<circle cx="${px(xa.map(s.x[i]))}" cy="${px(ya.map(s.y[i] as number))}" r="2" fill="${color}"/>`);
  }
  if (style === 'stems') {
    // Stems start at 0 when 0 is on the axis, else at the bottom of the axis.
    const base = ya.kind === 'linear' && ya.domain[0] <= 0 && ya.domain[1] >= 0 ? ya.map(0) : ya.map(ya.domain[0]);
    let d = '';
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (y !== null) d += `M${px(xa.map(s.x[i]))} ${px(base)}V${px(ya.map(y))}`;
    }
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${width}"/>`);
  }
  if (style === 'points' || style === 'line+points') {
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (y !== null) parts.push(`<circle cx="${px(xa.map(s.x[i]))}" cy="${px(ya.map(y))}" r="2.8" fill="${color}"/>`);
    }
  }
  return `<g class="series" data-series="${escapeXml(s.name)}">${parts.join('')}</g>`;
}

/** Pixel positions of the data, with points along long segments, for automatic legend placement. */
function dataPoints(series: LineSeries[], xa: Axis, axisOf: (s: LineSeries) => Axis): [number, number][] {
  const out: [number, number][] = [];
  for (const s of series) {
    const ya = axisOf(s);
    let prev: [number, number] | undefined;
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (y === null) {
        prev = undefined;
        continue;
      }
      const p: [number, number] = [xa.map(s.x[i]), ya.map(y)];
      if (s.style === 'stems') {
        // A stem covers its whole height.
        const base = ya.map(ya.domain[0]);
        for (let k = 0; k <= 8; k++) out.push([p[0], p[1] + ((base - p[1]) * k) / 8]);
      } else if (prev && (s.style ?? 'line') !== 'points') {
        const steps = Math.min(50, Math.ceil(Math.hypot(p[0] - prev[0], p[1] - prev[1]) / 8));
        for (let k = 1; k < steps; k++) out.push([prev[0] + ((p[0] - prev[0]) * k) / steps, prev[1] + ((p[1] - prev[1]) * k) / steps]);
      }
      out.push(p);
      prev = p;
    }
  }
  return out;
}

/** A line / point / stem chart with optional second y axis, reference lines and legend; returns SVG. */
export function lineChart(spec: LineChartSpec): string {
  validate(spec);
  const width = spec.width ?? 720;
  const height = spec.height ?? 440;
  const series = spec.series;
  const onY2 = (s: LineSeries) => (s.axis ?? 'y') === 'y2';
  const hlines = spec.hlines ?? [];
  const markers = spec.markers ?? [];

  const xExtent = extentOf(markers.map((m) => m.x));
  const yExtent = extentOf(hlines.filter((h) => (h.axis ?? 'y') === 'y').map((h) => h.y));
  const y2Extent = extentOf(hlines.filter((h) => h.axis === 'y2').map((h) => h.y));
  for (const s of series) {
    extentOf(Array.from(s.x), xExtent);
    extentOf(Array.from(s.y), onY2(s) ? y2Extent : yExtent);
  }
  const stemsOn = (axis: 'y' | 'y2') => series.some((s) => s.style === 'stems' && (s.axis ?? 'y') === axis);

  // Axes are resolved twice: first for label widths (margins), then with the final pixel ranges.
  const probe = (a: AxisSpec, e: [number, number], zero: boolean) => buildAxis(a, e, [0, 1], { includeZero: zero });
  const yProbe = probe(spec.y, yExtent, stemsOn('y'));
  const y2Probe = spec.y2 ? probe(spec.y2, y2Extent, stemsOn('y2')) : undefined;

  const legendPos: LegendPosition = spec.legend ?? (series.length > 1 ? 'auto' : 'none');
  const entries: LegendEntry[] = series.map((s, i) => ({
    name: spec.y2 && onY2(s) ? `${s.name} (right axis)` : s.name,
    color: s.color ?? seriesColor(i),
    dash: s.style === 'points' ? undefined : dashOf(s, i),
    kind: s.style === 'points' ? 'points' : 'line',
  }));
  const hasMarkerLabels = markers.some((m) => m.label);
  const layout = (outsideLegend: number) => {
    const frame: Frame = {
      left: 12 + verticalAxisWidth(yProbe, spec.y.label),
      right: width - 16 - (y2Probe ? verticalAxisWidth(y2Probe, spec.y2!.label) : 8) - outsideLegend,
      top: 12 + (spec.title ? FONT.title + 14 : 0) + (hasMarkerLabels ? FONT.small + 8 : 0),
      bottom: height - 8 - bottomAxisHeight(spec.x.label),
    };
    if (frame.right - frame.left < 60 || frame.bottom - frame.top < 40) {
      throw new NumfeatError('BAD_RANGE', `chart ${width}×${height} px is too small for its labels`, {
        fix: 'increase width/height or shorten the axis labels',
      });
    }
    const xa = buildAxis(spec.x, xExtent, [frame.left, frame.right]);
    const ya = buildAxis(spec.y, yExtent, [frame.bottom, frame.top], { includeZero: stemsOn('y') });
    const y2a = spec.y2 ? buildAxis(spec.y2, y2Extent, [frame.bottom, frame.top], { includeZero: stemsOn('y2') }) : undefined;
    return { frame, xa, ya, y2a, outsideLegend };
  };
  const outsideWidth = legendSize(entries).width + 16;
  let placed = layout(legendPos === 'right' ? outsideWidth : 0);
  let corner: LegendPosition = legendPos;
  if (legendPos === 'auto') {
    // The emptiest corner; if every corner would hide data (or a reference label), move the legend outside.
    const pts = dataPoints(series, placed.xa, (s) => (onY2(s) ? placed.y2a! : placed.ya));
    for (const h of hlines) {
      const axis = h.axis === 'y2' ? placed.y2a : placed.ya;
      if (h.label && axis) for (let k = 0; k <= 6; k++) pts.push([placed.frame.right - 4 - (textWidth(h.label, FONT.small) * k) / 6, axis.map(h.y) - 8]);
    }
    const best = chooseCorner(entries, placed.frame, pts);
    if (best.count > 0 && width - outsideWidth > 360) {
      placed = layout(outsideWidth);
      corner = 'right';
    } else corner = best.corner;
  }
  const { frame, xa, ya, y2a, outsideLegend } = placed;

  const seriesBody = series.map((s, i) => seriesMarkup(s, i, xa, onY2(s) ? y2a! : ya, entries[i].color)).join('\n');
  const clipId = hashId('nf-clip', seriesBody + (spec.title ?? ''));
  const body: string[] = [
    // The clip region is padded so points drawn exactly on the domain edges stay whole.
    `<defs><clipPath id="${clipId}"><rect x="${px(frame.left - 4)}" y="${px(frame.top - 4)}" width="${px(frame.right - frame.left + 8)}" height="${px(frame.bottom - frame.top + 8)}"/></clipPath></defs>`,
    horizontalGrid(ya, frame),
  ];
  const refLines: string[] = [];
  const hlineLabels: string[] = [];
  for (const m of markers) {
    if (m.x < xa.domain[0] || m.x > xa.domain[1]) continue;
    const x = xa.map(m.x);
    refLines.push(line(x, frame.top, x, frame.bottom, MUTED, 'stroke-dasharray="4 3" stroke-width="1"'));
    if (m.label) refLines.push(text(x, frame.top - 6, m.label, { anchor: 'middle', size: FONT.small, fill: MUTED }));
  }
  for (const h of hlines) {
    const axis = h.axis === 'y2' ? y2a! : ya;
    if (h.y < axis.domain[0] || h.y > axis.domain[1]) continue;
    const y = axis.map(h.y);
    refLines.push(line(frame.left, y, frame.right, y, MUTED, 'stroke-dasharray="4 3" stroke-width="1"'));
    if (h.label) hlineLabels.push(text(frame.right - 4, y - 4, h.label, { anchor: 'end', size: FONT.small, fill: MUTED, halo: true }));
  }
  body.push(`<g class="reference">${refLines.join('')}</g>`);
  body.push(`<g clip-path="url(#${clipId})">\n${seriesBody}\n</g>`);
  // Labels go above the data (with a white halo) so a curve never hides them.
  body.push(`<g class="reference-labels">${hlineLabels.join('')}</g>`);
  body.push(bottomAxis(xa, frame, spec.x.label));
  body.push(verticalAxis(ya, frame, 'left', spec.y.label));
  if (y2a) body.push(verticalAxis(y2a, frame, 'right', spec.y2!.label));
  if (corner === 'right') body.push(legend(entries, width - outsideLegend, frame.top));
  else body.push(legendInFrame(entries, corner, frame));
  if (spec.title) body.push(text(width / 2, 12 + FONT.title, spec.title, { anchor: 'middle', size: FONT.title, weight: 'bold' }));
  return svgDocument(width, height, body, spec.title);
}
