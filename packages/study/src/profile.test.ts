import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, validateProfile } from './profile.js';
import { claimResultsFolder } from './store.js';
import { planRuns } from './experiments/index.js';
import { isNumfeatError } from '@numfeat/core';
import type { LmRunSpec } from './types.js';

const quick = () => JSON.parse(readFileSync(new URL('../profiles/quick.json', import.meta.url), 'utf8'));

describe('profiles', () => {
  it('loads the three shipped profiles and plans their runs', () => {
    for (const name of ['quick', 'standard', 'full', 'gpu']) {
      const p = loadProfile(name);
      expect(p.name).toBe(name);
      expect(planRuns(p).length).toBeGreaterThan(20);
    }
  });

  it('names an unknown field', () => {
    const p = quick();
    p.train.tokns = 5;
    expect(() => validateProfile(p)).toThrow(/profile field 'train.tokns' is unknown.*tokens/);
  });

  it('names an invalid value and a missing field', () => {
    const p = quick();
    p.train.batchSize = 0;
    expect(() => validateProfile(p)).toThrow(/'train.batchSize' must be an integer ≥ 1, got 0/);
    const q = quick();
    delete q.seeds;
    expect(() => validateProfile(q)).toThrow(/'seeds' is missing/);
    const r = quick();
    r.backend = 'gpu';
    expect(() => validateProfile(r)).toThrow(/'backend' must be one of/);
    const s = quick();
    s.perturbations = ['none', 'shuffle'];
    expect(() => validateProfile(s)).toThrow(/'perturbations\[1\]' must be one of none \| swap/);
  });

  it('checks model and optimizer sections with the run-config schema of @numfeat/models', () => {
    const p = quick();
    p.archs.transformer.nHeadz = 2;
    expect(() => validateProfile(p)).toThrow(/'archs.transformer.nHeadz' is not a Transformer config field.*nHeads/);
    const q = quick();
    q.archs.rwkv = {};
    expect(() => validateProfile(q)).toThrow(/'archs.rwkv' is unknown/);
    const m = quick();
    m.model.width = 3;
    expect(() => validateProfile(m)).toThrow(/'model.width' is not a config field of any architecture/);
    const r = quick();
    r.optimizers.muon.learningRate = 1;
    expect(() => validateProfile(r)).toThrow(/'optimizers.muon.learningRate' is unknown/);
  });

  // issue 13: `model.dModel: -5` was not rejected at load; every run then failed.
  it.each([
    [(p: any) => (p.model.dModel = -5), "'model.dModel' must be a positive integer, got -5"],
    [(p: any) => (p.archs.transformer.nHeads = 0), "'archs.transformer.nHeads' must be a positive integer, got 0"],
    [(p: any) => (p.addition.model.dModel = 'big'), "'addition.model.dModel' must be a positive integer"],
    [(p: any) => (p.optimizers.adamw.lr = null), "'optimizers.adamw.lr' must be a value, got null"],
    [(p: any) => (p.train.context = 0), "'train.context' must be an integer ≥ 1 and ≤ 65536, got 0"],
    [(p: any) => (p.corpus.tokns = 1), "'corpus.tokns' is unknown (did you mean 'tokens'?)"],
  ])('rejects a bad field at load with a BAD_CONFIG error naming it (%#)', (spoil, message) => {
    const p = quick();
    spoil(p);
    let err: unknown;
    try {
      validateProfile(p);
    } catch (e) {
      err = e;
    }
    expect(isNumfeatError(err, 'BAD_CONFIG')).toBe(true);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('gives each architecture only the shared model fields it has', () => {
    const runs = planRuns(loadProfile('quick'));
    const modelOf = (arch: string) => runs.find((r): r is LmRunSpec => r.kind === 'lm' && r.arch === arch)?.model;
    expect(modelOf('lstm')).toEqual({ arch: 'lstm', nLayers: 2, dEmbed: 32, dHidden: 32 });
    expect(modelOf('transformer')).toEqual({ arch: 'transformer', dModel: 32, nLayers: 2, nHeads: 2 });
  });

  it('loads a user profile from a path and reports bad JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'study-profile-'));
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ ...quick(), name: 'mine' }));
    expect(loadProfile(file).name).toBe('mine');
    writeFileSync(file, '{ nope');
    expect(() => loadProfile(file)).toThrow(/not valid JSON/);
    expect(() => loadProfile('nonexistent')).toThrow(/no profile 'nonexistent'/);
  });

  it('refuses a results folder written by another profile version', async () => {
    const root = mkdtempSync(join(tmpdir(), 'study-claim-'));
    const p = quick();
    await claimResultsFolder(root, p);
    await claimResultsFolder(root, p); // same profile: fine
    await expect(claimResultsFolder(root, { ...p, version: p.version + 1 })).rejects.toThrow(new RegExp(`version ${p.version}, not 'quick' version ${p.version + 1}.*another --out`));
    await expect(claimResultsFolder(root, { ...p, train: { ...p.train, tokens: 1 } })).rejects.toThrow(/different 'quick' profile/);
  });
});
