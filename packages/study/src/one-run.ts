// One run, start to finish: execute, then write result.json atomically (ok or failed) with its
// wall time, backend and host. A stop request leaves no result.json (the run resumes next time
// from its checkpoint); a diverged or crashed run is recorded as failed and the sweep goes on.
import os from 'node:os';
import { logger, runDir, writeResult } from './store.js';
import type { RunContext, RunSpec } from './types.js';

/** Executes a run spec in a context; returns its result body, or { stopped: true }. */
export type ExecuteRun = (run: RunSpec, ctx: RunContext) => Promise<unknown>;

export interface RunOutcome {
  id: string;
  status: 'ok' | 'failed' | 'stopped';
  wallSeconds?: number;
  error?: string;
}

export async function executeAndStore(run: RunSpec, root: string, { execute, backend, shouldStop = () => false }: { execute: ExecuteRun; backend: string; shouldStop?: () => boolean }): Promise<RunOutcome> {
  const log = logger(root, run.id);
  const started = new Date();
  const t0 = performance.now();
  log(`start ${run.id} (${run.system}) on ${backend}`);
  const base = { id: run.id, run, startedAt: started.toISOString(), backend, host: { cpus: os.cpus().length, platform: `${os.platform()}-${os.arch()}`, node: process.version } };
  try {
    const result = await execute(run, { dir: runDir(root, run.id), log, shouldStop });
    if ((result as { stopped?: boolean })?.stopped) {
      log('stopped on request; resumes from its checkpoint');
      return { id: run.id, status: 'stopped' };
    }
    const wallSeconds = (performance.now() - t0) / 1000;
    await writeResult(root, run.id, { ...base, status: 'ok', wallSeconds, result });
    log(`done in ${wallSeconds.toFixed(1)} s`);
    return { id: run.id, status: 'ok', wallSeconds };
  } catch (e) {
    const wallSeconds = (performance.now() - t0) / 1000;
    const err = e as { message?: string; code?: string; stack?: string };
    const error = { message: err?.message ?? String(e), code: err?.code, stack: err?.stack };
    log(`FAILED: ${error.message}\n${error.stack ?? ''}`);
    await writeResult(root, run.id, { ...base, status: 'failed', wallSeconds, error, log: 'log.txt' });
    return { id: run.id, status: 'failed', wallSeconds, error: error.message };
  }
}
