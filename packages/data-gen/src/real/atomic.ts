import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

let counter = 0;

/** Write a file atomically: a temp file in the same directory, fsync, then rename over the target. */
export function writeFileAtomicSync(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}-${counter++}`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
