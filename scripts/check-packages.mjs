#!/usr/bin/env node
// Checks what users actually install: every @numfeat package is packed, linted with publint and
// attw, and the analysis packages' tarballs are installed into an empty project OUTSIDE the
// workspace and exercised from both `import` and `require` against independent closed forms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const packDir = mkdtempSync(join(tmpdir(), 'numfeat-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'dist')))
  .sort();
const tarballs = {};
let failures = 0;
for (const name of packages) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const out = run('pnpm', ['pack', '--pack-destination', packDir], dir).trim().split('\n').pop();
  tarballs[pkg.name] = resolve(dir, out);
  try {
    run('pnpm', ['exec', 'publint', '--strict', tarballs[pkg.name]], root);
    run('pnpm', ['exec', 'attw', tarballs[pkg.name], '--profile', 'node16', '--format', 'ascii'], root);
    console.log(`ok   ${pkg.name}: packed, publint and attw clean`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${pkg.name}: ${e.stdout || e.message}`);
  }
}

// Install the analysis packages into a fresh project, outside the workspace.
const consumer = mkdtempSync(join(tmpdir(), 'numfeat-consumer-'));
const wanted = ['@numfeat/tensor', '@numfeat/fourier', '@numfeat/probes', '@numfeat/theory'];
const deps = Object.fromEntries(wanted.filter((n) => tarballs[n]).map((n) => [n, `file:${tarballs[n]}`]));
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'numfeat-consumer', private: true, dependencies: deps, pnpm: { overrides: deps } }, null, 2),
);
run('pnpm', ['install', '--ignore-workspace', '--prefer-offline', '--reporter=silent'], consumer);

// The paper's counterexample: Φ_10 = 206250 and Tr(S_B) = 206.25 exactly; best 1-D accuracy 1.0 / 0.109.
const body = (load) => `
const fourier = ${load('@numfeat/fourier')};
const probes = ${load('@numfeat/probes')};
const theory = ${load('@numfeat/theory')};
const rows = [];
for (let n = 0; n < 1000; n++) rows.push([5 * (n % 10) + 31 * Math.floor(n / 10)]);
const phi = fourier.fourierPower(rows, 10);
const labels = probes.residueLabels(1000, 10);
const sb = probes.scatterMatrices(rows, labels, 10).traceSB;
const acc = theory.bestLinearAccuracy1D(rows.map((r) => r[0]), labels, 10);
if (Math.abs(phi - 206250) > 1e-6 * 206250) throw new Error('phi ' + phi);
if (Math.abs(sb - 206.25) > 1e-9 * 206.25) throw new Error('trace S_B ' + sb);
if (Math.abs(acc - 0.109) > 1e-12) throw new Error('best accuracy ' + acc);
console.log('consumer ok: phi=' + phi + ' traceSB=' + sb + ' acc=' + acc);
`;
writeFileSync(join(consumer, 'check.mjs'), body((n) => `await import('${n}')`));
writeFileSync(join(consumer, 'check.cjs'), `(async () => {${body((n) => `require('${n}')`)}})().catch((e) => { console.error(e); process.exit(1); });`);
for (const file of ['check.mjs', 'check.cjs']) {
  try {
    process.stdout.write(`${file}: ${run('node', [file], consumer)}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${file}: ${e.stdout || e.message}`);
  }
}
rmSync(packDir, { recursive: true, force: true });
rmSync(consumer, { recursive: true, force: true });
if (failures) {
  console.log(`check-packages: ${failures} failure(s)`);
  process.exit(1);
}
console.log(`check-packages: ${packages.length} packages packed and linted; consumer install works from import and require`);
