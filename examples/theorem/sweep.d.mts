export interface SweepRow {
  B: number;
  /** Φ_T of the embeddings (constant in B). */
  phi: number;
  /** Tr(S_B) = Φ_T/N. */
  traceSB: number;
  lemmaHolds: boolean;
  /** λ_max(S_W⁻¹S_B): falls as 1/B². */
  lambdaMax: number;
  /** Exact best T-class linear accuracy (fraction). */
  accuracy: number;
  correct: number;
}

export interface Sweep {
  config: { N: number; T: number; A: number; definition: string; accuracy: string };
  chance: number;
  phiClosedForm: number;
  rows: SweepRow[];
}

export function logGrid(min: number, max: number, count: number): number[];
export function sweepCounterexample(options: { N?: number; T?: number; A?: number; Bs: readonly number[] }): Sweep;
