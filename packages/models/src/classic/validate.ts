import { NumfeatError, assertInteger } from '@numfeat/core';

/** A token stream accepted by the classical baselines. */
export type TokenStream = Int32Array | Uint32Array | readonly number[];

/**
 * Checks that every id is an integer in [0, vocabSize) and returns the stream as an Int32Array
 * (the input itself when it already is one, so a 10M-token corpus is not copied needlessly).
 */
export function checkTokenStream(ids: unknown, vocabSize: number, minLength = 2): Int32Array {
  if (!(ids instanceof Int32Array || ids instanceof Uint32Array || Array.isArray(ids))) {
    throw new NumfeatError('BAD_ARGUMENT', 'ids must be an Int32Array, Uint32Array or number[] token stream', {
      fix: 'pass the corpus as token ids, e.g. new Int32Array(tokenizer.encode(text))',
    });
  }
  const n = (ids as ArrayLike<number>).length;
  if (n < minLength) {
    throw new NumfeatError('EMPTY_INPUT', `the token stream has ${n} tokens; at least ${minLength} are needed`, {
      fix: 'pass a longer corpus',
    });
  }
  let max = -1;
  let maxAt = -1;
  for (let i = 0; i < n; i++) {
    const v = (ids as ArrayLike<number>)[i];
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new NumfeatError('BAD_RANGE', `ids[${i}] = ${String(v)} is not a non-negative integer token id`, {
        fix: 'token ids must be whole numbers ≥ 0; re-tokenize or clean the stream',
        details: { index: i },
      });
    }
    if (v > max) {
      max = v;
      maxAt = i;
    }
  }
  if (max >= vocabSize) {
    throw new NumfeatError('BAD_RANGE', `ids[${maxAt}] = ${max} is outside the vocabulary [0, ${vocabSize})`, {
      fix: `pass vocabSize ≥ ${max + 1} (the tokenizer's vocabSize), or compact the ids first`,
      details: { index: maxAt, maxId: max },
    });
  }
  return ids instanceof Int32Array ? ids : Int32Array.from(ids as ArrayLike<number>);
}

export function checkVocabSize(vocabSize: unknown): number {
  return assertInteger(vocabSize, 'vocabSize', 2, 2 ** 26);
}

export function checkWindow(window: unknown): number {
  return assertInteger(window, 'window', 1, 1000);
}

/** dims must leave room below the vocabulary size (an SVD of rank ≥ V or a d ≥ V embedding is meaningless). */
export function checkDims(dims: unknown, vocabSize: number): number {
  const d = assertInteger(dims, 'dims', 1);
  if (d >= vocabSize) {
    throw new NumfeatError('BAD_RANGE', `dims = ${d} must be smaller than vocabSize = ${vocabSize}`, {
      fix: `choose dims < ${vocabSize}, e.g. dims = ${Math.max(1, Math.min(100, vocabSize - 1))}`,
    });
  }
  return d;
}

export function checkSeed(seed: unknown): number {
  return assertInteger(seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
}

export function checkPositive(value: unknown, name: string, example: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new NumfeatError('BAD_RANGE', `${name} must be a positive finite number, got ${String(value)}`, {
      fix: `use e.g. ${name} = ${example}`,
    });
  }
  return value;
}
