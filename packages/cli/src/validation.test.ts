import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { numfeatCacheDir } from './cache-dir.js';
import { commands } from './commands/index.js';
import { numfeat, numfeatIn } from './test-helpers.js';

describe('options are checked before any work, with "did you mean"', () => {
  it('a misspelt flag names the flag meant, exit 2, one line', async () => {
    const r = await numfeat('train', '--tokns', '2e6', '--out', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --tokns .*did you mean --tokens\?/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    for (const [cmd, flag, meant] of [['analyze', '--modulii', '--moduli'], ['corpus', '--tokenzer', '--tokenizer'], ['study', '--profle', '--profile'], ['report', '--result', '--results']]) {
      const s = await numfeat(cmd, flag, 'x');
      expect(s.code, `${cmd} ${flag}`).toBe(2);
      expect(s.stderr).toContain(`did you mean ${meant}?`);
    }
  });

  it('train --arch bogus fails in under a second and creates no --out folder', async () => {
    await commands.train(); // module loading is not the work being timed
    const cwd = mkdtempSync(join(tmpdir(), 'nf-arch-'));
    const t0 = performance.now();
    const r = await numfeatIn(cwd, 'train', '--arch', 'bogus', '--out', 'run');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown --arch "bogus"/);
    expect(existsSync(join(cwd, 'run'))).toBe(false);
    const near = await numfeatIn(cwd, 'train', '--arch', 'transfomer', '--out', 'run');
    expect(near.stderr).toContain('did you mean transformer?');
  });

  it('names (optimizer, perturbation, backend, profile, experiment) are checked first and suggest the near one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nf-names-'));
    const cases: [string[], string][] = [
      [['train', '--optimizer', 'adamw2', '--out', 'run'], 'did you mean adamw?'],
      [['train', '--perturb', 'swapp', '--out', 'run'], 'did you mean swap?'],
      [['train', '--perturb', 'ctx16', '--out', 'run'], 'did you mean ctx-16?'],
      [['train', '--backend', 'wsam', '--out', 'run'], 'did you mean wasm?'],
      [['study', '--profile', 'quik', '--out', 'res'], 'did you mean quick?'],
      [['study', '--only', 'dynamic', '--out', 'res'], 'did you mean dynamics?'],
      [['study', '--shard', '1of2', '--out', 'res'], '--shard expects i/n'],
    ];
    for (const [args, message] of cases) {
      const r = await numfeatIn(cwd, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('seed flags', () => {
  // Issue: `numfeat corpus --seed 0` was rejected; 0 is the default seed of train and the study.
  it('accept 0 and reject negatives, fractions and words, naming the flag (exit 2)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nf-seed-'));
    const seeded = { corpus: ['corpus', 'stats', '--corpus', 'synthetic', '--tokenizer', 'llama3', '--tokens', '500', '--json', '--quiet', '--cache-dir', cwd], train: ['train', '--out', 'run'] };
    for (const [cmd, args] of Object.entries(seeded)) {
      for (const bad of ['-1', '1.5', 'one', '', '99999999999999999999']) {
        const r = await numfeatIn(cwd, ...args, `--seed=${bad}`);
        expect(r.code, `${cmd} --seed=${bad}`).toBe(2);
        expect(r.stderr, `${cmd} --seed=${bad}`).toContain('--seed expects a whole number ≥ 0');
      }
    }
    const corpus = await numfeatIn(cwd, ...seeded.corpus, '--seed', '0');
    expect(corpus.code, corpus.stderr).toBe(0);
    // train checks --eval-every after --seed: its complaint shows that --seed 0 passed, before any work.
    const train = await numfeatIn(cwd, ...seeded.train, '--seed', '0', '--eval-every', '0');
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/--eval-every expects/);
    expect(existsSync(join(cwd, 'run'))).toBe(false);
  }, 60_000);
});

describe('the cache folder', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is --cache-dir, else NUMFEAT_CACHE_DIR, else $XDG_CACHE_HOME/numfeat, else ~/.cache/numfeat', () => {
    expect(numfeatCacheDir('c', '/w', { NUMFEAT_CACHE_DIR: '/n', XDG_CACHE_HOME: '/x' })).toBe('/w/c');
    expect(numfeatCacheDir(undefined, '/w', { NUMFEAT_CACHE_DIR: '/n', XDG_CACHE_HOME: '/x' })).toBe('/n');
    expect(numfeatCacheDir(undefined, '/w', { XDG_CACHE_HOME: '/x' })).toBe('/x/numfeat');
    expect(numfeatCacheDir(undefined, '/w', { XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/numfeat$/);
    expect(numfeatCacheDir(undefined, '/w', {})).toMatch(/\/\.cache\/numfeat$/);
    expect(() => numfeatCacheDir(undefined, '/w', { NUMFEAT_CACHE_DIR: 'rel' })).toThrow(/absolute/);
  });

  it('corpus stats writes under $XDG_CACHE_HOME/numfeat, not the folder it runs in', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'nf-xdg-'));
    const cwd = mkdtempSync(join(tmpdir(), 'nf-cwd-'));
    vi.stubEnv('NUMFEAT_CACHE_DIR', '');
    vi.stubEnv('XDG_CACHE_HOME', xdg);
    const r = await numfeatIn(cwd, 'corpus', 'stats', '--corpus', 'synthetic', '--tokens', '2000', '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(xdg, 'numfeat', 'corpus')).length).toBeGreaterThan(0);
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);
});
