import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { NumfeatError } from '@numfeat/core';

export type ShardDtype = 'uint16' | 'uint32';

/** One binary shard of token ids (little-endian). */
export interface ShardRef {
  path: string;
  dtype: ShardDtype;
  tokens: number;
}

export const bytesPer = (dtype: ShardDtype): number => (dtype === 'uint16' ? 2 : 4);

export function dtypeForVocab(vocabSize: number): ShardDtype {
  return vocabSize <= 65536 ? 'uint16' : 'uint32';
}

/** Shards are little-endian and read through typed-array views, which use the host's byte order. */
export function assertLittleEndianHost(): void {
  if (endianness() !== 'LE') {
    throw new NumfeatError('UNSUPPORTED_FORMAT', 'token shards are little-endian and this host is big-endian', {
      fix: 'read the shards on a little-endian machine (x86-64, arm64)',
    });
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a shard cannot be trusted, or null if its size and SHA-256 match. */
export function shardProblem(path: string, expected: { bytes: number; sha256: string }): string | null {
  if (!existsSync(path)) return `shard ${path} is missing`;
  const size = statSync(path).size;
  if (size !== expected.bytes) return `shard ${path} has ${size} bytes, the manifest says ${expected.bytes}`;
  const hash = sha256(readFileSync(path));
  if (hash !== expected.sha256) return `shard ${path} has SHA-256 ${hash.slice(0, 12)}…, the manifest says ${expected.sha256.slice(0, 12)}…`;
  return null;
}

/** Read a whole shard as a typed array of token ids. */
export function readShard(shard: ShardRef): Uint16Array | Uint32Array {
  assertLittleEndianHost();
  const buf = readFileSync(shard.path);
  const bpe = bytesPer(shard.dtype);
  if (buf.length !== shard.tokens * bpe) {
    throw new NumfeatError('CORRUPT_FILE', `shard ${shard.path} has ${buf.length} bytes, expected ${shard.tokens * bpe}`, {
      fix: 'rebuild the corpus cache (delete the shard or run buildBundledCorpus again)',
    });
  }
  // Copy into an aligned buffer: a Buffer from the pool may start at an odd offset.
  const aligned = new Uint8Array(buf.length);
  aligned.set(buf);
  return shard.dtype === 'uint16' ? new Uint16Array(aligned.buffer) : new Uint32Array(aligned.buffer);
}
