#!/usr/bin/env node
// Checks what users actually install: every @numfeat package is packed, linted with publint and
// attw, and the analysis packages' tarballs are installed into an empty project OUTSIDE the
// workspace and exercised from both `import` and `require` against independent closed forms. The
// install must stay light (INSTALL_LIMIT_BYTES: no TensorFlow.js), and an error thrown by one module
// format must be recognised by the other.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync, lstatSync } from 'node:fs';
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

// Install the analysis packages into a fresh project, outside the workspace, with npm (what most
// users run); overrides point their @numfeat/* dependencies at our tarballs, not the registry.
const INSTALL_LIMIT_BYTES = 5 * 1024 * 1024;
const consumer = mkdtempSync(join(tmpdir(), 'numfeat-consumer-'));
const wanted = ['@numfeat/core', '@numfeat/fourier', '@numfeat/probes', '@numfeat/theory'];
const deps = Object.fromEntries(wanted.map((n) => [n, `file:${tarballs[n]}`]));
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'numfeat-consumer', private: true, dependencies: deps, overrides: deps }, null, 2),
);
run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], consumer);

/** Disk usage like `du -s` (allocated blocks), without following links. */
function diskUsage(path) {
  const st = lstatSync(path);
  const own = st.blocks !== undefined ? st.blocks * 512 : st.size;
  if (!st.isDirectory()) return own;
  return readdirSync(path).reduce((sum, name) => sum + diskUsage(join(path, name)), own);
}
const installed = diskUsage(join(consumer, 'node_modules'));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
if (installed > INSTALL_LIMIT_BYTES) {
  failures++;
  console.log(`FAIL npm install of ${wanted.join(' ')}: node_modules is ${mb(installed)}, over the ${mb(INSTALL_LIMIT_BYTES)} limit`);
  console.log(`     (fourier/probes/theory must depend on @numfeat/core, never on @numfeat/tensor and TensorFlow.js)`);
} else {
  console.log(`ok   npm install of ${wanted.join(' ')}: node_modules is ${mb(installed)} (limit ${mb(INSTALL_LIMIT_BYTES)})`);
}

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

// Errors across module formats: the ESM build of fourier throws through the ESM build of core; the
// CJS build of core must still recognise it (and the reverse). Two builds = two NumfeatError classes.
writeFileSync(
  join(consumer, 'check-errors.mjs'),
  `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cjsCore = require('@numfeat/core');
const esmCore = await import('@numfeat/core');
const esmFourier = await import('@numfeat/fourier');
const cjsFourier = require('@numfeat/fourier');
if (cjsCore.NumfeatError === esmCore.NumfeatError) throw new Error('expected two NumfeatError classes (CJS and ESM builds)');
const thrown = (f) => { try { f(); } catch (e) { return e; } throw new Error('expected a throw'); };
const fromEsm = thrown(() => esmFourier.fourierPower([[1], [2]], 10));
const fromCjs = thrown(() => cjsFourier.fourierPower([[1], [2]], 10));
for (const [what, ok] of [
  ['ESM error, CJS isNumfeatError', cjsCore.isNumfeatError(fromEsm)],
  ['ESM error, CJS instanceof', fromEsm instanceof cjsCore.NumfeatError],
  ['CJS error, ESM isNumfeatError with its code', esmCore.isNumfeatError(fromCjs, fromCjs.code)],
  ['CJS error thrown by CJS core, ESM check', esmCore.isNumfeatError(thrown(() => cjsCore.toMatrix64([[1, 2], [3]])), 'SHAPE_MISMATCH')],
  ['a plain Error is not one', !cjsCore.isNumfeatError(new Error('x')) && !esmCore.isNumfeatError(new Error('x'))],
]) if (!ok) throw new Error('cross-format error check failed: ' + what);
console.log('errors ok: NumfeatError from either module format passes isNumfeatError of the other (' + fromEsm.code + ')');
`,
);
// @numfeat/core must bundle for browsers as installed: no Node built-ins in its build. (esbuild is
// tsup's own, reached through tsup so that it needs no devDependency of its own.)
const esbuild = createRequire(createRequire(join(root, 'package.json')).resolve('tsup'))('esbuild');
for (const format of ['esm', 'cjs']) {
  writeFileSync(join(consumer, `browser-${format}.js`), format === 'esm' ? `export * from '@numfeat/core';` : `module.exports = require('@numfeat/core');`);
  try {
    await esbuild.build({ entryPoints: [join(consumer, `browser-${format}.js`)], bundle: true, platform: 'browser', write: false, logLevel: 'silent' });
    console.log(`ok   @numfeat/core bundles for the browser (esbuild --platform=browser, ${format} entry)`);
  } catch (e) {
    failures++;
    console.log(`FAIL @numfeat/core does not bundle for the browser (${format}): ${e.message}`);
  }
}
for (const file of ['check.mjs', 'check.cjs', 'check-errors.mjs']) {
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
console.log(
  `check-packages: ${packages.length} packages packed and linted; consumer install (${mb(installed)}) works from import and require, errors cross module formats`,
);
