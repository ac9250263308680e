/**
 * One error family for every @numfeat package. A `code` lets callers branch without parsing
 * messages; the message always says what was wrong and how to fix it.
 */
export type NumfeatErrorCode =
  | 'BAD_ARGUMENT' // an option has the wrong type or an impossible value
  | 'BAD_RANGE' // a number is outside its allowed range (T < 2, N < 2T, k < 1, …)
  | 'SHAPE_MISMATCH' // ragged rows, labels/rows mismatch, wrong rank, wrong length
  | 'EMPTY_INPUT' // no rows, no columns, empty corpus
  | 'NON_FINITE' // NaN or ±Infinity where finite numbers are required
  | 'NOT_DIVISIBLE' // a period T that does not divide N where the definition needs it
  | 'MISSING_NUMBERS' // number tokens absent from a vocabulary
  | 'UNKNOWN_BACKEND' // a backend name that does not exist
  | 'BACKEND_UNAVAILABLE' // a backend that exists but cannot be used here
  | 'BACKEND_INIT_FAILED' // a backend that was found but failed to initialise
  | 'CORRUPT_FILE' // truncated or malformed file, hash mismatch
  | 'UNSUPPORTED_FORMAT' // a file format or dtype we do not read
  | 'IO_ERROR' // the file system refused (missing file, permissions)
  | 'SINGULAR_MATRIX' // a matrix that must be invertible is not
  | 'NOT_FITTED' // predict/score before fit
  | 'BAD_CONFIG' // a config or profile file field that is unknown, missing or of the wrong kind
  | 'WORKER_FAILED'; // a worker thread died or reported an error

// A global-registry symbol, so an error made by one copy or module format of this package (ESM in
// one package, CJS in another, two installed versions) is recognised by every other: `instanceof`
// only sees the class of the copy that threw.
const BRAND = Symbol.for('numfeat.error');

export class NumfeatError extends Error {
  readonly code: NumfeatErrorCode;
  /** What the user should do about it (also appended to the message). */
  readonly fix?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: NumfeatErrorCode,
    problem: string,
    options: { fix?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(options.fix ? `${problem} — ${options.fix}` : problem, { cause: options.cause });
    this.name = 'NumfeatError';
    this.code = code;
    this.fix = options.fix;
    this.details = options.details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof NumfeatError` is true for errors from any copy or build of @numfeat/core. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A subclass keeps the ordinary prototype check; only the base class goes by the brand.
    if (this !== NumfeatError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

export function isNumfeatError(e: unknown, code?: NumfeatErrorCode): e is NumfeatError {
  return e instanceof NumfeatError && (code === undefined || (e as NumfeatError).code === code);
}
