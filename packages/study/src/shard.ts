// Deterministic partition of a study's runs over n machines: sort by id, give run j to shard
// (j mod n) + 1. Every run lands in exactly one shard, whatever order the experiments list them in.
import { NumfeatError } from '@numfeat/core';

/** Parses "i/n" (1 ≤ i ≤ n). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(String(text ?? ''));
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new NumfeatError('BAD_ARGUMENT', `--shard expects i/n with 1 ≤ i ≤ n, got ${JSON.stringify(text)}`, { fix: 'pass e.g. --shard 2/4' });
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

export function shardRuns<R extends { id: string }>(runs: readonly R[], { index, count }: Shard): R[] {
  const sorted = [...runs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.filter((_, j) => j % count === index - 1);
}
