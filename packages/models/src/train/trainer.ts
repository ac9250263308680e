// train() in Node: the training loop (train-loop.ts) with outDir files (checkpoints, dynamics.jsonl,
// status.json) and worker threads for threads > 1.
import { DataParallel } from './data-parallel.js';
import { openRunFiles } from './node-run-files.js';
import { trainOn, type TrainOptions, type TrainPlatform, type TrainResult } from './train-loop.js';

export type { TrainOptions, TrainResult, StepInfo } from './train-loop.js';

const NODE: TrainPlatform = { name: 'Node', openRunFiles, startParallel: (o) => DataParallel.start(o) };

/** Trains o.model on o.data (see TrainOptions); with outDir it checkpoints, and resume: true continues from there. */
export function train(o: TrainOptions): Promise<TrainResult> {
  return trainOn(NODE, o);
}
