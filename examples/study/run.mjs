#!/usr/bin/env node
// The numfeat study: plan the runs of the chosen experiments from a profile, run them in parallel
// workers (resumable; finished runs are skipped), and build results/<profile>/REPORT.md + report.html.
// Usage: node examples/study/run.mjs [--profile quick|standard|full|path.json] [--shard i/n]
//        [--workers n] [--only exp1,exp2] [--out results] [--report-only]
// (`pnpm study` builds the packages first.)
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadProfile } from './lib/profile.mjs';
import { checkModelFields } from './lib/model-fields.mjs';
import { claimResultsFolder } from './lib/store.mjs';
import { parseShard, shardRuns } from './lib/shard.mjs';
import { runSweep } from './lib/sweep.mjs';
import { EXPERIMENT_NAMES, planRuns } from './experiments/index.mjs';
import { buildReport } from './report/build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    profile: { type: 'string', default: 'standard' },
    shard: { type: 'string', default: '1/1' },
    workers: { type: 'string', default: String(os.availableParallelism?.() ?? os.cpus().length) },
    only: { type: 'string', default: EXPERIMENT_NAMES.join(',') },
    out: { type: 'string', default: resolve(here, '../../results') },
    'report-only': { type: 'boolean', default: false },
  },
});

try {
  const t0 = performance.now();
  const profile = loadProfile(args.profile);
  checkModelFields(profile);
  const only = args.only.split(',').map((s) => s.trim()).filter(Boolean);
  const shard = parseShard(args.shard);
  const workers = Number(args.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers expects a positive integer, got ${JSON.stringify(args.workers)}`);
  const root = resolve(args.out, profile.name);
  await claimResultsFolder(root, profile, resolve(here, 'report/build.mjs'));
  const all = planRuns(profile, only);
  const mine = shardRuns(all, shard);
  console.log(`study '${profile.name}' v${profile.version}: ${all.length} runs for ${only.join(', ')}; shard ${shard.index}/${shard.count} has ${mine.length}; ${workers} worker(s), backend ${profile.backend}; results in ${root}`);
  if (!args['report-only']) {
    const controller = new AbortController();
    let interrupts = 0;
    process.on('SIGINT', () => {
      if (++interrupts > 1) { console.log('\nsecond Ctrl-C: exiting now (runs in progress restart from their last checkpoint)'); process.exit(130); }
      console.log('\nCtrl-C: stopping after checkpointing the runs in progress (Ctrl-C again to exit at once)…');
      controller.abort();
    });
    // The sweep decides what is skipped (finished with the same spec) and says so before any run ends.
    let finished = 0;
    let skipped = 0;
    const summary = await runSweep({
      runs: mine, root, workers, backend: profile.backend, signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'skip') skipped++;
        if (e.type === 'start') console.log(`  start ${e.id}`);
        if (e.type === 'done') console.log(`  [${++finished}/${mine.length - skipped}] ${e.status.padEnd(7)} ${e.id}${e.wallSeconds ? ` (${e.wallSeconds.toFixed(1)} s)` : ''}${e.error ? `: ${e.error}` : ''}`);
      },
    });
    console.log(`sweep: ${summary.done.length} done, ${summary.failed.length} failed, ${summary.skipped.length} already finished, ${summary.stopped.length} stopped`);
    if (controller.signal.aborted) { console.log('stopped: rerun the same command to resume.'); process.exit(130); }
  }
  const wall = (performance.now() - t0) / 1000;
  const report = await buildReport(root, { only, wallSeconds: args['report-only'] ? undefined : wall });
  console.log(`report: ${report.report} and ${report.html} (${report.figures.length} figures); study wall time ${(wall / 60).toFixed(1)} min`);
  for (const c of report.claims) console.log(`  ${c.id.padEnd(4)} ${c.verdict.padEnd(15)} ${c.claim}`);
} catch (e) {
  console.error(`numfeat study: ${e.message}`);
  process.exit(2);
}
