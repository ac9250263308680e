import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDataDocs } from '../scripts/data-docs.js';

describe('docs/data.md', () => {
  it('is what scripts/write-data-docs.ts generates from the code (run `pnpm --filter @numfeat/data-gen write-docs` if this fails)', () => {
    const onDisk = readFileSync(new URL('../../../docs/data.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderDataDocs());
  });
});
