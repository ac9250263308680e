#!/usr/bin/env node
// Compares two study results folders run by run: every κ_T, Φ_T, λ_max, final loss and dynamics
// point, and every claim's verdict and detail line. For refactors that must not change numbers.
// Usage: node scripts/compare-study.mjs BASE_DIR NEW_DIR [--tolerance 0] [--subset]   (exit 1 on a difference)
// --subset: compare only the runs NEW_DIR has (e.g. a run with --only), and no claims.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, next] = process.argv.slice(2);
const tolArg = process.argv.indexOf('--tolerance');
const tolerance = tolArg > 0 ? Number(process.argv[tolArg + 1]) : 0;
const subset = process.argv.includes('--subset');
if (!base || !next) {
  console.error('usage: node scripts/compare-study.mjs BASE_DIR NEW_DIR [--tolerance REL]');
  process.exit(2);
}
const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : undefined);
const runs = (dir) => (existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).filter((id) => existsSync(join(dir, 'runs', id, 'result.json'))).sort() : []);

/** The numbers that define a run's outcome, flattened to name → value. */
function numbers(r) {
  const out = { status: r.status };
  const x = r.result ?? {};
  for (const k of ['phi', 'kappa', 'kappaStd', 'accuracy']) for (const [T, v] of Object.entries(x[k] ?? {})) out[`${k}_${T}`] = v;
  const fisher = x.fisher?.lambdaMax !== undefined ? x.fisher : x.fisher?.['10'];
  if (fisher) for (const k of ['lambdaMax', 'condSW']) out[`fisher.${k}`] = fisher[k];
  if (x.training) for (const k of ['steps', 'tokens', 'finalLoss']) out[`training.${k}`] = x.training[k];
  (x.dynamics ?? []).forEach((d, i) => {
    for (const k of ['phi', 'kappa', 'accuracy']) for (const [T, v] of Object.entries(d[k] ?? {})) out[`dynamics[${i}].${k}_${T}`] = v;
    for (const k of ['testAccuracy', 'trainAccuracy']) if (d[k] !== undefined) out[`dynamics[${i}].${k}`] = d[k];
  });
  (x.sweep?.rows ?? []).forEach((row, i) => { for (const k of ['phi', 'lambdaMax', 'accuracy']) out[`sweep[${i}].${k}`] = row[k]; });
  for (const k of ['dims']) if (x[k] !== undefined) out[k] = x[k];
  return out;
}

const differs = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(a) !== JSON.stringify(b);
};

let compared = 0;
let values = 0;
const problems = [];
const baseRuns = runs(base).filter((id) => !subset || existsSync(join(next, 'runs', id, 'result.json')));
const newRuns = new Set(runs(next));
for (const id of baseRuns) {
  if (!newRuns.has(id)) { problems.push(`${id}: missing in ${next}`); continue; }
  const a = numbers(read(join(base, 'runs', id, 'result.json')));
  const b = numbers(read(join(next, 'runs', id, 'result.json')));
  compared++;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    values++;
    if (differs(a[k], b[k])) problems.push(`${id} ${k}: ${a[k]} → ${b[k]}`);
  }
}
for (const id of newRuns) if (!baseRuns.includes(id)) problems.push(`${id}: only in ${next}`);

const claims = (dir) => read(join(dir, 'verdicts.json'))?.claims ?? [];
const ca = subset ? [] : claims(base);
const cb = new Map(claims(next).map((c) => [c.id, c]));
for (const c of ca) {
  const d = cb.get(c.id);
  if (!d) problems.push(`claim ${c.id}: missing`);
  else if (c.verdict !== d.verdict || c.detail !== d.detail) problems.push(`claim ${c.id}: ${c.verdict} (${c.detail}) → ${d.verdict} (${d.detail})`);
}
console.log(`${compared} runs, ${values} values, ${ca.length} claims compared (relative tolerance ${tolerance}): ${problems.length} differences`);
for (const p of problems.slice(0, 50)) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
