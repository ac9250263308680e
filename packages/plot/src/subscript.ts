import { escapeXml, px } from './escape.js';

// Chart text writes quantities the way the paper and the reports do in plain text: "Φ_T", "κ_10",
// "S_W", "‖F_ν‖". In a figure the underscore would be printed literally, so every text element
// draws the part after "_" as a subscript. Unicode has subscript digits but no subscript T, W or ν,
// so a <tspan> is used for all of them (one look for every subscript).

/**
 * A subscript: one letter not preceded by a letter, digit or "_" (so identifiers such as
 * "lm_head" or "acc_10" stay literal), then "_" and either digits or one letter that ends the word.
 */
const SUBSCRIPT = /(?<![\p{L}0-9_])(\p{L})_(\d+|\p{L}(?![\p{L}0-9_]))/gu;

/** Subscript glyphs are this share of the surrounding font size … */
const SUB_SCALE = 0.75;
/** … and sit this share of the font size below the baseline. */
const SUB_SHIFT = 0.25;

export interface TextRun {
  text: string;
  sub: boolean;
}

/** Splits text into normal and subscript runs: "Φ_10 (%)" → Φ, 10 (sub), " (%)". */
export function subscriptRuns(content: string): TextRun[] {
  const runs: TextRun[] = [];
  const push = (text: string, sub: boolean) => {
    if (!text) return;
    const last = runs.at(-1);
    if (last && last.sub === sub) last.text += text;
    else runs.push({ text, sub });
  };
  let at = 0;
  for (const m of content.matchAll(SUBSCRIPT)) {
    push(content.slice(at, m.index) + m[1], false);
    push(m[2], true);
    at = m.index + m[0].length;
  }
  push(content.slice(at), false);
  return runs;
}

/**
 * Escaped <text> content with subscripts as <tspan>s. They are shifted with dy (not baseline-shift,
 * which Firefox ignores) in px of the given font size, and the run after a subscript shifts back.
 */
export function subscriptMarkup(content: string, fontSize: number): string {
  const runs = subscriptRuns(content);
  if (runs.length === 1 && !runs[0].sub) return escapeXml(content);
  const shift = px(SUB_SHIFT * fontSize);
  let lowered = false;
  return runs
    .map((r) => {
      if (r.sub) {
        lowered = true;
        return `<tspan dy="${shift}" font-size="${px(SUB_SCALE * fontSize)}">${escapeXml(r.text)}</tspan>`;
      }
      const back = lowered;
      lowered = false;
      return back ? `<tspan dy="-${shift}">${escapeXml(r.text)}</tspan>` : escapeXml(r.text);
    })
    .join('');
}

/** Width of text as drawn, in em-advances: subscript characters count at their smaller size. */
export function drawnLength(content: string): number {
  return subscriptRuns(content).reduce((sum, r) => sum + [...r.text].length * (r.sub ? SUB_SCALE : 1), 0);
}
