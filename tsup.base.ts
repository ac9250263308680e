import { defineConfig, type Options } from 'tsup';

/**
 * Shared tsup settings for every @numfeat package: ESM + CJS + .d.ts, and every
 * dependency kept external (bundling @tensorflow/* breaks its wasm file lookup). Source maps ship
 * without the sources embedded: stack traces still name src/ files and lines, at a fraction of the size.
 */
export function numfeatTsup(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    skipNodeModulesBundle: true,
    ...overrides,
    esbuildOptions(options, context) {
      options.sourcesContent = false;
      overrides.esbuildOptions?.(options, context);
    },
  });
}
