import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShard, shardRuns } from './shard.js';
import { runSweep } from './sweep.js';
import { loadProfile } from './profile.js';
import { planRuns } from './experiments/index.js';
import type { RunSpec } from './types.js';

// Stand-in specs: the sweep only reads id (and stores the spec); the injected execute never looks inside.
const fakeRuns = (n: number): RunSpec[] => Array.from({ length: n }, (_, i) => ({ id: `run${String(i).padStart(2, '0')}`, kind: 'counterexample', systemId: 'fake', system: 'fake', seed: i, points: 2 }));

describe('sharding', () => {
  it('covers every run of the standard profile exactly once, for several shard counts', () => {
    const runs = planRuns(loadProfile('standard'));
    const ids = runs.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // the plan itself has no duplicates
    for (const n of [1, 2, 3, 7]) {
      const seen = Array.from({ length: n }, (_, i) => shardRuns(runs, { index: i + 1, count: n }).map((r) => r.id)).flat();
      expect(seen.sort()).toEqual([...ids].sort());
      // deterministic regardless of input order
      expect(shardRuns([...runs].reverse(), { index: 1, count: n }).map((r) => r.id)).toEqual(shardRuns(runs, { index: 1, count: n }).map((r) => r.id));
    }
  });

  it('parses i/n and rejects bad shards', () => {
    expect(parseShard('2/4')).toMatchObject({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('5/4')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('x')).toThrow(/--shard/);
  });
});

describe('sweep (inline, fake runs)', () => {
  it('resumes: finished runs are skipped, failed runs are recorded and the sweep goes on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'study-sweep-'));
    const calls: string[] = [];
    const execute = async (run: { id: string; seed: number }) => {
      calls.push(run.id);
      if (run.seed === 2) throw Object.assign(new Error('loss became NaN at step 7: the run diverged'), { code: 'DIVERGED' });
      return { value: run.seed };
    };
    const runs = fakeRuns(5);
    const first = await runSweep({ runs: runs.slice(0, 3), root, workers: 0, execute });
    expect(first.done).toEqual(['run00', 'run01']);
    expect(first.failed).toEqual(['run02']);
    const failed = JSON.parse(readFileSync(join(root, 'runs', 'run02', 'result.json'), 'utf8'));
    expect(failed.status).toBe('failed');
    expect(failed.error.message).toMatch(/NaN/);
    expect(readFileSync(join(root, 'runs', 'run02', 'log.txt'), 'utf8')).toMatch(/FAILED/);
    calls.length = 0;
    const second = await runSweep({ runs, root, workers: 0, execute });
    expect(second.skipped).toEqual(['run00', 'run01', 'run02']);
    expect(calls).toEqual(['run03', 'run04']);
    expect(JSON.parse(readFileSync(join(root, 'runs', 'run04', 'result.json'), 'utf8')).result).toEqual({ value: 4 });
  });

  it('redoes a finished run whose stored spec differs from the planned one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'study-stale-'));
    const execute = async (run: { seed: number }) => ({ value: run.seed });
    await runSweep({ runs: fakeRuns(2), root, workers: 0, execute });
    const changed = fakeRuns(2).map((r) => (r.id === 'run01' ? { ...r, seed: 99 } : r));
    const s = await runSweep({ runs: changed, root, workers: 0, execute });
    expect(s.skipped).toEqual(['run00']);
    expect(s.done).toEqual(['run01']);
    expect(JSON.parse(readFileSync(join(root, 'runs', 'run01', 'result.json'), 'utf8')).result).toEqual({ value: 99 });
  });

  it('a redone run starts from scratch: the old spec\'s checkpoint is removed with its result', async () => {
    const root = mkdtempSync(join(tmpdir(), 'study-stale-ck-'));
    const seen: boolean[] = [];
    const execute = async (run: { seed: number }, ctx: { dir: string }) => {
      seen.push(existsSync(join(ctx.dir, 'checkpoint.bin')));
      writeFileSync(join(ctx.dir, 'checkpoint.bin'), 'old spec');
      return { value: run.seed };
    };
    await runSweep({ runs: fakeRuns(1), root, workers: 0, execute });
    await runSweep({ runs: fakeRuns(1).map((r) => ({ ...r, seed: 7 })), root, workers: 0, execute });
    expect(seen).toEqual([false, false]);
  });

  it('a stop request leaves the run in progress unfinished (no result.json) so it resumes later', async () => {
    const root = mkdtempSync(join(tmpdir(), 'study-stop-'));
    const controller = new AbortController();
    const execute = async (run: { id: string }, ctx: { shouldStop: () => boolean }) => {
      if (run.id === 'run01') { controller.abort(); return ctx.shouldStop() ? { stopped: true } : { ok: 1 }; }
      return { ok: 1 };
    };
    const s = await runSweep({ runs: fakeRuns(3), root, workers: 0, execute, signal: controller.signal });
    expect(s.done).toEqual(['run00']);
    expect(s.stopped).toEqual(['run01']);
    expect(existsSync(join(root, 'runs', 'run01', 'result.json'))).toBe(false);
    expect(existsSync(join(root, 'runs', 'run02'))).toBe(false);
  });
});

describe('longestFirst', () => {
  it('orders runs by estimated cost, longest first, keeping the planned order among equals', async () => {
    const { longestFirst, runCost } = await import('./run-cost.js');
    const { loadProfile } = await import('./profile.js');
    const { planRuns } = await import('./experiments/index.js');
    const runs = planRuns(loadProfile('standard'));
    const ordered = longestFirst(runs);
    expect(ordered).toHaveLength(runs.length);
    expect(new Set(ordered.map((r) => r.id))).toEqual(new Set(runs.map((r) => r.id)));
    for (let i = 1; i < ordered.length; i++) expect(runCost(ordered[i - 1])).toBeGreaterThanOrEqual(runCost(ordered[i]));
    // The 12-layer LSTM at 1M and the 4M Transformers come before any 1M Transformer.
    const pos = (id: string) => ordered.findIndex((r) => r.id === id);
    expect(pos('lm_transformer_muon_synthetic_none_all_s0')).toBeLessThan(pos('lm_transformer_muon_synthetic_none_all_t1M_s0'));
  });
});
