import { closestName, NumfeatError } from '@numfeat/core';

/** Where a command writes. Tests pass collectors; the bin passes process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Directory that relative paths are resolved against (default process.cwd()). */
  cwd?: string;
}

/** One `numfeat <name>` subcommand. Registered in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `numfeat --help`. */
  summary: string;
  /** Full text for `numfeat <name> --help`. */
  help: string;
  /** The parseArgs options run() accepts (so a test can hold help and parser to the same flags). */
  options?: Record<string, { type: 'string' | 'boolean' }>;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A usage mistake (bad flag, bad value): reported like any NumfeatError, exit code 2. */
export function usageError(problem: string, fix: string): NumfeatError {
  return new NumfeatError('BAD_ARGUMENT', problem, { fix });
}

/** "0..999" (inclusive) → { start: 0, count: 1000 }; both ends safe integers (the reader checks the file's rows). */
export function parseNumberRange(text: string, flag: string): { start: number; count: number } {
  const m = /^\s*(\d{1,15})\s*\.\.\s*(\d{1,15})\s*$/.exec(text);
  if (!m || Number(m[2]) < Number(m[1])) {
    throw usageError(`${flag} expects an inclusive range like 0..999, got ${JSON.stringify(text.slice(0, 60))}`, `write ${flag} START..END with END ≥ START (at most 15 digits)`);
  }
  return { start: Number(m[1]), count: Number(m[2]) - Number(m[1]) + 1 };
}

/** Most entries an integer list flag may expand to (--T, --moduli). */
export const MAX_LIST_LENGTH = 1000;

/**
 * "2,5,10" or "2..10" (or a mix: "2..5,10") → sorted unique integers in 2..max. Sizes are checked
 * before a range is expanded, so "2..100000000" fails at once instead of filling memory.
 */
export function parseIntegerList(text: string, flag: string, max = 50_000): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^\s*(\d{1,15})\s*\.\.\s*(\d{1,15})\s*$/.exec(part);
    const single = /^\s*(\d{1,15})\s*$/.exec(part);
    const [lo, hi] = range ? [Number(range[1]), Number(range[2])] : single ? [Number(single[1]), Number(single[1])] : [NaN, NaN];
    if (!(hi >= lo)) {
      throw usageError(`${flag} expects a list like 2,5,10 or a range like 2..10, got ${JSON.stringify(text.slice(0, 60))}`, `fix the value of ${flag}`);
    }
    if (hi > max) throw new NumfeatError('BAD_RANGE', `${flag}: ${hi} is over the largest period ${max}`, { fix: `use periods in 2..${max} (T ≤ N/2, and N ≤ ${2 * max})` });
    if (out.size + (hi - lo + 1) > MAX_LIST_LENGTH) {
      throw new NumfeatError('BAD_RANGE', `${flag} lists more than ${MAX_LIST_LENGTH} values`, { fix: `give at most ${MAX_LIST_LENGTH} periods, e.g. 2..${MAX_LIST_LENGTH + 1}` });
    }
    for (let t = lo; t <= hi; t++) out.add(t);
  }
  const values = [...out].sort((a, b) => a - b);
  if (values[0] < 2) throw usageError(`${flag}: periods must be ≥ 2, got ${values[0]}`, `drop ${values[0]} from ${flag}`);
  return values;
}

/** A positive integer flag value, at most `max`. */
export function parsePositiveInt(text: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\s*\d{1,15}\s*$/.test(text) || Number(text) < 1) {
    throw usageError(`${flag} expects a positive integer, got ${JSON.stringify(text.slice(0, 60))}`, `pass e.g. ${flag} 5`);
  }
  if (Number(text) > max) throw new NumfeatError('BAD_RANGE', `${flag} ${Number(text)} is over the limit of ${max}`, { fix: `pass ${flag} ≤ ${max}` });
  return Number(text);
}

/** A whole number ≥ 0 (a seed, a row index) up to 2⁵³ − 1; 0 is valid, unlike parsePositiveInt. */
export function parseNonNegativeInt(text: string, flag: string): number {
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(Number(text))) throw usageError(`${flag} expects a whole number ≥ 0, got ${JSON.stringify(text.slice(0, 60))}`, `pass e.g. ${flag} 0`);
  return Number(text);
}

/** Checks a value against a fixed set of choices. */
export function parseChoice<T extends string>(text: string, choices: readonly T[], flag: string, code: 'BAD_ARGUMENT' | 'UNSUPPORTED_FORMAT' = 'BAD_ARGUMENT'): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  const hint = closestName(text, choices);
  throw new NumfeatError(code, `unknown ${flag} ${JSON.stringify(text)}${hint ? ` (did you mean ${hint}?)` : ''}`, { fix: `use one of: ${choices.join(', ')}` });
}
