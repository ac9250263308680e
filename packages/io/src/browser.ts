// @numfeat/io in browsers (the package's `browser` export condition): the parsers, which take bytes.
// The file-path readers, loadEmbeddings and atomic writes (node:fs) are in the Node entry only.
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
export { formatNumberRanges, largestContiguous, missingNumbersError } from './ranges.js';
export { READ_LIMITS } from './limits.js';
