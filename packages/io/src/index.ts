// @numfeat/io — embedding file readers/writers and atomic writes.
// Parsers take bytes (browser.ts, the `browser` export condition); the *File functions,
// loadEmbeddings and atomic writes use node:fs lazily and are Node-only.
export * from './browser.js';
export { readNpyFile, readSafetensorsFile, listSafetensorsFile, readGloveFile, readWord2vecFile } from './files.js';
export {
  loadEmbeddings,
  detectFormat,
  EMBEDDING_FORMATS,
  type EmbeddingFormat,
  type LoadEmbeddingsOptions,
  type LoadedEmbeddings,
} from './load.js';
export { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './atomic.js';
export { readFileBytes } from './node-fs.js';
export { loadModelFolder, isModelFolder, type LoadModelFolderOptions, type LoadedModelFolder } from './hf-folder.js';
export { findEmbeddingTensor, EMBEDDING_TENSOR_NAMES, type FoundEmbeddingTensor } from './hf-embedding-names.js';
export { readNumberTokens, numberIds, type NumberTokenForm, type NumberTokenVocabulary, type NumberIds } from './hf-tokenizer-json.js';
export { writeSafetensors, floatToHalfBits, floatToBfloat16Bits, type SafetensorsInput } from './safetensors-write.js';
