#!/usr/bin/env node
// Checks that a release would do what we mean, without writing to any registry:
// 1. the changesets `fixed` group lists exactly the publishable (non-private) packages;
// 2. `changeset version` with a temporary changeset, run on a scratch copy of the repository, bumps
//    every publishable package and writes its CHANGELOG, and touches no private workspace;
// 3. `pnpm publish --dry-run` of every publishable package packs a LICENSE and a CHANGELOG.md.
// Run after `pnpm build` (pnpm test does); it takes well under a minute.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(new URL('..', import.meta.url).pathname);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const failures = [];
const fail = (what) => failures.push(what);

const workspaces = ['packages', 'examples'].flatMap((group) =>
  readdirSync(join(root, group))
    .filter((name) => existsSync(join(root, group, name, 'package.json')))
    .map((name) => ({ dir: `${group}/${name}`, ...readJson(join(root, group, name, 'package.json')) })),
);
const publishable = workspaces.filter((w) => !w.private);
const unpublished = workspaces.filter((w) => w.private);

// 1. The fixed group.
const config = readJson(join(root, '.changeset/config.json'));
const fixed = new Set(config.fixed.flat());
for (const w of publishable) if (!fixed.has(w.name)) fail(`${w.name} is publishable but not in .changeset/config.json's fixed group`);
for (const name of fixed) {
  if (!publishable.some((w) => w.name === name)) fail(`fixed group names ${name}, which is not a publishable workspace package`);
}
if (config.privatePackages?.version !== false) fail('.changeset/config.json must set privatePackages.version: false');

// 2. `changeset version` on a scratch copy of the files git knows (committed or not, minus ignored).
const scratch = mkdtempSync(join(tmpdir(), 'numfeat-release-'));
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && existsSync(join(root, f)));
for (const file of files) {
  mkdirSync(dirname(join(scratch, file)), { recursive: true });
  cpSync(join(root, file), join(scratch, file));
}
writeFileSync(join(scratch, '.changeset/check-release-probe.md'), `---\n"${publishable[0].name}": patch\n---\nA probe change.\n`);
const changeset = join(root, 'node_modules/.bin/changeset');
try {
  execFileSync(changeset, ['version'], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
} catch (e) {
  fail(`changeset version failed: ${e.stderr || e.message}`);
}
const versions = new Set();
for (const w of publishable) {
  const after = readJson(join(scratch, w.dir, 'package.json')).version;
  versions.add(after);
  const log = existsSync(join(scratch, w.dir, 'CHANGELOG.md')) ? readFileSync(join(scratch, w.dir, 'CHANGELOG.md'), 'utf8') : '';
  if (after === w.version) fail(`${w.name} was not bumped by changeset version (still ${after})`);
  else if (!log.includes(`## ${after}`)) fail(`${w.name}'s CHANGELOG.md has no "## ${after}" entry after changeset version`);
}
if (versions.size > 1) fail(`publishable packages got different versions: ${[...versions].join(', ')} (the fixed group should keep one)`);
for (const w of unpublished) {
  const after = readJson(join(scratch, w.dir, 'package.json')).version;
  if (after !== w.version) fail(`private ${w.name} was bumped ${w.version} → ${after}`);
  if (existsSync(join(scratch, w.dir, 'CHANGELOG.md')) && !existsSync(join(root, w.dir, 'CHANGELOG.md'))) {
    fail(`private ${w.name} got a CHANGELOG.md`);
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`changeset version: ${publishable.length} publishable packages → ${[...versions].join(', ')}; ${unpublished.length} private untouched`);

// 3. Dry-run publishes, four at a time (each packs the package; no registry writes).
const run = promisify(execFile);
const queue = [...publishable];
const dryRun = async () => {
  for (let w = queue.shift(); w; w = queue.shift()) {
    try {
      const { stdout, stderr } = await run('pnpm', ['publish', '--dry-run', '--no-git-checks'], { cwd: join(root, w.dir) });
      const listing = stdout + stderr;
      for (const file of ['LICENSE', 'CHANGELOG.md', 'package.json', 'dist/index.js']) {
        if (!new RegExp(`\\s${file.replace('.', '\\.')}\\s*$`, 'm').test(listing)) fail(`${w.name}: publish --dry-run would not ship ${file}`);
      }
    } catch (e) {
      fail(`${w.name}: pnpm publish --dry-run failed: ${e.stderr || e.message}`);
    }
  }
};
await Promise.all([dryRun(), dryRun(), dryRun(), dryRun()]);

if (failures.length) {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`check-release: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`check-release: fixed group = the ${publishable.length} publishable packages; publish --dry-run ships LICENSE and CHANGELOG.md for each`);
