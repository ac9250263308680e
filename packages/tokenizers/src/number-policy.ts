import { NumfeatError, assertInteger } from '@numfeat/core';

/**
 * How a run of ASCII digits becomes number tokens. Policies are pure and composable: a tokenizer
 * asks `split` for the pieces of each digit run and `pieces` for the finite set of number tokens
 * it must put in its vocabulary.
 */
export type NumberPolicySpec =
  | { kind: 'single-digits' }
  | { kind: 'chunks'; width: number; direction: 'ltr' | 'rtl' }
  | { kind: 'padded-chunks'; width: number }
  | { kind: 'whole-numbers'; max: number; fallback: NumberPolicySpec };

export interface NumberPolicy {
  readonly spec: NumberPolicySpec;
  /** Short human-readable name, e.g. "chunks(3,ltr)". */
  readonly name: string;
  /** Pieces of one digit string, in text order. */
  split(digits: string): string[];
  /**
   * Every piece the policy can produce: the unpadded numbers 0..m first in numeric order (so their
   * ids are contiguous), then zero-padded variants by width.
   */
  pieces(): string[];
  /** True when concatenating `split(d)` always gives back `d` (false only for padded chunks). */
  readonly lossless: boolean;
}

/** Widths above this make the piece vocabulary explode (10^w tokens). */
const MAX_WIDTH = 6;
const DIGITS = /^[0-9]+$/;

function checkDigits(digits: string): void {
  if (typeof digits !== 'string' || !DIGITS.test(digits)) {
    throw new NumfeatError('BAD_ARGUMENT', `a number policy splits ASCII digit strings, got ${JSON.stringify(digits)}`, {
      fix: 'pass only runs of the characters 0-9 (the pre-tokenizer separates them from other text)',
    });
  }
}

function checkWidth(width: unknown): number {
  if (typeof width === 'number' && Number.isInteger(width) && width < 1) {
    throw new NumfeatError('BAD_RANGE', `chunk width must be ≥ 1, got ${width}`, {
      fix: 'use width: 3 for Llama-3-style chunks, or singleDigits() for one digit per token',
    });
  }
  return assertInteger(width, 'width', 1, MAX_WIDTH);
}

/** All digit strings of exactly `width` digits, "00…0" … "99…9", in numeric order. */
function fixedWidth(width: number): string[] {
  const out: string[] = [];
  const n = 10 ** width;
  for (let v = 0; v < n; v++) out.push(String(v).padStart(width, '0'));
  return out;
}

/** "0".."max", then padded strings of width 2..maxWidth with a leading zero. */
function unpaddedThenPadded(max: number, maxWidth: number): string[] {
  const out: string[] = [];
  for (let v = 0; v <= max; v++) out.push(String(v));
  for (let w = 2; w <= maxWidth; w++) {
    const n = 10 ** (w - 1);
    for (let v = 0; v < n; v++) out.push(String(v).padStart(w, '0'));
  }
  return out;
}

/** One token per digit: "2024" → "2","0","2","4" (Llama-2, Mistral). */
export function singleDigits(): NumberPolicy {
  return {
    spec: { kind: 'single-digits' },
    name: 'single-digits',
    lossless: true,
    split(digits) {
      checkDigits(digits);
      return digits.split('');
    },
    pieces: () => unpaddedThenPadded(9, 1),
  };
}

/**
 * Chunks of at most `width` digits. 'ltr' groups from the left ("12345" → "123","45": Llama-3,
 * cl100k, o200k); 'rtl' groups from the right like thousands separators ("12345" → "12","345").
 */
export function chunks(opts: { width?: number; direction?: 'ltr' | 'rtl' } = {}): NumberPolicy {
  const width = checkWidth(opts.width ?? 3);
  const direction = opts.direction ?? 'ltr';
  if (direction !== 'ltr' && direction !== 'rtl') {
    throw new NumfeatError('BAD_ARGUMENT', `direction must be 'ltr' or 'rtl', got ${JSON.stringify(direction)}`, {
      fix: "use 'ltr' (Llama-3 style, groups from the left) or 'rtl' (groups from the right)",
    });
  }
  return {
    spec: { kind: 'chunks', width, direction },
    name: `chunks(${width},${direction})`,
    lossless: true,
    split(digits) {
      checkDigits(digits);
      const out: string[] = [];
      if (direction === 'ltr') {
        for (let i = 0; i < digits.length; i += width) out.push(digits.slice(i, i + width));
      } else {
        const head = digits.length % width;
        if (head > 0) out.push(digits.slice(0, head));
        for (let i = head; i < digits.length; i += width) out.push(digits.slice(i, i + width));
      }
      return out;
    },
    pieces: () => unpaddedThenPadded(10 ** width - 1, width),
  };
}

/**
 * Fixed-width base-10^width digits for multi-token arithmetic: the digit string is left-padded
 * with zeros to a multiple of `width`, then split ("7" → "007", "1234" → "001","234"). Every piece
 * has exactly `width` digits. Not lossless: decoding gives the padded text.
 */
export function paddedChunks(opts: { width?: number } = {}): NumberPolicy {
  const width = checkWidth(opts.width ?? 3);
  return {
    spec: { kind: 'padded-chunks', width },
    name: `padded-chunks(${width})`,
    lossless: false,
    split(digits) {
      checkDigits(digits);
      const padded = digits.padStart(Math.ceil(digits.length / width) * width, '0');
      const out: string[] = [];
      for (let i = 0; i < padded.length; i += width) out.push(padded.slice(i, i + width));
      return out;
    },
    pieces: () => fixedWidth(width),
  };
}

/**
 * Every integer 0..max written without leading zeros is one token; any other digit string
 * (larger, or with a leading zero such as "007") is split by `fallback` (default singleDigits()).
 * Example: wholeNumbers({ max: 520 }) mimics GPT-2's single-token range.
 */
export function wholeNumbers(opts: { max?: number; fallback?: NumberPolicy } = {}): NumberPolicy {
  const max = assertInteger(opts.max ?? 999, 'max', 0, 10 ** MAX_WIDTH - 1);
  const fallback = opts.fallback ?? singleDigits();
  if (!fallback || typeof fallback.split !== 'function' || !fallback.spec) {
    throw new NumfeatError('BAD_ARGUMENT', 'wholeNumbers fallback must be a NumberPolicy', {
      fix: 'pass e.g. { fallback: chunks({ width: 3 }) } or leave it out for singleDigits()',
    });
  }
  return {
    spec: { kind: 'whole-numbers', max, fallback: fallback.spec },
    name: `whole-numbers(${max},${fallback.name})`,
    lossless: fallback.lossless,
    split(digits) {
      checkDigits(digits);
      const whole = (digits.length === 1 || digits[0] !== '0') && digits.length <= MAX_WIDTH && Number(digits) <= max;
      return whole ? [digits] : fallback.split(digits);
    },
    pieces() {
      const out = unpaddedThenPadded(max, 1);
      const seen = new Set(out);
      for (const p of fallback.pieces()) if (!seen.has(p)) (seen.add(p), out.push(p));
      return out;
    },
  };
}

/** Rebuilds a policy from its `spec` (as stored in tokenizer JSON). */
export function numberPolicyFromSpec(spec: unknown): NumberPolicy {
  const s = spec as Partial<NumberPolicySpec & { width: number; direction: 'ltr' | 'rtl'; max: number; fallback: unknown }>;
  switch (s?.kind) {
    case 'single-digits':
      return singleDigits();
    case 'chunks':
      return chunks({ width: s.width, direction: s.direction });
    case 'padded-chunks':
      return paddedChunks({ width: s.width });
    case 'whole-numbers':
      return wholeNumbers({ max: s.max, fallback: numberPolicyFromSpec(s.fallback) });
    default:
      throw new NumfeatError('BAD_ARGUMENT', `unknown number policy spec ${JSON.stringify(spec)}`, {
        fix: "use a spec with kind 'single-digits' | 'chunks' | 'padded-chunks' | 'whole-numbers' (see policy.spec)",
      });
  }
}

