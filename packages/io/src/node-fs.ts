import { NumfeatError } from '@numfeat/tensor/core';

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
    : ((error as Error)?.message ?? String(error));
  const fix =
    code === 'ENOENT' && action === 'read' ? 'check the path (relative paths start from the current directory)'
    : code === 'EISDIR' ? 'pass a file, not a directory'
    : `check that the path is ${action === 'read' ? 'readable' : 'writable'}`;
  return new NumfeatError('IO_ERROR', `cannot ${action} ${path}: ${reason}`, { fix, cause: error, details: { path, code } });
}

/** Reads a whole file as bytes, mapping failures to IO_ERROR. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const fs = await fsPromises();
  try {
    const buf = await fs.readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw ioError(e, path, 'read');
  }
}
