import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { fourierPower } from '@numfeat/fourier';
import { fisherBounds } from '@numfeat/theory';
import { analyzeEmbeddings } from './analyze.js';

// Row n = (cos, sin)(2πn/10) + small seeded noise: a planted mod-10 circle.
function circle(N: number, noise = 0.01): { data: Float64Array; shape: [number, number] } {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * noise;
  const data = new Float64Array(N * 3);
  for (let n = 0; n < N; n++) {
    data[n * 3] = Math.cos((2 * Math.PI * n) / 10) + rnd();
    data[n * 3 + 1] = Math.sin((2 * Math.PI * n) / 10) + rnd();
    data[n * 3 + 2] = rnd();
  }
  return { data, shape: [N, 3] };
}

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isNumfeatError(e) ? e.code : 'untyped';
  }
  return 'no error';
};

describe('analyzeEmbeddings', () => {
  it('passes its Φ_T to the Fisher bounds, which equal theory.fisherBounds computed on its own', () => {
    const E = circle(200);
    const r = analyzeEmbeddings(E, { seeds: 1, moduli: [10] });
    const independent = fisherBounds(E, 10);
    expect(r.fisher['10'].phi).toBe(r.phi['10']);
    expect(r.fisher['10'].phi).toBeCloseTo(fourierPower(E, 10), 9);
    expect(r.fisher['10'].lambdaMax).toBe(independent.lambdaMax);
    expect(r.fisher['10'].lower).toBe(independent.lower);
    expect(r.fisher['10'].upper).toBe(independent.upper);
  });

  it('skips the probes for moduli [] and the Fisher panel for fisherT null', () => {
    const r = analyzeEmbeddings(circle(100), { moduli: [], fisherT: null });
    expect(r.kappa).toEqual({});
    expect(r.fisher).toEqual({});
    expect(Object.keys(r.phi)).toEqual(['2', '5', '10']);
  });

  it('validates every input once, at its boundary, with typed errors', () => {
    expect(code(() => analyzeEmbeddings(circle(15), { seeds: 1 }))).toBe('BAD_RANGE'); // N < 2T for T = 10
    expect(code(() => analyzeEmbeddings(circle(100), { periods: [1] }))).toBe('BAD_RANGE');
    expect(code(() => analyzeEmbeddings(circle(100), { periods: [] }))).toBe('BAD_ARGUMENT');
    expect(code(() => analyzeEmbeddings(circle(100), { probe: 'svm' as never }))).toBe('BAD_ARGUMENT');
    expect(code(() => analyzeEmbeddings(circle(100), { seeds: 0 }))).toBe('BAD_RANGE');
    const bad = circle(100);
    bad.data[7] = NaN;
    expect(code(() => analyzeEmbeddings(bad))).not.toBe('no error');
    expect(code(() => analyzeEmbeddings(bad))).not.toBe('untyped');
  });
});
