#!/usr/bin/env node
// Checks that a finished study folder is complete and well-formed: every planned run has a result,
// every figure has its SVG, PNG and JSON (and they parse), the report links them, and every claim
// has a verdict, and no run failed (a failed run makes claims "not tested": the study is not done).
// CI runs it after `--profile quick`; usage: node examples/study/check.mjs results/quick
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planRuns, readStudyRecord, resultPath } from '@numfeat/study';

const root = resolve(process.argv[2] ?? 'results/quick');
const problems = [];
const need = (ok, what) => ok || problems.push(what);
const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`${path}: not valid JSON (${e.message})`);
    return undefined;
  }
};

for (const f of ['study.json', 'REPORT.md', 'report.html', 'verdicts.json']) need(existsSync(join(root, f)), `missing ${f}`);
if (problems.length) fail();

const { profile } = readStudyRecord(root);
const planned = planRuns(profile);
const failed = [];
for (const run of planned) {
  const path = resultPath(root, run.id);
  if (!existsSync(path)) {
    problems.push(`run ${run.id} has no result.json`);
    continue;
  }
  const r = readJson(path);
  need(r && (r.status === 'ok' || r.status === 'failed'), `run ${run.id}: status is ${r?.status}`);
  need(r && typeof r.wallSeconds === 'number' && typeof r.backend === 'string', `run ${run.id}: no wall time or backend`);
  if (r?.status === 'failed') failed.push(run.id);
}

const figures = join(root, 'figures');
const names = [...new Set(readdirSync(figures).map((f) => f.replace(/\.(svg|png|json|csv)$/, '')))];
const html = readFileSync(join(root, 'report.html'), 'utf8');
const md = readFileSync(join(root, 'REPORT.md'), 'utf8');
for (const name of names) {
  const base = join(figures, name);
  const svg = existsSync(`${base}.svg`) ? readFileSync(`${base}.svg`, 'utf8') : '';
  need(/^<svg[\s\S]*<\/svg>\s*$/.test(svg), `${name}.svg missing or not a complete <svg> document`);
  const png = existsSync(`${base}.png`) ? readFileSync(`${base}.png`) : Buffer.alloc(0);
  need(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${name}.png missing or not a PNG`);
  need(existsSync(`${base}.json`) && readJson(`${base}.json`) !== undefined, `${name}.json missing`);
  need(md.includes(`figures/${name}.`), `REPORT.md does not show figure ${name}`);
}
need(names.length >= 10, `only ${names.length} figures`);
need((html.match(/<svg[\s>]/g) ?? []).length >= names.length, 'report.html inlines fewer SVGs than there are figures');
need(!/(src|href)=["']https?:/.test(html), 'report.html references an external URL');

const verdicts = readJson(join(root, 'verdicts.json'));
const allowed = new Set(['reproduced', 'partly', 'not reproduced', 'inconclusive', 'not tested']);
need(verdicts?.claims?.length >= 9, `only ${verdicts?.claims?.length} claims have verdicts (the paper has at least nine)`);
for (const c of verdicts?.claims ?? []) need(allowed.has(c.verdict), `claim ${c.id}: verdict '${c.verdict}'`);
if (failed.length) problems.unshift(`${failed.length} run${failed.length > 1 ? 's' : ''} failed: ${failed.join(', ')} (see runs/<id>/log.txt; delete a run's folder and rerun the study to redo it)`);
if (problems.length) fail();
console.log(`study check: ${root} — ${planned.length} runs, ${names.length} figures, ${verdicts.claims.length} verdicts: complete and well-formed`);

function fail() {
  console.error(`study check failed for ${root}: ${problems.join('\n  ')}`);
  process.exit(1);
}
