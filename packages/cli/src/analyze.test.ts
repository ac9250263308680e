import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readNpy } from '@numfeat/io';
import { analyzeEmbeddings } from '@numfeat/analysis';
import { expected, fixtureDir, numfeat, relErr } from './test-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'numfeat-cli-'));
const matrix = readNpy(new Uint8Array(readFileSync(`${fixtureDir}circular10.npy`)));

describe('numfeat analyze on a NumPy-written matrix with circular mod-10 structure', () => {
  it('--json prints exactly one JSON object with the documented shape', async () => {
    const { code, stdout, stderr } = await numfeat('analyze', 'circular10.npy', '--json', '--seeds', '1');
    expect(code, stderr).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(stdout);
    expect(r.numbers).toEqual({ start: 0, count: 1000 });
    expect(r.dims).toBe(16);
    expect(Object.keys(r.phi)).toEqual(['2', '5', '10']);
    expect(Object.keys(r.kappa)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(Object.keys(r.accuracy)).toEqual(Object.keys(r.kappa));
    expect(Object.keys(r.fisher)).toEqual(['10']);
    for (const key of ['lambdaMax', 'condSW', 'eigenvalues', 'traceSB', 'lower', 'upper']) expect(r.fisher['10']).toHaveProperty(key);
    expect(r.spectrum.nu).toHaveLength(501);
    expect(r.spectrum.magnitude).toHaveLength(501);
    expect(r.spectrum.normalized).toHaveLength(501);
    expect(r.protocol.probe).toBeTypeOf('object');
    expect(r.source).toMatchObject({ path: 'circular10.npy', format: 'npy', dtype: '<f8' });
    expect(stderr).toMatch(/numfeat: loading circular10\.npy/);
  });

  it('Φ_T, the spectrum and the Fisher discriminant match NumPy', () => {
    const r = analyzeEmbeddings(matrix, { seeds: 1, moduli: [10] });
    for (const T of ['2', '5', '10']) expect(relErr(r.phi[T], expected.phi[T])).toBeLessThan(1e-9);
    expect(relErr(r.spectrum.normalizer.value, expected.spectrumMedian)).toBeLessThan(1e-9);
    expect(relErr(r.spectrum.normalized[100], expected.spectrumPeak.normalized)).toBeLessThan(1e-9);
    expect(r.dominantPeriods[0].period).toBe(10);
    const f = r.fisher['10'];
    expect(relErr(f.lambdaMax, expected.fisher10.lambdaMax)).toBeLessThan(1e-6);
    expect(relErr(f.condSW, expected.fisher10.condSW)).toBeLessThan(1e-6);
    expect(relErr(f.traceSB, expected.fisher10.traceSB)).toBeLessThan(1e-9);
    f.eigenvalues.slice(0, 3).forEach((e, i) => expect(relErr(e, expected.fisher10.eigenvalues[i])).toBeLessThan(1e-6));
    expect(f.lower).toBeLessThanOrEqual(f.lambdaMax);
    expect(f.lambdaMax).toBeLessThanOrEqual(f.upper);
    expect(f.holdsLower && f.holdsUpper).toBe(true);
  });

  it("κ per modulus matches scikit-learn's LogisticRegression on the same splits", () => {
    const r = analyzeEmbeddings(matrix, { seeds: 5 });
    for (const T of Object.keys(expected.kappa)) {
      expect(Math.abs(r.kappa[T] - expected.kappa[T]), `T = ${T}`).toBeLessThan(1e-6);
      expect(Math.abs(r.accuracy[T] / 100 - expected.accuracy[T]), `T = ${T}`).toBeLessThan(1e-9);
    }
    // The structure is circular mod 10 plus parity: T = 2 and 10 are decodable, T = 5 is not (antipodal pairs).
    expect(r.kappa['10']).toBeGreaterThan(80);
    expect(r.kappa['5']).toBeLessThan(10);
  });

  it('human output: header, sparkline with ν ticks, Φ_T, κ table, Fisher bounds, protocol', async () => {
    const { code, stdout } = await numfeat('analyze', 'circular10.npy', '--seeds', '2', '--quiet');
    expect(code).toBe(0);
    expect(stdout).toMatch(/numbers 0\.\.999 \(N = 1000\), 16 dims/);
    expect(stdout).toMatch(/[▁▂▃▄▅▆▇█]{40,}/);
    expect(stdout).toMatch(/0\s+0\.1\s+0\.2\s+0\.3\s+0\.4\s+0\.5/);
    expect(stdout).toMatch(/dominant periods: T=10 /);
    expect(stdout).toMatch(/Φ_2 = .*Φ_5 = .*Φ_10 = 1\.508e\+4|Φ_10 = 15080/);
    expect(stdout).toMatch(/^\s+10\s+9\d\.\d ± /m);
    expect(stdout).toMatch(/both hold ✓/);
    expect(stdout).toMatch(/^protocol: .*seeds 0,1/m);
  });

  it('--out writes analysis.json and both figures (SVG, PNG, JSON), nothing else', async () => {
    const out = join(tmp, 'out-ok');
    const { code, stdout, stderr } = await numfeat('analyze', 'circular10.npy', '--seeds', '1', '--json', '--out', out);
    expect(code, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['analysis.json', 'kappa.json', 'kappa.png', 'kappa.svg', 'spectrum.json', 'spectrum.png', 'spectrum.svg']);
    expect(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'))).toEqual(JSON.parse(stdout));
    expect(readFileSync(join(out, 'spectrum.svg'), 'utf8')).toMatch(/<svg/);
    expect(readFileSync(join(out, 'kappa.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('numfeat analyze on a safetensors vocabulary matrix with --tensor and --ids', () => {
  const st = fileURLToPath(new URL('../../io/fixtures/tiny_f32.safetensors', import.meta.url));
  it('reads the rows named by the ids file, in number order', async () => {
    const ids = join(tmp, 'ids.json');
    writeFileSync(ids, JSON.stringify({ ids: [9, 8, 7, 6, 5, 4, 3, 2] }));
    const { code, stdout, stderr } = await numfeat('analyze', st, '--tensor', 'model.embed_tokens.weight', '--ids', ids, '--numbers', '0..7', '--T', '2,4', '--moduli', '2', '--seeds', '1', '--json');
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.numbers).toEqual({ start: 0, count: 8 });
    expect(r.source).toMatchObject({ format: 'safetensors', tensor: 'model.embed_tokens.weight', dtype: 'F32', fileShape: [10, 3] });
    expect(r.fisher).toEqual({});
    expect(r.warnings).toEqual([expect.stringMatching(/Fisher panel skipped: N = 8 is fewer than 2T = 20/)]);
    expect(stderr).toMatch(/warning: Fisher panel skipped/);
  });
  it('a wrong tensor name lists the tensors', async () => {
    const { code, stderr } = await numfeat('analyze', st, '--tensor', 'wte');
    expect(code).toBe(2);
    expect(stderr).toMatch(/\[BAD_ARGUMENT\] .*no tensor "wte".*model\.embed_tokens\.weight \[10×3\] F32.*--tensor/);
  });
});

describe('numfeat analyze: every bad input exits 2 with one line and writes nothing', () => {
  const bad = async (pattern: RegExp, ...args: string[]) => {
    const out = join(tmp, `out-bad-${Math.random().toString(36).slice(2)}`);
    const r = await numfeat('analyze', ...args, '--out', out, '--quiet');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  };

  it('NaN in the file', () => bad(/^numfeat: error \[NON_FINITE\] .*row 3, column 5/, 'with_nan.npy'));
  it('truncated .npy', () => {
    const p = join(tmp, 'trunc.npy');
    const bytes = readFileSync(`${fixtureDir}circular10.npy`);
    writeFileSync(p, bytes.subarray(0, bytes.length - 100));
    return bad(/\[CORRUPT_FILE\] .*trunc\.npy: shape \(1000, 16\)/, p);
  });
  it('missing numbers in a GloVe vocabulary name the range and the fix', () => {
    const p = join(tmp, 'glove520.txt');
    writeFileSync(p, Array.from({ length: 520 }, (_, n) => `${n} ${Math.cos(n)} ${Math.sin(n)}`).join('\n') + '\nthe 1 2\n');
    return bad(/\[MISSING_NUMBERS\] .*520–999 \(480 numbers\).*0–519 \(520 numbers\).*--numbers 0\.\.519/, p);
  });
  it('unknown format', () => bad(/\[UNSUPPORTED_FORMAT\] unknown --format "hdf5" — use one of: npy, safetensors/, 'circular10.npy', '--format', 'hdf5'));
  it('unknown extension', () => bad(/\[UNSUPPORTED_FORMAT\] .*\.pkl/, 'emb.pkl'));
  it('unknown probe', () => bad(/\[BAD_ARGUMENT\] unknown --probe "svm"/, 'circular10.npy', '--probe', 'svm'));
  it('N < 2T', () => bad(/\[BAD_RANGE\] N = 15 numbers is too few for T = 10/, 'circular10.npy', '--numbers', '0..14'));
  it('more numbers than rows', () => bad(/\[MISSING_NUMBERS\] .*1000–1099/, 'circular10.npy', '--numbers', '0..1099'));
  it('missing file', () => bad(/\[IO_ERROR\] cannot read .*absent\.npy: no such file/, 'absent.npy'));
  it('bad option values and unknown options', async () => {
    await bad(/\[BAD_ARGUMENT\] --numbers expects an inclusive range/, 'circular10.npy', '--numbers', '5-9');
    await bad(/\[BAD_ARGUMENT\] --moduli: periods must be ≥ 2/, 'circular10.npy', '--moduli', '1..10');
    await bad(/\[BAD_ARGUMENT\] .*--bogus/, 'circular10.npy', '--bogus');
    await bad(/\[BAD_ARGUMENT\] analyze needs an embedding file/);
  });
});

describe('numfeat help, version, unknown command', () => {
  it('prints help and version', async () => {
    const help = await numfeat('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/analyze\s+spectrum/);
    const sub = await numfeat('analyze', '--help');
    expect(sub.stdout).toMatch(/--numbers A\.\.B/);
    const version = await numfeat('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
    const none = await numfeat();
    expect(none.code).toBe(2);
    const unknown = await numfeat('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
describe.skipIf(!existsSync(bin))('the built bin (dist/bin.js, after pnpm build)', () => {
  it('runs analyze --json as a child process and exits 2 on a bad file', () => {
    const ok = spawnSync(process.execPath, [bin, 'analyze', 'circular10.npy', '--json', '--seeds', '1', '--moduli', '2,10'], { cwd: fixtureDir, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const r = JSON.parse(ok.stdout);
    expect(relErr(r.phi['10'], expected.phi['10'])).toBeLessThan(1e-9);
    const fail = spawnSync(process.execPath, [bin, 'analyze', 'with_nan.npy'], { cwd: fixtureDir, encoding: 'utf8' });
    expect(fail.status).toBe(2);
    expect(fail.stderr).toMatch(/^numfeat: error \[NON_FINITE\]/m);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
