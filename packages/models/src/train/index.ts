export { train, type TrainOptions, type TrainResult, type StepInfo } from './trainer.js';
export { lrScale, type ScheduleOptions } from './schedule.js';
export { streamBatches, packedBatches, type TrainBatch, type TrainData, type PositionedBatches } from './data.js';
export { evaluateEmbeddings, numberEmbeddings, type EvalOptions, type EvalRecord } from './eval.js';
export { weightedLmLoss } from './loss.js';
export { encodeCheckpoint, decodeCheckpoint, readCheckpoint, writeCheckpoint, firstDifference, CHECKPOINT_VERSION, type CheckpointData } from './checkpoint.js';
export { createProgress, formatDuration, type Progress, type ProgressSink, type ProgressUpdate } from './progress.js';
export { parseRunConfig, modelRule, OPTIMIZER_RULE, TRAIN_RULE, PERTURBATION_RULE, RUN_CONFIG_RULE, type RunConfig, type TrainSection } from './run-config.js';
export { runSweep, runSweepJob, runSweepTask, type SweepRun, type SweepResult, type SweepOptions } from './sweep.js';
