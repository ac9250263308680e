export type { Tokenizer, NumberPiece } from './tokenizer.js';
export { parseNumberPiece } from './tokenizer.js';
export {
  singleDigits,
  chunks,
  paddedChunks,
  wholeNumbers,
  numberPolicyFromSpec,
  type NumberPolicy,
  type NumberPolicySpec,
} from './number-policy.js';
export { pretokenize, segmentKind, type SegmentKind } from './pretokenize.js';
export { WordTokenizer, type WordTrainOptions, type WordTokenizerJSON, type EncodeOptions } from './word-tokenizer.js';
export { encodeWtf8, decodeWtf8 } from './wtf8.js';
export { BpeTokenizer, type BpeTrainOptions, type BpeTokenizerJSON } from './bpe-tokenizer.js';
export {
  PretrainedTokenizer,
  pretrainedTokenizer,
  llama3Tokenizer,
  gpt2Tokenizer,
  cl100kTokenizer,
  o200kTokenizer,
  PRETRAINED_VOCABULARIES,
  type PretrainedVocabulary,
} from './pretrained.js';
export { numberTokenIds, type NumberTokenIds } from './number-tokens.js';
export { compactVocabulary, CompactVocabulary, type CompactOptions } from './compact.js';
export { loadTokenizer } from './load.js';
