import { NumfeatError } from '@numfeat/core';

/**
 * Checks, before any work, that `dir` can hold the command's outputs: it is a directory or can be
 * created as one, and a file can be created there. Creates nothing that outlives the check, and
 * never calls a recursive mkdir on a path it has not vetted (Node's recursive mkdir spins forever
 * under /proc), nor opens anything but a fresh probe file (a FIFO would block).
 */
export async function checkOutputDir(dir: string, flag = '--out'): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const fail = (problem: string, cause?: unknown) =>
    new NumfeatError('IO_ERROR', `${flag} ${dir}: ${problem}`, { fix: `choose a writable ${flag} directory`, cause, details: { path: dir } });
  // The nearest part of the path that exists must be a directory we can write into.
  let existing = path.resolve(dir);
  for (;;) {
    const stats = await fs.stat(existing).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      if (e.code === 'ENOTDIR') throw fail('a part of the path is a file, not a directory', e);
      throw fail(e.code === 'EACCES' ? 'permission denied' : e.message, e);
    });
    if (stats) {
      if (!stats.isDirectory()) throw fail(existing === path.resolve(dir) ? 'it exists and is not a directory' : `${existing} is not a directory`);
      break;
    }
    const parent = path.dirname(existing);
    if (parent === existing) throw fail('no part of the path exists');
    existing = parent;
  }
  const probe = path.join(existing, `.numfeat-write-probe-${process.pid}-${Date.now().toString(36)}`);
  try {
    const handle = await fs.open(probe, 'wx');
    await handle.close();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? `cannot create files in ${existing}` : (e as Error).message;
    throw fail(why, e);
  }
  await fs.rm(probe, { force: true });
}
