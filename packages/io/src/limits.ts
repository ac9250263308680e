import { NumfeatError } from '@numfeat/core';

/**
 * Ceilings every reader checks before it allocates (documented in docs/limits.md). A file may claim
 * any size in its header; these keep a hostile or damaged claim from costing more than a few GiB.
 */
export const READ_LIMITS = {
  /** Float64 values one read may produce (rows × dims): 2^28 = 2 GiB of float64. */
  maxValues: 2 ** 28,
  /** Numbers one loadEmbeddings call may ask for (--numbers). */
  maxNumbers: 100_000,
  /** Bytes of one GloVe text line (≈ 90k values at 11 characters each). */
  maxLineBytes: 1 << 20,
  /** Bytes of one word2vec vocabulary word. */
  maxWordBytes: 4096,
  /** Vector dimension of a word-vector file. */
  maxDims: 1 << 16,
  /** Bytes of a safetensors JSON header (the reference implementation's limit). */
  maxHeaderBytes: 100_000_000,
  /** Bytes of a file read whole into memory (.npy, .json): Node's largest single read. */
  maxWholeFileBytes: 2 ** 31 - 1,
  /** Bytes of a .json matrix (JSON.parse needs ~10× the text in memory). */
  maxJsonBytes: 256 * 2 ** 20,
} as const;

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** BAD_RANGE unless `values` float64 values fit under READ_LIMITS.maxValues. */
export function checkValueCount(values: number, where: string, what: string): void {
  if (Number.isFinite(values) && values <= READ_LIMITS.maxValues) return;
  throw new NumfeatError(
    'BAD_RANGE',
    `${where}: ${what} would need ${Number.isFinite(values) ? gib(values * 8) : 'unbounded memory'} as float64, over the ${gib(READ_LIMITS.maxValues * 8)} read ceiling`,
    { fix: 'read fewer rows (--numbers, or ids / rows options) or split the file', details: { values, limit: READ_LIMITS.maxValues } },
  );
}

/** BAD_RANGE for a file too large to read whole. */
export function tooLargeFile(where: string, size: number, limit: number, fix: string): NumfeatError {
  return new NumfeatError('BAD_RANGE', `${where} is ${gib(size)}, over the ${gib(limit)} limit for reading this format whole`, {
    fix,
    details: { size, limit },
  });
}
