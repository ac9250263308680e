#!/usr/bin/env node
// The numfeat study (@numfeat/study): plan the runs of the chosen experiments from a profile, run
// them in parallel workers (resumable; finished runs are skipped), and build
// results/<profile>/REPORT.md + report.html. The same as `numfeat study`.
// Usage: node examples/study/run.mjs [--profile quick|standard|full|path.json] [--shard i/n|auto]
//        [--workers n] [--only exp1,exp2] [--out results] [--report-only]
// (`pnpm study` builds the packages first.)
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runStudy } from '@numfeat/study';

const here = dirname(fileURLToPath(import.meta.url));
try {
  const { values: args } = parseArgs({
    options: {
      profile: { type: 'string', default: 'standard' },
      shard: { type: 'string', default: '1/1' },
      workers: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string', default: resolve(here, '../../results') },
      'report-only': { type: 'boolean', default: false },
    },
  });
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    if (++interrupts > 1) { console.log('\nsecond Ctrl-C: exiting now (runs in progress restart from their last checkpoint)'); process.exit(130); }
    console.log('\nCtrl-C: stopping after checkpointing the runs in progress (Ctrl-C again to exit at once)…');
    controller.abort();
  });
  const workers = args.workers === undefined ? undefined : Number(args.workers);
  const outcome = await runStudy({
    profile: args.profile,
    out: args.out,
    only: args.only?.split(',').map((s) => s.trim()).filter(Boolean),
    shard: args.shard,
    workers,
    reportOnly: args['report-only'],
    signal: controller.signal,
  });
  process.exitCode = outcome.exitCode;
} catch (e) {
  console.error(`numfeat study: ${e.message}`);
  process.exit(2);
}
