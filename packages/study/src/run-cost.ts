// A rough relative cost of a run, so the sweep can start the longest runs first: with a few
// workers, a long run started last leaves the other workers idle at the end (the tail).
import type { RunSpec } from './types.js';

/** Relative cost ≈ tokens × depth × width × an architecture factor (measured speeds, docs/benchmarks.md). */
export function runCost(run: RunSpec): number {
  if (run.kind === 'lm') {
    const m = run.model as Record<string, unknown>;
    const depth = Number(m.nLayers ?? 2) / 2;
    const width = Number(m.dModel ?? m.dHidden ?? 64) / 64;
    const arch = run.arch === 'gated-deltanet' ? 2 : run.arch === 'lstm' ? 0.75 : 1;
    // Isolate-k pads its sequences and trains up to 4× the steps for the same real tokens.
    const padding = run.perturbation.startsWith('isolate-') ? 3 : 1;
    return run.train.tokens * depth * width * arch * padding;
  }
  if (run.kind === 'addition') return run.train.tokens;
  return 1e5;
}

/** The runs, longest first (stable: equal costs keep their planned order). */
export const longestFirst = (runs: RunSpec[]): RunSpec[] => runs.map((r, i) => [r, i] as const).sort((a, b) => runCost(b[0]) - runCost(a[0]) || a[1] - b[1]).map(([r]) => r);
