#!/usr/bin/env node
// Train one small LM from a config file and watch its number embeddings (paper §3.2, §3.7):
// corpus → tokenizer → token stream (optionally perturbed) → train with Muon/AdamW, recording Φ_T
// and mod-T probe κ at train.evalPoints points → final embeddings + the full analysis.
// The config is a run config (@numfeat/models parseRunConfig: model, optimizer, train, corpus, seed,
// perturbation) plus `backend` and `out`.
// Usage: node run.mjs [config.json] [--resume]     (run `pnpm build` first)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { initBackend, describeBackend, rules, validateConfig } from '@numfeat/tensor';
import { numberCorpus, perturb } from '@numfeat/data-gen';
import { train, packedBatches, numberEmbeddings, RUN_CONFIG_RULE } from '@numfeat/models';
import { writeFileAtomic, writeJsonAtomic, writeNpy } from '@numfeat/io';
import { analyzeEmbeddings, writeFigures } from '@numfeat/analysis';

const configPath = resolve(process.argv[2] ?? 'config.json');
const CONFIG_RULE = rules.object({ ...RUN_CONFIG_RULE.fields, backend: rules.oneOf('auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'), out: rules.string() }, ['out', 'corpus', 'model', 'optimizer', 'train']);
let cfg;
try {
  cfg = validateConfig(JSON.parse(readFileSync(configPath, 'utf8')), CONFIG_RULE, configPath);
} catch (e) {
  console.error(`train-one: ${e.message}`);
  process.exit(2);
}
const out = resolve(dirname(configPath), cfg.out);
const seed = cfg.seed ?? 0;
const perturbation = cfg.perturbation ?? 'none';
console.log(describeBackend(await initBackend(cfg.backend ?? 'auto')).split('\n')[0]);

// 1–2. Text, a tokenizer in which the numbers 0..N−1 are single tokens, and one token stream.
const corpus = numberCorpus({ seed, ...cfg.corpus });
// 3. The perturbation (paper §3.3), packed into rows of context + 1 tokens.
const { batchSize, context, tokens, evalPoints = 10 } = cfg.train;
const packed = perturb(corpus.ids, perturbation, { isNumber: corpus.isNumber, padId: corpus.padId, context, seed });
console.log(`${corpus.ids.length} tokens, vocabulary ${corpus.vocabSize}, perturbation: ${perturbation}`);

// 4. Train. The dynamics (loss, Φ_T, κ) stream into out/dynamics.jsonl; checkpoints make it resumable.
const result = await train({
  model: { ...cfg.model, vocabSize: corpus.vocabSize, maxSeqLen: packed.seqLen - 1 },
  seed,
  optimizer: cfg.optimizer,
  data: packedBatches(packed, { batchSize, seed }),
  dataConfig: { corpus: cfg.corpus, perturbation, seed },
  tokens,
  eval: { every: Math.max(1, Math.round(tokens / evalPoints)), numberIds: corpus.numberIds, moduli: [2, 5, 10], seeds: cfg.train.probeSeeds },
  outDir: out,
  resume: process.argv.includes('--resume'),
  progress: process.stderr,
  onEval: (r) => console.log(`tokens ${r.tokens}: Φ_2 ${r.phi[2].toFixed(3)} Φ_5 ${r.phi[5].toFixed(3)} Φ_10 ${r.phi[10].toFixed(3)} | κ_2 ${r.kappa[2].toFixed(1)} κ_5 ${r.kappa[5].toFixed(1)} κ_10 ${r.kappa[10].toFixed(1)}`),
});
console.log(`${result.status} after ${result.step} steps, ${Math.round(result.tokensPerSecond)} tok/s, final loss ${result.losses.at(-1)?.loss.toFixed(4)}`);

// 5. The final number embeddings and the full analysis, as `numfeat analyze` would print them.
const E = await numberEmbeddings(result.model, corpus.numberIds);
result.model.dispose();
const analysis = analyzeEmbeddings(E);
await writeFileAtomic(join(out, 'embeddings.npy'), writeNpy(E, { dtype: 'f4' }));
await writeJsonAtomic(join(out, 'analysis.json'), analysis);
await writeFigures(out, analysis, `${cfg.model.arch} (${cfg.optimizer.name}), ${cfg.corpus.source}, ${perturbation}`);
console.log(`Φ_T ${JSON.stringify(analysis.phi)}  κ ${JSON.stringify(analysis.kappa)}`);
console.log(`wrote ${out}/{embeddings.npy, dynamics.jsonl, checkpoint.bin, analysis.json, spectrum.svg, kappa.svg}`);
