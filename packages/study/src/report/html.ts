// REPORT.md → one self-contained HTML page, parsed by `marked` (GitHub-flavoured Markdown). A
// paragraph that is just an image of a local figure becomes a <figure> with the SVG inlined, so the
// page needs no other file and no URL; raw HTML in the Markdown is shown as text, not interpreted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function figure(image: Tokens.Image, baseDir: string): string {
  const svgPath = join(baseDir, image.href).replace(/\.png$/, '.svg');
  const svg = existsSync(svgPath) ? readFileSync(svgPath, 'utf8').replace(/^<\?xml[^>]*>\s*/, '') : null;
  if (!svg) return `<p><em>missing figure ${esc(image.href)}</em></p>\n`;
  const data = image.href.replace(/\.(png|svg)$/, '.json');
  return `<figure class="figure" data-name="${esc(image.text)}">${svg}<figcaption>${esc(image.text)} — data: ${esc(data)}</figcaption></figure>\n`;
}

/** The report's Markdown as HTML body markup (figures inlined from `baseDir`). */
export function markdownBody(md: string, baseDir: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      paragraph(token) {
        const parts = token.tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === ''));
        return parts.length === 1 && parts[0].type === 'image' ? figure(parts[0] as Tokens.Image, baseDir) : false;
      },
      html(token) {
        return esc(token.text);
      },
    },
  });
  return marked.parse(md, { async: false });
}

export function markdownToHtml(md: string, baseDir: string, title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.88em; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
figure { margin: 1.2em 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; }
code { background: #f3f3f3; padding: 0 3px; }
</style></head><body>
${markdownBody(md, baseDir)}
</body></html>
`;
}
