import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { usageError, type CliIO, type Command } from '../command.js';

const HELP = `Usage: numfeat report --results DIR [--merge DIR2,DIR3] [--builder FILE]

(Re)builds a study report (examples/study) from a results folder: REPORT.md, report.html and the
figures, from whatever runs have finished. With --merge, the finished runs of other shards'
folders (same profile and version) are copied in first, so

  node examples/study/run.mjs --profile standard --shard 1/2 --out a
  node examples/study/run.mjs --profile standard --shard 2/2 --out b
  numfeat report --results a/standard --merge b/standard

gives the report of the whole study.

Options:
  --results DIR   a study results folder (the one holding study.json), e.g. results/quick
  --merge LIST    comma-separated results folders of other shards to merge into DIR
  --builder FILE  the report builder module (default: the one recorded in DIR/study.json)

Exit codes: 0 ok; 2 bad folder or option (one line on stderr); 1 unexpected.
`;

function readStudy(dir: string): { profile: { name: string; version: number }; builder?: string } {
  const file = join(dir, 'study.json');
  if (!existsSync(file)) throw usageError(`${dir} is not a study results folder (no study.json)`, 'pass the folder run.mjs wrote, e.g. --results results/quick');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Copies finished runs (those with result.json) of `from` into `into`; returns how many were new. */
function mergeShard(into: string, from: string): number {
  const a = readStudy(into);
  const b = readStudy(from);
  if (JSON.stringify(a.profile) !== JSON.stringify(b.profile)) {
    throw usageError(`${from} holds profile '${b.profile?.name}' v${b.profile?.version} with other settings than ${into}`, 'merge only shards of the same profile file and version');
  }
  const runs = join(from, 'runs');
  let added = 0;
  for (const id of existsSync(runs) ? readdirSync(runs) : []) {
    if (!existsSync(join(runs, id, 'result.json')) || existsSync(join(into, 'runs', id, 'result.json'))) continue;
    cpSync(join(runs, id), join(into, 'runs', id), { recursive: true });
    added++;
  }
  return added;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { results: { type: 'string' }, merge: { type: 'string' }, builder: { type: 'string' } }, strict: true });
  if (!values.results) throw usageError('--results is required', 'pass --results results/<profile>');
  const cwd = io.cwd ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dir = abs(values.results);
  const study = readStudy(dir);
  for (const other of (values.merge ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    io.stderr(`merged ${mergeShard(dir, abs(other))} runs from ${other}\n`);
  }
  const builder = values.builder ? abs(values.builder) : study.builder;
  if (!builder || !existsSync(builder)) {
    throw usageError(`the report builder ${builder ?? '(none recorded)'} does not exist`, 'pass --builder path/to/examples/study/report/build.mjs');
  }
  const mod = (await import(pathToFileURL(builder).href)) as { buildReport: (root: string) => Promise<{ report: string; html: string; figures: unknown[]; claims: { id: string; verdict: string; claim: string }[] }> };
  const out = await mod.buildReport(dir);
  io.stdout(`${out.report}\n${out.html}\n${out.figures.length} figures\n`);
  for (const c of out.claims) io.stdout(`${c.id.padEnd(4)} ${c.verdict.padEnd(15)} ${c.claim}\n`);
  return 0;
}

const command: Command = { name: 'report', summary: 'merge study shards and (re)build REPORT.md + report.html', help: HELP, run };
export default command;
