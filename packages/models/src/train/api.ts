// The trainer's API that both entries share (train() itself is per entry: trainer.ts for Node,
// trainer-browser.ts for browsers; checkpoints, sweeps and worker threads are Node-only).
export type { TrainOptions, TrainResult, StepInfo } from './train-loop.js';
export { lrScale, type ScheduleOptions } from './schedule.js';
export { streamBatches, packedBatches, type TrainBatch, type TrainData, type PositionedBatches } from './data.js';
export { evaluateEmbeddings, numberEmbeddings, type EvalOptions, type EvalRecord } from './eval.js';
export { weightedLmLoss } from './loss.js';
export type { DataParallelOptions } from './data-parallel.js';
export type { CheckpointData } from './checkpoint.js';
export { firstDifference } from './first-difference.js';
export { createProgress, formatDuration, type Progress, type ProgressOptions, type ProgressSink, type ProgressUpdate } from './progress.js';
export { parseRunConfig, modelRule, OPTIMIZER_RULE, TRAIN_RULE, PERTURBATION_RULE, RUN_CONFIG_RULE, type RunConfig, type TrainSection } from './run-config.js';
