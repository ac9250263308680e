import type { Matrix64, MatrixInput } from '@numfeat/core';
import { fourierPower } from '@numfeat/fourier';
import { fisherDiscriminant, residueLabels, type Fisher, type FisherOptions } from '@numfeat/probes';
import { phiOption, theoremInput, toleranceOption } from './input.js';

export type { FisherOptions };

export interface FisherBoundsOptions extends FisherOptions {
  /** Relative slack for `holdsLower`/`holdsUpper` (rounding in the eigen-solvers; default 1e-9). */
  tolerance?: number;
  /**
   * Φ_T of E when the caller already has it (e.g. `analyzeEmbeddings` computes Φ_T for its report):
   * passed here it is not computed a second time. Must be finite and ≥ 0.
   */
  phi?: number;
}

/** One pair of bounds  Tr/((T−1)·λ_max(S_W)) ≤ λ_max(S_W⁻¹S_B) ≤ Tr/λ_min(S_W)  for a given Tr(S_B) value. */
export interface BoundPair {
  /** The Tr(S_B) value the bounds were built from. */
  traceSB: number;
  lower: number;
  upper: number;
  holdsLower: boolean;
  holdsUpper: boolean;
}

export interface FisherBounds {
  N: number;
  T: number;
  d: number;
  /** Φ_T of the raw embeddings (full d-dimensional space). */
  phi: number;
  /** Φ_T/N = Tr(S_B) in the full space (the Lemma). */
  phiOverN: number;
  /**
   * Tr(S_B) in the space where S_W was formed (after the Fisher treatment). Equal to Φ_T/N for
   * 'none' and 'ridge'; ≤ Φ_T/N after a PCA projection (Tr(PᵀS_B P) ≤ Tr S_B for orthonormal P).
   */
  traceSB: number;
  /** Dimension of the space the eigenproblem was solved in (d, or the PCA dimension). */
  dims: number;
  /** λ_max(S_W⁻¹S_B) and all T−1 eigenvalues, descending, from @numfeat/probes. */
  lambdaMax: number;
  eigenvalues: number[];
  lambdaMinSW: number;
  lambdaMaxSW: number;
  condSW: number;
  /**
   * The paper's bounds (§1.7), lower = Φ_T/((T−1)·cond(S_W)·N·λ_min(S_W)), upper = Φ_T/(N·λ_min(S_W)),
   * with Φ_T/N replaced by `traceSB` — the value consistent with S_W and S_B of the SAME space, for which
   * both bounds are theorems.
   */
  lower: number;
  upper: number;
  holdsLower: boolean;
  holdsUpper: boolean;
  /**
   * The same formulas with the full-space Φ_T/N. The upper bound stays a theorem (Φ_T/N ≥ traceSB);
   * the lower bound is only guaranteed when traceSB = Φ_T/N (treatment 'none' or 'ridge').
   */
  fourier: BoundPair;
  /** Which Tr(S_B) `lower`/`upper` use. */
  boundsFrom: 'traceSB in the Fisher space (= Φ_T/N unless PCA projected)';
  tolerance: number;
  /** What @numfeat/probes did to S_W (PCA projection, ridge, or nothing) and why ('auto' picks). */
  treatment: Fisher['treatment'];
}

function bounds(traceSB: number, T: number, fisher: Fisher, tolerance: number): BoundPair {
  // Written as in the paper; condSW·λ_min(S_W) = λ_max(S_W).
  const lower = traceSB / ((T - 1) * fisher.condSW * fisher.lambdaMinSW);
  const upper = traceSB / fisher.lambdaMinSW;
  return {
    traceSB,
    lower,
    upper,
    holdsLower: lower <= fisher.lambdaMax * (1 + tolerance) + Number.MIN_VALUE,
    holdsUpper: fisher.lambdaMax <= upper * (1 + tolerance) + Number.MIN_VALUE,
  };
}

/**
 * Evaluates the Fisher-discriminant bounds of paper §1.7 on embeddings E with residue classes mod T.
 * Options are passed to `fisherDiscriminant` (treatment 'pca' | 'ridge' | 'none' for singular S_W).
 */
export function fisherBounds(E: MatrixInput, T: number, options: FisherBoundsOptions = {}): FisherBounds {
  const m = theoremInput(E, T, 'the Fisher bounds');
  const { tolerance: rawTolerance, phi, ...fisherOptions } = options;
  const tolerance = toleranceOption(rawTolerance);
  return fisherBoundsFromPhi(m, T, phi === undefined ? fourierPower(m, T) : phiOption(phi), fisherOptions, tolerance);
}

/** The bounds for a validated matrix whose Φ_T is already known (lets reports share one DFT). */
export function fisherBoundsFromPhi(m: Matrix64, T: number, phi: number, fisherOptions: FisherOptions, tolerance: number): FisherBounds {
  const N = m.rows;
  const fisher = fisherDiscriminant(m, residueLabels(N, T), fisherOptions);
  // probes reports both: traceSB of the original embeddings and traceSBUsed in the solved space.
  const consistent = bounds(fisher.traceSBUsed, T, fisher, tolerance);
  return {
    N,
    T,
    d: m.cols,
    phi,
    phiOverN: phi / N,
    traceSB: fisher.traceSBUsed,
    dims: fisher.dims,
    lambdaMax: fisher.lambdaMax,
    eigenvalues: Array.from(fisher.eigenvalues),
    lambdaMinSW: fisher.lambdaMinSW,
    lambdaMaxSW: fisher.lambdaMaxSW,
    condSW: fisher.condSW,
    lower: consistent.lower,
    upper: consistent.upper,
    holdsLower: consistent.holdsLower,
    holdsUpper: consistent.holdsUpper,
    fourier: bounds(phi / N, T, fisher, tolerance),
    boundsFrom: 'traceSB in the Fisher space (= Φ_T/N unless PCA projected)',
    tolerance,
    treatment: fisher.treatment,
  };
}
