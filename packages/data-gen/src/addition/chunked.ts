import { NumfeatError, assertInteger } from '@numfeat/core';
import { assertSeed, createRng, deriveSeed } from '../random.js';
import { isTestPair } from './split.js';

export interface AdditionExample {
  /** Operand chunks, most significant first (values 0..base^chunkWidth − 1). */
  a: number[];
  b: number[];
  /** Output chunks in the dataset's output order (see `format`). */
  sum: number[];
  /** The full token sequence: a chunks, "+", b chunks, "=", output chunks. */
  tokens: string[];
  /** Index of the first output token in `tokens` (the loss is usually taken from here on). */
  answerStart: number;
}

export interface AdditionFormat {
  digits: number;
  chunkWidth: number;
  base: number;
  chunks: number;
  /** Distinct chunk values (base^chunkWidth). */
  chunkValues: number;
  outputOrder: 'msb' | 'lsb';
  finalCarry: 'chunk' | 'omit';
  description: string;
}

export interface AdditionDataset {
  train: AdditionExample[];
  test: AdditionExample[];
  format: AdditionFormat;
}

export interface ChunkedAdditionOptions {
  seed: number;
  /** Digits per operand (default 9). */
  digits?: number;
  /** Digits per chunk token (default 3). */
  chunkWidth?: number;
  /** Number base, 2..36 (default 10). */
  base?: number;
  /** Examples to draw per split (defaults 10 000 / 1 000). */
  train?: number;
  test?: number;
  /** Share of operand pairs that belong to the test split (default 0.1). */
  testFraction?: number;
  /** 'msb' (default): output chunks most significant first; 'lsb': least significant first. */
  outputOrder?: 'msb' | 'lsb';
  /** 'chunk' (default): the final carry is emitted as one more chunk token ("000"/"001"); 'omit': sum mod base^digits. */
  finalCarry?: 'chunk' | 'omit';
  /** Largest number of chunk tokens the vocabulary has (default base^chunkWidth). */
  chunkVocabulary?: number;
}

/** Chunk token text: the value in `base`, zero-padded to `width` digits ("007"). */
export function chunkToken(value: number, width: number, base: number): string {
  return value.toString(base).padStart(width, '0');
}

/**
 * Chunk-wise addition with explicit carry, least significant chunk first:
 * c_i = (a_i + b_i + γ_i) mod B, γ_{i+1} = ⌊(a_i + b_i + γ_i) / B⌋, γ_0 = 0, B = base^chunkWidth.
 * Inputs and result are most significant first; the result has one more entry: the final carry γ_m.
 */
export function addChunks(a: readonly number[], b: readonly number[], B: number): number[] {
  const m = a.length;
  const out = new Array<number>(m + 1);
  let carry = 0;
  for (let i = m - 1; i >= 0; i--) {
    const s = a[i] + b[i] + carry;
    out[i + 1] = s % B;
    carry = Math.floor(s / B);
  }
  out[0] = carry;
  return out;
}

/** Resolve and validate the format (BAD_RANGE when the chunk width cannot represent the range). */
export function additionFormat(opts: Omit<ChunkedAdditionOptions, 'seed'>): AdditionFormat {
  const digits = assertInteger(opts.digits ?? 9, 'digits', 1, 300);
  const base = assertInteger(opts.base ?? 10, 'base', 2, 36);
  const chunkWidth = assertInteger(opts.chunkWidth ?? 3, 'chunkWidth', 1, digits);
  if (digits % chunkWidth !== 0) {
    throw new NumfeatError('BAD_RANGE', `chunkWidth ${chunkWidth} does not tile ${digits} digits`, {
      fix: `use a chunkWidth that divides digits (e.g. ${[1, 2, 3, 4, 5, 6].filter((w) => digits % w === 0).join(', ')})`,
    });
  }
  const chunkValues = base ** chunkWidth;
  if (chunkValues > 2 ** 26) {
    throw new NumfeatError('BAD_RANGE', `base^chunkWidth = ${chunkValues} chunk values is too many tokens`, { fix: 'use a smaller chunkWidth' });
  }
  const vocab = opts.chunkVocabulary ?? chunkValues;
  if (chunkValues > vocab) {
    throw new NumfeatError('BAD_RANGE', `chunks of ${chunkWidth} base-${base} digits take ${chunkValues} values but the vocabulary has ${vocab} chunk tokens`, {
      fix: `use chunkWidth ≤ ${Math.floor(Math.log(vocab) / Math.log(base) + 1e-9)} or a vocabulary of ≥ ${chunkValues} number tokens`,
    });
  }
  const outputOrder = opts.outputOrder ?? 'msb';
  const finalCarry = opts.finalCarry ?? 'chunk';
  const chunks = digits / chunkWidth;
  const w = chunkWidth;
  const z = '0'.repeat(w);
  const example = outputOrder === 'msb' ? `γ_${chunks} c_${chunks - 1} … c_0` : `c_0 … c_${chunks - 1} γ_${chunks}`;
  return {
    digits, chunkWidth, base, chunks, chunkValues, outputOrder, finalCarry,
    description:
      `Operands a, b have ${digits} base-${base} digits, zero-padded, written as ${chunks} chunk tokens of ${w} digits ("${z}".."${chunkToken(chunkValues - 1, w, base)}"), most significant first. ` +
      `Sequence: a_${chunks - 1} … a_0 + b_${chunks - 1} … b_0 = ${finalCarry === 'chunk' ? example : example.replace(/γ_\d+ ?| ?γ_\d+/, '')}, ` +
      `where c_i = (a_i + b_i + γ_i) mod ${chunkValues}, γ_0 = 0, γ_{i+1} = ⌊(a_i + b_i + γ_i)/${chunkValues}⌋` +
      (finalCarry === 'chunk' ? `; the final carry γ_${chunks} ∈ {0, 1} is its own chunk token ("${z}" or "${chunkToken(1, w, base)}").` : '; the final carry is dropped (sum mod base^digits).'),
  };
}

function makeExample(a: number[], b: number[], f: AdditionFormat): AdditionExample {
  const full = addChunks(a, b, f.chunkValues); // [γ_m, c_{m-1}, …, c_0]
  let sum = f.finalCarry === 'chunk' ? full : full.slice(1);
  if (f.outputOrder === 'lsb') sum = [...sum].reverse();
  const tok = (v: number) => chunkToken(v, f.chunkWidth, f.base);
  const tokens = [...a.map(tok), '+', ...b.map(tok), '=', ...sum.map(tok)];
  return { a, b, sum, tokens, answerStart: 2 * f.chunks + 2 };
}

/** Draw `count` examples of one split by rejection on the pair hash (deterministic by seed). */
function drawSplit(
  count: number,
  wantTest: boolean,
  seed: number,
  testFraction: number,
  draw: () => [number[], number[]] | null,
  build: (a: number[], b: number[]) => AdditionExample,
): AdditionExample[] {
  const out: AdditionExample[] = [];
  const maxTries = 1000 * (count + 10);
  for (let t = 0; out.length < count && t < maxTries; t++) {
    const pair = draw();
    if (!pair) continue;
    if (isTestPair(pair[0], pair[1], seed, testFraction) === wantTest) out.push(build(pair[0], pair[1]));
  }
  if (out.length < count) {
    throw new NumfeatError('BAD_RANGE', `could only draw ${out.length} of ${count} ${wantTest ? 'test' : 'train'} examples`, {
      fix: 'lower the example count or change testFraction',
    });
  }
  return out;
}

function resolveCounts(opts: { train?: number; test?: number; testFraction?: number }) {
  const train = assertInteger(opts.train ?? 10_000, 'train', 0);
  const test = assertInteger(opts.test ?? 1_000, 'test', 0);
  const testFraction = opts.testFraction ?? 0.1;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new NumfeatError('BAD_RANGE', `testFraction must be in (0, 1), got ${testFraction}`, { fix: 'use e.g. 0.1' });
  }
  return { train, test, testFraction };
}

/**
 * General k-digit chunked addition (default: 9 digits in 3-digit base-10 chunks = the paper's
 * "9-digit, multi-token" task). Operand digits are uniform; train/test are split by operand pair.
 */
export function additionChunked(opts: ChunkedAdditionOptions): AdditionDataset {
  const seed = assertSeed(opts.seed);
  const format = additionFormat(opts);
  const { train, test, testFraction } = resolveCounts(opts);
  const rng = createRng(deriveSeed(seed, 11));
  const draw = (): [number[], number[]] => [
    Array.from({ length: format.chunks }, () => rng.int(format.chunkValues)),
    Array.from({ length: format.chunks }, () => rng.int(format.chunkValues)),
  ];
  const build = (a: number[], b: number[]) => makeExample(a, b, format);
  return {
    train: drawSplit(train, false, seed, testFraction, draw, build),
    test: drawSplit(test, true, seed, testFraction, draw, build),
    format,
  };
}

export interface Addition3DigitOptions {
  seed: number;
  train?: number;
  test?: number;
  testFraction?: number;
  /** Largest operand and sum (default 999): a + b ≤ max, so every term is one number token, no wrap-around. */
  max?: number;
}

/**
 * The paper's single-token ("3-digit") addition: "a + b = c" with a, b, c ∈ 0..max and a + b ≤ max;
 * tokens are the plain decimal number tokens "0".."999" (no zero padding). Pairs are uniform over
 * {(a, b) : a + b ≤ max} and split by unordered pair.
 */
export function addition3Digit(opts: Addition3DigitOptions): AdditionDataset {
  const seed = assertSeed(opts.seed);
  const max = assertInteger(opts.max ?? 999, 'max', 1);
  const { train, test, testFraction } = resolveCounts(opts);
  const rng = createRng(deriveSeed(seed, 3));
  const draw = (): [number[], number[]] | null => {
    const a = rng.int(max + 1);
    const b = rng.int(max + 1);
    return a + b <= max ? [[a], [b]] : null;
  };
  const build = (a: number[], b: number[]): AdditionExample => ({
    a, b, sum: [a[0] + b[0]], tokens: [String(a[0]), '+', String(b[0]), '=', String(a[0] + b[0])], answerStart: 4,
  });
  return {
    train: drawSplit(train, false, seed, testFraction, draw, build),
    test: drawSplit(test, true, seed, testFraction, draw, build),
    format: {
      digits: String(max).length, chunkWidth: String(max).length, base: 10, chunks: 1, chunkValues: max + 1,
      outputOrder: 'msb', finalCarry: 'omit',
      description: `"a + b = c" as 5 tokens [a, "+", b, "=", c] with plain decimal number tokens, a + b ≤ ${max} (no wrap-around, no padding).`,
    },
  };
}
