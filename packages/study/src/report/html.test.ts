import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownBody } from './html.js';

describe('report Markdown → HTML', () => {
  it('keeps underscores in subscripts (κ_10 and Φ_10) literal instead of italicising between them', () => {
    const html = markdownBody('Compare κ_10 and Φ_10 across systems.', '/nowhere');
    expect(html).toContain('κ_10 and Φ_10');
    expect(html).not.toContain('<em>');
  });

  it('renders a pipe table with header and body cells, and code spans with their contents verbatim', () => {
    const html = markdownBody('| system | κ_10 |\n|---|---:|\n| `a_b_c` | 12.5 |\n| x | **9** |\n\nrun `numfeat train --arch gpt2` now', '/nowhere');
    expect(html).toMatch(/<table>[\s\S]*<th>system<\/th>[\s\S]*<th align="right">κ_10<\/th>/);
    expect(html).toContain('<td><code>a_b_c</code></td>');
    expect(html).toContain('<strong>9</strong>');
    expect(html).toContain('<code>numfeat train --arch gpt2</code>');
  });

  it('escapes raw HTML and inlines a local figure as <figure> (not inside a <p>)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-html-'));
    mkdirSync(join(dir, 'figures'));
    writeFileSync(join(dir, 'figures', 'k.svg'), '<?xml version="1.0"?>\n<svg id="fig-k"></svg>');
    const html = markdownBody('<script>x</script>\n\n![κ heatmap](figures/k.png)\n\n![gone](figures/none.png)', dir);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/<figure class="figure" data-name="κ heatmap"><svg id="fig-k"><\/svg><figcaption>κ heatmap — data: figures\/k.json/);
    expect(html).not.toMatch(/<p>\s*<figure/);
    expect(html).toContain('missing figure figures/none.png');
  });
});
