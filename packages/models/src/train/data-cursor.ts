// The trainer's view of its data: batches one at a time, resumed at a checkpoint's position, with
// the count of batches consumed and (for positioned sources) the position a checkpoint stores.
import { NumfeatError } from '@numfeat/tensor';
import type { CheckpointData } from './checkpoint.js';
import type { TrainBatch, TrainData } from './data.js';

export interface DataCursor {
  /** Shape [B, T] of the first batch: the run's batch shape. */
  shape: [number, number];
  /** The next batch, or undefined when the data is exhausted. */
  next(): TrainBatch | undefined;
  /** Batches consumed so far (across resumes). */
  consumed: number;
  /** What a checkpoint stores to resume the data exactly. */
  state(): CheckpointData['data'];
}

/** Positioned sources restart at the saved position; others skip the batches already consumed. */
export function openData(data: TrainData, saved: CheckpointData | undefined): DataCursor {
  const source = typeof data === 'function' ? data(saved?.data.position) : data;
  const positioned = typeof (source as { position?: unknown }).position === 'function';
  const iterator = source[Symbol.iterator]();
  const consumed = saved?.data.consumed ?? 0;
  if (saved && !positioned) for (let i = 0; i < consumed; i++) if (iterator.next().done) break;
  const first = iterator.next();
  if (first.done) throw new NumfeatError('EMPTY_INPUT', 'train: the data yielded no batch', { fix: 'check the corpus and batch options' });
  // The first batch was read to learn the shape; it is handed out again by the first next().
  let pending: TrainBatch | undefined = first.value;
  return {
    shape: [...first.value.shape] as [number, number],
    consumed,
    next() {
      const batch = pending ?? (() => {
        const n = iterator.next();
        return n.done ? undefined : n.value;
      })();
      pending = undefined;
      return batch;
    },
    state() {
      return { consumed: this.consumed, position: positioned ? (source as unknown as { position(): unknown }).position() : null };
    },
  };
}
