// The one validation of analyzeEmbeddings' input (scikit-learn's check_array idea): everything the
// analysis needs is checked and defaulted here, before any heavy work, so bad input fails fast with
// one NumfeatError naming the problem and the fix.
import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { DEFAULT_MODULI, PROBE_KINDS, type ProbeKind } from '@numfeat/probes';
import type { NormalizerKind } from '@numfeat/fourier';
import type { AnalyzeOptions } from './analyze.js';

/** The paper's three headline periods. */
export const DEFAULT_PERIODS: readonly number[] = [2, 5, 10];

export interface AnalysisInput {
  m: Matrix64;
  start: number;
  periods: number[];
  moduli: number[];
  fisherT: number | null;
  seeds: number[];
  probe: ProbeKind;
  normalizer: NormalizerKind;
  top: number;
  minRatio: number;
}

function periodList(values: readonly number[], name: string): number[] {
  if (!Array.isArray(values)) throw new NumfeatError('BAD_ARGUMENT', `${name} must be a list of integers ≥ 2`, { fix: `pass e.g. ${name}: [2, 5, 10]` });
  return values.map((T, i) => assertInteger(T, `${name}[${i}]`, 2));
}

/** Validates and defaults (E, options) for analyzeEmbeddings. */
export function analysisInput(input: MatrixInput, options: AnalyzeOptions): AnalysisInput {
  const m = toMatrix64(input, 'embeddings');
  const periods = periodList(options.periods ?? DEFAULT_PERIODS, 'periods');
  if (periods.length === 0) throw new NumfeatError('BAD_ARGUMENT', 'periods is empty', { fix: 'pass at least one period, e.g. periods: [10]' });
  const moduli = periodList(options.moduli ?? DEFAULT_MODULI, 'moduli');
  const fisherT = options.fisherT === null ? null : assertInteger(options.fisherT ?? 10, 'fisherT', 2);
  const seeds = options.seeds ?? 5;
  const seedList = typeof seeds === 'number' ? Array.from({ length: assertInteger(seeds, 'seeds', 1) }, (_, i) => i) : [...seeds];
  seedList.forEach((s, i) => assertInteger(s, `seeds[${i}]`));
  const probe = options.probe ?? 'logistic';
  if (!PROBE_KINDS.includes(probe)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown probe ${JSON.stringify(probe)}`, { fix: `use one of: ${PROBE_KINDS.join(', ')}` });
  }
  const largest = Math.max(...periods, ...moduli);
  if (m.rows < 2 * largest) {
    throw new NumfeatError('BAD_RANGE', `N = ${m.rows} numbers is too few for T = ${largest}: every residue class needs at least 2 numbers (N ≥ 2T = ${2 * largest})`, {
      fix: `analyse at least ${2 * largest} numbers, or drop the large periods (--T, --moduli)`,
    });
  }
  return {
    m,
    start: assertInteger(options.numbers?.start ?? 0, 'numbers.start'),
    periods,
    moduli,
    fisherT,
    seeds: seedList,
    probe,
    normalizer: options.normalizer ?? 'median',
    top: options.top ?? 5,
    minRatio: options.minRatio ?? 2,
  };
}
