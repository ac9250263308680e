import { NumfeatError } from '@numfeat/tensor/core';

// node:fs and node:path are imported lazily so this package's main entry stays loadable in browsers.
let nodeModules: Promise<{ fs: typeof import('node:fs/promises'); path: typeof import('node:path') }> | undefined;

export function loadNodeFs() {
  nodeModules ??= Promise.all([import('node:fs/promises'), import('node:path')]).then(([fs, path]) => ({ fs, path }));
  return nodeModules;
}

/**
 * Writes a file atomically: the bytes go to a temp file in the same directory, which is then
 * renamed over the target, so readers never see a half-written figure. Creates the directory.
 */
export async function atomicWrite(filePath: string, data: string | Uint8Array): Promise<void> {
  const { fs, path } = await loadNodeFs();
  const dir = path.dirname(filePath);
  const tmp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, filePath);
  } catch (cause) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new NumfeatError('IO_ERROR', `could not write ${filePath}: ${(cause as Error).message}`, {
      fix: 'check that the directory is writable and the disk is not full',
      cause,
    });
  }
}
