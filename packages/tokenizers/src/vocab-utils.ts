import { NumfeatError, assertInteger } from '@numfeat/core';
import type { NumberPolicy } from './number-policy.js';

export const DEFAULT_SPECIALS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;

/** Validates the special-token list: non-empty distinct strings. */
export function checkSpecials(specials: unknown): string[] {
  if (!Array.isArray(specials) || specials.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new NumfeatError('BAD_ARGUMENT', `specials must be an array of non-empty strings, got ${JSON.stringify(specials)}`, {
      fix: "pass e.g. specials: ['<pad>', '<bos>', '<eos>', '<unk>'] (or [] for none)",
    });
  }
  if (new Set(specials).size !== specials.length) {
    throw new NumfeatError('BAD_ARGUMENT', `specials contain duplicates: ${JSON.stringify(specials)}`, {
      fix: 'list each special token once',
    });
  }
  return [...specials];
}

export function checkPolicy(policy: unknown): NumberPolicy {
  const p = policy as NumberPolicy;
  if (!p || typeof p.split !== 'function' || typeof p.pieces !== 'function' || !p.spec) {
    throw new NumfeatError('BAD_ARGUMENT', 'numberPolicy must be a NumberPolicy', {
      fix: 'pass one of chunks({ width: 3 }), singleDigits(), paddedChunks({ width: 3 }), wholeNumbers({ max: 999 })',
    });
  }
  return p;
}

/** Throws BAD_RANGE unless every id is an integer in [0, vocabSize). */
export function checkId(id: number, vocabSize: number, name: string): void {
  if (!(Number.isInteger(id) && id >= 0 && id < vocabSize)) {
    throw new NumfeatError('BAD_RANGE', `token id ${id} is outside ${name}'s vocabulary [0, ${vocabSize})`, {
      fix: 'decode only ids produced by this tokenizer (check that the model and tokenizer match)',
    });
  }
}

/** Collects texts from an iterable, validating each is a string. */
export function* iterTexts(texts: Iterable<string>): Generator<string> {
  if (texts == null || typeof (texts as Iterable<string>)[Symbol.iterator] !== 'function' || typeof texts === 'string') {
    throw new NumfeatError('BAD_ARGUMENT', 'texts must be an iterable of strings (not a single string)', {
      fix: 'wrap a single text in an array: train([text], …)',
    });
  }
  let i = 0;
  for (const t of texts) {
    if (typeof t !== 'string') {
      throw new NumfeatError('BAD_ARGUMENT', `texts[${i}] is ${typeof t}, not a string`, {
        fix: 'pass strings only (convert buffers with .toString("utf8"))',
      });
    }
    i++;
    yield t;
  }
}

export function checkK(value: unknown, name: string, min: number): number {
  return assertInteger(value, name, min);
}

/** Throws CORRUPT_FILE when `cond` is false while reading tokenizer JSON. */
export function expectJson(cond: unknown, what: string, format: string): asserts cond {
  if (!cond) {
    throw new NumfeatError('CORRUPT_FILE', `not a valid ${format} JSON: ${what}`, {
      fix: `pass the object produced by toJSON() (or JSON.parse of the saved file) of a ${format}; re-save it if the file was edited or truncated`,
    });
  }
}

/** Parses a JSON string or passes an object through, with a CORRUPT_FILE error on bad JSON. */
export function parseJsonInput(json: unknown, format: string): Record<string, unknown> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new NumfeatError('CORRUPT_FILE', `${format} JSON does not parse: ${(cause as Error).message}`, {
        fix: 'pass the text written from JSON.stringify(tokenizer) or the parsed object',
        cause,
      });
    }
  }
  expectJson(value !== null && typeof value === 'object' && !Array.isArray(value), 'expected an object', format);
  return value as Record<string, unknown>;
}
