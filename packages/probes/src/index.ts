export { residueLabels } from './labels.js';
export { cohenKappa, confusionMatrix, accuracyScore, kappaFromConfusion } from './kappa.js';
export { stratifiedSplit, kFoldSplits, type Split } from './split.js';
export { scatterMatrices, type Scatter } from './scatter.js';
export { fisherDiscriminant, type Fisher, type FisherOptions, type FisherTreatmentKind } from './fisher.js';
export { Probe } from './base.js';
export { LogisticProbe, type LogisticOptions, type LogisticFitInfo } from './logistic.js';
export { LDAProbe, type LDAOptions } from './lda.js';
export { CircularProbe, type CircularOptions } from './circular.js';
export {
  probeModulus,
  probeModuli,
  PROBE_KINDS,
  DEFAULT_MODULI,
  type ProbeOptions,
  type ProbeResult,
  type ProbeProtocol,
  type ProbeKind,
} from './probe.js';
export { lbfgs, type LbfgsOptions, type LbfgsResult, type ValueAndGradient } from './lbfgs.js';
/** The project's one symmetric eigen-solver (also the PPMI randomized SVD's). */
export { symmetricEigen } from './linalg.js';
