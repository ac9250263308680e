import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './browser-bundle.js';

// The packages whose READMEs say "browser-safe" or describe a browser entry (tensor, data-gen and
// models: what examples/browser trains with; they reach TF.js, whose Node-only requires of fs,
// crypto, … its package.json `browser` field maps to false, which the check honours). Bundled from
// their built dist (what npm users get; `pnpm test` builds first), resolved from the workspace
// example that depends on all of them.
const BROWSER_SAFE = ['fourier', 'probes', 'theory', 'io', 'plot', 'analysis', 'tensor', 'data-gen', 'models'];
const from = fileURLToPath(new URL('../examples/browser/', import.meta.url));

describe('browser bundles', () => {
  for (const name of BROWSER_SAFE) {
    it(`@numfeat/${name} bundles with platform 'browser' and needs no Node built-in`, async () => {
      const dist = fileURLToPath(new URL(`../packages/${name}/dist/index.js`, import.meta.url));
      if (!existsSync(dist)) throw new Error(`${dist} is missing: run pnpm build first (pnpm test does)`);
      const bundle = await bundleForBrowser(`@numfeat/${name}`, from);
      console.log(`@numfeat/${name}: ${(bundle.bytes / 1024).toFixed(1)} KB minified`);
      expect(bundle.nodeImports).toEqual([]);
    });
  }

  it('reports a Node built-in when a package needs one (the check can fail)', async () => {
    // io's Node entry, bypassing the `browser` condition: it reads files with node:fs.
    const nodeEntry = fileURLToPath(new URL('../packages/io/dist/index.js', import.meta.url));
    const bundle = await bundleForBrowser(nodeEntry, from);
    expect(bundle.nodeImports.some((m) => /^(node:)?fs\b/.test(m))).toBe(true);
  });
});
