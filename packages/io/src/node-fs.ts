import { NumfeatError } from '@numfeat/core';
import { READ_LIMITS, tooLargeFile } from './limits.js';

// node:fs is imported lazily so that the parsers in this package stay usable in browsers:
// only the *File / atomic-write functions touch the file system.
export async function fsPromises(): Promise<typeof import('node:fs/promises')> {
  return import('node:fs/promises');
}

/** Maps a file-system error to IO_ERROR with a message that names the path and the fix. */
export function ioError(error: unknown, path: string, action: 'read' | 'write'): NumfeatError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'it is a directory'
    : code === 'ENOSPC' ? 'no space left on device'
    : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOTDIR' ? 'a part of the path is not a directory'
    : code === 'NOT_A_FILE' ? 'it is not a regular file (a device, pipe or socket)'
    : ((error as Error)?.message ?? String(error));
  const fix =
    code === 'ENOENT' && action === 'read' ? 'check the path (relative paths start from the current directory)'
    : code === 'EISDIR' || code === 'NOT_A_FILE' ? `pass a regular file${action === 'write' ? ' path in a writable directory' : ''}`
    : `check that the path is ${action === 'read' ? 'readable' : 'writable'}`;
  return new NumfeatError('IO_ERROR', `cannot ${action} ${path}: ${reason}`, { fix, cause: error, details: { path, code } });
}

/**
 * Stats `path` and refuses anything but a regular file, before it is opened: opening a FIFO blocks,
 * and a directory or device has no size to check.
 */
export async function statRegularFile(path: string): Promise<import('node:fs').Stats> {
  const fs = await fsPromises();
  const stats = await fs.stat(path);
  if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'NOT_A_FILE' });
  return stats;
}

/** Reads a whole file as bytes, mapping failures to IO_ERROR; `maxBytes` is checked before reading. */
export async function readFileBytes(path: string, maxBytes = READ_LIMITS.maxWholeFileBytes): Promise<Uint8Array> {
  const fs = await fsPromises();
  let size: number;
  try {
    size = (await statRegularFile(path)).size;
  } catch (e) {
    throw ioError(e, path, 'read');
  }
  if (size > maxBytes) throw tooLargeFile(path, size, maxBytes, 'convert the matrix to .safetensors (read row by row) or keep only the number rows');
  try {
    const buf = await fs.readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw ioError(e, path, 'read');
  }
}
