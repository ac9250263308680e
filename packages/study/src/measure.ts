// The measurement every embedding system gets (docs/protocol.md "Analysis"): @numfeat/analysis'
// analyzeEmbeddings with the study's settings, stored unchanged, plus the spike heights the
// classification reads — so the study and `numfeat analyze` compute the same numbers.
import { analyzeEmbeddings } from '@numfeat/analysis';
import { DEFAULT_MODULI } from '@numfeat/probes';
import type { MatrixInput } from '@numfeat/core';
import type { MeasuredResult } from './types.js';

export const MODULI = DEFAULT_MODULI;
/** The periods of Φ_T, the spikes and the report (the paper's 2, 5, 10). */
export const PERIODS = [2, 5, 10] as const;
/** The Fisher panel's period. */
export const FISHER_T = 10;

/** Full measurement of an N × d matrix whose row n is number n (n = 0..999). */
export function measureEmbeddings(rows: MatrixInput, { probeSeeds = 5 }: { probeSeeds?: number } = {}): MeasuredResult {
  const a = analyzeEmbeddings(rows, { seeds: probeSeeds, periods: PERIODS, moduli: MODULI, fisherT: FISHER_T });
  const N = a.numbers.count;
  return { ...a, spikes: Object.fromEntries(PERIODS.map((T) => [T, a.spectrum.normalized[N / T]])) };
}
