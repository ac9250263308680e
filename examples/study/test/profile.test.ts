import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, validateProfile } from '../lib/profile.mjs';
import { claimResultsFolder } from '../lib/store.mjs';
import { planRuns } from '../experiments/index.mjs';
import { checkModelFields } from '../lib/model-fields.mjs';

const quick = () => JSON.parse(readFileSync(new URL('../profiles/quick.json', import.meta.url), 'utf8'));

describe('profiles', () => {
  it('loads the three shipped profiles and plans their runs', () => {
    for (const name of ['quick', 'standard', 'full']) {
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
    expect(() => validateProfile(s)).toThrow(/unknown perturbation 'shuffle'/);
  });

  it('checks model and optimizer fields against @numfeat/models', () => {
    for (const name of ['quick', 'standard', 'full']) expect(() => checkModelFields(loadProfile(name))).not.toThrow();
    const p = quick();
    p.archs.transformer.nHeadz = 2;
    expect(() => checkModelFields(p)).toThrow(/'archs.transformer.nHeadz' is not a transformer config field.*nHeads/);
    const q = quick();
    q.archs.rwkv = {};
    expect(() => checkModelFields(q)).toThrow(/'archs.rwkv' names an unknown architecture/);
    const m = quick();
    m.model.width = 3;
    expect(() => checkModelFields(m)).toThrow(/'model.width' is not a config field of any architecture/);
    const r = quick();
    r.optimizers.muon.learningRate = 1;
    expect(() => checkModelFields(r)).toThrow(/'optimizers.muon.learningRate' is unknown/);
  });

  it('gives each architecture only the shared model fields it has', () => {
    const runs = planRuns(loadProfile('quick'));
    const modelOf = (arch: string) => runs.find((r) => r.arch === arch)?.model;
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
    await claimResultsFolder(root, p, 'x');
    await claimResultsFolder(root, p, 'x'); // same profile: fine
    await expect(claimResultsFolder(root, { ...p, version: p.version + 1 }, 'x')).rejects.toThrow(new RegExp(`version ${p.version}, not 'quick' version ${p.version + 1}.*another --out`));
    await expect(claimResultsFolder(root, { ...p, train: { ...p.train, tokens: 1 } }, 'x')).rejects.toThrow(/different 'quick' profile/);
  });
});
