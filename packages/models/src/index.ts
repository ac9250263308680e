export { lmLoss, ParamBuilder, checkConfig, checkForwardArgs } from './model.js';
export type { LanguageModel, Param, ParamGroup, ForwardOptions, ForwardResult } from './model.js';
export {
  rmsNorm,
  linear,
  silu,
  swiglu,
  ropeTables,
  applyRope,
  causalAttention,
  causalMask,
  unstackRows,
  RMS_NORM_EPS,
  type RopeTables,
  type AttentionStrategy,
} from './layers.js';
export {
  createTransformer,
  defaultTransformerConfig,
  checkTransformerConfig,
  llamaFfnHidden,
  type TransformerConfig,
} from './transformer.js';
export { createModel, checkModelSpec, configFields, ARCHITECTURES, type ArchName, type ModelSpec } from './registry.js';
export { gradCheck, type GradCheckOptions, type GradCheckEntry, type GradCheckReport } from './gradcheck.js';
export {
  createOptimizer,
  resolveOptimizerOptions,
  OPTIMIZERS,
  newtonSchulz5,
  newtonSchulz5Batched,
  DECAYED_GROUPS,
  type Optimizer,
  type OptimizerName,
  type OptimizerOptions,
  type OptimizerState,
} from './optim/index.js';
export {
  createGatedDeltaNet,
  defaultGatedDeltaNetConfig,
  checkGatedDeltaNetConfig,
  type GatedDeltaNetConfig,
} from './gated-deltanet.js';
export { gatedDeltaRuleRecurrent, gatedDeltaRuleChunked, type DeltaRuleOptions } from './gated-deltanet-rule.js';
export { shortCausalConv } from './recurrent-helpers.js';
export { trainWord2vec, type Word2vecOptions, type Word2vecResult } from './classic/word2vec.js';
export {
  train,
  lrScale,
  streamBatches,
  packedBatches,
  evaluateEmbeddings,
  numberEmbeddings,
  weightedLmLoss,
  encodeCheckpoint,
  decodeCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  firstDifference,
  CHECKPOINT_VERSION,
  createProgress,
  type ProgressOptions,
  formatDuration,
  type TrainOptions,
  type TrainResult,
  type StepInfo,
  type ScheduleOptions,
  type TrainBatch,
  type TrainData,
  type PositionedBatches,
  type EvalOptions,
  type EvalRecord,
  type CheckpointData,
  type Progress,
  type ProgressSink,
  type ProgressUpdate,
  parseRunConfig,
  modelRule,
  OPTIMIZER_RULE,
  TRAIN_RULE,
  PERTURBATION_RULE,
  RUN_CONFIG_RULE,
  type RunConfig,
  type TrainSection,
  runSweep,
  runSweepJob,
  runSweepTask,
  DataParallel,
  splitRows,
  type DataParallelOptions,
  type SweepRun,
  type SweepResult,
  type SweepOptions,
} from './train/index.js';
export { trainPpmi, ppmiMatrix, type PpmiOptions, type PpmiResult } from './classic/ppmi.js';
export { cooccurrenceCounts, type CsrMatrix, type CooccurrenceWeighting } from './classic/cooccurrence.js';
export { randomizedSvd, type RandomizedSvdOptions, type TruncatedSvd } from './classic/randomized-svd.js';
export { createLstm, defaultLstmConfig, checkLstmConfig, type LstmConfig } from './lstm.js';
export { createMamba2, defaultMamba2Config, checkMamba2Config, type Mamba2Config } from './mamba2.js';
export { ssdRecurrent, ssdChunked } from './mamba2-ssd.js';
export * from './loaders.js';
export { runPool, type PoolTask, type PoolOutcome, type PoolEvent, type PoolOptions, type PoolBackend, type TaskContext } from './pool/worker-pool.js';
