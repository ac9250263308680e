/**
 * A tokenizer-free stand-in for Llama-3 pre-tokenization, used to budget synthetic text and to
 * measure the number prior: digit runs split left-to-right into 1–3-digit chunks (as Llama-3
 * does), letter runs and punctuation runs count one token each. It over-counts nothing and
 * under-counts long rare words (which a BPE would split), so "tokens" here are a slight lower bound.
 */
const TOKEN = /\p{N}{1,3}|\p{L}+|[^\s\p{L}\p{N}]+/gu;

export interface ApproxTokenCounts {
  tokens: number;
  /** Digit chunks (any 1–3-digit run piece, including "05"). */
  numberChunks: number;
}

/** Count approximate tokens and digit chunks in `text`; optionally add canonical chunk values (0..999) to `histogram`. */
export function countApproxTokens(text: string, histogram?: Float64Array | number[]): ApproxTokenCounts {
  let tokens = 0;
  let numberChunks = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    tokens++;
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      numberChunks++;
      // Only canonical spellings ("7", not "07") are the number tokens 0..999 of the study.
      if (histogram && (t.length === 1 || c !== 48)) histogram[Number(t)]++;
    }
  }
  return { tokens, numberChunks };
}
