#!/usr/bin/env node
// Short training runs on the bundled real corpus: every architecture (AdamW; the Transformer with
// Muon too) trains a small model (d64, 2 layers, ctx 64, batch 16) for a fixed token budget, and we
// report the final loss and Φ_10 / κ_10 of the number-token embedding rows (numbers 0..999, single
// tokens of the bundled word tokenizer). word2vec and PPMI (same width) run on the same token
// stream (the whole corpus by default; they are fast). A smoke test of the pipeline at a budget of
// minutes, not a study: each number occurs only a few times in ~100k tokens, so the neural models'
// number rows stay close to their initialisation, and κ_10 stays near 0 everywhere (design.md §8).
//
//   pnpm --filter "./packages/*" build
//   node packages/models/bench/short-runs.bench.mjs [--tokens 98304] [--arch transformer,lstm,...]
//        [--vocab 4000] [--classic-tokens N (default: the whole corpus)] [--skip-classic] [--backend wasm]
//
// The corpus shards and the tokenizer are cached under <repo>/.cache/corpus.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend, describeBackend } from '@numfeat/tensor';
import { buildBundledCorpus, bundledWordTokenizer, readCorpusIds } from '@numfeat/data-gen';
import { numberTokenIds } from '@numfeat/tokenizers';
import { fourierPowers } from '@numfeat/fourier';
import { probeModuli } from '@numfeat/probes';
import { train, streamBatches, trainWord2vec, trainPpmi } from '@numfeat/models';

const { values: args } = parseArgs({
  options: {
    tokens: { type: 'string', default: '98304' },
    arch: { type: 'string', default: 'transformer,lstm,gated-deltanet,mamba2' },
    vocab: { type: 'string', default: '4000' },
    'classic-tokens': { type: 'string', default: '100000000' },
    'skip-classic': { type: 'boolean', default: false },
    'skip-muon': { type: 'boolean', default: false },
    backend: { type: 'string', default: process.env.NUMFEAT_BACKEND ?? 'auto' },
  },
});
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cacheDir = join(repoRoot, '.cache/corpus');
const budget = Number(args.tokens);
const D = 64;
const SEQ = 64;
const BATCH = 16;
const SEED = 0;

// ---------------------------------------------------------------- data
const backend = await initBackend(args.backend);
console.log(describeBackend(backend).split('\n')[0]);
let t0 = performance.now();
const tokenizer = bundledWordTokenizer({ cacheDir, vocabSize: Number(args.vocab) });
const corpus = await buildBundledCorpus({ cacheDir, tokenizer });
const ids = readCorpusIds(corpus.shards);
const numbers = numberTokenIds(tokenizer, { count: 1000 });
if (numbers.missing.length > 0) throw new Error(`numbers not single tokens: ${numbers.missing.slice(0, 10)}`);
const numberIds = numbers.ids;
const V = tokenizer.vocabSize;
console.log(
  `bundled corpus: ${ids.length} tokens (${corpus.manifest.numberTokens} number tokens), vocabulary ${V} ` +
    `(${args.vocab} words + numbers 0..999 + specials/characters), ${corpus.reused ? 'cached' : 'built'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

/** Φ_2/5/10 and the mod-10 probe κ (one seed, as the trainer's eval hook) of number rows [1000, d]. */
function measure(E) {
  const phi = fourierPowers(E, [2, 5, 10]);
  const probe = probeModuli(E, [10], { seeds: [0], start: 0 })[10];
  return { phi2: phi[2], phi5: phi[5], phi10: phi[10], kappa10: probe.kappa, accuracy10: probe.accuracy };
}
function numberRows(table, dims) {
  const data = new Float64Array(numberIds.length * dims);
  numberIds.forEach((id, i) => data.set(table.subarray(id * dims, (id + 1) * dims), i * dims));
  return { data, shape: [numberIds.length, dims] };
}

// ---------------------------------------------------------------- neural runs
const MODELS = {
  transformer: { arch: 'transformer', dModel: D, nLayers: 2, nHeads: 4 },
  lstm: { arch: 'lstm', dEmbed: D, nLayers: 2 },
  'gated-deltanet': { arch: 'gated-deltanet', dModel: D, nLayers: 2, nHeads: 2, headDim: 32 },
  mamba2: { arch: 'mamba2', dModel: D, nLayers: 2, headDim: 32 },
};
const ADAMW = { name: 'adamw', lr: 3e-3, weightDecay: 0.1 };
const MUON = { name: 'muon', lr: 0.02, adamLr: 3e-3, weightDecay: 0.1 };
const runs = [];
for (const arch of args.arch.split(',')) {
  if (!MODELS[arch]) throw new Error(`unknown --arch ${arch}; use ${Object.keys(MODELS).join(',')}`);
  runs.push({ arch, optimizer: ADAMW });
  if (arch === 'transformer' && !args['skip-muon']) runs.push({ arch, optimizer: MUON });
}

const rows = [];
for (const run of runs) {
  const spec = { ...MODELS[run.arch], vocabSize: V, maxSeqLen: SEQ };
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await train({
    model: spec,
    seed: SEED,
    optimizer: run.optimizer,
    data: streamBatches(ids, { batchSize: BATCH, seqLen: SEQ, seed: SEED }),
    tokens: budget,
    eval: { every: budget, numberIds, periods: [2, 5, 10], moduli: [10], seeds: [0] },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (() => {
    const u = process.cpuUsage(cpu0);
    return (u.user + u.system) / 1e6;
  })();
  const params = result.model.params.reduce((n, p) => n + p.variable.size, 0);
  result.model.dispose();
  const last = result.losses.slice(-10);
  const [init, final] = [result.evals[0], result.evals.at(-1)];
  rows.push({
    method: `${run.arch} (${run.optimizer.name})`,
    params,
    tokens: result.tokens,
    initialLoss: result.losses[0].loss,
    finalLoss: last.reduce((s, r) => s + r.loss, 0) / last.length,
    phi10Init: init.phi[10],
    phi2: final.phi[2],
    phi5: final.phi[5],
    phi10: final.phi[10],
    kappa10: final.kappa[10],
    accuracy10: final.accuracy[10],
    seconds,
    cpuSeconds,
    tokensPerSecond: result.tokensPerSecond,
  });
  console.log(`  ${rows.at(-1).method}: loss ${rows.at(-1).initialLoss.toFixed(3)} → ${rows.at(-1).finalLoss.toFixed(3)}, Φ_10 ${final.phi[10].toFixed(3)}, κ_10 ${final.kappa[10].toFixed(1)}, ${seconds.toFixed(0)} s`);
}

// ---------------------------------------------------------------- classical baselines
if (!args['skip-classic']) {
  const n = Math.min(ids.length, Number(args['classic-tokens']));
  // Every k-th block of 64k tokens, so the slice spans all three sources like the neural runs' windows.
  const block = 1 << 16;
  const stride = Math.max(1, Math.floor(ids.length / block / Math.ceil(n / block)));
  const slice = new Int32Array(n);
  for (let at = 0, b = 0; at < n; b += stride) {
    const part = ids.subarray(b * block, Math.min(ids.length, b * block + block, b * block + (n - at)));
    slice.set(part, at);
    at += part.length;
    if (part.length === 0) break;
  }
  for (const [method, fit] of [
    ['word2vec (skip-gram)', async () => (await trainWord2vec(slice, { vocabSize: V, dims: D, window: 5, negative: 5, epochs: 1, seed: SEED })).embeddings],
    ['PPMI + SVD', async () => trainPpmi(slice, { vocabSize: V, dims: D, window: 5, seed: SEED }).embeddings],
  ]) {
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const table = await fit();
    const seconds = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(cpu0);
    const m = measure(numberRows(table, D));
    rows.push({ method, params: V * D, tokens: n, initialLoss: null, finalLoss: null, phi10Init: null, ...m, seconds, cpuSeconds: (u.user + u.system) / 1e6, tokensPerSecond: n / seconds });
    console.log(`  ${method}: Φ_10 ${m.phi10.toFixed(3)}, κ_10 ${m.kappa10.toFixed(1)}, ${seconds.toFixed(0)} s`);
  }
}

// ---------------------------------------------------------------- report
const f = (x, d) => (x === null || x === undefined ? '—' : x.toFixed(d));
console.log(`\nShort runs on the bundled corpus: d${D}, 2 layers, ctx ${SEQ}, batch ${BATCH}, ${budget} tokens, seed ${SEED}, backend ${backend.name}`);
console.log('| method | params | tokens | loss start → end (mean of last 10 steps) | Φ_10 init | Φ_2 | Φ_5 | Φ_10 | κ_10 | acc_10 % | wall s | CPU s | tok/s |');
console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const loss = r.finalLoss === null ? '—' : `${f(r.initialLoss, 3)} → ${f(r.finalLoss, 3)}`;
  console.log(
    `| ${r.method} | ${r.params} | ${r.tokens} | ${loss} | ${f(r.phi10Init, 3)} | ${f(r.phi2, 3)} | ${f(r.phi5, 3)} | ${f(r.phi10, 3)} | ${f(r.kappa10, 1)} | ${f(r.accuracy10, 3)} | ${f(r.seconds, 0)} | ${f(r.cpuSeconds, 0)} | ${f(r.tokensPerSecond, 0)} |`,
  );
}
console.log(
  'BENCH_JSON ' +
    JSON.stringify({
      bench: 'models/short-runs',
      machine: { cpus: cpus().length, loadavg: loadavg().map((x) => +x.toFixed(2)), backend: backend.name },
      setup: { dModel: D, nLayers: 2, seqLen: SEQ, batchSize: BATCH, tokens: budget, vocabSize: V, corpusTokens: ids.length, seed: SEED, adamw: ADAMW, muon: MUON },
      rows,
    }),
);
