// @numfeat/io — embedding file readers/writers and atomic writes.
// Parsers take bytes (browser-safe); the *File functions and atomic writes use node:fs lazily.
export { readNpy, writeNpy, type NpyArray, type ReadOptions, type WriteNpyOptions } from './npy.js';
export {
  readSafetensors,
  listSafetensors,
  type ReadSafetensorsOptions,
  type SafetensorsEntry,
  type SafetensorsHeader,
  type SafetensorsTensor,
} from './safetensors.js';
export { readGloveText } from './glove.js';
export { readWord2vecBinary } from './word2vec.js';
export type { WordVectors, WordReadOptions } from './word-vectors.js';
export { halfToFloat, bfloat16ToFloat, type DenseArray } from './dtypes.js';
export { readNpyFile, readSafetensorsFile, listSafetensorsFile, readGloveFile, readWord2vecFile } from './files.js';
export {
  loadEmbeddings,
  detectFormat,
  EMBEDDING_FORMATS,
  type EmbeddingFormat,
  type LoadEmbeddingsOptions,
  type LoadedEmbeddings,
} from './load.js';
export { formatNumberRanges, largestContiguous, missingNumbersError } from './ranges.js';
export { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './atomic.js';
export { readFileBytes } from './node-fs.js';
export { READ_LIMITS } from './limits.js';
export { loadModelFolder, isModelFolder, type LoadModelFolderOptions, type LoadedModelFolder } from './hf-folder.js';
export { findEmbeddingTensor, EMBEDDING_TENSOR_NAMES, type FoundEmbeddingTensor } from './hf-embedding-names.js';
export { readNumberTokens, numberIds, type NumberTokenForm, type NumberTokenVocabulary, type NumberIds } from './hf-tokenizer-json.js';
export { writeSafetensors, floatToHalfBits, floatToBfloat16Bits, type SafetensorsInput } from './safetensors-write.js';
