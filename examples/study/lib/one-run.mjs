// One run, start to finish: execute, then write result.json atomically (ok or failed) with its
// wall time, backend and host. A stop request leaves no result.json (the run resumes next time
// from its checkpoint); a diverged or crashed run is recorded as failed and the sweep goes on.
import os from 'node:os';
import { logger, writeResult } from './store.mjs';
import { runDir } from './store.mjs';

export async function executeAndStore(run, root, { execute, backend, shouldStop = () => false }) {
  const log = logger(root, run.id);
  const started = new Date();
  const t0 = performance.now();
  log(`start ${run.id} (${run.system}) on ${backend}`);
  const base = { id: run.id, run, startedAt: started.toISOString(), backend, host: { cpus: os.cpus().length, platform: `${os.platform()}-${os.arch()}`, node: process.version } };
  try {
    const result = await execute(run, { dir: runDir(root, run.id), log, shouldStop });
    if (result?.stopped) { log('stopped on request; resumes from its checkpoint'); return { id: run.id, status: 'stopped' }; }
    const wallSeconds = (performance.now() - t0) / 1000;
    await writeResult(root, run.id, { ...base, status: 'ok', wallSeconds, result });
    log(`done in ${wallSeconds.toFixed(1)} s`);
    return { id: run.id, status: 'ok', wallSeconds };
  } catch (e) {
    const wallSeconds = (performance.now() - t0) / 1000;
    const error = { message: e?.message ?? String(e), code: e?.code, stack: e?.stack };
    log(`FAILED: ${error.message}\n${error.stack ?? ''}`);
    await writeResult(root, run.id, { ...base, status: 'failed', wallSeconds, error, log: 'log.txt' });
    return { id: run.id, status: 'failed', wallSeconds, error: error.message };
  }
}
