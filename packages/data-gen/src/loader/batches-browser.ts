// batches() in browsers: batchStream over in-memory token streams (shard files need node:fs).
import { batchStream, type BatchOptions, type BatchStream } from './batch-stream.js';

/** Deterministic, resumable LM batches over `ids` (see batchStream); `shards` are refused here. */
export function batches(opts: BatchOptions): BatchStream {
  return batchStream(opts, undefined);
}
