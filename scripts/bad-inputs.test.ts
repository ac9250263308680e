// The bad-input corpus (issue 13): every case in fixtures/bad/cases.json runs the built CLI as a user
// would and must fail with exactly one typed line, exit 2, no stack trace, no file written, in
// under 5 s and 300 MB. The corpus itself must be what scripts/make-bad-fixtures.mjs writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, 'fixtures/bad');
const bin = join(root, 'packages/cli/dist/bin.js');
const probe = join(root, 'scripts/rss-probe.mjs');
const MAX_MS = 5000;
const MAX_RSS_KB = 300 * 1024;
const KNOWN_CODES = ['BAD_ARGUMENT', 'BAD_RANGE', 'SHAPE_MISMATCH', 'EMPTY_INPUT', 'NON_FINITE', 'MISSING_NUMBERS', 'UNKNOWN_BACKEND', 'CORRUPT_FILE', 'UNSUPPORTED_FORMAT', 'IO_ERROR', 'BAD_CONFIG'];

interface Case {
  name: string;
  args: string[];
  code: string;
  env?: Record<string, string>;
}
const cases = JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) as Case[];

/** Every file under `dir` with its size and mtime, so any write shows up as a difference. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      const s = statSync(p);
      out.push(`${relative(dir, p)} ${e.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

function run(c: Case, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string; ms: number; rssKb: number }> {
  const args = c.args.map((a) =>
    a.replace(/\{f:([^}]+)\}/g, (_, f) => join(corpus, f)).replace(/\{copy:([^}]+)\}/g, (_, f) => {
      cpSync(join(corpus, f), join(cwd, 'out'), { recursive: true });
      return 'out';
    }),
  );
  const env = { ...process.env, ...c.env };
  if (!c.env?.NUMFEAT_BACKEND) delete env.NUMFEAT_BACKEND;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', probe, bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let rss = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (rss += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 3 * MAX_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - t0, rssKb: Number(rss) || Infinity });
    });
  });
}

describe('the bad-input corpus', () => {
  const worst = { ms: 0, msCase: '', rssKb: 0, rssCase: '' };
  const before = listing(corpus);

  it('is the output of scripts/make-bad-fixtures.mjs and has at least 40 cases', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'numfeat-bad-'));
    const r = spawnSync(process.execPath, [join(root, 'scripts/make-bad-fixtures.mjs'), fresh], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const names = (dir: string) => listing(dir).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(names(fresh)).toEqual(names(corpus));
    for (const line of names(fresh)) {
      const [name, size] = line.split(' ');
      if (size !== 'dir') expect(readFileSync(join(fresh, name)).equals(readFileSync(join(corpus, name))), name).toBe(true);
    }
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  // Cases run one at a time, ahead of the tests that check them (vitest runs other files beside
  // this one, so more would only measure contention).
  type Outcome = Awaited<ReturnType<typeof run>>;
  const jobs = cases.map((c) => {
    let resolve!: (o: Outcome) => void;
    const result = new Promise<Outcome>((r) => (resolve = r));
    return { c, cwd: mkdtempSync(join(tmpdir(), 'numfeat-bad-case-')), result, resolve };
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      job.resolve(await run(job.c, job.cwd));
    }
  };
  beforeAll(() => {
    void worker();
  });

  for (const [i, c] of cases.entries()) {
    it(c.name, async () => {
      const { cwd } = jobs[i];
      const r = await jobs[i].result;
      const copied = /\{copy:([^}]+)\}/.exec(c.args.join(' '))?.[1];
      const seeded = copied ? ['out dir', ...listing(join(corpus, copied)).map((l) => `out/${l}`)] : [];
      expect(r.stderr, 'exactly one line on stderr').toMatch(/^numfeat: error \[([A-Z_]+)\] [^\n]+\n$/);
      const code = /\[([A-Z_]+)\]/.exec(r.stderr)![1];
      expect(KNOWN_CODES).toContain(code);
      expect(code, r.stderr).toBe(c.code);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // Nothing written: the scratch folder holds only what the case put there (mtimes included).
      expect(listing(cwd).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(seeded.map((l) => l.split(' ').slice(0, 2).join(' ')).sort());
      expect(r.ms, `${Math.round(r.ms)} ms`).toBeLessThan(MAX_MS);
      expect(r.rssKb, `${Math.round(r.rssKb / 1024)} MB`).toBeLessThan(MAX_RSS_KB);
      if (r.ms > worst.ms) Object.assign(worst, { ms: r.ms, msCase: c.name });
      if (r.rssKb > worst.rssKb) Object.assign(worst, { rssKb: r.rssKb, rssCase: c.name });
    });
  }

  afterAll(() => {
    expect(listing(corpus)).toEqual(before);
    console.log(`bad-input corpus: ${cases.length} cases; slowest ${Math.round(worst.ms)} ms (${worst.msCase}); peak RSS ${Math.round(worst.rssKb / 1024)} MB (${worst.rssCase})`);
  });
});
