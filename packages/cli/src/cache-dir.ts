import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { usageError } from './command.js';

/**
 * numfeat's per-user cache folder (corpus shards, tokenizers), never the working directory:
 * --cache-dir, else $NUMFEAT_CACHE_DIR, else $XDG_CACHE_HOME/numfeat, else ~/.cache/numfeat
 * (docs/limits.md). Relative flag values resolve against `cwd`; environment values must be absolute
 * (the XDG spec ignores relative ones, and a relative one would again depend on the folder run from).
 */
export function numfeatCacheDir(flag: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined) {
    if (flag.trim() === '') throw usageError('--cache-dir is empty', 'pass a folder, e.g. --cache-dir ~/.cache/numfeat');
    return resolve(cwd, flag);
  }
  const own = env.NUMFEAT_CACHE_DIR;
  if (own) {
    if (!isAbsolute(own)) throw usageError(`NUMFEAT_CACHE_DIR must be an absolute path, got ${JSON.stringify(own)}`, 'set it to an absolute folder or unset it');
    return own;
  }
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'numfeat');
}
