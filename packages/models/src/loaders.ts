// Embedding loaders, re-exported from @numfeat/io so a models user has one import for "train or
// load, then analyse". The number-token rows of a trained model come from numberEmbeddings
// (train/eval.ts, already exported by index.ts — not repeated here, to keep one definition).
export {
  loadEmbeddings,
  detectFormat,
  EMBEDDING_FORMATS,
  readNpy,
  readNpyFile,
  readSafetensors,
  readSafetensorsFile,
  listSafetensors,
  listSafetensorsFile,
  readGloveText,
  readGloveFile,
  readWord2vecBinary,
  readWord2vecFile,
  type EmbeddingFormat,
  type LoadEmbeddingsOptions,
  type LoadedEmbeddings,
  type NpyArray,
  type SafetensorsTensor,
  type SafetensorsHeader,
  type WordVectors,
} from '@numfeat/io';
