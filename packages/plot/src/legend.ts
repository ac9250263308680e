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
