import { describe, expect, it } from 'vitest';
import { NumfeatError } from '@numfeat/tensor';
import { parseRunConfig } from './run-config.js';

function rejection(value: unknown): NumfeatError {
  try {
    parseRunConfig(value);
  } catch (e) {
    if (e instanceof NumfeatError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('parseRunConfig: one schema for a training run', () => {
  it('accepts a full config and returns it unchanged', () => {
    const cfg = {
      model: { arch: 'transformer', dModel: 64, nHeads: 4 },
      optimizer: { name: 'muon', lr: 0.02, adamLr: 0.003 },
      train: { tokens: 20000, batchSize: 8, context: 32, warmup: 0.05, evalPoints: 4, probeSeeds: [0, 1] },
      corpus: { source: 'synthetic', tokens: 60000, vocabSize: 3000 },
      seed: 3,
      perturbation: 'isolate-8',
    };
    expect(parseRunConfig(cfg)).toEqual(cfg);
    expect(parseRunConfig({})).toEqual({});
  });

  // issue 13: misspelt or unknown fields, null values and a non-object were ignored (exit 0, defaults used)
  it.each([
    [{ trian: {} }, "'trian' is unknown (did you mean 'train'?)"],
    [{ train: { batchsize: 8 } }, "'train.batchsize' is unknown (did you mean 'batchSize'?)"],
    [{ train: { seqLen: 64 } }, "'train.seqLen' is unknown"],
    [{ corpus: { kind: 'synthetic' } }, "'corpus.kind' is unknown"],
    [{ optimizer: { lr: null } }, "'optimizer.lr' must be a value, got null"],
    [{ optimizer: { lr: -1 } }, "'optimizer.lr' must be a finite number > 0"],
    [{ optimizer: { mommentum: 0.9 } }, "'optimizer.mommentum' is unknown (did you mean 'momentum'?)"],
    [[1, 2], 'top level must be an object, got [1,2]'],
    [{ model: { dModel: -5 } }, "'model.dModel' must be a positive integer, got -5"],
    [{ model: { arch: 'lstm', nHeads: 2 } }, "'model.nHeads' is not an LSTM config field"],
    [{ model: { arch: 'rnn' } }, "'model.arch' names an unknown architecture"],
    [{ train: { batchSize: 0 } }, "'train.batchSize' must be an integer ≥ 1, got 0"],
    [{ train: { warmup: 1.5 } }, "'train.warmup' must be a finite number ≥ 0 and < 1"],
    [{ perturbation: 'isolate-0' }, "'perturbation' must be one of none | swap | unigram"],
  ])('rejects %j with a BAD_CONFIG error naming the field', (value, message) => {
    const e = rejection(value);
    expect(e.code).toBe('BAD_CONFIG');
    expect(e.message).toContain(message);
    expect(e.message).not.toContain('\n');
  });
});
