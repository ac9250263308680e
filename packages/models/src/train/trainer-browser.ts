// train() in browsers: the same training loop (train-loop.ts) with no file system and one thread, so
// outDir (and with it resume) and threads > 1 are refused; the result holds the losses, the
// evaluations and the model.
import { trainOn, type TrainOptions, type TrainPlatform, type TrainResult } from './train-loop.js';

const BROWSER: TrainPlatform = { name: 'browsers' };

/** Trains o.model on o.data (see TrainOptions), in memory. */
export function train(o: TrainOptions): Promise<TrainResult> {
  return trainOn(BROWSER, o);
}
