import { isAbsolute, resolve } from 'node:path';
import { parseChoice, usageError, type CliIO, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

const OPTIONS = {
  profile: { type: 'string' },
  out: { type: 'string' },
  only: { type: 'string' },
  shard: { type: 'string' },
  workers: { type: 'string' },
  'report-only': { type: 'boolean' },
} as const;

const HELP = `Usage: numfeat study [--profile quick|standard|full|FILE.json] [options]

Runs the study of 'Convergent Evolution' (@numfeat/study): every experiment's runs from a profile
in parallel worker threads (resumable: finished runs are skipped), then REPORT.md, report.html,
figures and per-claim verdicts in OUT/<profile>/.

Options:
  --profile NAME    quick | standard (default) | full, or a path to a profile JSON file
  --out DIR         results root (default ./results)
  --only LIST       comma-separated experiments (default all)
  --shard i/n|auto  run only shard i of n (merge with numfeat report --merge); auto reads a Slurm
                    array (SLURM_ARRAY_TASK_ID/_COUNT/_MIN) or a Kubernetes indexed Job
                    (JOB_COMPLETION_INDEX with NUMFEAT_SHARD_COUNT)
  --workers N       worker threads (default: one per core)
  --report-only     rebuild the report from the finished runs

Ctrl-C stops after checkpointing the runs in progress; rerun the same command to resume.
Exit codes: 0 ok; 2 bad profile or option (one line on stderr); 3 every run failed; 130 stopped; 1 unexpected.
`;

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'study');
  if (positionals.length) throw usageError(`study takes no positional arguments, got ${positionals.join(' ')}`, 'see numfeat study --help');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!/^\d+$/.test(values.workers!) || workers < 1)) throw usageError(`--workers expects a positive integer, got ${JSON.stringify(values.workers)}`, 'pass e.g. --workers 2');
  const cwd = io.cwd ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const profile = values.profile === undefined ? undefined : values.profile.endsWith('.json') ? abs(values.profile) : parseChoice(values.profile, ['quick', 'standard', 'full'] as const, '--profile');
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(values.shard)) throw usageError(`--shard expects i/n like 1/2, got ${JSON.stringify(values.shard)}`, 'pass e.g. --shard 1/2');
  const { runStudy, EXPERIMENT_NAMES } = await import('@numfeat/study');
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of only ?? []) parseChoice(name, EXPERIMENT_NAMES, '--only experiment');
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) {
      io.stderr('\nsecond Ctrl-C: exiting now (runs in progress restart from their last checkpoint)\n');
      process.exit(130);
    }
    io.stderr('\nCtrl-C: stopping after checkpointing the runs in progress (Ctrl-C again to exit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const outcome = await runStudy({
      profile,
      out: abs(values.out ?? 'results'),
      only,
      shard: values.shard,
      workers,
      reportOnly: values['report-only'] ?? false,
      signal: controller.signal,
      log: (line) => io.stdout(`${line}\n`),
    });
    return outcome.exitCode;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

const command: Command = { name: 'study', summary: "run the paper's experiments (resumable, parallel) and build the report", help: HELP, options: OPTIONS, run };
export default command;
