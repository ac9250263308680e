#!/usr/bin/env node
// Two independent training runs: in two worker threads at once vs one after the other (one worker).
// Measures total tokens/s of each schedule. wasm in Node is single-threaded, so on a machine with
// ≥ 2 free cores parallel workers should approach 2× — on a loaded machine they may not.
// Run: pnpm --filter @numfeat/models build && node packages/models/bench/parallel.bench.mjs [--steps 20] [--backend wasm]
// Peer: none (this compares two schedules of our own trainer); the design.md reference for this
// model size is ~2.0k tok/s per wasm process vs ~3.2k tok/s PyTorch CPU (2 threads).
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { runSweep } from '@numfeat/models';

const { values: args } = parseArgs({ options: { steps: { type: 'string', default: '20' }, backend: { type: 'string', default: 'wasm' } } });
const steps = Number(args.steps);
const B = 16;
const T = 64;
const V = 1024;
// A fixed pseudo-random token stream (content does not matter for throughput).
let s = 12345;
const ids = Int32Array.from({ length: 200_000 }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % V);
const run = (name, seed) => ({
  name,
  seed,
  model: { arch: 'transformer', vocabSize: V, dModel: 128, nLayers: 2, nHeads: 4, maxSeqLen: T },
  optimizer: { name: 'muon' },
  data: { ids, batchSize: B, seqLen: T, seed },
  steps,
});
const runs = [run('r0', 0), run('r1', 1)];
const tokens = runs.length * steps * B * T;

async function timed(workers) {
  const t0 = performance.now();
  const results = await runSweep(runs, { workers, backend: args.backend });
  const seconds = (performance.now() - t0) / 1000;
  for (const r of results) if (!r.ok) throw new Error(`${r.name}: ${r.error?.message}`);
  return { seconds, tokensPerSecond: tokens / seconds, perRun: results.map((r) => Math.round(r.tokensPerSecond)) };
}

console.log(`2 runs × ${steps} steps × ${B}×${T} tokens, transformer d128 L2 V${V}, Muon, backend ${args.backend}, ${cpus().length} CPUs`);
const sequential = await timed(1);
const parallel = await timed(2);
const ratio = parallel.tokensPerSecond / sequential.tokensPerSecond;
console.log('schedule     wall s   total tok/s   per-run tok/s (inside the run)');
console.log(`sequential  ${sequential.seconds.toFixed(1).padStart(6)}   ${sequential.tokensPerSecond.toFixed(0).padStart(11)}   ${sequential.perRun.join(', ')}`);
console.log(`parallel    ${parallel.seconds.toFixed(1).padStart(6)}   ${parallel.tokensPerSecond.toFixed(0).padStart(11)}   ${parallel.perRun.join(', ')}`);
console.log(`ratio parallel/sequential (total tok/s): ${ratio.toFixed(2)} → ${ratio > 1.05 ? 'parallel workers are better' : ratio < 0.95 ? 'sequential is better' : 'no difference'}`);
console.log('BENCH_JSON ' + JSON.stringify({ bench: 'models/parallel', steps, batch: [B, T], backend: args.backend, cpus: cpus().length, sequential, parallel, ratio }));
