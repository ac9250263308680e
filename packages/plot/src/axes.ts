import type { Axis } from './scale.js';
import { FONT, GRID, INK, line, text, textWidth } from './markup.js';

const TICK = 5;
const MINOR_TICK = 3;

/** Widest tick label of an axis in px, to size margins. */
export function tickLabelWidth(axis: Axis): number {
  return Math.max(0, ...axis.labels.map((l) => textWidth(l, FONT.tick)));
}

export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Horizontal grid lines at the major ticks of a vertical axis. */
export function horizontalGrid(axis: Axis, frame: Frame): string {
  return axis.ticks.map((t) => line(frame.left, axis.map(t), frame.right, axis.map(t), GRID)).join('');
}

export function bottomAxis(axis: Axis, frame: Frame, label?: string, tickLabels = true): string {
  const y = frame.bottom;
  const out = [line(frame.left, y, frame.right, y, INK)];
  axis.ticks.forEach((t, i) => {
    const x = axis.map(t);
    out.push(line(x, y, x, y + TICK, INK));
    if (tickLabels) out.push(text(x, y + TICK + 3, axis.labels[i], { anchor: 'middle', align: 'hanging', size: FONT.tick }));
  });
  for (const m of axis.minor) out.push(line(axis.map(m), y, axis.map(m), y + MINOR_TICK, INK));
  if (label) {
    out.push(text((frame.left + frame.right) / 2, y + TICK + 3 + FONT.tick + 10, label, { anchor: 'middle', align: 'hanging', size: FONT.label }));
  }
  return `<g class="axis axis-x">${out.join('')}</g>`;
}

/** A vertical axis on the left (side 'left') or right (side 'right') of the frame. */
export function verticalAxis(axis: Axis, frame: Frame, side: 'left' | 'right', label?: string): string {
  const x = side === 'left' ? frame.left : frame.right;
  const dir = side === 'left' ? -1 : 1;
  const out = [line(x, frame.top, x, frame.bottom, INK)];
  axis.ticks.forEach((t, i) => {
    const y = axis.map(t);
    out.push(line(x, y, x + dir * TICK, y, INK));
    out.push(text(x + dir * (TICK + 3), y, axis.labels[i], { anchor: side === 'left' ? 'end' : 'start', align: 'middle', size: FONT.tick }));
  });
  for (const m of axis.minor) out.push(line(x, axis.map(m), x + dir * MINOR_TICK, axis.map(m), INK));
  if (label) {
    const lx = x + dir * (TICK + 3 + tickLabelWidth(axis) + 8);
    const ly = (frame.top + frame.bottom) / 2;
    // Rotated so the label reads bottom-to-top on the left and top-to-bottom on the right.
    out.push(text(lx, ly, label, { anchor: 'middle', align: side === 'left' ? 'baseline' : 'baseline', size: FONT.label, rotate: side === 'left' ? -90 : 90 }));
  }
  return `<g class="axis axis-${side === 'left' ? 'y' : 'y2'}">${out.join('')}</g>`;
}

/** Room a vertical axis needs beside the frame: ticks, labels and the rotated axis title. */
export function verticalAxisWidth(axis: Axis, label?: string): number {
  return TICK + 3 + tickLabelWidth(axis) + (label ? 8 + FONT.label + 4 : 4);
}

/** Room a bottom axis needs below the frame. */
export function bottomAxisHeight(label?: string): number {
  return TICK + 3 + FONT.tick + (label ? 10 + FONT.label + 6 : 6);
}
