// The study as one call: plan the runs of the chosen experiments from a profile, run the unfinished
// ones in parallel workers (resumable), and build <out>/<profile>/REPORT.md + report.html.
// `numfeat study` and examples/study/run.mjs are thin wrappers around runStudy.
import os from 'node:os';
import { resolve } from 'node:path';
import { NumfeatError } from '@numfeat/core';
import { EXPERIMENT_NAMES, planRuns } from './experiments/index.js';
import { loadProfile } from './profile.js';
import { buildReport, type Report } from './report/build.js';
import { parseShard, shardRuns } from './shard.js';
import { claimResultsFolder } from './store.js';
import { runSweep, type SweepSummary } from './sweep.js';
import type { ExecuteRun } from './one-run.js';

export interface StudyOptions {
  /** quick | standard | full, or a path to a profile JSON file (default standard). */
  profile?: string;
  /** Results go to <out>/<profile name> (default ./results). */
  out?: string;
  /** Experiment names (default all). */
  only?: readonly string[];
  /** "i/n": run only shard i of n (default 1/1). */
  shard?: string;
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Rebuild the report from finished runs only. */
  reportOnly?: boolean;
  /** Ctrl-C: stop after checkpointing the runs in progress. */
  signal?: AbortSignal;
  /** Progress lines. */
  log?: (line: string) => void;
  /** With workers: 0, runs execute in this thread with this function (tests). */
  execute?: ExecuteRun;
}

export interface StudyOutcome {
  root: string;
  /** Undefined with reportOnly. */
  sweep?: SweepSummary;
  /** Undefined when the sweep was stopped (no report is built then). */
  report?: Report;
  /** The process exit code: 0 ok; 130 stopped; 3 when every run this invocation executed failed. */
  exitCode: number;
}

export async function runStudy(o: StudyOptions = {}): Promise<StudyOutcome> {
  const log = o.log ?? ((line: string) => console.log(line));
  const t0 = performance.now();
  const profile = loadProfile(o.profile ?? 'standard');
  const only = o.only ?? EXPERIMENT_NAMES;
  const shard = parseShard(o.shard ?? '1/1');
  const workers = o.workers ?? os.availableParallelism?.() ?? os.cpus().length;
  if (!Number.isInteger(workers) || workers < (o.execute ? 0 : 1)) throw new NumfeatError('BAD_ARGUMENT', `--workers expects a positive integer, got ${JSON.stringify(workers)}`, { fix: 'pass e.g. --workers 2' });
  const root = resolve(o.out ?? 'results', profile.name);
  const all = planRuns(profile, only);
  await claimResultsFolder(root, profile);
  const mine = shardRuns(all, shard);
  log(`study '${profile.name}' v${profile.version}: ${all.length} runs for ${only.join(', ')}; shard ${shard.index}/${shard.count} has ${mine.length}; ${workers} worker(s), backend ${profile.backend}; results in ${root}`);
  let sweep: SweepSummary | undefined;
  if (!o.reportOnly) {
    // The sweep decides what is skipped (finished with the same spec) and says so before any run ends.
    let finished = 0;
    let skipped = 0;
    sweep = await runSweep({
      runs: mine, root, workers, backend: profile.backend, signal: o.signal, execute: o.execute,
      onEvent: (e) => {
        if (e.type === 'skip') skipped++;
        if (e.type === 'start') log(`  start ${e.id}`);
        if (e.type === 'done') log(`  [${++finished}/${mine.length - skipped}] ${e.status.padEnd(7)} ${e.id}${e.wallSeconds ? ` (${e.wallSeconds.toFixed(1)} s)` : ''}${e.error ? `: ${e.error}` : ''}`);
      },
    });
    log(`sweep: ${sweep.done.length} done, ${sweep.failed.length} failed, ${sweep.skipped.length} already finished, ${sweep.stopped.length} stopped`);
    if (o.signal?.aborted) {
      log('stopped: rerun the same command to resume.');
      return { root, sweep, exitCode: 130 };
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const report = await buildReport(root, { only, wallSeconds: o.reportOnly ? undefined : wall });
  log(`report: ${report.report} and ${report.html} (${report.figures.length} figures); study wall time ${(wall / 60).toFixed(1)} min`);
  for (const c of report.claims) log(`  ${c.id.padEnd(4)} ${c.verdict.padEnd(15)} ${c.claim}`);
  // Runs that failed are recorded (and reported); a study none of whose runs succeeded is an error.
  const allFailed = sweep !== undefined && sweep.failed.length > 0 && sweep.done.length === 0 && sweep.skipped.length === 0;
  if (allFailed) log(`error: all ${sweep!.failed.length} runs failed (see runs/<id>/log.txt and the run table in REPORT.md)`);
  return { root, sweep, report, exitCode: allFailed ? 3 : 0 };
}
