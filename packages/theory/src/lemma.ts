import type { Matrix64, MatrixInput } from '@numfeat/core';
import { fourierPower } from '@numfeat/fourier';
import { residueLabels, scatterMatrices } from '@numfeat/probes';
import { theoremInput, toleranceOption } from './input.js';

export interface LemmaCheck {
  N: number;
  T: number;
  /** Φ_T = Σ_{ℓ=1}^{T−1} ‖F_{ℓ/T}‖² (paper §1.2), from @numfeat/fourier. */
  phi: number;
  /** Tr(S_B) with S_B = (1/T)Σ_r(μ_r−μ)(μ_r−μ)ᵀ over residue classes (paper §1.3), from @numfeat/probes. */
  traceSB: number;
  phiOverN: number;
  /** |Φ_T/N − Tr(S_B)| / scale, scale = max(Φ_T/N, Tr(S_B), ε·mean‖e(n)‖²) (the floor keeps it meaningful at 0). */
  relativeError: number;
  tolerance: number;
  /** relativeError ≤ tolerance. */
  holds: boolean;
}

export interface LemmaOptions {
  /** Relative tolerance for `holds` (default 1e-9). */
  tolerance?: number;
}

/** Mean squared row norm: the size of the numbers a DFT of E rounds against. */
function meanSquaredNorm(m: Matrix64): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i] * m.data[i];
  return s / m.rows;
}

/**
 * Checks the Lemma Tr(S_B) = Φ_T/N (paper §1.4) on an embedding matrix, computing the two sides
 * independently: Φ_T by a DFT (@numfeat/fourier) and Tr(S_B) from class means (@numfeat/probes).
 */
export function checkLemma(E: MatrixInput, T: number, options: LemmaOptions = {}): LemmaCheck {
  const m = theoremInput(E, T, 'the Fourier lemma');
  const tolerance = toleranceOption(options.tolerance);
  return lemmaFromPhi(m, T, fourierPower(m, T), tolerance);
}

/** The lemma check for a validated matrix whose Φ_T is already known (lets reports share one DFT). */
export function lemmaFromPhi(m: Matrix64, T: number, phi: number, tolerance: number): LemmaCheck {
  const N = m.rows;
  const traceSB = scatterMatrices(m, residueLabels(N, T), T).traceSB;
  const phiOverN = phi / N;
  const scale = Math.max(Math.abs(phiOverN), Math.abs(traceSB), Number.EPSILON * meanSquaredNorm(m));
  const relativeError = scale === 0 ? 0 : Math.abs(phiOverN - traceSB) / scale;
  return { N, T, phi, traceSB, phiOverN, relativeError, tolerance, holds: relativeError <= tolerance };
}
