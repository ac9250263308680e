import { NumfeatError } from '@numfeat/core';
import { corrupt } from './dtypes.js';

/** How a number is spelled as a token: plain "42", byte-level BPE "Ġ42", or SentencePiece "▁42". */
export type NumberTokenForm = 'plain' | 'Ġ' | '▁';
const FORMS: readonly NumberTokenForm[] = ['plain', 'Ġ', '▁'];
const NUMBER_TOKEN = /^(Ġ|▁)?([0-9]+)$/;

export interface NumberTokenVocabulary {
  /** tokenizer.json's model.type (BPE, WordPiece, Unigram, WordLevel). */
  modelType: string;
  vocabSize: number;
  /** Token id of every digit-string token, per spelling ("007" and "7" are different keys). */
  byForm: Record<NumberTokenForm, Map<string, number>>;
}

/**
 * Reads the number tokens of a Hugging Face tokenizer.json (bytes): model.vocab (an object token → id
 * for BPE/WordPiece/WordLevel, a list of [piece, score] for Unigram) and added_tokens.
 * Malformed input throws CORRUPT_FILE.
 */
export function readNumberTokens(bytes: Uint8Array, where: string): NumberTokenVocabulary {
  const fix = "pass the folder's original tokenizer.json (a Hugging Face tokenizers file)";
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw corrupt(where, `does not parse as JSON (${(e as Error).message})`, fix);
  }
  const model = (parsed as { model?: unknown } | null)?.model as { type?: unknown; vocab?: unknown } | undefined;
  if (typeof parsed !== 'object' || parsed === null || typeof model !== 'object' || model === null) {
    throw corrupt(where, 'has no "model" object', fix);
  }
  const vocab = model.vocab;
  const entries: [unknown, unknown][] = Array.isArray(vocab)
    ? vocab.map((e, i) => [Array.isArray(e) ? e[0] : undefined, i])
    : typeof vocab === 'object' && vocab !== null
      ? Object.entries(vocab)
      : [];
  if (entries.length === 0) throw corrupt(where, 'model.vocab is missing or empty', fix);
  const added = (parsed as { added_tokens?: unknown }).added_tokens;
  if (added !== undefined && !Array.isArray(added)) throw corrupt(where, 'added_tokens is not a list', fix);
  for (const t of (added ?? []) as { id?: unknown; content?: unknown }[]) entries.push([t?.content, t?.id]);

  const byForm = { plain: new Map<string, number>(), 'Ġ': new Map<string, number>(), '▁': new Map<string, number>() };
  let maxId = -1;
  for (const [token, id] of entries) {
    if (typeof token !== 'string' || !Number.isSafeInteger(id) || (id as number) < 0) {
      throw corrupt(where, `vocabulary entry ${JSON.stringify(token)} → ${JSON.stringify(id)} is not a token and a non-negative integer id`, fix);
    }
    maxId = Math.max(maxId, id as number);
    const m = NUMBER_TOKEN.exec(token);
    if (m) {
      const map = byForm[(m[1] ?? 'plain') as NumberTokenForm];
      if (!map.has(m[2])) map.set(m[2], id as number);
    }
  }
  return { modelType: typeof model.type === 'string' ? model.type : 'BPE', vocabSize: maxId + 1, byForm };
}

export interface NumberIds {
  /** ids[i] is the token of number start + i, or null when it is not a single token in that form. */
  ids: (number | null)[];
  form: NumberTokenForm;
}

/**
 * Token ids of numbers start..start+count−1. Without leadingSpace the plain spelling is used, falling
 * back to the space-prefixed one only when no plain number token exists (the form is reported).
 */
export function numberIds(vocab: NumberTokenVocabulary, numbers: { start: number; count: number }, leadingSpace = false): NumberIds {
  if (!Number.isSafeInteger(numbers.start) || !Number.isSafeInteger(numbers.count) || numbers.start < 0 || numbers.count < 1) {
    throw new NumfeatError('BAD_RANGE', `numbers ${numbers.start}.. (${numbers.count}) is not a range of whole numbers ≥ 0`, { fix: 'pass e.g. { start: 0, count: 1000 }' });
  }
  const lookup = (form: NumberTokenForm) =>
    Array.from({ length: numbers.count }, (_, i) => vocab.byForm[form].get(String(numbers.start + i)) ?? null);
  const found = (ids: (number | null)[]) => ids.filter((x) => x !== null).length;
  const candidates = (leadingSpace ? FORMS.slice(1) : FORMS).map((form) => ({ form, ids: lookup(form) }));
  // The first form with any number wins (plain first): one spelling for all numbers of a model.
  return candidates.find((c) => found(c.ids) > 0) ?? candidates[0];
}
