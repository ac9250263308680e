// What both entries of @numfeat/models export (index.ts for Node, browser.ts for browsers): the
// models, optimizers, the trainer's parts and the PPMI baseline. Node-only (files, worker threads):
// checkpoints, sweeps, DataParallel, the worker pool, word2vec and the file loaders.
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
export * from './train/api.js';
export { trainPpmi, ppmiMatrix, type PpmiOptions, type PpmiResult } from './classic/ppmi.js';
export { cooccurrenceCounts, type CsrMatrix, type CooccurrenceWeighting } from './classic/cooccurrence.js';
export { randomizedSvd, type RandomizedSvdOptions, type TruncatedSvd } from './classic/randomized-svd.js';
export { createLstm, defaultLstmConfig, checkLstmConfig, type LstmConfig } from './lstm.js';
export { createMamba2, defaultMamba2Config, checkMamba2Config, type Mamba2Config } from './mamba2.js';
export { ssdRecurrent, ssdChunked } from './mamba2-ssd.js';
