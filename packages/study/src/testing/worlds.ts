// Test "worlds": a results list in which each system's seeds are drawn from a pool of measured
// matrices (null, planted, …), with the study's real run specs, for aggregateSystems/evaluateClaims.
import { loadProfile } from '../profile.js';
import { additionRun, classicRun, lmRun, tokenFrequencyRun } from '../runs.js';
import type { MeasuredResult, RunRecord, RunSpec } from '../types.js';

// One budget: every system at the key budget, so the claims see them all in one systems map (budgets.ts splits real studies by budget).
const quick = loadProfile('quick');
const profile = { ...quick, train: { ...quick.train, otherTokens: quick.train.tokens } };

/** The systems the claims read, by a short name, as a run spec per seed. */
export const SYSTEM_SPECS: Record<string, (seed: number) => RunSpec> = {
  transformerMuon: (seed) => lmRun(profile, { seed }),
  transformerAdamw: (seed) => lmRun(profile, { optimizer: 'adamw', seed }),
  gdnMuon: (seed) => lmRun(profile, { arch: 'gated-deltanet', seed }),
  mambaMuon: (seed) => lmRun(profile, { arch: 'mamba2', seed }),
  lstm: (seed) => lmRun(profile, { arch: 'lstm', optimizer: 'adamw', seed }),
  swap: (seed) => lmRun(profile, { perturbation: 'swap', seed }),
  unigram: (seed) => lmRun(profile, { perturbation: 'unigram', seed }),
  ctx2: (seed) => lmRun(profile, { perturbation: 'ctx-2', seed }),
  isolate1: (seed) => lmRun(profile, { perturbation: 'isolate-1', seed }),
  add9Muon: (seed) => additionRun(profile, { digits: 9, optimizer: 'muon', seed }),
  add9Adamw: (seed) => additionRun(profile, { digits: 9, optimizer: 'adamw', seed }),
  add3Muon: (seed) => additionRun(profile, { digits: 3, optimizer: 'muon', seed }),
  add3Adamw: (seed) => additionRun(profile, { digits: 3, optimizer: 'adamw', seed }),
  tokenFrequency: () => tokenFrequencyRun(profile),
  ppmi: () => classicRun(profile, 'ppmi'),
  word2vec: (seed) => ({ ...classicRun(profile, 'word2vec'), id: `word2vec_synthetic_s${seed}`, seed }),
};
/** Deterministic systems: one run (their spread is the probe's). */
const SINGLE = new Set(['tokenFrequency', 'ppmi']);

/** k distinct indices of a pool of size n. */
export function draw(n: number, k: number, r: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  return idx.slice(0, k);
}

/** Results where system `name` gets `seeds` results drawn (without replacement) from assign[name]. */
export function world(assign: Record<string, MeasuredResult[]>, r: () => number, seeds = 3): RunRecord[] {
  const out: RunRecord[] = [];
  for (const [name, pool] of Object.entries(assign)) {
    const k = SINGLE.has(name) ? 1 : seeds;
    draw(pool.length, k, r).forEach((p, seed) => {
      const run = SYSTEM_SPECS[name](seed);
      out.push({ id: run.id, run, status: 'ok', wallSeconds: 1, backend: 'test', startedAt: '', host: { cpus: 1, platform: 'test', node: 'test' }, result: pool[p] });
    });
  }
  return out;
}
