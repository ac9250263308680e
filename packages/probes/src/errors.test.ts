import { describe, expect, it } from 'vitest';
import { CircularProbe } from './circular.js';
import { fisherDiscriminant } from './fisher.js';
import { cohenKappa } from './kappa.js';
import { residueLabels } from './labels.js';
import { LDAProbe } from './lda.js';
import { LogisticProbe } from './logistic.js';
import { probeModulus } from './probe.js';
import { scatterMatrices } from './scatter.js';
import { noiseMatrix } from './test-helpers.js';

const code = (c: string) => expect.objectContaining({ code: c, name: 'NumfeatError' });

describe('input validation: every bad input throws a NumfeatError with the right code', () => {
  const E = noiseMatrix(40, 3, 1);
  it('labels/rows mismatch → SHAPE_MISMATCH', () => {
    expect(() => scatterMatrices(E, residueLabels(39, 2))).toThrow(code('SHAPE_MISMATCH'));
    expect(() => fisherDiscriminant(E, residueLabels(41, 2))).toThrow(code('SHAPE_MISMATCH'));
    expect(() => new LogisticProbe().fit(E, [0, 1])).toThrow(code('SHAPE_MISMATCH'));
    expect(() => new LDAProbe().fit(E, [0, 1])).toThrow(code('SHAPE_MISMATCH'));
    expect(() => cohenKappa([0, 1], [0])).toThrow(code('SHAPE_MISMATCH'));
    const fitted = new LogisticProbe().fit(E, residueLabels(40, 2));
    expect(() => fitted.predict(noiseMatrix(5, 4, 2))).toThrow(code('SHAPE_MISMATCH'));
    expect(() => fitted.score(E, [0, 1])).toThrow(code('SHAPE_MISMATCH'));
  });
  it('T < 2 and N < 2T → BAD_RANGE', () => {
    expect(() => probeModulus(E, 1)).toThrow(code('BAD_RANGE'));
    expect(() => probeModulus(E, 21)).toThrow(code('BAD_RANGE'));
    expect(() => probeModulus(E, 10, { split: 'kfold', k: 5 })).toThrow(code('BAD_RANGE'));
    expect(() => residueLabels(10, 1)).toThrow(code('BAD_RANGE'));
    expect(() => scatterMatrices(E, new Array(40).fill(3))).toThrow(code('BAD_RANGE'));
    expect(() => scatterMatrices(E, residueLabels(40, 4), 5)).toThrow(code('BAD_RANGE'));
    expect(() => fisherDiscriminant(E.slice(0, 5), residueLabels(5, 3))).toThrow(code('BAD_RANGE'));
    expect(() => new LogisticProbe().fit(E, new Array(40).fill(1))).toThrow(code('BAD_RANGE'));
    expect(() => new LogisticProbe({ C: 0 })).toThrow(code('BAD_RANGE'));
    expect(() => new LogisticProbe({ tol: -1 })).toThrow(code('BAD_RANGE'));
    expect(() => new LogisticProbe({ maxIter: 0 })).toThrow(code('BAD_RANGE'));
    expect(() => new LDAProbe({ shrinkage: 2 })).toThrow(code('BAD_RANGE'));
    expect(() => fisherDiscriminant(E, residueLabels(40, 2), { pcaDims: 0 })).toThrow(code('BAD_RANGE'));
  });
  it('NaN / Infinity → NON_FINITE', () => {
    const bad = E.map((r) => [...r]);
    bad[7][1] = NaN;
    expect(() => probeModulus(bad, 2)).toThrow(code('NON_FINITE'));
    expect(() => scatterMatrices(bad, residueLabels(40, 2))).toThrow(code('NON_FINITE'));
    expect(() => new LogisticProbe().fit(E, [...Array.from(residueLabels(39, 2)), Infinity])).toThrow(code('NON_FINITE'));
    expect(() => cohenKappa([0, NaN], [0, 1])).toThrow(code('NON_FINITE'));
  });
  it('predict/score before fit → NOT_FITTED', () => {
    expect(() => new LogisticProbe().predict(E)).toThrow(code('NOT_FITTED'));
    expect(() => new LDAProbe().score(E, residueLabels(40, 2))).toThrow(code('NOT_FITTED'));
    expect(() => new CircularProbe().predict(E)).toThrow(code('NOT_FITTED'));
  });
  it('non-integer labels and unknown options → BAD_ARGUMENT', () => {
    expect(() => new LogisticProbe().fit(E, new Array(40).fill(0).map((_, i) => i % 2 + 0.5))).toThrow(code('BAD_ARGUMENT'));
    expect(() => probeModulus(E, 2, { probe: 'svm' as never })).toThrow(code('BAD_ARGUMENT'));
    expect(() => probeModulus(E, 2, { split: 'blocks' as never })).toThrow(code('BAD_ARGUMENT'));
    expect(() => fisherDiscriminant(E, residueLabels(40, 2), { treatment: 'svd' as never })).toThrow(code('BAD_ARGUMENT'));
  });
  it('messages say how to fix the problem', () => {
    expect(() => probeModulus(E, 21)).toThrow(/more numbers or a smaller modulus/);
    expect(() => fisherDiscriminant(noiseMatrix(20, 30, 1), residueLabels(20, 2), { treatment: 'none' })).toThrow(/treatment: 'pca'/);
  });
});
