#!/usr/bin/env node
// Bundles src/main.ts into dist/main.js for the page (esbuild, platform browser, minified).
// The @numfeat packages resolve through their `browser` export condition to their built dist.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Builds the page bundle; returns its size in bytes. */
export async function buildPage(outdir = `${here}dist`) {
  const result = await build({
    entryPoints: [`${here}src/main.ts`],
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    metafile: true,
    // No tsconfig lookup: the repository's maps @numfeat/* to src/, and the page uses what npm users get.
    tsconfigRaw: '{}',
    logLevel: 'warning',
  });
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await buildPage();
  console.log(`dist/main.js: ${(bytes / 1024).toFixed(1)} KB`);
}
