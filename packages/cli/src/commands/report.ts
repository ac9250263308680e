import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { buildReport, readStudyRecord } from '@numfeat/study';
import { usageError, type CliIO, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

const OPTIONS = { results: { type: 'string' }, merge: { type: 'string' } } as const;

const HELP = `Usage: numfeat report --results DIR [--merge DIR2,DIR3]

(Re)builds a study report (@numfeat/study's buildReport) from a results folder: REPORT.md, report.html and the
figures, from whatever runs have finished. With --merge, the finished runs of other shards'
folders (same profile and version) are copied in first, so

  numfeat study --profile standard --shard 1/2 --out a
  numfeat study --profile standard --shard 2/2 --out b
  numfeat report --results a/standard --merge b/standard

gives the report of the whole study. Nothing in a results folder is ever run: study.json is
data, validated like a profile.

Options:
  --results DIR   a study results folder (the one holding study.json), e.g. results/quick
  --merge LIST    comma-separated results folders of other shards to merge into DIR

Exit codes: 0 ok; 2 bad folder or option (one line on stderr); 1 unexpected.
`;

/** Copies finished runs (those with result.json) of `from` into `into`: new runs, and ok runs over failed ones; returns how many. */
function mergeShard(into: string, from: string): number {
  const a = readStudyRecord(into);
  const b = readStudyRecord(from);
  if (JSON.stringify(a.profile) !== JSON.stringify(b.profile)) {
    throw usageError(`${from} holds profile '${b.profile.name}' v${b.profile.version} with other settings than ${into}`, 'merge only shards of the same profile file and version');
  }
  const runs = join(from, 'runs');
  let added = 0;
  for (const id of existsSync(runs) ? readdirSync(runs) : []) {
    if (!existsSync(join(runs, id, 'result.json'))) continue;
    const target = join(into, 'runs', id);
    // A run that failed here but finished on another machine (rerun there) is replaced by the ok one.
    if (existsSync(join(target, 'result.json')) && !(status(target) === 'failed' && status(join(runs, id)) === 'ok')) continue;
    rmSync(target, { recursive: true, force: true });
    cpSync(join(runs, id), target, { recursive: true });
    added++;
  }
  return added;
}

function status(runDir: string): string | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')).status;
  } catch {
    return undefined;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'report');
  if (positionals.length) throw usageError(`report takes no positional arguments, got ${positionals.join(' ')}`, 'pass the folder as --results DIR');
  if (!values.results) throw usageError('--results is required', 'pass --results results/<profile>');
  const cwd = io.cwd ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const dir = abs(values.results);
  readStudyRecord(dir);
  for (const other of (values.merge ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    io.stderr(`merged ${mergeShard(dir, abs(other))} runs from ${other}\n`);
  }
  const out = await buildReport(dir);
  io.stdout(`${out.report}\n${out.html}\n${out.figures.length} figures\n`);
  for (const c of out.claims) io.stdout(`${c.id.padEnd(4)} ${c.verdict.padEnd(15)} ${c.claim}\n`);
  return 0;
}

const command: Command = { name: 'report', summary: 'merge study shards and (re)build REPORT.md + report.html', help: HELP, options: OPTIONS, run };
export default command;
