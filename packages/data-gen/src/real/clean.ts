/** Text cleaning for the bundled corpus. Pure functions: deterministic, no I/O. */

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '(c)', reg: '(R)', mdash: '-', ndash: '-',
};

/** Collapse runs of spaces/tabs, trim each line, keep at most one blank line between paragraphs. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00a0 ]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Remove tags, comments, <style>/<script> blocks and decode the common entities. */
export function stripHtml(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p\s*>|<\/div\s*>|<\/tr\s*>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(#\d{1,6}|[a-z]{2,8});/gi, (m, name: string) => {
      if (name.startsWith('#')) {
        const code = Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? m;
    });
}

/**
 * An email as prose: drop the RFC-822 header block (everything before the first blank line),
 * undo quoted-printable soft line breaks and =XX escapes when the header declares them, strip
 * HTML when the body looks like HTML, and normalise whitespace.
 */
export function cleanEmail(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n');
  const split = text.indexOf('\n\n');
  const header = split >= 0 ? text.slice(0, split) : '';
  let body = split >= 0 ? text.slice(split + 2) : text;
  if (/content-transfer-encoding:\s*quoted-printable/i.test(header) || /=\n|=[0-9A-F]{2}/.test(body.slice(0, 4000))) {
    body = body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  if (/<(html|body|p|div|br|table|font)\b/i.test(body)) body = stripHtml(body);
  // MIME boundaries and part headers are markup, not prose.
  body = body
    .split('\n')
    .filter((line) => !/^--[\w=.+-]{6,}(--)?$/.test(line.trim()) && !/^content-[a-z-]+:/i.test(line.trim()))
    .join('\n');
  return normalizeWhitespace(body);
}

/**
 * A Brown-corpus file (form C, "word/tag" pairs) as plain text: drop the tags, turn ``/'' into
 * quotes, and glue punctuation to the preceding word.
 */
export function cleanBrown(tagged: string): string {
  const paragraphs = tagged.split(/\n\s*\n/);
  const out: string[] = [];
  for (const para of paragraphs) {
    const words = para
      .split(/\s+/)
      .filter(Boolean)
      .map((wt) => {
        const slash = wt.lastIndexOf('/');
        return slash > 0 ? wt.slice(0, slash) : wt;
      });
    if (words.length === 0) continue;
    let s = words.join(' ');
    s = s
      .replace(/``\s*/g, '"')
      .replace(/\s*''/g, '"')
      .replace(/\s+([.,;:!?)%])/g, '$1')
      .replace(/([($])\s+/g, '$1')
      .replace(/\s+(n't|'s|'re|'ll|'ve|'d|'m)\b/g, '$1');
    out.push(s);
  }
  return normalizeWhitespace(out.join('\n\n'));
}
