import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './atomic.js';
import { expectNumfeatError } from './test-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'numfeat-io-atomic-'));

describe('atomic writes', () => {
  it('creates parent directories, replaces whole files and leaves no temp files', async () => {
    const p = join(tmp, 'a', 'b', 'out.txt');
    await writeFileAtomic(p, 'first');
    await writeFileAtomic(p, new TextEncoder().encode('second'));
    expect(readFileSync(p, 'utf8')).toBe('second');
    expect(readdirSync(join(tmp, 'a', 'b'))).toEqual(['out.txt']);
  });
  it('writes JSON with typed arrays as plain arrays', async () => {
    const p = join(tmp, 'r.json');
    await writeJsonAtomic(p, { x: new Float64Array([1.5, 2]), n: 3 });
    expect(JSON.parse(readFileSync(p, 'utf8'))).toEqual({ x: [1.5, 2], n: 3 });
  });
  it('a failed write → IO_ERROR and no temp file left behind', async () => {
    const dir = join(tmp, 'isdir');
    mkdirSync(dir);
    mkdirSync(join(dir, 'target'));
    await expectNumfeatError(() => writeFileAtomic(join(dir, 'target'), 'x'), 'IO_ERROR', /cannot write/);
    expect(readdirSync(dir)).toEqual(['target']);
  });
  it('the sync twin creates directories, replaces whole files, and maps failures to IO_ERROR', async () => {
    const p = join(tmp, 'sync', 'deep', 'out.bin');
    writeFileAtomicSync(p, 'first');
    writeFileAtomicSync(p, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(p)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(tmp, 'sync', 'deep'))).toEqual(['out.bin']);
    const dir = join(tmp, 'sync-isdir');
    mkdirSync(join(dir, 'target'), { recursive: true });
    await expectNumfeatError(async () => writeFileAtomicSync(join(dir, 'target'), 'x'), 'IO_ERROR', /cannot write/);
    expect(readdirSync(dir)).toEqual(['target']);
  });
});

describe('orphan temp files of interrupted writes', () => {
  it('the next write to the folder removes temps of dead writers and keeps those of live ones', async () => {
    const dir = join(tmp, 'orphans');
    mkdirSync(dir);
    // A process that has exited: its pid is free (or reused by a process we must not confuse it with).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const orphan = `.checkpoint.bin.${dead}.m1abc.0.tmp`;
    const live = `.checkpoint.bin.${process.ppid}.m1abc.0.tmp`; // our parent is alive
    const unrelated = '.notes.tmp';
    for (const f of [orphan, live, unrelated]) writeFileSync(join(dir, f), 'x');
    await writeFileAtomic(join(dir, 'checkpoint.bin'), 'new');
    expect(readdirSync(dir).sort()).toEqual([live, unrelated, 'checkpoint.bin'].sort());
  });
  it('the sync writer sweeps too', () => {
    const dir = join(tmp, 'orphans-sync');
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, `.shard-0.bin.${dead}.zz.3.tmp`), 'x');
    writeFileAtomicSync(join(dir, 'shard-0.bin'), 'y');
    expect(readdirSync(dir)).toEqual(['shard-0.bin']);
  });
});
