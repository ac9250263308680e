export { counterexample, type Counterexample, type CounterexampleOptions } from './counterexample.js';
export {
  bestLinearAccuracy1D,
  bestLinearClassifier1D,
  MAX_CLASSES_1D,
  type BestLinear1D,
  type Segment1D,
} from './linear-1d.js';
