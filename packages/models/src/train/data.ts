// What the trainer eats: batches of int32 ids/targets [B, T] (data-gen's Batch fits as is), and the
// sources that can be resumed exactly from a saved position.
import { batches, type BatchPosition, type TokenIds } from '@numfeat/data-gen';
import { NumfeatError, assertInteger } from '@numfeat/tensor';

export interface TrainBatch {
  /** Inputs [B, T] row-major (data-gen calls them `inputs`; either name works). */
  ids?: Int32Array;
  inputs?: Int32Array;
  /** Next tokens [B, T] row-major. */
  targets: Int32Array;
  shape: [number, number];
  /** Optional per-target weights (1 = count, 0 = padding), [B, T]. */
  mask?: Uint8Array | Float32Array;
}

/** An iterable that can say where it is, so a checkpoint can store it (data-gen's BatchStream is one). */
export interface PositionedBatches extends Iterable<TrainBatch> {
  position(): unknown;
}

/**
 * Training data. A function is called with the saved position on resume (undefined on a fresh
 * run) and must continue from there; a plain iterable is resumed by skipping the batches already
 * consumed (correct for any deterministic source, but it re-reads them).
 */
export type TrainData = Iterable<TrainBatch> | ((start: unknown) => Iterable<TrainBatch> | PositionedBatches);

/** data-gen's deterministic window batches over an in-memory token stream, resumable from a position. */
export function streamBatches(ids: TokenIds, o: { batchSize: number; seqLen: number; seed: number }): (start: unknown) => PositionedBatches {
  return (start) => batches({ ids, batchSize: o.batchSize, seqLen: o.seqLen, seed: o.seed, start: start as BatchPosition | undefined });
}

/** Batches of packed sequences: data-gen's packedBatches (re-exported; it lives beside data-gen's batches). */
export { packedBatches } from '@numfeat/data-gen';

/** Validates one batch and returns its inputs. */
export function batchInputs(b: TrainBatch, vocabSize: number, index: number): Int32Array {
  const ids = b?.ids ?? b?.inputs;
  const shape = b?.shape;
  if (!(ids instanceof Int32Array) || !(b.targets instanceof Int32Array) || !Array.isArray(shape) || shape.length !== 2) {
    throw new NumfeatError('BAD_ARGUMENT', `batch ${index} is not { ids | inputs: Int32Array, targets: Int32Array, shape: [B, T] }`, {
      fix: 'yield batches like @numfeat/data-gen batches() does',
    });
  }
  const n = shape[0] * shape[1];
  if (ids.length !== n || b.targets.length !== n || (b.mask && b.mask.length !== n)) {
    throw new NumfeatError('SHAPE_MISMATCH', `batch ${index}: shape [${shape}] needs ${n} ids/targets, got ${ids.length}/${b.targets.length}`, {
      fix: 'make ids, targets (and mask) hold B·T values each',
    });
  }
  for (const arr of [ids, b.targets]) {
    for (let i = 0; i < n; i++) {
      if (arr[i] < 0 || arr[i] >= vocabSize) {
        throw new NumfeatError('BAD_RANGE', `batch ${index}: token id ${arr[i]} is outside the model's vocabulary [0, ${vocabSize})`, {
          fix: 'build the model with vocabSize > the largest token id',
        });
      }
    }
  }
  return ids;
}
