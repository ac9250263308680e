import { fsPromises, ioError } from './node-fs.js';

let counter = 0;
/** Folders already swept for orphans by this process (one sweep each is enough). */
const swept = new Set<string>();
/** `.name.<pid>.<time>.<n>.tmp`: the temp files this module writes. */
const TEMP = /^\..+\.(\d+)\.[0-9a-z]+\.\d+\.tmp$/;

function tempPath(dir: string, name: string, join: (...p: string[]) => string): string {
  return join(dir, `.${name}.${process.pid}.${Date.now().toString(36)}.${counter++}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but another user's
  }
}

/**
 * Removes temp files that an interrupted atomic write (a SIGKILL between open and rename) left in
 * `dir`: those whose writer process is gone. Files of live processes are in flight and kept.
 */
export function sweepOrphanTemps(dir: string): string[] {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  const { join } = process.getBuiltinModule('node:path') as typeof import('node:path');
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed; // not there yet: nothing to sweep
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    try {
      fs.rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      /* another sweeper got it, or no permission: harmless */
    }
  }
  return removed;
}

/**
 * Writes `data` so that readers see either the old file or the complete new one, never a torn
 * write: a temp file in the same directory (same file system, so rename is atomic), fsync, rename.
 * Parent directories are created as needed; orphan temp files of killed writers are removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const fs = await fsPromises();
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  const temp = tempPath(dir, basename(path), join);
  try {
    await fs.mkdir(dir, { recursive: true });
    sweepOrphanTemps(dir);
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
  const temp = tempPath(dir, basename(path), join);
  try {
    fs.mkdirSync(dir, { recursive: true });
    sweepOrphanTemps(dir);
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
