import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { llama3Tokenizer } from '@numfeat/tokenizers';
import { synthCorpus } from '@numfeat/data-gen';
import { numfeat } from './test-helpers.js';

describe('numfeat corpus', () => {
  // Seed 0 is a valid seed (it was rejected as "not a positive integer").
  it.each([7, 0])('stats on a small synthetic corpus (seed %i) agree with an independent count of digit tokens', async (seed) => {
    const cache = mkdtempSync(join(tmpdir(), 'numfeat-corpus-'));
    const r = await numfeat('corpus', 'stats', '--corpus', 'synthetic', '--tokenizer', 'llama3', '--tokens', '3000', '--seed', String(seed), '--cache-dir', cache, '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    // Independent path: decode every token and count those that read as a number 0..999.
    const tok = await llama3Tokenizer();
    let tokens = 0;
    let numbers = 0;
    const seen = new Set<number>();
    for (const doc of synthCorpus({ seed, tokens: 3000 })) {
      for (const id of tok.encode(doc)) {
        tokens++;
        const text = tok.decode([id]);
        if (/^\d{1,3}$/.test(text)) {
          numbers++;
          seen.add(Number(text));
        }
      }
    }
    expect(stats.tokens).toBe(tokens);
    expect(stats.numberTokens).toBe(numbers);
    expect(stats.distinctNumbers).toBe(seen.size);
    expect(stats.numberTokens / stats.tokens).toBeGreaterThan(0.1); // the synthetic corpus is number-dense
  });

  it('bad actions and options exit 2 with one line', async () => {
    const noAction = await numfeat('corpus');
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toMatch(/needs an action, build or stats/);
    const badTokenizer = await numfeat('corpus', 'stats', '--tokenizer', 'gpt9');
    expect(badTokenizer.code).toBe(2);
    expect(badTokenizer.stderr).toMatch(/--tokenizer/);
    const buildSynthetic = await numfeat('corpus', 'build', '--corpus', 'synthetic');
    expect(buildSynthetic.code).toBe(2);
  });
});
