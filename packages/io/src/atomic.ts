import { fsPromises, ioError } from './node-fs.js';

let counter = 0;

/**
 * Writes `data` so that readers see either the old file or the complete new one, never a torn
 * write: a temp file in the same directory (same file system, so rename is atomic), fsync, rename.
 * Parent directories are created as needed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const fs = await fsPromises();
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${counter++}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
    const file = await fs.open(temp, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw ioError(e, path, 'write');
  }
  // Persist the rename itself; some platforms (Windows) cannot open directories, which is fine.
  try {
    const handle = await fs.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    /* best effort */
  }
}

/** JSON.stringify (2-space indent, typed arrays as plain arrays) + writeFileAtomic. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, (_key, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v), 2);
  await writeFileAtomic(path, text + '\n');
}

/**
 * The synchronous twin of writeFileAtomic, for code on synchronous paths (corpus shard writers).
 * node:fs is reached through process.getBuiltinModule so browsers importing this package never load it.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  const { dirname, basename, join } = process.getBuiltinModule('node:path') as typeof import('node:path');
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${counter++}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw ioError(e, path, 'write');
  }
}
