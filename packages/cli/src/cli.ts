import { isNumfeatError } from '@numfeat/core';
import type { CliIO } from './command.js';
import { commands } from './commands/index.js';
import { VERSION } from './version.js';

const USAGE = (list: string) => `numfeat ${VERSION} — how language models represent numbers

Usage: numfeat <command> [options]

Commands:
${list}

Options:
  --help, -h     show help (numfeat <command> --help for a command's options)
  --version, -v  print the version
  --debug        print stack traces of unexpected errors

Exit codes: 0 success, 2 a reported error (bad input, bad file, bad option), 1 an unexpected failure.
`;

/**
 * Runs the numfeat command line with `argv` (without node and the script path) and resolves to the
 * exit code. Never calls process.exit, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const args = [...argv];
  const debug = args.includes('--debug');
  try {
    const first = args[0];
    if (first === '--version' || first === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      // A bare `numfeat` is a usage mistake: help goes to stderr and the exit code is 2.
      (first === undefined ? io.stderr : io.stdout)(await globalHelp());
      return first === undefined ? 2 : 0;
    }
    const load = Object.hasOwn(commands, first) ? commands[first] : undefined;
    if (!load) {
      io.stderr(`numfeat: error [BAD_ARGUMENT] unknown command ${JSON.stringify(first)} — run numfeat --help; commands: ${Object.keys(commands).join(', ')}\n`);
      return 2;
    }
    const command = (await load()).default;
    const rest = args.slice(1);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.help);
      return 0;
    }
    return await command.run(rest.filter((a) => a !== '--debug'), io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** One line for reported errors (exit 2); stack only under --debug for unexpected ones (exit 1). */
export function reportError(error: unknown, io: CliIO, debug: boolean): number {
  // Reported errors are one line whatever the message holds (Node's own messages span several).
  const oneLine = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ');
  if (isNumfeatError(error)) {
    io.stderr(`numfeat: error [${error.code}] ${oneLine(error.message)}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
  const parse = error as { code?: string; message?: string };
  if (typeof parse?.code === 'string' && parse.code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`numfeat: error [BAD_ARGUMENT] ${oneLine(parse.message)} — see the command's --help\n`);
    return 2;
  }
  io.stderr(`numfeat: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
  else io.stderr('  (run again with --debug for the stack trace, and please report it)\n');
  return 1;
}

async function globalHelp(): Promise<string> {
  const entries = await Promise.all(Object.entries(commands).map(async ([name, load]) => [name, (await load()).default.summary]));
  const width = Math.max(...entries.map(([n]) => n.length));
  return USAGE(entries.map(([n, s]) => `  ${n.padEnd(width)}  ${s}`).join('\n'));
}
