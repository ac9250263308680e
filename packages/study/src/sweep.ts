// The study's sweep: its skip and store rules on top of the project's worker pool (runPool). A run
// is skipped when result.json holds exactly this spec; a stale result is redone from scratch.
// Ctrl-C (the signal) stops cleanly: workers checkpoint the run in progress and exit. With
// workers: 0 the runs execute in this thread (tests inject a fake `execute`).
import { readFileSync } from 'node:fs';
import { runPool, type PoolBackend } from '@numfeat/models';
import { clearRun, isFinished, resultPath } from './store.js';
import { executeAndStore, type ExecuteRun, type RunOutcome } from './one-run.js';
import { longestFirst } from './run-cost.js';
import type { RunSpec } from './types.js';

export type SweepEvent = { type: 'skip'; id: string } | { type: 'start'; id: string } | { type: 'worker'; backend: string } | ({ type: 'done' } & RunOutcome);

export interface StudySweepOptions {
  runs: readonly RunSpec[];
  root: string;
  workers?: number;
  backend?: PoolBackend;
  /** Only with workers: 0 (in this thread); workers run @numfeat/study's executeRun. */
  execute?: ExecuteRun;
  onEvent?: (e: SweepEvent) => void;
  signal?: AbortSignal;
}

export interface SweepSummary {
  done: string[];
  failed: string[];
  skipped: string[];
  stopped: string[];
}

/** Runs the specs not yet finished; returns which ids ended how. */
export async function runSweep({ runs, root, workers = 1, backend = 'wasm', execute, onEvent = () => undefined, signal }: StudySweepOptions): Promise<SweepSummary> {
  const summary: SweepSummary = { done: [], failed: [], skipped: [], stopped: [] };
  const queue: RunSpec[] = [];
  for (const r of runs) {
    // Skip a finished run only if it ran exactly this spec; a stale result is redone from scratch
    // (its checkpoint belongs to the old spec, so it goes too).
    if (isFinished(root, r.id) && sameSpec(root, r)) {
      summary.skipped.push(r.id);
      onEvent({ type: 'skip', id: r.id });
      continue;
    }
    if (isFinished(root, r.id)) clearRun(root, r.id);
    queue.push(r);
  }
  const record = (o: RunOutcome) => {
    (o.status === 'ok' ? summary.done : o.status === 'failed' ? summary.failed : summary.stopped).push(o.id);
    onEvent({ type: 'done', ...o });
  };
  if (workers === 0) {
    if (!execute) throw new TypeError('runSweep with workers: 0 needs an execute function');
    for (const r of queue) {
      if (signal?.aborted) break;
      onEvent({ type: 'start', id: r.id });
      record(await executeAndStore(r, root, { execute, backend: 'inline', shouldStop: () => !!signal?.aborted }));
    }
    return summary;
  }
  if (queue.length === 0) return summary;
  await runPool<{ run: RunSpec; root: string }, RunOutcome>(
    longestFirst(queue).map((run) => ({ id: run.id, input: { run, root } })),
    {
      module: new URL('./run-task.js', import.meta.url),
      fn: 'runStudyTask',
      workers,
      backend,
      signal,
      onEvent: (e) => {
        if (e.type === 'worker') onEvent(e);
        else if (e.type === 'start') onEvent(e);
        // A task that threw outside executeAndStore (it records its own failures) is a failed run.
        else record(e.ok ? e.output : { id: e.id, status: 'failed', error: e.error.message });
      },
    },
  );
  return summary;
}

function sameSpec(root: string, run: RunSpec): boolean {
  try {
    return JSON.stringify(JSON.parse(readFileSync(resultPath(root, run.id), 'utf8')).run) === JSON.stringify(run);
  } catch {
    return false;
  }
}
