// The numbers the verdict rules use (docs/protocol.md "Study: classes and verdicts"). All ours: the
// paper states no numeric boundaries; each comment says why the value.

/** A spike at period T: normalised height m(1/T) ≥ 2 (twice the median; pure noise gives ≈ 1). */
export const SPIKE_THRESHOLD = 2;
/** G = mean(κ_2, κ_5, κ_10): full geometric convergence at ≥ 50, partial at ≥ 15 (the paper's classes fall out of these). */
export const GEOMETRIC_FULL = 50;
export const GEOMETRIC_PARTIAL = 15;
/** κ within ±15 is "at chance" (the paper's at-chance systems lie within it at T = 10). */
export const CHANCE_BAND = 15;
/** Intervals are mean ± MARGIN_SE · SE. */
export const MARGIN_SE = 2;
/** Seeds (or probe splits, for a deterministic system) needed on each side of any verdict. */
export const MIN_SEEDS = 3;
/** Minimum κ_10 gap for the paper's "far higher" / "lowers": the width of the chance band. */
export const KAPPA_MIN_EFFECT = CHANCE_BAND;
/** Minimum κ_10 gap for "Muon improves probing" (paper: 13.3; above the probe's own split noise). */
export const OPTIMIZER_MIN_EFFECT = 5;
/** "Two orders of magnitude" in log10 λ_max: reproduced at ≥ 2, partly at ≥ 1. */
export const FISHER_ORDERS = { reproduced: 2, partly: 1 };
/** "Unchanged" tolerance as a share of the control's spike excess over the noise floor (height − 1). */
export const UNCHANGED = { reproduced: 0.25, partly: 0.5 };
/** "Φ_10 and accuracy rise together": Spearman ρ over checkpoints of at least this (about the one-sided 5 % critical value at 6 checkpoints, 0.83). */
export const RHO_MIN_EFFECT = 0.8;
/** Systems whose matrix is a deterministic function of the data: their only noise is the probe's. */
export const DETERMINISTIC_KINDS: readonly string[] = ['token-frequency', 'ppmi'];

export const VERDICTS = ['reproduced', 'partly', 'not reproduced', 'inconclusive', 'not tested'] as const;
export type VerdictName = (typeof VERDICTS)[number];
