import { NumfeatError } from '@numfeat/core';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { CompactVocabulary } from './compact.js';
import { PretrainedTokenizer } from './pretrained.js';
import type { Tokenizer } from './tokenizer.js';
import { parseJsonInput } from './vocab-utils.js';
import { WordTokenizer } from './word-tokenizer.js';

/**
 * Rebuilds any numfeat tokenizer from its toJSON() output (object or JSON text): word, BPE,
 * pretrained adapter, or a compact vocabulary over any of these. Async because real vocabularies
 * are imported lazily.
 */
export async function loadTokenizer(json: unknown): Promise<Tokenizer> {
  const o = parseJsonInput(json, 'numfeat tokenizer');
  switch (o.format) {
    case 'numfeat.word-tokenizer':
      return WordTokenizer.fromJSON(o);
    case 'numfeat.bpe-tokenizer':
      return BpeTokenizer.fromJSON(o);
    case 'numfeat.pretrained-tokenizer':
      return PretrainedTokenizer.fromJSON(o);
    case 'numfeat.compact-vocabulary':
      return CompactVocabulary.fromJSON(o, await loadTokenizer(o.base));
    default:
      throw new NumfeatError('CORRUPT_FILE', `unknown tokenizer format ${JSON.stringify(o.format)}`, {
        fix: 'pass the output of toJSON() from a WordTokenizer, BpeTokenizer, pretrained tokenizer or CompactVocabulary',
      });
  }
}
