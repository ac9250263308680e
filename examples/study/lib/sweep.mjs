// The sweep: independent runs in parallel worker threads (one per core by default), finished runs
// skipped, Ctrl-C stops cleanly (workers checkpoint the run in progress and exit). With
// workers: 0 the runs execute in this thread (tests inject a fake `execute`).
import { Worker } from 'node:worker_threads';
import { prepareWebGPUWorkers } from '@numfeat/tensor';
import { readFileSync } from 'node:fs';
import { clearRun, isFinished, resultPath } from './store.mjs';
import { executeAndStore } from './one-run.mjs';

/**
 * runs: specs; root: results folder. Returns { done, failed, skipped, stopped } (lists of ids).
 * onEvent(e) gets { type: 'skip'|'start'|'done', id, ... } for progress output.
 */
export async function runSweep({ runs, root, workers = 1, backend = 'wasm', execute, onEvent = () => {}, signal }) {
  const summary = { done: [], failed: [], skipped: [], stopped: [] };
  const queue = [];
  for (const r of runs) {
    // Skip a finished run only if it ran exactly this spec; a stale result is redone from scratch
    // (its checkpoint belongs to the old spec, so it goes too).
    if (isFinished(root, r.id) && sameSpec(root, r)) { summary.skipped.push(r.id); onEvent({ type: 'skip', id: r.id }); continue; }
    if (isFinished(root, r.id)) clearRun(root, r.id);
    queue.push(r);
  }
  const record = (o) => { (o.status === 'ok' ? summary.done : o.status === 'failed' ? summary.failed : summary.stopped).push(o.id); onEvent({ type: 'done', ...o }); };
  if (workers === 0) {
    for (const r of queue) {
      if (signal?.aborted) break;
      onEvent({ type: 'start', id: r.id });
      record(await executeAndStore(r, root, { execute, backend: 'inline', shouldStop: () => !!signal?.aborted }));
    }
    return summary;
  }
  if (backend === 'webgpu') prepareWebGPUWorkers();
  const n = Math.max(1, Math.min(workers, queue.length));
  await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
    const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { backend } });
    const onAbort = () => w.postMessage({ type: 'stop' });
    signal?.addEventListener('abort', onAbort);
    const next = () => {
      const r = signal?.aborted ? undefined : queue.shift();
      if (!r) { signal?.removeEventListener('abort', onAbort); w.terminate().then(resolve); return; }
      onEvent({ type: 'start', id: r.id });
      w.postMessage({ type: 'run', run: r, root });
    };
    w.on('message', (m) => {
      if (m.type === 'ready') { onEvent({ type: 'worker', backend: m.backend }); next(); }
      if (m.type === 'done') { record(m); next(); }
    });
    w.on('error', reject);
  })));
  return summary;
}

function sameSpec(root, run) {
  try { return JSON.stringify(JSON.parse(readFileSync(resultPath(root, run.id), 'utf8')).run) === JSON.stringify(run); } catch { return false; }
}
