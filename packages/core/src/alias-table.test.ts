import { describe, expect, it } from 'vitest';
import { aliasTable } from './alias-table.js';
import { isNumfeatError } from './errors.js';

// The distribution a table encodes: bucket i gives i with prob[i] and alias[i] otherwise, each bucket 1/n.
function implied(weights: number[]): number[] {
  const { prob, alias } = aliasTable(weights);
  const n = weights.length;
  const p = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    p[i]! += prob[i]! / n;
    p[alias[i]!]! += (1 - prob[i]!) / n;
  }
  return p;
}

describe('aliasTable', () => {
  it('encodes exactly the normalised weights (zeros, ties and a dominant weight included)', () => {
    for (const w of [[1, 2, 3, 4], [0, 5, 0, 1, 1], [1], [1e-9, 1, 1e9], Array.from({ length: 97 }, (_, i) => ((i * 37) % 11) + 0.5)]) {
      const total = w.reduce((a, b) => a + b, 0);
      implied(w).forEach((p, i) => expect(p).toBeCloseTo(w[i]! / total, 12));
    }
  });
  it('rejects negative, non-finite, all-zero and empty weights', () => {
    for (const w of [[1, -1], [1, Number.NaN], [0, 0], []]) {
      try {
        aliasTable(w);
        throw new Error('expected a throw');
      } catch (e) {
        expect(isNumfeatError(e)).toBe(true);
      }
    }
  });
});
