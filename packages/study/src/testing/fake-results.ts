// Synthetic results for tests: every planned run gets a plausible result.json without training.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile, RunSpec } from '../types.js';

function rng(seed: number) { let s = seed >>> 0 || 1; return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32; }; }

export function fakeResult(run: RunSpec, i: number) {
  const r = rng(i + 1);
  const strong = run.kind === 'lm' && run.arch !== 'lstm' && run.perturbation !== 'unigram';
  const dynamics = run.kind === 'lm' && run.dynamics;
  const kappa = Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9, 10].map((T) => [T, strong ? 40 + 50 * r() : 10 * (r() - 0.5)]));
  const spectrum = Array.from({ length: 501 }, (_, k) => (k === 100 || k === 200 || k === 500 ? 3 + r() : 0.8 + 0.4 * r()));
  const result = {
    dims: 8, phi: { 2: 1 + r(), 5: 4 + r(), 10: 8 + r() }, kappa, kappaStd: Object.fromEntries(Object.keys(kappa).map((T) => [T, 1])),
    accuracy: kappa, spikes: { 2: spectrum[500], 5: spectrum[200], 10: spectrum[100] }, spectrum: { nu: spectrum.map((_, k) => k / 1000), magnitude: spectrum, normalized: spectrum, normalizer: { kind: 'median', value: 1 } },
    fisher: { 10: { lambdaMax: strong ? 5 + r() : 0.1 * r(), eigenvalues: Array.from({ length: 9 }, (_, j) => 5 / (j + 1)), condSW: 100, lower: 0.1, upper: 50, holdsLower: true, holdsUpper: true, treatment: { kind: 'pca' } } },
    dominantPeriods: [], protocol: { probe: 'fake' }, warnings: [],
    training: { tokens: 1000, finalLoss: 3.2, steps: 10 },
    dynamics: run.kind === 'addition'
      ? [0, 1, 2, 3].map((j) => ({ step: j, tokens: j * 100, trainAccuracy: 25 * j, testAccuracy: 20 * j }))
      // Checkpoints at thirds of the run's own budget, as the trainer logs them.
      : dynamics ? [0, 1, 2, 3].map((j) => ({ step: j, tokens: Math.round((j * run.train.tokens) / 3), phi: { 2: j + r(), 5: 2 * j + r(), 10: 3 * j + r() }, accuracy: { 2: 50 + 10 * j, 5: 20 + 10 * j, 10: 10 + 10 * j + r() }, kappa: { 2: 10 * j + 2 * r(), 5: 12 * j + 2 * r(), 10: 15 * j + r() } })) : [],
  };
  if (run.kind === 'counterexample') {
    return { sweep: { config: { N: 1000, T: 10, A: 5 }, chance: 0.1, phiClosedForm: 206250, rows: [0.03, 1, 31].map((B, j) => ({ B, phi: 206250, traceSB: 206.25, lemmaHolds: true, lambdaMax: 1e4 / (B * B), accuracy: [1, 0.5, 0.109][j], correct: 0 })) } };
  }
  return result;
}

/** Writes study.json + runs/<id>/result.json for every run (a `failEvery`-th run is marked failed). */
export function writeFakeStudy(root: string, profile: Profile, runs: RunSpec[], { failEvery = 0 } = {}) {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'study.json'), JSON.stringify({ profile }));
  runs.forEach((run, i) => {
    const dir = join(root, 'runs', run.id);
    mkdirSync(dir, { recursive: true });
    const failed = failEvery > 0 && i % failEvery === failEvery - 1 && run.kind === 'lm';
    writeFileSync(join(dir, 'result.json'), JSON.stringify(failed
      ? { id: run.id, run, status: 'failed', wallSeconds: 1, backend: 'fake', error: { message: 'loss became NaN at step 3' } }
      : { id: run.id, run, status: 'ok', wallSeconds: 1 + i, backend: 'fake', result: fakeResult(run, i) }));
  });
}
