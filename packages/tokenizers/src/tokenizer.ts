/**
 * The one interface every numfeat tokenizer implements (CONTRACT.md), whether trained here
 * (WordTokenizer, BpeTokenizer) or adapted from a real vocabulary (Llama-3, GPT-2, cl100k, o200k).
 */
export interface NumberPiece {
  /** Integer value of the digits ("007" → 7). */
  value: number;
  /** Number of digits in the token ("007" → 3, "42" → 2). */
  width: number;
  /** True when the digits have a leading zero and more than one digit ("007", "00"). */
  padded: boolean;
  /** True when the token text is a space followed by digits (GPT-2 style " 42"). */
  leadingSpace: boolean;
}

export interface Tokenizer {
  readonly name: string;
  /** Number of ids: every id in [0, vocabSize) is valid. */
  readonly vocabSize: number;
  encode(text: string): number[];
  decode(ids: ArrayLike<number>): string;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** Integer value if the token is a digit-only number token (optionally with one leading space). */
  numberValue(id: number): number | undefined;
  /** Value, width and padding of a number token; undefined for any other token. */
  numberPiece(id: number): NumberPiece | undefined;
  toJSON(): unknown;
}

const NUMBER_TOKEN = /^( ?)([0-9]+)$/;

/** Parses the decoded text of one token as a number piece (digits, optionally after one space). */
export function parseNumberPiece(text: string): NumberPiece | undefined {
  const m = NUMBER_TOKEN.exec(text);
  if (!m) return undefined;
  const digits = m[2];
  // Tokens longer than 15 digits cannot hold an exact integer value: not number pieces.
  if (digits.length > 15) return undefined;
  return {
    value: Number(digits),
    width: digits.length,
    padded: digits.length > 1 && digits[0] === '0',
    leadingSpace: m[1] === ' ',
  };
}
