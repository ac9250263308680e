import { NumfeatError } from '@numfeat/core';
import { plainNumber } from './ticks.js';

export type Align = 'left' | 'right' | 'center';

export interface TextTableOptions {
  header?: string[];
  /** Per-column alignment; default: right for columns whose cells are all numbers, else left. */
  align?: Align[];
  /** Fixed decimals for numbers; default: up to 6 significant digits. */
  digits?: number;
  /** Column separator (default two spaces). */
  separator?: string;
}

// Code points, not UTF-16 units, so Greek letters and subscripts count as one column.
const width = (s: string) => [...s].length;

function pad(s: string, w: number, align: Align): string {
  const gap = w - width(s);
  if (gap <= 0) return s;
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(Math.ceil(gap / 2));
  return s + ' '.repeat(gap);
}

/** An aligned plain-text table for terminals (header underlined with ─). */
export function textTable(rows: (string | number)[][], opts: TextTableOptions = {}): string {
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
    throw new NumfeatError('BAD_ARGUMENT', 'textTable needs rows as an array of arrays', { fix: 'pass [[cell, cell, …], …]' });
  }
  const ncol = Math.max(opts.header?.length ?? 0, ...rows.map((r) => r.length));
  if (ncol === 0) throw new NumfeatError('EMPTY_INPUT', 'textTable has no columns', { fix: 'pass at least one cell or a header' });
  if (opts.align && opts.align.some((a) => a !== 'left' && a !== 'right' && a !== 'center')) {
    throw new NumfeatError('BAD_ARGUMENT', `align entries must be 'left', 'right' or 'center'`, { fix: "use e.g. align: ['left', 'right']" });
  }
  const fmt = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    if (!Number.isFinite(v)) return String(v);
    return opts.digits !== undefined ? v.toFixed(opts.digits) : Number.isInteger(v) ? String(v) : plainNumber(v, 6);
  };
  const body = rows.map((r) => Array.from({ length: ncol }, (_, c) => fmt(r[c])));
  const numeric = Array.from({ length: ncol }, (_, c) => rows.length > 0 && rows.every((r) => r[c] === undefined || typeof r[c] === 'number'));
  const align = Array.from({ length: ncol }, (_, c) => opts.align?.[c] ?? (numeric[c] ? 'right' : 'left'));
  const head = opts.header ? Array.from({ length: ncol }, (_, c) => opts.header![c] ?? '') : undefined;
  const widths = Array.from({ length: ncol }, (_, c) => Math.max(head ? width(head[c]) : 0, ...body.map((r) => width(r[c]))));
  const sep = opts.separator ?? '  ';
  const render = (cells: string[]) => cells.map((s, c) => pad(s, widths[c], align[c])).join(sep).replace(/\s+$/, '');
  const lines: string[] = [];
  if (head) {
    lines.push(render(head));
    lines.push(widths.map((w) => '─'.repeat(w)).join(sep));
  }
  for (const r of body) lines.push(render(r));
  return lines.join('\n');
}
