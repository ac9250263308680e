import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import @numfeat/* from source, so a test run never depends on a stale build.
// (scripts/check-packages.mjs tests the built, packed output separately.)
const packages = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@numfeat\/([\w-]+)$/, replacement: `${packages}$1/src/index.ts` },
      { find: /^@numfeat\/([\w-]+)\/([\w-]+)$/, replacement: `${packages}$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The plain closing line comes last, after vitest's own summary (see the reporter's comment).
    reporters: ['default', './scripts/closing-line-reporter.mjs'],
  },
});
