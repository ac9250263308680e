// batches() in Node: batchStream over in-memory streams or binary shards, read window by window
// with pread (never whole). The browser entry's batches() is batches-browser.ts.
import { closeSync, openSync, readSync } from 'node:fs';
import { NumfeatError } from '@numfeat/core';
import { assertLittleEndianHost, bytesPer, type ShardRef } from '../real/shards.js';
import { batchStream, type BatchOptions, type BatchStream, type Segment } from './batch-stream.js';

export type { Batch, BatchOptions, BatchPosition, BatchStream } from './batch-stream.js';

/** Deterministic, resumable LM batches over `ids` or `shards` (see batchStream). */
export function batches(opts: BatchOptions): BatchStream {
  return batchStream(opts, openShardFiles);
}

/** Each shard file as one segment, read with pread into one shared scratch buffer. */
function openShardFiles(shards: readonly ShardRef[], T: number): { segments: Segment[]; close(): void } {
  assertLittleEndianHost();
  const fds: number[] = [];
  const segments: Segment[] = [];
  // One scratch buffer for every read: pread straight into it, then view it as uint16/uint32.
  let scratch = new ArrayBuffer(0);
  for (const shard of shards) {
    const fd = openSync(shard.path, 'r');
    fds.push(fd);
    const bpe = bytesPer(shard.dtype);
    segments.push({
      windows: Math.max(0, Math.floor((shard.tokens - 1) / T)),
      read(offset, out, at, count) {
        if (scratch.byteLength < count * 4) scratch = new ArrayBuffer(count * 4);
        const bytes = new Uint8Array(scratch, 0, count * bpe);
        const got = readSync(fd, bytes, 0, bytes.length, offset * bpe);
        if (got !== bytes.length) {
          throw new NumfeatError('CORRUPT_FILE', `shard ${shard.path} is shorter than its manifest says`, { fix: 'rebuild the corpus cache' });
        }
        out.set(bpe === 2 ? new Uint16Array(scratch, 0, count) : new Uint32Array(scratch, 0, count), at);
      },
    });
  }
  return { segments, close: () => fds.splice(0).forEach((fd) => closeSync(fd)) };
}
