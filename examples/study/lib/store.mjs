// Where results live: <out>/<profile>/study.json (profile + version), runs/<id>/{result.json, log.txt,
// checkpoint.bin, dynamics.jsonl}, figures/, REPORT.md, report.html. result.json is written atomically, last, so
// its presence means "finished" (ok or failed) and a resumed study skips the run.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '@numfeat/io';

export const runDir = (root, id) => join(root, 'runs', id);
export const resultPath = (root, id) => join(runDir(root, id), 'result.json');
export const isFinished = (root, id) => existsSync(resultPath(root, id));
/** Forgets a run (result, checkpoint, log) so that it is redone from scratch. */
export const clearRun = (root, id) => rmSync(runDir(root, id), { recursive: true, force: true });

export function logger(root, id) {
  const dir = runDir(root, id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'log.txt');
  return (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

export async function writeResult(root, id, result) {
  await writeJsonAtomic(resultPath(root, id), result);
}

/** Every finished run's result.json under root (shards merged: they share the folder layout). */
export function readResults(root) {
  const dir = join(root, 'runs');
  if (!existsSync(dir)) return [];
  const out = [];
  for (const id of readdirSync(dir).sort()) {
    const p = resultPath(root, id);
    if (existsSync(p)) out.push(JSON.parse(readFileSync(p, 'utf8')));
  }
  return out;
}

/**
 * Records the profile a results folder belongs to, or checks that it matches: a folder written by
 * another profile or another version of it is an error (mixing them would corrupt the report).
 */
export async function claimResultsFolder(root, profile, builderPath) {
  const file = join(root, 'study.json');
  if (existsSync(file)) {
    const prev = JSON.parse(readFileSync(file, 'utf8'));
    if (prev.profile?.name !== profile.name || prev.profile?.version !== profile.version) {
      throw new Error(`results folder ${root} holds results of profile '${prev.profile?.name}' version ${prev.profile?.version}, not '${profile.name}' version ${profile.version}: ` +
        'runs from different profile versions cannot be mixed. Fix: pass another --out folder, or delete the old folder to start over.');
    }
    if (JSON.stringify(prev.profile) !== JSON.stringify(profile)) {
      throw new Error(`results folder ${root} was written with a different '${profile.name}' profile (same version ${profile.version}, other settings): ` +
        'bump "version" in the profile when you edit it, and pass another --out folder (or delete the old one).');
    }
    return prev;
  }
  mkdirSync(root, { recursive: true });
  const record = { profile, builder: builderPath, createdAt: new Date().toISOString() };
  await writeJsonAtomic(file, record);
  return record;
}
