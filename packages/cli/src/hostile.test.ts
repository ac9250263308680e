// Regression tests for issue 13's CLI rows that are not plain "fails with code X" cases (those are
// in fixtures/bad, run by scripts/bad-inputs.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numfeatIn } from './test-helpers.js';
import { checkOutputDir } from './out-path.js';
import { defaultMaxTokens } from './train-limits.js';

const numfeat = numfeatIn;

const tiny = { model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { batchSize: 4, context: 16, evalPoints: 2 }, corpus: { numbers: 100 } };
const saved = process.env.NUMFEAT_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.NUMFEAT_BACKEND;
  else process.env.NUMFEAT_BACKEND = saved;
});

describe('numfeat train', () => {
  it('honours NUMFEAT_BACKEND=cpu; resuming a finished run reports the recorded final loss, not NaN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'numfeat-hostile-train-'));
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(tiny));
    process.env.NUMFEAT_BACKEND = 'cpu';
    const first = await numfeat(dir, 'train', '--config', 'tiny.json', '--tokens', '256', '--out', 'run');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/on the 'cpu' backend \(requested: cpu\)/);
    const loss = /final loss (\d+\.\d{4})/.exec(first.stdout)?.[1];
    expect(loss).toBeDefined();
    const again = await numfeat(dir, 'train', '--config', 'tiny.json', '--tokens', '256', '--out', 'run', '--resume', '--quiet');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/NaN/);
    expect(/final loss (\d+\.\d{4})/.exec(again.stdout)?.[1]).toBe(loss);
  }, 120_000);

  it('--tokens above the memory/time ceiling is BAD_RANGE; --max-tokens lets it through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'numfeat-hostile-tokens-'));
    const over = String(defaultMaxTokens() + 1);
    const refused = await numfeat(dir, 'train', '--tokens', over, '--out', 'run');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\[BAD_RANGE\] --tokens \d+ is over the default ceiling .* pass --max-tokens/);
    // With the override the budget passes, and the run stops at the next check (an unwritable --out).
    const allowed = await numfeat(dir, 'train', '--tokens', over, '--max-tokens', over, '--out', '/proc/x');
    expect(allowed.stderr).toMatch(/\[IO_ERROR\] --out \/proc\/x/);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('the ceiling follows the memory: a quarter of RAM at 64 bytes per token, at most 1e9', () => {
    expect(defaultMaxTokens(24 * 2 ** 30)).toBe(Math.floor((24 * 2 ** 30) / 4 / 64));
    expect(defaultMaxTokens(2 ** 50)).toBe(1e9);
  });
});

describe('output folders are vetted before any work', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'numfeat-hostile-out-'));
  it('a writable new folder passes and nothing is created', async () => {
    await checkOutputDir(join(tmp, 'a', 'b'));
    expect(readdirSync(tmp)).toEqual([]);
  });
  it('/proc/x fails at once (Node\'s recursive mkdir would spin there forever)', async () => {
    await expect(checkOutputDir('/proc/x')).rejects.toThrow(/--out \/proc\/x: cannot create files in \/proc/);
  });
  it('an existing folder we cannot write to → IO_ERROR naming it', async () => {
    // Root ignores mode bits, so as root use a folder the kernel refuses (/sys), else a chmod 555 one.
    const readOnly = process.getuid?.() === 0 ? '/sys' : join(tmp, 'ro');
    if (readOnly !== '/sys') {
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
    }
    await expect(checkOutputDir(readOnly)).rejects.toThrow(/IO_ERROR|permission denied|read-only|cannot create/);
    const r = await numfeat(tmp, 'analyze', 'whatever.npy', '--out', readOnly);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^numfeat: error \[IO_ERROR\] --out .*(permission denied|read-only file system)/);
  });
  it('a file, or a path through a file → IO_ERROR', async () => {
    writeFileSync(join(tmp, 'f'), '');
    await expect(checkOutputDir(join(tmp, 'f'))).rejects.toThrow(/exists and is not a directory/);
    await expect(checkOutputDir(join(tmp, 'f', 'sub'))).rejects.toThrow(/a part of the path is a file/);
  });
});
