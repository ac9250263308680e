// Public API of @numfeat/data-gen in Node. See README.md and docs/data.md. Browsers get browser.ts
// through the `browser` export condition: the same API without the bundled real corpus.
export * from './api.js';

// Bundled real corpus: sources, cleaning, tokenized binary shards with a manifest
export { readBundledDocuments, sourcePackageInfo, BUNDLED_SOURCES, type BundledSourceName, type CorpusDocument, type ReadSourcesOptions } from './real/sources.js';
export { cleanEmail, cleanBrown, stripHtml, normalizeWhitespace } from './real/clean.js';
export { buildBundledCorpus, type BuildCorpusOptions, type BundledCorpus, type CorpusManifest, type SourceStats } from './real/build.js';
export { readShard, dtypeForVocab, type ShardRef, type ShardDtype } from './real/shards.js';
export { readCorpusIds, bundledWordTokenizer, type BundledWordTokenizerOptions } from './real/corpus-ids.js';

// Batches over in-memory streams or binary shards; the corpus step with every source.
export { batches } from './loader/batches.js';
export { numberCorpus } from './pipeline/number-corpus.js';
