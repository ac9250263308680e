import { isNumfeatError, type MatrixInput } from '@numfeat/core';
import { dominantPeriods, fourierPower, fourierPowers, spectrum, type NormalizerKind } from '@numfeat/fourier';
import { probeModuli, type ProbeKind, type ProbeResult } from '@numfeat/probes';
import { fisherBounds, type FisherBounds } from '@numfeat/theory';
import { analysisInput } from './input.js';

export interface AnalyzeOptions {
  /** The numbers the rows hold (row i = number start + i); default { start: 0 }. Only reported. */
  numbers?: { start: number };
  /** Periods T for Φ_T (default [2, 5, 10]). */
  periods?: readonly number[];
  /** Moduli for the linear probes (default 2..10); [] skips the probes. */
  moduli?: readonly number[];
  /** Period of the Fisher-discriminant panel (default 10; skipped with a warning when T ∤ N); null skips it. */
  fisherT?: number | null;
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
  /** Fisher discriminant of n mod T and the paper's §1.7 bounds (@numfeat/theory's result, unchanged), keyed by T. */
  fisher: Record<string, FisherBounds>;
  spectrum: { nu: number[]; magnitude: number[]; normalized: number[]; normalizer: { kind: string; value: number } };
  dominantPeriods: { k: number; nu: number; period: number; ratio: number }[];
  /** Every choice that decides the numbers above. */
  protocol: Record<string, unknown>;
  warnings: string[];
}

/**
 * The analysis behind `numfeat analyze`, as a library call: spectrum, Φ_T, mod-T linear probes,
 * and the Fisher discriminant with its bounds, for an N × d matrix whose row i is number start + i.
 * All validation happens before any heavy work, so bad input fails fast with a NumfeatError.
 */
export function analyzeEmbeddings(input: MatrixInput, options: AnalyzeOptions = {}): AnalysisResult {
  const { m, start, periods, moduli, fisherT, seeds: seedList, probe, normalizer, top, minRatio } = analysisInput(input, options);
  const progress = options.onProgress ?? (() => undefined);
  const N = m.rows;
  const warnings: string[] = [];
  const warn = (w: string) => {
    warnings.push(w);
    progress(`warning: ${w}`);
  };

  progress(`spectrum of ${N} × ${m.cols}`);
  const spec = spectrum(m, { normalizer });
  // Φ_T needs ν = ℓ/T on the DFT grid; when T ∤ N evaluate F exactly at ℓ/T instead (documented).
  const offGrid = periods.some((T) => N % T !== 0);
  if (offGrid) warn(`N = ${N} is not divisible by every period in ${periods.join(',')}: Φ_T evaluated exactly at ν = ℓ/T off the DFT grid`);
  const phi = fourierPowers(m, periods, offGrid ? { offGrid: 'exact' } : undefined);

  const kappa: Record<string, number> = {};
  const kappaStd: Record<string, number> = {};
  const accuracy: Record<string, number> = {};
  const accuracyStd: Record<string, number> = {};
  const chance: Record<string, number> = {};
  if (moduli.length > 0) progress(`probes (${probe}) for T = ${moduli.join(',')}, seeds ${seedList.join(',')}`);
  const probes: Record<number, ProbeResult> = moduli.length > 0 ? probeModuli(m, moduli, { probe, seeds: seedList, start }) : {};
  for (const T of moduli) {
    const r = probes[T];
    kappa[T] = r.kappa;
    kappaStd[T] = r.kappaStd;
    accuracy[T] = r.accuracy;
    accuracyStd[T] = r.accuracyStd;
    chance[T] = 100 / T;
  }

  const fisher: Record<string, FisherBounds> = {};
  if (fisherT === null) {
    // the caller asked for no Fisher panel (e.g. the trainer's cheap periodic evaluation)
  } else if (N < 2 * fisherT) {
    warn(`Fisher panel skipped: N = ${N} is fewer than 2T = ${2 * fisherT} (choose a smaller fisherT / --fisher-T)`);
  } else if (N % fisherT !== 0) {
    warn(`Fisher panel skipped: T = ${fisherT} does not divide N = ${N} (the Lemma Tr(S_B) = Φ_T/N needs T | N)`);
  } else {
    progress(`Fisher discriminant at T = ${fisherT}`);
    try {
      // Φ_T is computed once: the one above when fisherT is among the periods.
      fisher[fisherT] = fisherBounds(m, fisherT, { phi: phi[fisherT] ?? fourierPower(m, fisherT) });
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
    dominantPeriods: dominantPeriods(spec, { top, minRatio: spec.normalizer.kind === 'none' ? 0 : minRatio }),
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
