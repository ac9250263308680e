import { describe, expect, it } from 'vitest';
import { NumfeatError, isNumfeatError } from './errors.js';

// Another copy of @numfeat/core (its other module format, or a second installed version) has its own
// NumfeatError class; all it shares with this one is the registry symbol.
class OtherCopyError extends Error {
  readonly code = 'BAD_RANGE';
  constructor() {
    super('from another copy');
    Object.defineProperty(this, Symbol.for('numfeat.error'), { value: true });
  }
}

describe('NumfeatError brand', () => {
  it('recognises its own errors, with and without a code filter', () => {
    const e = new NumfeatError('BAD_RANGE', 'T < 2', { fix: 'use T ≥ 2' });
    expect(e instanceof NumfeatError).toBe(true);
    expect(isNumfeatError(e)).toBe(true);
    expect(isNumfeatError(e, 'BAD_RANGE')).toBe(true);
    expect(isNumfeatError(e, 'NON_FINITE')).toBe(false);
  });

  it('recognises an error made by another copy of the class', () => {
    const e = new OtherCopyError();
    expect(e instanceof NumfeatError).toBe(true);
    expect(isNumfeatError(e, 'BAD_RANGE')).toBe(true);
  });

  it('rejects look-alikes without the brand', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'NumfeatError', code: 'BAD_RANGE' });
    for (const value of [lookAlike, new Error('x'), { code: 'BAD_RANGE' }, null, undefined, 'BAD_RANGE']) {
      expect(isNumfeatError(value)).toBe(false);
    }
  });

  it('keeps the ordinary prototype check for subclasses', () => {
    class Narrower extends NumfeatError {}
    expect(new Narrower('BAD_ARGUMENT', 'x') instanceof Narrower).toBe(true);
    expect(new NumfeatError('BAD_ARGUMENT', 'x') instanceof Narrower).toBe(false);
  });
});
