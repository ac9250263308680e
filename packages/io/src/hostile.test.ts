// Regression tests for issue 13: hostile or damaged files fail fast with a typed error, before any
// large allocation, and every reader follows the same integrity rules.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from './safetensors.js';
import { readGloveText } from './glove.js';
import { readWord2vecBinary } from './word2vec.js';
import { writeNpy } from './npy.js';
import { loadEmbeddings } from './load.js';
import { readGloveFile } from './files.js';
import { checkValueCount, READ_LIMITS } from './limits.js';
import { buildSafetensors, expectNumfeatError, fixture } from './test-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'numfeat-io-hostile-'));

const safetensors = buildSafetensors;

function word2vec(header: string, entries: [string, number[]][], newline = false): Uint8Array {
  const parts: number[] = [...new TextEncoder().encode(header + '\n')];
  for (const [w, v] of entries) {
    parts.push(...new TextEncoder().encode(w + ' '));
    const f = new Uint8Array(new Float32Array(v).buffer);
    parts.push(...f);
    if (newline) parts.push(0x0a);
  }
  return Uint8Array.from(parts);
}

describe('safetensors headers are checked against the data buffer', () => {
  it('a shape of [1e15, 1e15] with small offsets → CORRUPT_FILE before allocating', async () => {
    const file = safetensors({ wte: { dtype: 'F32', shape: [1e15, 1e15], data_offsets: [0, 64] } }, new Uint8Array(64));
    await expectNumfeatError(() => readSafetensors(file), 'CORRUPT_FILE', /needs 4e\+30 bytes but its data_offsets span 64/);
    const path = join(tmp, 'huge.safetensors');
    writeFileSync(path, file);
    await expectNumfeatError(() => loadEmbeddings(path), 'CORRUPT_FILE', /data_offsets span 64/);
  });
  it('overlapping tensors, holes and untiled tails → CORRUPT_FILE', async () => {
    const a = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
    await expectNumfeatError(() => readSafetensors(safetensors({ a, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, new Uint8Array(12))), 'CORRUPT_FILE', /overlaps/, /tile/);
    await expectNumfeatError(() => readSafetensors(safetensors({ a, b: { dtype: 'F32', shape: [1], data_offsets: [12, 16] } }, new Uint8Array(16))), 'CORRUPT_FILE', /hole of 4 bytes/);
    await expectNumfeatError(() => readSafetensors(safetensors({ a }, new Uint8Array(12))), 'CORRUPT_FILE', /cover 8 of the 12 data bytes/);
    await expectNumfeatError(() => readSafetensors(safetensors({ __metadata__: { x: 1 }, a }, new Uint8Array(8))), 'CORRUPT_FILE', /metadata/);
    expect(Array.from(readSafetensors(safetensors({ a }, new Uint8Array(8)), { tensor: 'a' }).data)).toEqual([0, 0]);
  });
});

describe('number ranges are checked against the file and a ceiling first', () => {
  const path = join(tmp, 'm.npy');
  writeFileSync(path, writeNpy({ data: new Float64Array(1000 * 4), shape: [1000, 4] }));
  it('--numbers 0..1e9 on a 1000-row matrix → MISSING_NUMBERS at once, naming the rows present', async () => {
    const t0 = performance.now();
    await expectNumfeatError(() => loadEmbeddings(path, { numbers: { start: 0, count: 1e9 } }), 'MISSING_NUMBERS', /1000–999999999/, /--numbers 0\.\.999/);
    await expectNumfeatError(() => loadEmbeddings(path, { numbers: { start: 5000, count: 10 } }), 'MISSING_NUMBERS', /holds numbers 0–999/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it(`word formats: more than ${READ_LIMITS.maxNumbers} numbers → BAD_RANGE before any lookup`, async () => {
    const glove = join(tmp, 'g.txt');
    writeFileSync(glove, '0 1 2\n1 3 4\n');
    await expectNumfeatError(() => loadEmbeddings(glove, { numbers: { start: 0, count: 30_000_000 } }), 'BAD_RANGE', /30000000 numbers/, /--numbers 0\.\.999/);
  });
  it('claims over the value ceiling (2^28 float64) are BAD_RANGE; at the ceiling they pass', () => {
    expect(() => checkValueCount(READ_LIMITS.maxValues + 1, 'x.npy', 'shape (268435457,)')).toThrow(/x\.npy: shape \(268435457,\) would need 2\.0 GiB as float64, over the 2\.0 GiB read ceiling/);
    expect(() => checkValueCount(Infinity, 'x', 'y')).toThrow(/unbounded memory/);
    expect(() => checkValueCount(READ_LIMITS.maxValues, 'x', 'y')).not.toThrow();
  });
});

describe('GloVe text', () => {
  it('a first line "0 0" is a 1-dimensional row, not a "V d" header', () => {
    const r = readGloveText('0 0\n1 1\n2 2\n');
    expect(r.dims).toBe(1);
    expect([...r.vectors.entries()].map(([w, v]) => [w, v[0]])).toEqual([['0', 0], ['1', 1], ['2', 2]]);
  });
  it('loadEmbeddings on a 1-dimensional GloVe file starting "0 0" finds every number', async () => {
    const path = join(tmp, 'one-dim.txt');
    writeFileSync(path, Array.from({ length: 20 }, (_, i) => `${i} ${i}`).join('\n') + '\n');
    const r = await loadEmbeddings(path, { numbers: { start: 0, count: 20 } });
    expect(Array.from(r.matrix.data)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
  it('"V 1" is a header only when exactly V rows follow; a "V d" header must count the rows', async () => {
    expect([...readGloveText('2 1\na 5\nb 6\n').vectors.keys()]).toEqual(['a', 'b']);
    expect([...readGloveText('3 1\na 5\nb 6\n').vectors.keys()]).toEqual(['3', 'a', 'b']);
    expect(readGloveText('0 7\n').dims).toBe(7);
    await expectNumfeatError(() => readGloveText('3 2\na 1 2\nb 3 4\n'), 'CORRUPT_FILE', /promises 3 words but the file holds 2/);
  });
  it('numbers are decimal only: 0x10, 0b1, 1_0 and empty fields are refused', async () => {
    for (const bad of ['0x10', '0b1', '0o7', '1_0', 'Infinityx', '']) {
      await expectNumfeatError(() => readGloveText(`a 1 ${bad} 2\n`), 'CORRUPT_FILE', /is not a decimal number/);
    }
    expect(Array.from(readGloveText('a -1.5e-3 +.5\n').vectors.get('a')!)).toEqual([-1.5e-3, 0.5]);
  });
  it('a line longer than the limit → CORRUPT_FILE; a 100 MB line without a newline fails fast', async () => {
    await expectNumfeatError(() => readGloveText('a ' + '1 '.repeat(READ_LIMITS.maxLineBytes)), 'CORRUPT_FILE', /line 1 is longer than/);
    const path = join(tmp, 'oneline.txt');
    writeFileSync(path, 'w ' + '0.1 '.repeat(25_000_000));
    const t0 = performance.now();
    await expectNumfeatError(() => readGloveFile(path), 'CORRUPT_FILE', /line 1 is longer than 1048576 bytes/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('duplicate words: one rule for every reader (CORRUPT_FILE)', () => {
  it('GloVe, with and without a word list, from text and from disk', async () => {
    const text = 'a 1 2\n7 3 4\nb 5 6\n7 8 9\n';
    await expectNumfeatError(() => readGloveText(text), 'CORRUPT_FILE', /"7" occurs twice \(again at line 4\)/);
    await expectNumfeatError(() => readGloveText(text, { words: ['7'] }), 'CORRUPT_FILE', /occurs twice/);
    const path = join(tmp, 'dup.txt');
    writeFileSync(path, text);
    await expectNumfeatError(() => loadEmbeddings(path, { numbers: { start: 7, count: 1 } }), 'CORRUPT_FILE', /occurs twice/);
    // A duplicate of a word nobody asked for is not read, and so not judged.
    expect(readGloveText(text, { words: ['a'] }).vectors.size).toBe(1);
  });
  it('word2vec', async () => {
    const bytes = word2vec('3 2', [['x', [1, 2]], ['y', [3, 4]], ['x', [5, 6]]]);
    await expectNumfeatError(() => readWord2vecBinary(bytes), 'CORRUPT_FILE', /"x" occurs twice \(again at entry 3\)/);
  });
});

describe('word2vec headers must match the data', () => {
  const entries: [string, number[]][] = [['0', [1, 2]], ['1', [3, 4]]];
  it('an overstated vocabulary fails even when every requested word was found', async () => {
    const long: [string, number[]][] = [['0', [1, 2]], ['a-long-enough-word', [3, 4]]];
    await expectNumfeatError(() => readWord2vecBinary(word2vec('3 2', long), { words: ['0'] }), 'CORRUPT_FILE', /promises 3 words .* ends after 2/);
    await expectNumfeatError(() => readWord2vecBinary(word2vec('1000000 2', entries)), 'CORRUPT_FILE', /at least 10000000 bytes/);
  });
  it('an understated vocabulary (data after V entries) fails; trailing newlines are fine', async () => {
    await expectNumfeatError(() => readWord2vecBinary(word2vec('1 2', entries)), 'CORRUPT_FILE', /data continues after the 1 entries/);
    expect(readWord2vecBinary(word2vec('2 2', entries, true)).vectors.size).toBe(2);
  });
  it('a word without a space (a damaged entry) fails at the word-length limit, not at the end of memory', async () => {
    const bytes = new Uint8Array(20_000).fill(0x61);
    bytes.set(new TextEncoder().encode('1 2\n'));
    await expectNumfeatError(() => readWord2vecBinary(bytes), 'CORRUPT_FILE', /no word of at most 4096 bytes/);
  });
});

describe('paths that are not regular files', () => {
  it('a directory named like a file → IO_ERROR', async () => {
    const dir = join(tmp, 'emb.txt');
    mkdirSync(dir);
    await expectNumfeatError(() => loadEmbeddings(dir), 'IO_ERROR', /is a directory/, /regular file/);
    mkdirSync(join(tmp, 'emb.npy'));
    await expectNumfeatError(() => loadEmbeddings(join(tmp, 'emb.npy')), 'IO_ERROR', /is a directory/);
  });
  it('a FIFO is refused without blocking', async () => {
    const fifo = join(tmp, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    await expectNumfeatError(() => loadEmbeddings(fifo), 'IO_ERROR', /not a regular file/);
  });
  it('the real fixtures still load', async () => {
    expect(readGloveText(fixture('tiny_glove.txt')).dims).toBe(4);
  });
});
