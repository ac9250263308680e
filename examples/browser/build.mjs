#!/usr/bin/env node
// Bundles src/main.ts into dist/ for the page (esbuild, platform browser, minified, split: the
// training code is a chunk loaded on the first Train click) and copies TF.js's wasm backend
// binaries next to it, where the page's initBackend({ wasmPaths }) looks for them.
// The @numfeat packages resolve through their `browser` export condition to their built dist.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The directory of @tensorflow/tfjs-backend-wasm's .wasm files (a dependency of @numfeat/tensor). */
function wasmDir() {
  const tensor = createRequire(import.meta.url).resolve('@numfeat/tensor/package.json');
  return join(dirname(createRequire(tensor).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/** Builds the page into `outdir`; returns the bytes of each output file (JavaScript and .wasm). */
export async function buildPage(outdir = `${here}dist`) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [`${here}src/main.ts`],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    metafile: true,
    // No tsconfig lookup: the repository's maps @numfeat/* to src/, and the page uses what npm users get.
    tsconfigRaw: '{}',
    // The pretrained tokenizers' vocabularies (≈ 8 MB, imported lazily by @numfeat/tokenizers) are
    // never used here (the corpus's word tokenizer is trained in the page); esbuild would still
    // emit them as chunks, so they stay out (an import of them would fail, and none happens).
    external: ['gpt-tokenizer', 'gpt-tokenizer/*', 'llama3-tokenizer-js'],
    logLevel: 'warning',
  });
  const sizes = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, o]) => [file.replace(/^.*dist\//, ''), o.bytes]));
  mkdirSync(outdir, { recursive: true });
  const wasm = wasmDir();
  for (const file of readdirSync(wasm).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(join(wasm, file), join(outdir, file));
    sizes[file] = statSync(join(outdir, file)).size;
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildPage();
  for (const [file, bytes] of Object.entries(sizes)) if (!file.endsWith('.map')) console.log(`dist/${file}: ${(bytes / 1024).toFixed(1)} KB`);
}
