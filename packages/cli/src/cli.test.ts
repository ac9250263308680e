import { describe, expect, it } from 'vitest';
import { NumfeatError } from '@numfeat/core';
import { reportError } from './cli.js';
import { parseIntegerList, parseNumberRange } from './command.js';

function capture() {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('reportError', () => {
  it('NumfeatError → one line with the code, exit 2', () => {
    const io = capture();
    expect(reportError(new NumfeatError('BAD_RANGE', 'T too big', { fix: 'use less' }), io, false)).toBe(2);
    expect(io.err).toBe('numfeat: error [BAD_RANGE] T too big — use less\n');
  });
  it('unexpected errors → exit 1, stack only under --debug', () => {
    const plain = capture();
    expect(reportError(new TypeError('boom'), plain, false)).toBe(1);
    expect(plain.err).toMatch(/unexpected error: boom/);
    expect(plain.err).not.toMatch(/at .*cli\.test/);
    const debug = capture();
    expect(reportError(new TypeError('boom'), debug, true)).toBe(1);
    expect(debug.err).toMatch(/TypeError: boom\n\s+at /);
  });
});

describe('argument parsers', () => {
  it('ranges and lists', () => {
    expect(parseNumberRange('0..999', '--numbers')).toEqual({ start: 0, count: 1000 });
    expect(parseNumberRange(' 5..5 ', '--numbers')).toEqual({ start: 5, count: 1 });
    expect(() => parseNumberRange('9..5', '--numbers')).toThrow(/START\.\.END/);
    expect(parseIntegerList('10,2,5', '--T')).toEqual([2, 5, 10]);
    expect(parseIntegerList('2..4,10', '--moduli')).toEqual([2, 3, 4, 10]);
    expect(() => parseIntegerList('2,x', '--T')).toThrow(/--T expects a list/);
  });
});
