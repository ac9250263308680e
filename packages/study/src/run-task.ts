// The pool task of a study run: what each worker thread calls (by name) for every run it is given.
import type { TaskContext } from '@numfeat/models';
import { executeRun } from './execute.js';
import { executeAndStore, type RunOutcome } from './one-run.js';
import type { RunSpec } from './types.js';

export function runStudyTask({ run, root }: { run: RunSpec; root: string }, ctx: TaskContext): Promise<RunOutcome> {
  return executeAndStore(run, root, { execute: executeRun, backend: ctx.backend, shouldStop: ctx.shouldStop });
}
