// Where results live: <out>/<profile>/study.json (the profile), runs/<id>/{result.json, log.txt,
// checkpoint.bin, dynamics.jsonl}, figures/, REPORT.md, report.html. result.json is written atomically, last, so
// its presence means "finished" (ok or failed) and a resumed study skips the run.
// study.json holds data only: nothing in a results folder names code to run.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '@numfeat/io';
import { NumfeatError } from '@numfeat/core';
import { validateProfile } from './profile.js';
import type { Profile, RunRecord } from './types.js';

export const runDir = (root: string, id: string) => join(root, 'runs', id);
export const resultPath = (root: string, id: string) => join(runDir(root, id), 'result.json');
export const isFinished = (root: string, id: string) => existsSync(resultPath(root, id));
/** Forgets a run (result, checkpoint, log) so that it is redone from scratch. */
export const clearRun = (root: string, id: string) => rmSync(runDir(root, id), { recursive: true, force: true });

export function logger(root: string, id: string): (line: string) => void {
  const dir = runDir(root, id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'log.txt');
  return (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

export async function writeResult(root: string, id: string, result: RunRecord): Promise<void> {
  await writeJsonAtomic(resultPath(root, id), result);
}

/** Every finished run's result.json under root (shards merged: they share the folder layout). */
export function readResults(root: string): RunRecord[] {
  const dir = join(root, 'runs');
  if (!existsSync(dir)) return [];
  const out: RunRecord[] = [];
  for (const id of readdirSync(dir).sort()) {
    const p = resultPath(root, id);
    if (!existsSync(p)) continue;
    try {
      out.push(JSON.parse(readFileSync(p, 'utf8')));
    } catch (e) {
      throw new NumfeatError('CORRUPT_FILE', `${p} is not valid JSON (${(e as Error).message})`, { fix: `delete runs/${id} to redo that run` });
    }
  }
  return out;
}

/** study.json: which profile (and version) a results folder belongs to. */
export interface StudyRecord {
  profile: Profile;
  createdAt?: string;
}

/**
 * Reads and validates <root>/study.json: a missing file, invalid JSON, an unknown field or an
 * invalid profile is a NumfeatError naming the problem. Nothing in it is ever imported or run.
 */
export function readStudyRecord(root: string): StudyRecord {
  const file = join(root, 'study.json');
  if (!existsSync(file)) throw new NumfeatError('IO_ERROR', `${root} is not a study results folder (no study.json)`, { fix: 'pass the folder the study wrote, e.g. results/quick' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new NumfeatError('CORRUPT_FILE', `${file} is not valid JSON (${(e as Error).message})`, { fix: 'restore it, or rerun the study into a fresh --out folder' });
  }
  const record = parsed as Record<string, unknown>;
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new NumfeatError('CORRUPT_FILE', `${file} must hold a JSON object`, { fix: 'rerun the study into a fresh --out folder' });
  // 'builder' (a module path older versions recorded) is ignored, never imported.
  const unknown = Object.keys(record).filter((k) => k !== 'profile' && k !== 'createdAt' && k !== 'builder');
  if (unknown.length) {
    throw new NumfeatError('CORRUPT_FILE', `${file} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (a results folder holds data, never code to run)`, {
      fix: `remove ${unknown.length > 1 ? 'them' : 'it'} from study.json`,
    });
  }
  return { profile: validateProfile(record.profile), createdAt: typeof record.createdAt === 'string' ? record.createdAt : undefined };
}

/**
 * Records the profile a results folder belongs to, or checks that it matches: a folder written by
 * another profile or another version of it is an error (mixing them would corrupt the report).
 */
export async function claimResultsFolder(root: string, profile: Profile): Promise<StudyRecord> {
  if (existsSync(join(root, 'study.json'))) {
    const prev = readStudyRecord(root);
    if (prev.profile.name !== profile.name || prev.profile.version !== profile.version) {
      throw new NumfeatError('BAD_ARGUMENT', `results folder ${root} holds results of profile '${prev.profile.name}' version ${prev.profile.version}, not '${profile.name}' version ${profile.version}: runs from different profile versions cannot be mixed`, {
        fix: 'pass another --out folder, or delete the old folder to start over',
      });
    }
    if (JSON.stringify(prev.profile) !== JSON.stringify(profile)) {
      throw new NumfeatError('BAD_ARGUMENT', `results folder ${root} was written with a different '${profile.name}' profile (same version ${profile.version}, other settings)`, {
        fix: 'bump "version" in the profile when you edit it, and pass another --out folder (or delete the old one)',
      });
    }
    return prev;
  }
  mkdirSync(root, { recursive: true });
  const record: StudyRecord = { profile, createdAt: new Date().toISOString() };
  await writeJsonAtomic(join(root, 'study.json'), record);
  return record;
}
