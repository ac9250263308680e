import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WordTokenizer, wholeNumbers } from '@numfeat/tokenizers';
import { buildBundledCorpus } from './build.js';
import { readShard } from './shards.js';
import { readBundledDocuments } from './sources.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'numfeat-corpus-'));
  dirs.push(d);
  return d;
};

const small = { maxDocumentsPerSource: 2 };
const docs = [...readBundledDocuments(small)];
const tokenizer = WordTokenizer.train(
  docs.map((d) => d.text),
  { vocabSize: 2000, numberPolicy: wholeNumbers({ max: 999 }) },
);

describe('buildBundledCorpus', () => {
  it('writes shards + manifest whose token stream is the documents encoded in order', async () => {
    const cacheDir = tmp();
    const c = await buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096 });
    expect(c.reused).toBe(false);
    expect(c.manifest.dtype).toBe('uint16');
    expect(c.manifest.documents).toBe(6);
    expect(c.shards.length).toBeGreaterThan(1);
    const eos = tokenizer.tokenToId('<eos>')!;
    const expected = docs.flatMap((d) => [...tokenizer.encode(d.text), eos]);
    const stream = c.shards.flatMap((s) => Array.from(readShard(s)));
    expect(stream).toEqual(expected);
    expect(c.manifest.tokens).toBe(expected.length);
    expect(c.manifest.numberTokens).toBe(expected.filter((id) => tokenizer.numberValue(id) !== undefined).length);
    expect(c.manifest.numberTokens).toBeGreaterThan(0);
    expect(c.manifest.sources.map((s) => s.license)).toEqual(['Apache-2.0', 'MIT', 'Apache-2.0']);
  });

  it('reuses a valid cache, and never silently uses a corrupted shard', async () => {
    const cacheDir = tmp();
    const first = await buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096 });
    const mtime = statSync(first.shards[0].path).mtimeMs;
    const again = await buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096 });
    expect(again.reused).toBe(true);
    expect(statSync(again.shards[0].path).mtimeMs).toBe(mtime);

    // Flip one byte: same size, different hash.
    const bytes = readFileSync(first.shards[1].path);
    bytes[10] ^= 0xff;
    writeFileSync(first.shards[1].path, bytes);
    await expect(buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096, strict: true })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    const warnings: string[] = [];
    const rebuilt = await buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096, onWarning: (m) => warnings.push(m) });
    expect(rebuilt.reused).toBe(false);
    expect(warnings[0]).toMatch(/SHA-256/);
    expect(Array.from(readShard(rebuilt.shards[1]))).toEqual(Array.from(readShard(first.shards[1] /* same path, rebuilt */)));
    expect((await buildBundledCorpus({ cacheDir, tokenizer, ...small, shardTokens: 4096, strict: true })).reused).toBe(true);
  });

  it('validates its inputs', async () => {
    await expect(buildBundledCorpus({ cacheDir: tmp(), tokenizer: {} as never })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(buildBundledCorpus({ cacheDir: tmp(), tokenizer, ...small, sources: [] })).rejects.toMatchObject({ code: 'EMPTY_INPUT' });
  });
});
