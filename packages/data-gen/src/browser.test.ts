import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import * as browser from './browser.js';
import * as node from './index.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'returned';
  } catch (e) {
    return isNumfeatError(e) ? e.code : `not a NumfeatError: ${e}`;
  }
};

describe('the browser entry of @numfeat/data-gen', () => {
  it('exports what the Node entry does, but the bundled real corpus', () => {
    const nodeOnly = ['readBundledDocuments', 'sourcePackageInfo', 'BUNDLED_SOURCES', 'cleanEmail', 'cleanBrown', 'stripHtml', 'normalizeWhitespace', 'buildBundledCorpus', 'readShard', 'dtypeForVocab', 'readCorpusIds', 'bundledWordTokenizer'];
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).filter((k) => !nodeOnly.includes(k)).sort());
  });

  it('builds the same synthetic corpus and batches as Node', () => {
    const spec = { source: 'synthetic', tokens: 3000, vocabSize: 1200, numbers: 20, seed: 4 } as const;
    const a = browser.numberCorpus(spec);
    const b = node.numberCorpus(spec);
    expect(a.ids).toEqual(b.ids);
    expect(a.numberIds).toEqual(b.numberIds);
    const first = (s: Iterable<{ inputs: Int32Array }>) => s[Symbol.iterator]().next().value!.inputs;
    expect(first(browser.batches({ ids: a.ids, batchSize: 2, seqLen: 8, seed: 1 }))).toEqual(first(node.batches({ ids: b.ids, batchSize: 2, seqLen: 8, seed: 1 })));
  });

  it('refuses what needs node:fs (the bundled corpus, shard files) with a fix', () => {
    expect(codeOf(() => browser.numberCorpus({ source: 'bundled', tokens: 3000 }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => browser.numberCorpus({ source: 'mix', tokens: 3000 }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => browser.batches({ shards: [{ path: 'x.bin', tokens: 100, dtype: 'uint16' }], batchSize: 1, seqLen: 4, seed: 0 }))).toBe('BAD_ARGUMENT');
  });
});
