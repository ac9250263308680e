import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { contextLength } from '../perturb/context-length.js';
import { isolate } from '../perturb/isolate.js';
import { swapNumbers } from '../perturb/swap-numbers.js';
import { numberCorpus } from './number-corpus.js';
import { parsePerturbation, perturb } from './perturbation.js';

describe('parsePerturbation: the one grammar', () => {
  it('parses every form', () => {
    expect(parsePerturbation('none')).toEqual({ kind: 'none' });
    expect(parsePerturbation('swap')).toEqual({ kind: 'swap' });
    expect(parsePerturbation('unigram')).toEqual({ kind: 'unigram' });
    expect(parsePerturbation('ctx-16')).toEqual({ kind: 'ctx', length: 16 });
    expect(parsePerturbation('isolate-1')).toEqual({ kind: 'isolate', k: 1 });
  });
  it.each(['', 'Swap', 'ctx-0', 'isolate-', 'ctx-08', 'isolate-2x', 'shuffle'])('rejects %j with a typed error', (name) => {
    let err: unknown;
    try {
      parsePerturbation(name);
    } catch (e) {
      err = e;
    }
    expect(isNumfeatError(err, 'BAD_ARGUMENT')).toBe(true);
  });
});

describe('numberCorpus → perturb', () => {
  const corpus = numberCorpus({ source: 'synthetic', tokens: 20000, vocabSize: 1500 });

  it('is deterministic and makes every number 0..999 one token', () => {
    const again = numberCorpus({ source: 'synthetic', tokens: 20000, vocabSize: 1500 });
    expect(again.ids).toEqual(corpus.ids);
    expect(new Set(corpus.numberIds).size).toBe(1000);
    for (const n of [0, 7, 42, 999]) {
      expect(corpus.tokenizer.decode([corpus.numberIds[n]])).toBe(String(n));
      expect(corpus.numberValue(corpus.numberIds[n])).toBe(n);
    }
    expect(corpus.isNumber(corpus.numberIds[5])).toBe(true);
    expect(corpus.ids.some((id) => corpus.isNumber(id))).toBe(true);
  });

  it('packs each perturbation exactly as the underlying steps do', () => {
    const o = { isNumber: corpus.isNumber, padId: corpus.padId, context: 32, seed: 4 };
    expect(perturb(corpus.ids, 'none', o)).toEqual(contextLength(corpus.ids, { seqLen: 33 }));
    expect(perturb(corpus.ids, 'ctx-4', o)).toEqual(contextLength(corpus.ids, { seqLen: 5 }));
    expect(perturb(corpus.ids, 'swap', o)).toEqual(contextLength(swapNumbers(corpus.ids, { isNumber: corpus.isNumber, seed: 4 }), { seqLen: 33 }));
    expect(perturb(corpus.ids, 'isolate-2', o)).toEqual(isolate(corpus.ids, { k: 2, seqLen: 33, padId: corpus.padId, isNumber: corpus.isNumber, seed: 4 }));
    expect(perturb(corpus.ids, 'swap', o).data).not.toEqual(perturb(corpus.ids, 'none', o).data);
  });
});

describe("numberCorpus source 'mix'", () => {
  const share = (c: ReturnType<typeof numberCorpus>) => c.ids.reduce((a, id) => a + (c.isNumber(id) ? 1 : 0), 0) / c.ids.length;
  const spec = { tokens: 30000, vocabSize: 1500 };

  it('holds both kinds of text, in between the two in number density, deterministically', () => {
    const synthetic = share(numberCorpus({ source: 'synthetic', ...spec }));
    const real = share(numberCorpus({ source: 'bundled', ...spec }));
    const mixed = numberCorpus({ source: 'mix', ...spec });
    const m = share(mixed);
    expect(real).toBeLessThan(synthetic);
    expect(m).toBeGreaterThan(real + 0.2 * (synthetic - real));
    expect(m).toBeLessThan(synthetic - 0.2 * (synthetic - real));
    expect(numberCorpus({ source: 'mix', ...spec }).ids).toEqual(mixed.ids);
    // A larger real share means fewer number tokens.
    expect(share(numberCorpus({ source: 'mix', ...spec, realShare: 0.9 }))).toBeLessThan(m);
  });

  it('rejects a realShare outside [0, 1] through the corpus rule', async () => {
    const { validateConfig } = await import('@numfeat/core');
    const { CORPUS_RULE } = await import('./number-corpus.js');
    expect(() => validateConfig({ source: 'mix', tokens: 5000, realShare: 1.5 }, CORPUS_RULE, 'corpus')).toThrow(/realShare/);
  });
});
