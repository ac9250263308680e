// numberCorpus in browsers: the synthetic source only (the bundled corpus needs node:fs).
import { buildNumberCorpus, type CorpusSpec, type NumberCorpus } from './number-corpus-core.js';

/** Builds the tokenized corpus of a spec (deterministic: same spec, same ids); source 'synthetic' only. */
export function numberCorpus(spec: CorpusSpec): NumberCorpus {
  return buildNumberCorpus(spec, undefined);
}
