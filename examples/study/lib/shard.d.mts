export interface Shard { index: number; count: number }
export function parseShard(text: string): Shard;
export function shardRuns<R extends { id: string }>(runs: readonly R[], shard: Shard): R[];
