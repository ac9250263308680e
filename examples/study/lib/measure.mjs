// The measurements every embedding system gets (docs/protocol.md "Analysis"): normalised spectrum,
// Φ_T, mod-T probes (κ) and the Fisher panel at T = 10 — via @numfeat/analysis' analyzeEmbeddings, so
// the study and `numfeat analyze` compute the same numbers.
import { analyzeEmbeddings } from '@numfeat/analysis';

export const MODULI = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Full measurement of an N × d matrix whose row n is number n (n = 0..999). */
export function measureEmbeddings(rows, { probeSeeds = 5 } = {}) {
  const a = analyzeEmbeddings(rows, { seeds: probeSeeds, periods: [2, 5, 10], moduli: MODULI, fisherT: 10 });
  const f = a.fisher['10'];
  return {
    dims: a.dims,
    phi: a.phi,
    kappa: a.kappa,
    kappaStd: a.kappaStd,
    accuracy: a.accuracy,
    spikes: Object.fromEntries([2, 5, 10].map((T) => [T, a.spectrum.normalized[1000 / T]])),
    spectrum: a.spectrum.normalized.map((v) => Math.round(v * 1e4) / 1e4),
    fisher: f ? { lambdaMax: f.lambdaMax, eigenvalues: f.eigenvalues, condSW: f.condSW, lowerBound: f.lower, upperBound: f.upper, holdsLower: f.holdsLower, holdsUpper: f.holdsUpper, treatment: f.treatment } : null,
    dominantPeriods: a.dominantPeriods,
    protocol: a.protocol,
    warnings: a.warnings,
  };
}
