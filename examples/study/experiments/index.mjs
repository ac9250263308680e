// The experiments in report order. Each module: name, title, runs(profile) → run specs,
// section(ctx) → { markdown, extra? }.
import * as universality from './universality.mjs';
import * as dissociation from './dissociation.mjs';
import * as architectures from './architectures.mjs';
import * as perturbations from './perturbations.mjs';
import * as dynamics from './dynamics.mjs';
import * as addition from './addition.mjs';
import * as attribution from './attribution.mjs';

export const EXPERIMENTS = [universality, dissociation, architectures, perturbations, dynamics, addition, attribution];
export const EXPERIMENT_NAMES = EXPERIMENTS.map((e) => e.name);

/** Runs of the chosen experiments, deduplicated by id (experiments share runs). */
export function planRuns(profile, only = EXPERIMENT_NAMES) {
  for (const n of only) if (!EXPERIMENT_NAMES.includes(n)) throw new Error(`unknown experiment '${n}' in --only. Fix: use some of ${EXPERIMENT_NAMES.join(', ')}`);
  const byId = new Map();
  for (const e of EXPERIMENTS.filter((x) => only.includes(x.name))) for (const r of e.runs(profile)) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()];
}
