import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NumfeatError, isNumfeatError } from '@numfeat/core';
import { buildReport } from './report/build.js';
import { readStudyRecord } from './store.js';
import { runStudy } from './study.js';
import { loadProfile } from './profile.js';
import { planRuns } from './experiments/index.js';
import { writeFakeStudy } from './testing/fake-results.js';

const quiet = () => undefined;

describe('runStudy exit code', () => {
  // issue 13: a study whose runs all failed exited 0.
  it('is non-zero when every run it executed failed, and 0 when some succeed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'study-fail-'));
    const failing = await runStudy({ profile: 'quick', out, only: ['dynamics'], workers: 0, log: quiet, execute: async () => { throw new NumfeatError('BAD_ARGUMENT', 'config.dModel: must be a positive integer'); } });
    expect(failing.sweep?.failed).toHaveLength(3);
    expect(failing.exitCode).toBe(3);
    expect(existsSync(join(out, 'quick', 'REPORT.md'))).toBe(true);

    const mixedOut = mkdtempSync(join(tmpdir(), 'study-mixed-'));
    let n = 0;
    const mixed = await runStudy({ profile: 'quick', out: mixedOut, only: ['dynamics'], workers: 0, log: quiet, execute: async () => { if (n++ === 0) throw new Error('diverged'); return { stopped: false }; } });
    expect(mixed.sweep?.failed).toHaveLength(1);
    expect(mixed.exitCode).toBe(0);
  });
});

describe('study.json is data, validated, never code', () => {
  const folder = () => {
    const root = mkdtempSync(join(tmpdir(), 'study-json-'));
    const profile = loadProfile('quick');
    writeFakeStudy(root, profile, planRuns(profile, ['dynamics']));
    return root;
  };
  const rejection = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  // issue 13: `numfeat report` imported and ran the module study.json named.
  it('never imports a builder module named in study.json', async () => {
    const root = folder();
    const marker = join(root, 'builder-ran');
    const evil = join(root, 'evil.mjs');
    writeFileSync(evil, `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export async function buildReport() { return { report: '', html: '', figures: [], claims: [] }; }`);
    const study = JSON.parse(readFileSync(join(root, 'study.json'), 'utf8'));
    writeFileSync(join(root, 'study.json'), JSON.stringify({ ...study, builder: evil }));
    const built = await buildReport(root, { png: false, only: ['dynamics'] });
    expect(built.claims.length).toBeGreaterThan(9);
    expect(existsSync(marker)).toBe(false);
  });

  // issue 13: an invalid study.json gave a raw JSON parse error.
  it.each([
    ['{ "profile": ', 'CORRUPT_FILE', /study\.json is not valid JSON/],
    ['[1, 2]', 'CORRUPT_FILE', /must hold a JSON object/],
    ['{ "profile": {}, "code": "x.mjs" }', 'CORRUPT_FILE', /unknown field 'code'/],
  ])('rejects %s with a typed one-line error', (text, code, message) => {
    const root = folder();
    writeFileSync(join(root, 'study.json'), text);
    const e = rejection(() => readStudyRecord(root));
    expect(isNumfeatError(e, code as 'CORRUPT_FILE')).toBe(true);
    expect((e as Error).message).toMatch(message);
    expect((e as Error).message).not.toContain('\n');
  });

  it('validates the recorded profile with the profile schema', () => {
    const root = folder();
    const study = JSON.parse(readFileSync(join(root, 'study.json'), 'utf8'));
    study.profile.model.dModel = -5;
    writeFileSync(join(root, 'study.json'), JSON.stringify(study));
    const e = rejection(() => readStudyRecord(root));
    expect(isNumfeatError(e, 'BAD_CONFIG')).toBe(true);
    expect((e as Error).message).toContain("'model.dModel' must be a positive integer");
  });
});
