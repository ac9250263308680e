import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WordTokenizer, wholeNumbers } from '@numfeat/tokenizers';
import { writeFileAtomicSync } from '@numfeat/io';
import { readBundledDocuments } from './sources.js';
import { readShard, type ShardRef } from './shards.js';

/** All shards of a corpus concatenated into one id array (shards are read one at a time). */
export function readCorpusIds(shards: readonly ShardRef[]): Uint32Array {
  const ids = new Uint32Array(shards.reduce((n, s) => n + s.tokens, 0));
  let at = 0;
  for (const s of shards) {
    ids.set(readShard(s), at);
    at += s.tokens;
  }
  return ids;
}

export interface BundledWordTokenizerOptions {
  /** Where the trained tokenizer JSON is cached (default: not cached). */
  cacheDir?: string;
  /** Words kept besides the number tokens 0..999, specials and the character fallback (default 16000). */
  vocabSize?: number;
}

/**
 * The compact word-level vocabulary tiny models need, trained on the bundled corpus: top-K words,
 * every number 0..999 as a single token (the study's setting), specials and a character fallback.
 * Training takes seconds; with `cacheDir` it happens once and later calls read the JSON.
 */
export function bundledWordTokenizer(opts: BundledWordTokenizerOptions = {}): WordTokenizer {
  const vocabSize = opts.vocabSize ?? 16000;
  const file = opts.cacheDir ? join(opts.cacheDir, `word-tokenizer-${vocabSize}.json`) : undefined;
  if (file && existsSync(file)) {
    try {
      return WordTokenizer.fromJSON(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // A corrupt cache is rebuilt below, never used.
    }
  }
  const texts = (function* () {
    for (const doc of readBundledDocuments()) yield doc.text;
  })();
  const tokenizer = WordTokenizer.train(texts, { vocabSize, numberPolicy: wholeNumbers({ max: 999 }) });
  if (file) writeFileAtomicSync(file, JSON.stringify(tokenizer.toJSON()));
  return tokenizer;
}
