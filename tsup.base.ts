import { defineConfig, type Options } from 'tsup';

/**
 * Shared tsup settings for every @numfeat package: ESM + CJS + .d.ts, and every
 * dependency kept external (bundling @tensorflow/* breaks its wasm file lookup).
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
  });
}
