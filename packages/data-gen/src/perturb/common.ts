import { NumfeatError } from '@numfeat/core';

export type TokenIds = Uint32Array | Int32Array | Uint16Array | number[];

export interface NumberAware {
  /** True for number tokens (e.g. `(id) => tokenizer.numberValue(id) !== undefined`). */
  isNumber: (id: number) => boolean;
}

/** Validate a token stream; returns a Uint32Array copy-free view when possible. */
export function asIds(ids: TokenIds, name = 'ids'): Uint32Array {
  if (ids instanceof Uint32Array) return ids;
  const out = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i];
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new NumfeatError('BAD_ARGUMENT', `${name}[${i}] = ${v} is not a token id`, { fix: 'token ids must be non-negative integers' });
    }
    out[i] = v;
  }
  return out;
}

export function assertIsNumber(isNumber: unknown): asserts isNumber is (id: number) => boolean {
  if (typeof isNumber !== 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'isNumber must be a function (id) => boolean', {
      fix: 'pass e.g. { isNumber: (id) => tokenizer.numberValue(id) !== undefined }',
    });
  }
}

export function noNumbers(what: string): NumfeatError {
  return new NumfeatError('EMPTY_INPUT', `${what}: the stream has no number tokens`, {
    fix: 'check isNumber against your tokenizer (numberValue(id) !== undefined) or use a number-rich corpus such as synthCorpus()',
  });
}

/** A maximal run of consecutive number tokens. */
export interface NumberSpan {
  start: number;
  length: number;
}

/** Maximal runs of number tokens, in stream order ("1987" → ["198","7"] is one span of 2). */
export function numberSpans(ids: TokenIds, isNumber: (id: number) => boolean): NumberSpan[] {
  const spans: NumberSpan[] = [];
  let i = 0;
  while (i < ids.length) {
    if (isNumber(ids[i])) {
      const start = i;
      while (i < ids.length && isNumber(ids[i])) i++;
      spans.push({ start, length: i - start });
    } else i++;
  }
  return spans;
}
