export { counterexample, type Counterexample, type CounterexampleOptions } from './counterexample.js';
export {
  bestLinearAccuracy1D,
  bestLinearClassifier1D,
  MAX_CLASSES_1D,
  type BestLinear1D,
  type Segment1D,
} from './linear-1d.js';
export { checkLemma, type LemmaCheck, type LemmaOptions } from './lemma.js';
export { fisherBounds, type BoundPair, type FisherBounds, type FisherBoundsOptions } from './fisher-bounds.js';
export { theorem1Report, type Harmonic, type Theorem1Report, type Theorem1ReportOptions } from './report.js';
export { sweepCounterexample, logGrid, type CounterexampleSweep, type SweepRow } from './sweep.js';
