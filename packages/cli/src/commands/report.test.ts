import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, planRuns } from '@numfeat/study';
import { writeFakeStudy } from '../../../study/src/testing/fake-results.js';
import { numfeatIn } from '../test-helpers.js';

const numfeat = numfeatIn;

describe('numfeat report', () => {
  it('builds the report with the study package it was built with (no --builder, nothing read from the folder runs)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cli-report-'));
    const profile = loadProfile('quick');
    writeFakeStudy(root, profile, planRuns(profile));
    const r = await numfeat(root, 'report', '--results', '.');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/C16 /);
    expect(existsSync(join(root, 'REPORT.md'))).toBe(true);
    const old = await numfeat(root, 'report', '--results', '.', '--builder', 'x.mjs');
    expect(old.code).toBe(2);
  }, 120_000);

  it('--merge copies the other shards\' finished runs in, an ok run over a failed one', async () => {
    const profile = loadProfile('quick');
    const runs = planRuns(profile, ['dynamics']);
    const a = mkdtempSync(join(tmpdir(), 'cli-merge-a-'));
    const b = mkdtempSync(join(tmpdir(), 'cli-merge-b-'));
    writeFakeStudy(a, profile, runs, { failEvery: 1 }); // every LM run failed here…
    writeFakeStudy(b, profile, runs); // …and finished on the other machine
    const r = await numfeat(a, 'report', '--results', '.', '--merge', b);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`merged ${runs.length} runs`);
    for (const run of runs) expect(JSON.parse(readFileSync(join(a, 'runs', run.id, 'result.json'), 'utf8')).status).toBe('ok');
  }, 120_000);

  // issue 13: invalid study.json → exit 1 with a raw JSON parse error.
  it('rejects an invalid study.json with exit 2 and one line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cli-report-bad-'));
    writeFileSync(join(root, 'study.json'), '{ "profile": ');
    const r = await numfeat(root, 'report', '--results', '.');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/study\.json is not valid JSON/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(root, 'REPORT.md'))).toBe(false);
  });
});
