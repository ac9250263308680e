// Deterministic, resumable LM batches over token sources cut into windows. Reading binary shards
// needs node:fs, so it comes in as a ShardOpener from the Node entry (batches.ts); browsers get
// in-memory streams only (batches-browser.ts). Both call batchStream below: one batching rule.
import { NumfeatError, assertInteger } from '@numfeat/core';
import { assertSeed, createRng, deriveSeed, shuffleInPlace } from '../random.js';
import type { ShardRef } from '../real/shards.js';
import type { TokenIds } from '../perturb/common.js';

/** Where a batch stream is: the next batch to yield is batch `batch` of epoch `epoch`. */
export interface BatchPosition {
  epoch: number;
  batch: number;
}

export interface Batch {
  /** [B, T] row-major: tokens t..t+T−1 of each window. */
  inputs: Int32Array;
  /** [B, T] row-major: the next tokens (inputs shifted by one). */
  targets: Int32Array;
  shape: [number, number];
  position: BatchPosition;
}

export interface BatchOptions {
  /** Token source: binary shards (read window by window, never whole) … */
  shards?: readonly ShardRef[];
  /** … or an in-memory stream. Give exactly one. */
  ids?: TokenIds;
  batchSize: number;
  seqLen: number;
  seed: number;
  /** Resume here (from a saved `position()`). */
  start?: BatchPosition;
  /** Stop after this many epochs (default: never). */
  epochs?: number;
}

export interface BatchStream extends Iterable<Batch> {
  /** Windows of T + 1 tokens per epoch and full batches per epoch (the last partial batch is dropped). */
  readonly windows: number;
  readonly batchesPerEpoch: number;
  /** The position of the next batch: save it, pass it as `start` to resume exactly. */
  position(): BatchPosition;
  next(): Batch | undefined;
  /** Close shard file handles. */
  close(): void;
}

/** One token source: its window count, and a reader of `count` tokens from `offset`. */
export interface Segment {
  windows: number;
  read(offset: number, out: Int32Array, at: number, count: number): void;
}

/** Opens shards as segments of windows of T + 1 tokens; close() releases what they hold. */
export type ShardOpener = (shards: readonly ShardRef[], T: number) => { segments: Segment[]; close(): void };

/**
 * Deterministic LM batches. Each source (shard or stream) is cut into non-overlapping windows of
 * T + 1 tokens starting at multiples of T, never crossing a shard boundary; every epoch visits all
 * windows once in an order drawn from (seed, epoch). Memory: one batch plus one permutation.
 * `openShards` reads opts.shards (absent: shards are refused, as in browsers).
 */
export function batchStream(opts: BatchOptions, openShards: ShardOpener | undefined): BatchStream {
  const B = assertInteger(opts.batchSize, 'batchSize', 1);
  const T = assertInteger(opts.seqLen, 'seqLen', 1);
  const seed = assertSeed(opts.seed);
  if ((opts.shards === undefined) === (opts.ids === undefined)) {
    throw new NumfeatError('BAD_ARGUMENT', 'give exactly one of shards or ids', { fix: 'e.g. batches({ shards: corpus.shards, batchSize: 16, seqLen: 64, seed: 0 })' });
  }
  let segments: Segment[];
  let close = () => {};
  if (opts.ids !== undefined) {
    const ids = opts.ids;
    segments = [
      {
        windows: Math.max(0, Math.floor((ids.length - 1) / T)),
        read(offset, out, at, count) {
          for (let i = 0; i < count; i++) out[at + i] = ids[offset + i];
        },
      },
    ];
  } else {
    if (!openShards) {
      throw new NumfeatError('BAD_ARGUMENT', 'batches over shard files need Node (node:fs); this build of @numfeat/data-gen reads in-memory token streams only', {
        fix: 'pass ids (e.g. numberCorpus(...).ids) instead of shards',
      });
    }
    ({ segments, close } = openShards(opts.shards!, T));
  }
  const firstWindow = new Float64Array(segments.length + 1);
  segments.forEach((s, i) => (firstWindow[i + 1] = firstWindow[i] + s.windows));
  const windows = firstWindow[segments.length];
  const batchesPerEpoch = Math.floor(windows / B);
  if (batchesPerEpoch === 0) {
    close();
    throw new NumfeatError('EMPTY_INPUT', `${windows} windows of ${T + 1} tokens cannot fill one batch of ${B}`, {
      fix: 'use more tokens, a smaller batchSize or a shorter seqLen',
    });
  }
  let { epoch, batch } = opts.start ?? { epoch: 0, batch: 0 };
  assertInteger(epoch, 'start.epoch', 0);
  assertInteger(batch, 'start.batch', 0, batchesPerEpoch - 1);
  const epochs = opts.epochs ?? Infinity;
  let permEpoch = -1;
  let perm = new Int32Array(0);
  const permutation = (e: number) => {
    if (permEpoch !== e) {
      perm = Int32Array.from({ length: windows }, (_, i) => i);
      shuffleInPlace(perm, createRng(deriveSeed(seed, e)));
      permEpoch = e;
    }
    return perm;
  };
  const windowBuf = new Int32Array(T + 1);
  const locate = (w: number): [number, number] => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstWindow[mid] <= w) lo = mid;
      else hi = mid - 1;
    }
    return [lo, (w - firstWindow[lo]) * T];
  };

  const next = (): Batch | undefined => {
    if (epoch >= epochs) return undefined;
    const p = permutation(epoch);
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    for (let r = 0; r < B; r++) {
      const [seg, offset] = locate(p[batch * B + r]);
      segments[seg].read(offset, windowBuf, 0, T + 1);
      inputs.set(windowBuf.subarray(0, T), r * T);
      targets.set(windowBuf.subarray(1), r * T);
    }
    const position = { epoch, batch };
    if (++batch === batchesPerEpoch) {
      batch = 0;
      epoch++;
    }
    return { inputs, targets, shape: [B, T], position };
  };

  return {
    windows,
    batchesPerEpoch,
    position: () => ({ epoch, batch }),
    next,
    close,
    *[Symbol.iterator]() {
      for (let b = next(); b !== undefined; b = next()) yield b;
    },
  };
}
