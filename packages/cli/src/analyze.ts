import { NumfeatError, isNumfeatError, toMatrix64, type MatrixInput } from '@numfeat/tensor/core';
import { dominantPeriods, fourierPowers, spectrum, type NormalizerKind } from '@numfeat/fourier';
import { probeModuli } from '@numfeat/probes';
import { fisherBounds } from '@numfeat/theory';

export type ProbeKind = 'logistic' | 'lda' | 'circular';
export const PROBE_KINDS: readonly ProbeKind[] = ['logistic', 'lda', 'circular'];

export interface AnalyzeOptions {
  /** The numbers the rows hold (row i = number start + i); default { start: 0 }. Only reported. */
  numbers?: { start: number };
  /** Periods T for Φ_T (default [2, 5, 10]). */
  periods?: readonly number[];
  /** Moduli for the linear probes (default 2..10). */
  moduli?: readonly number[];
  /** Period of the Fisher-discriminant panel (default 10; skipped with a warning when T ∤ N). */
  fisherT?: number;
  /** Probe seeds: a count (seeds 0..n−1) or the list (default 5). */
  seeds?: number | readonly number[];
  probe?: ProbeKind;
  /** Baseline of the normalised spectrum (default 'median'). */
  normalizer?: NormalizerKind;
  /** How many dominant periods to list (default 5), and the least normalised height that counts (default 2). */
  top?: number;
  minRatio?: number;
  /** Progress and warnings (the CLI sends them to stderr). */
  onProgress?: (message: string) => void;
}

export interface FisherSummary {
  T: number;
  lambdaMax: number;
  eigenvalues: number[];
  condSW: number;
  lambdaMinSW: number;
  lambdaMaxSW: number;
  /** Tr(S_B) in the space where S_W was formed (= Φ_T/N unless PCA-projected). */
  traceSB: number;
  phiOverN: number;
  lowerBound: number;
  upperBound: number;
  holdsLower: boolean;
  holdsUpper: boolean;
  treatment: unknown;
}

/** Everything `numfeat analyze` computes, as one JSON-serialisable object. */
export interface AnalysisResult {
  numbers: { start: number; count: number };
  dims: number;
  /** Φ_T per period (raw embeddings, F normalised by 1/√N). Keys are the periods. */
  phi: Record<string, number>;
  /** Cohen's κ × 100 per modulus, mean over seeds; kappaStd the std over seeds. */
  kappa: Record<string, number>;
  kappaStd: Record<string, number>;
  /** Held-out accuracy × 100 per modulus, mean over seeds; accuracyStd the std. */
  accuracy: Record<string, number>;
  accuracyStd: Record<string, number>;
  /** Chance accuracy 100/T per modulus (κ's chance is 0). */
  chance: Record<string, number>;
  /** Fisher discriminant of n mod T and the paper's §1.7 bounds, keyed by T. */
  fisher: Record<string, FisherSummary>;
  spectrum: { nu: number[]; magnitude: number[]; normalized: number[]; normalizer: { kind: string; value: number } };
  dominantPeriods: { k: number; nu: number; period: number; ratio: number }[];
  /** Every choice that decides the numbers above. */
  protocol: Record<string, unknown>;
  warnings: string[];
}

const DEFAULT_PERIODS = [2, 5, 10];
const DEFAULT_MODULI = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * The analysis behind `numfeat analyze`, as a library call: spectrum, Φ_T, mod-T linear probes,
 * and the Fisher discriminant with its bounds, for an N × d matrix whose row i is number start + i.
 * All validation happens before any heavy work, so bad input fails fast with a NumfeatError.
 */
export function analyzeEmbeddings(input: MatrixInput, options: AnalyzeOptions = {}): AnalysisResult {
  const progress = options.onProgress ?? (() => undefined);
  const m = toMatrix64(input, 'embeddings');
  const N = m.rows;
  const start = options.numbers?.start ?? 0;
  const periods = [...(options.periods ?? DEFAULT_PERIODS)];
  const moduli = [...(options.moduli ?? DEFAULT_MODULI)];
  const fisherT = options.fisherT ?? 10;
  const seeds = options.seeds ?? 5;
  const seedList = typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i) : [...seeds];
  const probe = options.probe ?? 'logistic';
  if (!PROBE_KINDS.includes(probe)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown probe ${JSON.stringify(probe)}`, { fix: `use one of: ${PROBE_KINDS.join(', ')}` });
  }
  const largest = Math.max(...periods, ...moduli);
  if (N < 2 * largest) {
    throw new NumfeatError('BAD_RANGE', `N = ${N} numbers is too few for T = ${largest}: every residue class needs at least 2 numbers (N ≥ 2T = ${2 * largest})`, {
      fix: `analyse at least ${2 * largest} numbers, or drop the large periods (--T, --moduli)`,
    });
  }
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    progress(`warning: ${w}`);
  };

  progress(`spectrum of ${N} × ${m.cols}`);
  const spec = spectrum(m, { normalizer: options.normalizer ?? 'median' });
  // Φ_T needs ν = ℓ/T on the DFT grid; when T ∤ N evaluate F exactly at ℓ/T instead (documented).
  const offGrid = periods.some((T) => N % T !== 0);
  if (offGrid) warn(`N = ${N} is not divisible by every period in ${periods.join(',')}: Φ_T evaluated exactly at ν = ℓ/T off the DFT grid`);
  const phi = fourierPowers(m, periods, offGrid ? { offGrid: 'exact' } : undefined);

  progress(`probes (${probe}) for T = ${moduli.join(',')}, seeds ${seedList.join(',')}`);
  const probes = probeModuli(m, moduli, { probe, seeds: seedList, start });
  const kappa: Record<string, number> = {};
  const kappaStd: Record<string, number> = {};
  const accuracy: Record<string, number> = {};
  const accuracyStd: Record<string, number> = {};
  const chance: Record<string, number> = {};
  for (const T of moduli) {
    const r = probes[T];
    kappa[T] = r.kappa;
    kappaStd[T] = r.kappaStd;
    accuracy[T] = r.accuracy;
    accuracyStd[T] = r.accuracyStd;
    chance[T] = 100 / T;
  }

  const fisher: Record<string, FisherSummary> = {};
  if (N < 2 * fisherT) {
    warn(`Fisher panel skipped: N = ${N} is fewer than 2T = ${2 * fisherT} (choose a smaller fisherT / --fisher-T)`);
  } else if (N % fisherT !== 0) {
    warn(`Fisher panel skipped: T = ${fisherT} does not divide N = ${N} (the Lemma Tr(S_B) = Φ_T/N needs T | N)`);
  } else {
    progress(`Fisher discriminant at T = ${fisherT}`);
    try {
      const b = fisherBounds(m, fisherT);
      fisher[fisherT] = {
        T: fisherT,
        lambdaMax: b.lambdaMax,
        eigenvalues: b.eigenvalues,
        condSW: b.condSW,
        lambdaMinSW: b.lambdaMinSW,
        lambdaMaxSW: b.lambdaMaxSW,
        traceSB: b.traceSB,
        phiOverN: b.phiOverN,
        lowerBound: b.lower,
        upperBound: b.upper,
        holdsLower: b.holdsLower,
        holdsUpper: b.holdsUpper,
        treatment: b.treatment,
      };
    } catch (e) {
      if (!isNumfeatError(e, 'SINGULAR_MATRIX')) throw e;
      warn(`Fisher panel skipped: ${e.message}`);
    }
  }

  const first = probes[moduli[0]];
  return {
    numbers: { start, count: N },
    dims: m.cols,
    phi,
    kappa,
    kappaStd,
    accuracy,
    accuracyStd,
    chance,
    fisher,
    spectrum: {
      nu: spec.nu,
      magnitude: spec.magnitude,
      normalized: spec.normalized,
      normalizer: { kind: spec.normalizer.kind, value: spec.normalizer.value },
    },
    dominantPeriods: dominantPeriods(spec, { top: options.top ?? 5, minRatio: spec.normalizer.kind === 'none' ? 0 : (options.minRatio ?? 2) }),
    protocol: {
      rows: `row i = number ${start} + i; classes (${start} + i) mod T`,
      phi: offGrid
        ? 'Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖², F_ν = N^{-1/2} Σ_n e(n) e^{−2πiνn}, raw embeddings, exact DFT at ν = ℓ/T (T ∤ N)'
        : 'Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖², F_ν = N^{-1/2} Σ_n e(n) e^{−2πiνn}, raw embeddings',
      spectrum: `‖F_ν‖ over dimensions at ν = k/N, k = 0..⌊N/2⌋; normalized = ‖F_ν‖ / ${spec.normalizer.kind} over k ≥ 1`,
      probe: first?.protocol,
      seeds: seedList,
      kappa: "Cohen's κ × 100 on held-out numbers, mean ± std over seeds",
      fisher: `λ_max(S_W⁻¹S_B) at T = ${fisherT}; S_B = (1/T)Σ_r(μ_r−μ)(μ_r−μ)ᵀ, S_W = (1/N)ΣΣ(e−μ_r)(e−μ_r)ᵀ; bounds of paper §1.7`,
    },
    warnings,
  };
}
