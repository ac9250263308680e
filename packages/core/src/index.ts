// @numfeat/core: the TF-free base every numfeat package shares — errors, validation, PRNG,
// float64 matrix helpers, alias table. It loads no TensorFlow.js and no Node built-ins.
export { NumfeatError, isNumfeatError, type NumfeatErrorCode } from './errors.js';
export { assertInteger, assertFinite } from './validate.js';
export { validateConfig, pickFields, closestName, rules, type FieldRule, type ObjectRule, type ConfigFail } from './config.js';
export {
  toMatrix64,
  toVector64,
  row,
  toFloat32,
  toNested,
  type Matrix64,
  type MatrixInput,
  type ShapedArray,
  type TensorLike,
  type VectorInput,
} from './matrix.js';
export { aliasTable, type AliasTable } from './alias-table.js';
export { mulberry32, gaussian, createRng, hash32, deriveSeed, assertSeed, shuffleInPlace, type Rng } from './random.js';
