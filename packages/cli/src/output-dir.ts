import { NumfeatError } from '@numfeat/core';

/**
 * Writes a set of outputs all-or-nothing: `fill` writes into a hidden staging directory inside
 * `outDir`; only when it succeeds are the files renamed into place (each rename is atomic), so a
 * failure half-way leaves `outDir` as it was. Returns the final paths.
 */
export async function writeOutputsAtomically(outDir: string, fill: (stagingDir: string) => Promise<void>): Promise<string[]> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  try {
    await fs.mkdir(outDir, { recursive: true });
  } catch (cause) {
    throw new NumfeatError('IO_ERROR', `cannot create the output directory ${outDir}: ${(cause as Error).message}`, {
      fix: 'choose a writable --out directory',
      cause,
    });
  }
  const staging = await fs.mkdtemp(path.join(outDir, '.numfeat-staging-'));
  try {
    await fill(staging);
    const names = await listFiles(staging, fs, path);
    const written: string[] = [];
    for (const rel of names) {
      const target = path.join(outDir, rel);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(path.join(staging, rel), target);
      written.push(target);
    }
    return written;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function listFiles(
  dir: string,
  fs: typeof import('node:fs/promises'),
  path: typeof import('node:path'),
  prefix = '',
): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, fs, path, rel)));
    else if (!entry.name.endsWith('.tmp')) out.push(rel);
  }
  return out.sort();
}
