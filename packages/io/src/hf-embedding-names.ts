import { NumfeatError } from '@numfeat/core';

/**
 * Input-embedding tensor names of common Hugging Face checkpoints, most common first:
 * Llama/Mistral/Qwen2/Gemma/Phi-3 (model.embed_tokens), GPT-2/GPT-J/StarCoder (transformer.wte;
 * GPT-2's own model.safetensors says wte.weight), Pythia/GPT-NeoX (gpt_neox.embed_in), OPT
 * (model.decoder.embed_tokens), Falcon/BLOOM (transformer.word_embeddings), BERT-style encoders
 * (…embeddings.word_embeddings), original Llama/Mistral checkpoints (tok_embeddings), Mamba
 * (backbone.embeddings), OLMo (model.transformer.wte), multimodal wrappers (language_model.…).
 */
export const EMBEDDING_TENSOR_NAMES: readonly string[] = [
  'model.embed_tokens.weight',
  'transformer.wte.weight',
  'wte.weight',
  'gpt_neox.embed_in.weight',
  'model.decoder.embed_tokens.weight',
  'transformer.word_embeddings.weight',
  'word_embeddings.weight',
  'model.embeddings.word_embeddings.weight',
  'bert.embeddings.word_embeddings.weight',
  'embeddings.word_embeddings.weight',
  'tok_embeddings.weight',
  'backbone.embeddings.weight',
  'model.transformer.wte.weight',
  'language_model.model.embed_tokens.weight',
];

/** Endings that mark an input embedding under a prefix the list above does not know. */
const EMBEDDING_SUFFIXES = ['.embed_tokens.weight', '.wte.weight', '.word_embeddings.weight', '.embed_in.weight', '.tok_embeddings.weight'];

/** The output projection: the input embedding only in tied models, so it is the last resort. */
export const OUTPUT_EMBEDDING_NAME = 'lm_head.weight';

export interface FoundEmbeddingTensor {
  name: string;
  /** known: a listed name; suffix: a known ending under another prefix; lm_head: the output projection. */
  how: 'known' | 'suffix' | 'lm_head';
}

/**
 * Picks the input-embedding tensor among a checkpoint's tensor names, or throws BAD_ARGUMENT naming
 * the likely candidates and --tensor.
 */
export function findEmbeddingTensor(names: readonly string[], where: string): FoundEmbeddingTensor {
  const have = new Set(names);
  const known = EMBEDDING_TENSOR_NAMES.find((n) => have.has(n));
  if (known) return { name: known, how: 'known' };
  const bySuffix = names.filter((n) => EMBEDDING_SUFFIXES.some((s) => n.endsWith(s)));
  if (bySuffix.length === 1) return { name: bySuffix[0], how: 'suffix' };
  if (bySuffix.length === 0 && have.has(OUTPUT_EMBEDDING_NAME)) return { name: OUTPUT_EMBEDDING_NAME, how: 'lm_head' };
  const candidates = bySuffix.length > 1 ? bySuffix : names.filter((n) => /embed|wte|tok|word|lm_head/i.test(n));
  const shown = (candidates.length ? candidates : names).slice(0, 12);
  const label = candidates.length ? 'candidates' : 'its tensors';
  const problem =
    bySuffix.length > 1
      ? `${where} has ${bySuffix.length} tensors that look like input embeddings`
      : `${where} has no tensor with a known input-embedding name (${EMBEDDING_TENSOR_NAMES.slice(0, 4).join(', ')}, …)`;
  throw new NumfeatError('BAD_ARGUMENT', `${problem}; ${label}: ${shown.join(', ') || '(none)'}${names.length > shown.length ? ` (of ${names.length} tensors)` : ''}`, {
    fix: 'name the embedding tensor with --tensor NAME (option tensor)',
    details: { candidates: shown, tensors: names.length },
  });
}
