import { parseArgs } from 'node:util';
import { closestName } from '@numfeat/core';
import { usageError } from './command.js';

export type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;
export type FlagValues<T extends FlagSpec> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };

/** Flags every command takes (handled by runCli before the command runs). */
const GLOBAL_FLAGS = ['help', 'debug'];

/**
 * parseArgs (strict, positionals allowed) with a "did you mean" for an unknown flag: Node's own
 * message names the flag but not the one the user meant. Checked before parsing, so nothing runs.
 */
export function parseFlags<T extends FlagSpec>(argv: string[], options: T, command: string): { values: FlagValues<T>; positionals: string[] } {
  const known = [...Object.keys(options), ...GLOBAL_FLAGS];
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0];
    if (known.includes(name)) continue;
    const hint = closestName(name, known);
    throw usageError(`unknown option --${name} for numfeat ${command}${hint ? ` (did you mean --${hint}?)` : ''}`, `see numfeat ${command} --help`);
  }
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  return { values: values as FlagValues<T>, positionals };
}
