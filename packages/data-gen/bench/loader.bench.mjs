// Benchmark: synthetic-corpus generation speed, and LM batch loading from uint16 shards
// (ours: batches() reading windows with pread) vs a NumPy peer (np.memmap + random windows).
// Run after `pnpm build`: node packages/data-gen/bench/loader.bench.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batches, countApproxTokens, synthCorpus } from '@numfeat/data-gen';

// 1. Synthetic corpus generation (approximate tokens per second; no peer exists).
let t0 = performance.now();
let tokens = 0;
for (const doc of synthCorpus({ seed: 0, tokens: 1_000_000 })) tokens += countApproxTokens(doc).tokens;
const synthTokPerS = tokens / ((performance.now() - t0) / 1000);

// 2. Batch loading: 4M tokens in 4 shards, B = 16, T = 256, 1000 batches.
const dir = mkdtempSync(join(tmpdir(), 'numfeat-bench-'));
const shards = [];
for (let s = 0; s < 4; s++) {
  const a = new Uint16Array(1 << 20);
  for (let i = 0; i < a.length; i++) a[i] = (i * 2654435761 + s) % 65521;
  const path = join(dir, `s${s}.bin`);
  writeFileSync(path, new Uint8Array(a.buffer));
  shards.push({ path, dtype: 'uint16', tokens: a.length });
}
const B = 16, T = 256, nBatches = 1000;
const stream = batches({ shards, batchSize: B, seqLen: T, seed: 0 });
stream.next(); // warm-up
t0 = performance.now();
for (let i = 0; i < nBatches; i++) stream.next();
const oursS = (performance.now() - t0) / 1000;
stream.close();
const oursTokPerS = (nBatches * B * T) / oursS;

let peerTokPerS = null;
try {
  const py = `
import numpy as np, time, sys
paths = sys.argv[1:]
mm = [np.memmap(p, dtype=np.uint16, mode='r') for p in paths]
B, T, n = ${B}, ${T}, ${nBatches}
win = [(s, j * T) for s, m in enumerate(mm) for j in range((len(m) - 1) // T)]
rng = np.random.default_rng(0); order = rng.permutation(len(win))
t = time.perf_counter()
for b in range(n):
    x = np.empty((B, T), np.int32); y = np.empty((B, T), np.int32)
    for r in range(B):
        s, o = win[order[(b * B + r) % len(win)]]
        w = np.asarray(mm[s][o:o + T + 1], dtype=np.int32); x[r] = w[:-1]; y[r] = w[1:]
print((n * B * T) / (time.perf_counter() - t))`;
  peerTokPerS = Number(execFileSync('/usr/bin/python3', ['-c', py, ...shards.map((s) => s.path)], { encoding: 'utf8' }).trim());
} catch (e) {
  console.log(`NumPy peer unavailable (${e.message.split('\n')[0]}); printing ours only`);
}
rmSync(dir, { recursive: true, force: true });

const row = (name, ours, peer) => console.log(`${name.padEnd(34)} ${ours.toExponential(3).padStart(10)} ${peer === null ? '         —' : peer.toExponential(3).padStart(10)} ${peer === null ? '   —' : (ours / peer).toFixed(2).padStart(6)}`);
console.log(`${'benchmark (tokens/s)'.padEnd(34)} ${'ours'.padStart(10)} ${'numpy'.padStart(10)} ${'ratio'.padStart(6)}`);
row('synthCorpus generation', synthTokPerS, null);
row(`batches B=${B} T=${T} from uint16 shards`, oursTokPerS, peerTokPerS);
console.log('BENCH_JSON ' + JSON.stringify({ package: 'data-gen', synthTokensPerS: synthTokPerS, batchTokensPerS: oursTokPerS, numpyBatchTokensPerS: peerTokPerS, ratio: peerTokPerS ? oursTokPerS / peerTokPerS : null }));
