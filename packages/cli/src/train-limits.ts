import { totalmem } from 'node:os';
import { NumfeatError } from '@numfeat/core';
import { usageError } from './command.js';

/**
 * Resource ceilings of `numfeat train`, checked before the corpus is built (docs/limits.md).
 * Memory: the in-memory corpus costs about BYTES_PER_CORPUS_TOKEN per token (text, ids, stream),
 * and may use a quarter of RAM. Time: TIME_TOKEN_CEILING is about a day at 10k tokens/s, the
 * order of this CLI's small models on a laptop CPU. --max-tokens overrides both.
 */
export const BYTES_PER_CORPUS_TOKEN = 64;
export const TIME_TOKEN_CEILING = 1e9;
/** Context length: the causal mask alone is seqLen² float32 (4096 → 64 MiB). */
export const MAX_SEQ_LEN = 4096;
export const MAX_BATCH_SIZE = 4096;

/** The default --tokens ceiling on this machine. */
export function defaultMaxTokens(memoryBytes = totalmem()): number {
  return Math.min(TIME_TOKEN_CEILING, Math.floor(memoryBytes / 4 / BYTES_PER_CORPUS_TOKEN));
}

/**
 * Every resource limit of a train run, checked before any work: the token budget (`maxTokens` from
 * --max-tokens, else defaultMaxTokens()), the batch shape, and the numbers measured.
 */
export function checkTrainLimits(o: { tokens: number; maxTokens?: number; seqLen?: unknown; batchSize?: unknown; contextLength?: number; numbers?: unknown }): void {
  checkTokenBudget(o.tokens, o.maxTokens ?? defaultMaxTokens(), o.maxTokens !== undefined);
  checkCount(o.seqLen, MAX_SEQ_LEN, 'config train.context');
  checkCount(o.batchSize, MAX_BATCH_SIZE, 'config train.batchSize');
  checkCount(o.contextLength, MAX_SEQ_LEN, '--perturb ctx-L');
  checkCount(o.numbers, MAX_CORPUS_NUMBERS, 'config corpus.numbers');
}

function checkTokenBudget(tokens: number, maxTokens: number, overridden: boolean): void {
  if (tokens <= maxTokens) return;
  throw new NumfeatError(
    'BAD_RANGE',
    `--tokens ${tokens} is over the ${overridden ? '--max-tokens' : 'default'} ceiling of ${maxTokens} tokens` +
      (overridden ? '' : ` (the corpus must fit in a quarter of this machine's memory and the run in about a day)`),
    { fix: overridden ? 'raise --max-tokens or lower --tokens' : `lower --tokens, or pass --max-tokens ${tokens} if you mean it` },
  );
}

/** Numbers whose embeddings a run measures (config corpus.numbers); the word tokenizer has 0..999. */
export const MAX_CORPUS_NUMBERS = 1000;

/** A whole number in 1..max when given; `field` names where it came from (config train.context, --perturb ctx-L). */
function checkCount(value: unknown, max: number, field: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw usageError(`${field} must be a whole number in 1..${max}, got ${JSON.stringify(value)}`, `set ${field} to at most ${max}`);
  }
}
