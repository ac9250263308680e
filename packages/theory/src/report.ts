import type { MatrixInput } from '@numfeat/core';
import { fourierPower, spectrum } from '@numfeat/fourier';
import { residueLabels } from '@numfeat/probes';
import { fisherBoundsFromPhi, type FisherBounds, type FisherOptions } from './fisher-bounds.js';
import { theoremInput, toleranceOption } from './input.js';
import { lemmaFromPhi, type LemmaCheck } from './lemma.js';
import { bestLinearClassifier1D, MAX_CLASSES_1D, type Segment1D } from './linear-1d.js';

export interface Theorem1ReportOptions {
  /** Options for the Fisher discriminant (S_W treatment) — see @numfeat/probes `fisherDiscriminant`. */
  fisher?: FisherOptions;
  /** Relative tolerance for the lemma and the bounds (default 1e-9). */
  tolerance?: number;
}

export interface Harmonic {
  /** ℓ in 1..T−1 and ν = ℓ/T. */
  ell: number;
  nu: number;
  /** ‖F_{ℓ/T}‖² (paper normalisation 1/√N); their sum over ℓ is Φ_T. */
  power: number;
}

export interface Theorem1Report {
  N: number;
  d: number;
  T: number;
  /** Φ_T = Σ_ℓ ‖F_{ℓ/T}‖², computed once and shared by every section. */
  phi: number;
  /** Tr(S_B) over the residue classes in the full space. */
  traceSB: number;
  harmonics: Harmonic[];
  /** Tr(S_B) = Φ_T/N (paper §1.4). */
  lemma: LemmaCheck;
  /** λ_max(S_W⁻¹S_B), its eigenvalues, cond(S_W) and the §1.7 bounds. */
  fisher: FisherBounds;
  /** For scalar embeddings (d = 1, T ≤ 12): the exact best T-class linear accuracy on all N points. */
  bestLinear1D?: { accuracy: number; correct: number; chance: number; segments: Segment1D[]; thresholds: number[] };
  conventions: string[];
}

/**
 * Every Theorem 1 quantity for embeddings E (rows = numbers) and period T, as one JSON-serialisable
 * object: Φ_T and its harmonics, Tr(S_B), the Lemma check, the Fisher discriminant with both bounds,
 * and (for d = 1) the exact best linear accuracy.
 */
export function theorem1Report(E: MatrixInput, T: number, options: Theorem1ReportOptions = {}): Theorem1Report {
  const m = theoremInput(E, T, 'theorem1Report');
  const tolerance = toleranceOption(options.tolerance);
  const N = m.rows;
  const phi = fourierPower(m, T);
  const lemma = lemmaFromPhi(m, T, phi, tolerance);
  const fisher = fisherBoundsFromPhi(m, T, phi, options.fisher ?? {}, tolerance);

  const power = spectrum(m, { normalizer: 'none' }).power;
  const harmonics: Harmonic[] = [];
  for (let ell = 1; ell < T; ell++) {
    const k = (ell * N) / T;
    // Real embeddings: ‖F_ν‖ = ‖F_{1−ν}‖, and the spectrum stores k ≤ N/2 only.
    harmonics.push({ ell, nu: ell / T, power: power[Math.min(k, N - k)] });
  }

  let bestLinear1D: Theorem1Report['bestLinear1D'];
  if (m.cols === 1 && T <= MAX_CLASSES_1D) {
    const best = bestLinearClassifier1D(m.data, residueLabels(N, T), T);
    bestLinear1D = { accuracy: best.accuracy, correct: best.correct, chance: best.chance, segments: best.segments, thresholds: best.thresholds };
  }

  return {
    N,
    d: m.cols,
    T,
    phi,
    traceSB: lemma.traceSB,
    harmonics,
    lemma,
    fisher,
    ...(bestLinear1D ? { bestLinear1D } : {}),
    conventions: [
      'F_ν = (1/√N) Σ_n e(n) e^{−2πiνn} per dimension; Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖² (paper §1.2)',
      'S_B = (1/T) Σ_r (μ_r−μ)(μ_r−μ)ᵀ, S_W = (1/N) Σ_r Σ_{n∈C_r} (e(n)−μ_r)(e(n)−μ_r)ᵀ, classes n mod T with row i = number i (paper §1.3)',
      'fisher.lower/upper use Tr(S_B) of the space where S_W was formed (after PCA it is ≤ Φ_T/N); fisher.fourier uses Φ_T/N as printed in the paper',
      'bestLinear1D: exact optimum over argmax-of-affine classifiers, measured on all N points (no split)',
    ],
  };
}
