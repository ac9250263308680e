import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, validateProfile } from '../lib/profile.mjs';
import { claimResultsFolder } from '../lib/store.mjs';
import { planRuns } from '../experiments/index.mjs';

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
    await expect(claimResultsFolder(root, { ...p, version: 2 }, 'x')).rejects.toThrow(/version 1, not 'quick' version 2.*another --out/);
    await expect(claimResultsFolder(root, { ...p, train: { ...p.train, tokens: 1 } }, 'x')).rejects.toThrow(/different 'quick' profile/);
  });
});
