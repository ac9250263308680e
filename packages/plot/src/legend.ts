import { NumfeatError } from '@numfeat/core';
import { assertNonEmptyArray } from './checks.js';
import { escapeXml, px } from './escape.js';
import { FONT, line, rect, text, textWidth } from './markup.js';

export type LegendPosition = 'auto' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left' | 'right' | 'none';

type Corner = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';
const CORNERS: Corner[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];

export interface LegendEntry {
  name: string;
  color: string;
  dash?: string;
  kind: 'line' | 'points' | 'bar';
}

/** A legend row given by the caller (not derived from a series): e.g. a colour key and a style key. */
export interface LegendItem {
  name: string;
  color: string;
  /** true for the default dash, or an SVG dash array such as '2 3'. */
  dash?: boolean | string;
  /** 'line' (default), 'points' (a dot) or 'bar' (a block). */
  kind?: 'line' | 'points' | 'bar';
}

const KINDS = ['line', 'points', 'bar'];

/** Validates caller-given legend items (`what` names them in errors) and resolves their dashes. */
export function legendEntriesOf(items: LegendItem[], what: string): LegendEntry[] {
  assertNonEmptyArray(items, what, 'pass at least one { name, color } or omit the legend');
  return items.map((item, i) => {
    if (typeof item?.name !== 'string' || typeof item.color !== 'string' || (item.kind !== undefined && !KINDS.includes(item.kind))) {
      throw new NumfeatError('BAD_ARGUMENT', `${what}[${i}] must be { name: string, color: string, dash?, kind?: 'line' | 'points' | 'bar' }`, {
        fix: "pass e.g. { name: 'Transformer', color: '#0072B2' }",
      });
    }
    return { name: item.name, color: item.color, dash: item.dash === true ? '6 3' : item.dash || undefined, kind: item.kind ?? 'line' };
  });
}

const ROW = 18;
const SWATCH = 22;
const PAD = 8;

export function legendSize(entries: LegendEntry[]): { width: number; height: number } {
  const widest = Math.max(0, ...entries.map((e) => textWidth(e.name, FONT.legend)));
  return { width: PAD * 2 + SWATCH + 6 + widest, height: PAD * 2 + ROW * entries.length - 4 };
}

function swatch(e: LegendEntry, x: number, y: number): string {
  if (e.kind === 'bar') return rect(x + 4, y - 6, SWATCH - 8, 12, e.color);
  if (e.kind === 'points') return `<circle cx="${px(x + SWATCH / 2)}" cy="${px(y)}" r="3" fill="${e.color}"/>`;
  const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
  return line(x, y, x + SWATCH, y, e.color, `stroke-width="2"${dash}`);
}

/** Legend box with its top-left corner at (x, y). */
export function legend(entries: LegendEntry[], x: number, y: number): string {
  const { width, height } = legendSize(entries);
  const out = [rect(x, y, width, height, '#ffffff', 'fill-opacity="0.85" stroke="#cccccc"')];
  entries.forEach((e, i) => {
    const cy = y + PAD + 5 + i * ROW;
    out.push(swatch(e, x + PAD, cy));
    out.push(text(x + PAD + SWATCH + 6, cy, e.name, { align: 'middle', size: FONT.legend }));
  });
  return `<g class="legend" aria-label="${escapeXml('legend')}">${out.join('')}</g>`;
}

type Box = { left: number; right: number; top: number; bottom: number };

function cornerBox(entries: LegendEntry[], corner: Corner, frame: Box): Box {
  const { width, height } = legendSize(entries);
  const left = corner.endsWith('right') ? frame.right - width - 8 : frame.left + 8;
  const top = corner.startsWith('top') ? frame.top + 8 : frame.bottom - height - 8;
  return { left, top, right: left + width, bottom: top + height };
}

/**
 * 'auto': the frame corner whose legend box covers the fewest data points (pixel coordinates;
 * callers pass line vertices and points interpolated along segments). Ties keep the usual order.
 */
export function chooseCorner(entries: LegendEntry[], frame: Box, points: [number, number][]): { corner: Corner; count: number } {
  let best: Corner = CORNERS[0];
  let bestCount = Infinity;
  for (const corner of CORNERS) {
    const b = cornerBox(entries, corner, frame);
    let count = 0;
    for (const [x, y] of points) if (x >= b.left - 4 && x <= b.right + 4 && y >= b.top - 4 && y <= b.bottom + 4) count++;
    if (count < bestCount) {
      best = corner;
      bestCount = count;
    }
  }
  return { corner: best, count: bestCount };
}

/** Places a legend inside the plot frame at a corner (or returns '' for 'none'/'right'). */
export function legendInFrame(entries: LegendEntry[], position: LegendPosition, frame: Box, points: [number, number][] = []): string {
  if (position === 'none' || position === 'right' || entries.length === 0) return '';
  const corner = position === 'auto' ? chooseCorner(entries, frame, points).corner : position;
  const b = cornerBox(entries, corner, frame);
  return legend(entries, b.left, b.top);
}

const ITEM_GAP = 24;

/** Height of legendRows for these entries across `width` px. */
export function legendRowsHeight(entries: LegendEntry[], width: number): number {
  return wrapRows(entries, width).length * ROW;
}

function itemWidth(e: LegendEntry): number {
  return SWATCH + 6 + textWidth(e.name, FONT.legend);
}

/** Greedy wrap into rows no wider than `width` (an item wider than a row gets a row of its own). */
function wrapRows(entries: LegendEntry[], width: number): LegendEntry[][] {
  const rows: LegendEntry[][] = [[]];
  let used = 0;
  for (const e of entries) {
    const w = itemWidth(e);
    const row = rows[rows.length - 1];
    if (row.length > 0 && used + ITEM_GAP + w > width) {
      rows.push([e]);
      used = w;
    } else {
      used += (row.length ? ITEM_GAP : 0) + w;
      row.push(e);
    }
  }
  return rows;
}

/**
 * A legend laid out in centred rows across `width` px from (x, y), without a box: one key for a
 * figure of small multiples, placed under its title.
 */
export function legendRows(entries: LegendEntry[], x: number, y: number, width: number): string {
  const out: string[] = [];
  wrapRows(entries, width).forEach((row, r) => {
    const total = row.reduce((a, e, i) => a + itemWidth(e) + (i ? ITEM_GAP : 0), 0);
    let at = x + (width - total) / 2;
    const cy = y + r * ROW + ROW / 2;
    for (const e of row) {
      out.push(swatch(e, at, cy));
      out.push(text(at + SWATCH + 6, cy, e.name, { align: 'middle', size: FONT.legend }));
      at += itemWidth(e) + ITEM_GAP;
    }
  });
  return `<g class="legend" aria-label="${escapeXml('legend')}">${out.join('')}</g>`;
}
