import { NumfeatError } from '@numfeat/tensor/core';

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
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A usage mistake (bad flag, bad value): reported like any NumfeatError, exit code 2. */
export function usageError(problem: string, fix: string): NumfeatError {
  return new NumfeatError('BAD_ARGUMENT', problem, { fix });
}

/** "0..999" (inclusive) → { start: 0, count: 1000 }. */
export function parseNumberRange(text: string, flag: string): { start: number; count: number } {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (!m || Number(m[2]) < Number(m[1])) {
    throw usageError(`${flag} expects an inclusive range like 0..999, got ${JSON.stringify(text)}`, `write ${flag} START..END with END ≥ START`);
  }
  return { start: Number(m[1]), count: Number(m[2]) - Number(m[1]) + 1 };
}

/** "2,5,10" or "2..10" (or a mix: "2..5,10") → sorted unique integers ≥ 2. */
export function parseIntegerList(text: string, flag: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    const single = /^\s*(\d+)\s*$/.exec(part);
    if (range && Number(range[2]) >= Number(range[1])) {
      for (let t = Number(range[1]); t <= Number(range[2]); t++) out.add(t);
    } else if (single) {
      out.add(Number(single[1]));
    } else {
      throw usageError(`${flag} expects a list like 2,5,10 or a range like 2..10, got ${JSON.stringify(text)}`, `fix the value of ${flag}`);
    }
  }
  const values = [...out].sort((a, b) => a - b);
  if (values[0] < 2) throw usageError(`${flag}: periods must be ≥ 2, got ${values[0]}`, `drop ${values[0]} from ${flag}`);
  return values;
}

/** A positive integer flag value. */
export function parsePositiveInt(text: string, flag: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw usageError(`${flag} expects a positive integer, got ${JSON.stringify(text)}`, `pass e.g. ${flag} 5`);
  }
  return Number(text);
}

/** Checks a value against a fixed set of choices. */
export function parseChoice<T extends string>(text: string, choices: readonly T[], flag: string, code: 'BAD_ARGUMENT' | 'UNSUPPORTED_FORMAT' = 'BAD_ARGUMENT'): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new NumfeatError(code, `unknown ${flag} ${JSON.stringify(text)}`, { fix: `use one of: ${choices.join(', ')}` });
}
