/**
 * Builds the bundled corpus cache with two tokenizers and records size, token counts, number-token
 * counts and tokenization speed in data/bundled-corpus-stats.json (committed; docs/data.md quotes it).
 *
 *   cd packages/data-gen && pnpm run build-corpus
 */
import { writeFileSync } from 'node:fs';
import { WordTokenizer, llama3Tokenizer, wholeNumbers, type Tokenizer } from '@numfeat/tokenizers';
import { buildBundledCorpus, corpusStats, readBundledDocuments, readShard, type CorpusManifest } from '../src/index.js';

const cacheDir = '.cache/corpus';
const results: Record<string, unknown> = {};

async function run(label: string, tokenizer: Tokenizer) {
  const t0 = performance.now();
  const corpus = await buildBundledCorpus({ cacheDir, tokenizer });
  const wall = (performance.now() - t0) / 1000;
  const m: CorpusManifest = corpus.manifest;
  const ids = new Uint32Array(m.tokens);
  let at = 0;
  for (const s of corpus.shards) {
    const part = readShard(s);
    ids.set(part, at);
    at += part.length;
  }
  const stats = corpusStats(ids, { numberValue: (id) => tokenizer.numberValue(id) });
  results[label] = {
    tokenizer: m.tokenizer,
    reused: corpus.reused,
    documents: m.documents,
    chars: m.chars,
    bytesUtf8Approx: m.chars,
    tokens: m.tokens,
    numberTokens: m.numberTokens,
    numberTokens0to999: stats,
    tokensPerSecond: Math.round(m.tokensPerSecond),
    buildWallSeconds: wall,
    sources: m.sources.map(({ name, documents, chars, tokens, numberTokens }) => ({ name, documents, chars, tokens, numberTokens })),
    shards: m.shards.length,
    dtype: m.dtype,
  };
  console.log(label, JSON.stringify(results[label], null, 1));
}

const t0 = performance.now();
const word = WordTokenizer.train(
  (function* () {
    for (const d of readBundledDocuments()) yield d.text;
  })(),
  { vocabSize: 16000, numberPolicy: wholeNumbers({ max: 999 }) },
);
console.log(`trained WordTokenizer (vocab ${word.vocabSize}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
await run('word16k-wholeNumbers999', word);
await run('llama3', await llama3Tokenizer());
writeFileSync('data/bundled-corpus-stats.json', JSON.stringify({ generatedBy: 'scripts/build-corpus.ts', machine: '2-core CI box, Node 20', results }, null, 1) + '\n');
