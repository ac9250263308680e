#!/usr/bin/env node
// Train one small LM from a config file and watch its number embeddings (paper §3.2, §3.7):
// corpus → tokenizer → token stream (optionally perturbed) → train with Muon/AdamW, recording Φ_T
// and mod-T probe κ every evalEvery tokens → final embeddings + the full analysis.
// Usage: node run.mjs [config.json] [--resume]     (run `pnpm build` first)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { initBackend, describeBackend } from '@numfeat/tensor';
import { synthCorpus, readBundledDocuments, swapNumbers, unigramReplace } from '@numfeat/data-gen';
import { WordTokenizer, numberTokenIds } from '@numfeat/tokenizers';
import { train, streamBatches, numberEmbeddings } from '@numfeat/models';
import { writeFileAtomic, writeJsonAtomic, writeNpy } from '@numfeat/io';
import { analyzeEmbeddings, writeFigures } from '@numfeat/analysis';

const configPath = resolve(process.argv[2] ?? 'config.json');
const cfg = JSON.parse(readFileSync(configPath, 'utf8'));
const out = resolve(dirname(configPath), cfg.out);
console.log(describeBackend(await initBackend(cfg.backend)).split('\n')[0]);

// 1. Text and a tokenizer in which the numbers 0..N−1 are single tokens.
const texts = [];
if (cfg.corpus.kind === 'synthetic') {
  for (const doc of synthCorpus({ seed: cfg.seed, tokens: cfg.corpus.tokens })) texts.push(doc);
} else {
  let chars = 0;
  for (const doc of readBundledDocuments()) {
    texts.push(doc.text);
    if ((chars += doc.text.length) > 4.5 * cfg.corpus.tokens) break;
  }
}
const tokenizer = WordTokenizer.train(texts, { vocabSize: cfg.corpus.vocabSize });
const numberIds = numberTokenIds(tokenizer, { count: cfg.corpus.numbers }).ids;
if (numberIds.includes(null)) throw new Error('some numbers are not single tokens: lower corpus.numbers');

// 2. One token stream, documents separated by <eos>, then the perturbation (paper §3.3).
const eos = tokenizer.tokenToId('<eos>');
const stream = Uint32Array.from(texts.flatMap((t) => [...tokenizer.encode(t), eos]));
const isNumber = ((set) => (id) => set.has(id))(new Set(numberIds));
const perturbed = { none: (s) => s, swap: (s) => swapNumbers(s, { isNumber, seed: cfg.seed }), unigram: (s) => unigramReplace(s, { isNumber, seed: cfg.seed }) }[cfg.perturb](stream);
console.log(`${stream.length} tokens, vocabulary ${tokenizer.vocabSize}, perturbation: ${cfg.perturb}`);

// 3. Train. The dynamics (loss, Φ_T, κ) stream into out/dynamics.jsonl; checkpoints make it resumable.
const { batchSize, seqLen } = cfg.train;
const result = await train({
  model: { ...cfg.model, vocabSize: tokenizer.vocabSize, maxSeqLen: seqLen },
  seed: cfg.seed,
  optimizer: cfg.optimizer,
  data: streamBatches(perturbed, { batchSize, seqLen, seed: cfg.seed }),
  dataConfig: { corpus: cfg.corpus, perturb: cfg.perturb, seed: cfg.seed },
  tokens: cfg.train.tokens,
  eval: { every: cfg.train.evalEvery, numberIds, moduli: [2, 5, 10], seeds: cfg.train.probeSeeds },
  outDir: out,
  resume: process.argv.includes('--resume'),
  progress: process.stderr,
  onEval: (r) => console.log(`tokens ${r.tokens}: Φ_2 ${r.phi[2].toFixed(3)} Φ_5 ${r.phi[5].toFixed(3)} Φ_10 ${r.phi[10].toFixed(3)} | κ_2 ${r.kappa[2].toFixed(1)} κ_5 ${r.kappa[5].toFixed(1)} κ_10 ${r.kappa[10].toFixed(1)}`),
});
console.log(`${result.status} after ${result.step} steps, ${Math.round(result.tokensPerSecond)} tok/s, final loss ${result.losses.at(-1)?.loss.toFixed(4)}`);

// 4. The final number embeddings and the full analysis, as `numfeat analyze` would print them.
const E = await numberEmbeddings(result.model, numberIds);
result.model.dispose();
const analysis = analyzeEmbeddings(E);
await writeFileAtomic(join(out, 'embeddings.npy'), writeNpy(E, { dtype: 'f4' }));
await writeJsonAtomic(join(out, 'analysis.json'), analysis);
await writeFigures(out, analysis, `${cfg.model.arch} (${cfg.optimizer.name}), ${cfg.corpus.kind}, ${cfg.perturb}`);
console.log(`Φ_T ${JSON.stringify(analysis.phi)}  κ ${JSON.stringify(analysis.kappa)}`);
console.log(`wrote ${out}/{embeddings.npy, dynamics.jsonl, checkpoint.bin, analysis.json, spectrum.svg, kappa.svg}`);
