import { escapeXml, px } from './escape.js';
import { drawnLength, subscriptMarkup } from './subscript.js';

/** DejaVu Sans first: it is what PNG export loads, and it covers Greek, sub/superscripts and ⁻¹. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, Helvetica, Arial, sans-serif";

export const FONT = { title: 16, label: 13, tick: 11, legend: 12, small: 10 } as const;

export const INK = '#222222';
export const GRID = '#e6e6e6';
export const MUTED = '#666666';

/** Approximate rendered width of text in DejaVu Sans (average advance ≈ 0.6 em; subscripts smaller). */
export function textWidth(text: string, size: number): number {
  return drawnLength(text) * size * 0.6;
}

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  /** Vertical alignment relative to y: 'baseline' (SVG default), 'middle' or 'hanging'. */
  align?: 'baseline' | 'middle' | 'hanging';
  className?: string;
  /** Draw a white outline under the glyphs so the text stays readable over data. */
  halo?: boolean;
}

/**
 * A <text> element; the content is escaped and "Φ_T" / "κ_10" get real subscripts (subscript.ts).
 * Vertical alignment uses dy, which every renderer supports.
 */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (o.align === 'middle') attrs.push('dy="0.35em"');
  else if (o.align === 'hanging') attrs.push('dy="0.8em"');
  if (o.size) attrs.push(`font-size="${o.size}"`);
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.weight === 'bold') attrs.push('font-weight="bold"');
  if (o.fill) attrs.push(`fill="${o.fill}"`);
  if (o.rotate) attrs.push(`transform="rotate(${px(o.rotate)} ${px(x)} ${px(y)})"`);
  if (o.halo) attrs.push('stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"');
  if (o.className) attrs.push(`class="${escapeXml(o.className)}"`);
  return `<text ${attrs.join(' ')}>${subscriptMarkup(content, o.size ?? FONT.tick)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${stroke}"${extra ? ' ' + extra : ''}/>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" fill="${fill}"${extra ? ' ' + extra : ''}/>`;
}

/** A self-contained SVG document (white background, explicit size and viewBox, no external refs). */
export function svgDocument(width: number, height: number, body: string[], title?: string): string {
  const w = px(width);
  const h = px(height);
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"` +
    ` font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT.tick}" fill="${INK}">`;
  const a11y = title ? `<title>${escapeXml(title)}</title>` : '';
  return [head, a11y, `<rect width="${w}" height="${h}" fill="#ffffff"/>`, ...body, '</svg>'].join('\n');
}

/** FNV-1a hash, for ids that are deterministic yet differ between charts inlined on one page. */
export function hashId(prefix: string, content: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) {
    h ^= content.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${prefix}-${(h >>> 0).toString(36)}`;
}
