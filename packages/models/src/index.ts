export { lmLoss, ParamBuilder, checkConfig } from './model.js';
export type { LanguageModel, Param, ParamGroup, ForwardOptions, ForwardResult } from './model.js';
