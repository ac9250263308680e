// A sweep worker thread: initialises its own TF.js backend once, then executes the runs it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '@numfeat/tensor';
import { executeRun, backendName } from './execute.mjs';
import { executeAndStore } from './one-run.mjs';

let stop = false;
await initBackend(workerData.backend);
const backend = backendName();
parentPort.on('message', async (msg) => {
  if (msg.type === 'stop') { stop = true; return; }
  if (msg.type === 'run') {
    const outcome = await executeAndStore(msg.run, msg.root, { execute: executeRun, backend, shouldStop: () => stop });
    parentPort.postMessage({ type: 'done', ...outcome });
  }
});
parentPort.postMessage({ type: 'ready', backend });
