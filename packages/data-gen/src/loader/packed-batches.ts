// Training batches of packed sequences (the output of isolate / contextLength, i.e. of perturb):
// shuffled rows per epoch, resumable from a { epoch, batch } position like batches().
import { NumfeatError, assertInteger } from '@numfeat/core';
import type { PackedSequences } from '../perturb/isolate.js';
import { createRng, deriveSeed, shuffleInPlace } from '../random.js';
import type { BatchPosition } from './batch-stream.js';

export interface PackedBatch {
  /** Inputs [B, T] row-major. */
  ids: Int32Array;
  /** Next tokens [B, T] row-major. */
  targets: Int32Array;
  /** Per-target weights (0 = padding), [B, T]. */
  mask: Uint8Array;
  shape: [number, number];
}

/** An endless stream of batches that can say where it is (a checkpoint stores the position). */
export interface PackedBatchStream extends Iterable<PackedBatch> {
  position(): BatchPosition;
}

/**
 * Batches of packed sequences (data-gen's isolate / contextLength output): row r of length ℓ gives
 * inputs r[0..ℓ−2], targets r[1..ℓ−1], and the targets' padding mask. Rows are shuffled per
 * epoch from (seed, epoch); the position is { epoch, batch } like data-gen's loader.
 */
export function packedBatches(packed: PackedSequences, o: { batchSize: number; seed: number }): (start: unknown) => PackedBatchStream {
  const B = assertInteger(o.batchSize, 'batchSize', 1);
  const L = packed.seqLen;
  const T = L - 1;
  const perEpoch = Math.floor(packed.sequences / B);
  if (perEpoch === 0) {
    throw new NumfeatError('EMPTY_INPUT', `${packed.sequences} packed sequences cannot fill one batch of ${B}`, { fix: 'use more tokens or a smaller batchSize' });
  }
  return (start) => {
    let { epoch, batch } = (start as BatchPosition | undefined) ?? { epoch: 0, batch: 0 };
    let perm = new Int32Array(0);
    let permEpoch = -1;
    const next = (): PackedBatch => {
      if (permEpoch !== epoch) {
        perm = Int32Array.from({ length: packed.sequences }, (_, i) => i);
        shuffleInPlace(perm, createRng(deriveSeed(o.seed, epoch)));
        permEpoch = epoch;
      }
      const ids = new Int32Array(B * T);
      const targets = new Int32Array(B * T);
      const mask = new Uint8Array(B * T);
      for (let r = 0; r < B; r++) {
        const row = perm[batch * B + r] * L;
        ids.set(packed.data.subarray(row, row + T), r * T);
        targets.set(packed.data.subarray(row + 1, row + L), r * T);
        mask.set(packed.mask.subarray(row + 1, row + L), r * T);
      }
      if (++batch === perEpoch) {
        batch = 0;
        epoch++;
      }
      return { ids, targets, mask, shape: [B, T] };
    };
    return {
      position: () => ({ epoch, batch }),
      *[Symbol.iterator]() {
        for (;;) yield next();
      },
    };
  };
}
