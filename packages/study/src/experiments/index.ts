// The experiments in report order. Each is a module with name, title, runs(profile) → run specs and
// section(ctx) → { markdown, extra? } (the Experiment type); add a new one here.
import * as universality from './universality.js';
import * as dissociation from './dissociation.js';
import * as architectures from './architectures.js';
import * as perturbations from './perturbations.js';
import * as dynamics from './dynamics.js';
import * as addition from './addition.js';
import * as attribution from './attribution.js';
import * as scaling from './scaling.js';
import * as conditions from './conditions.js';

import { NumfeatError } from '@numfeat/core';
import type { Profile, RunRecord, RunSpec } from '../types.js';

/** What a report section gets: the results, the systems (keyed by system id) and a figure writer. */
export interface SectionContext {
  profile: Profile;
  results: RunRecord[];
  byId: Map<string, RunRecord>;
  systems: Map<string, any>;
  /** The runs the profile plans (for the experiments built), finished or not. */
  plan: RunSpec[];
  figure: (name: string, fig: { svg: string; data: unknown; csv?: unknown[][] }) => Promise<string>;
  paper: any;
}

export interface Experiment {
  name: string;
  title: string;
  runs(profile: Profile): RunSpec[];
  section(ctx: SectionContext): Promise<{ markdown: string; extra?: Record<string, unknown> }>;
}

export const EXPERIMENTS: readonly Experiment[] = [universality, dissociation, scaling, conditions, architectures, perturbations, dynamics, addition, attribution];
export const EXPERIMENT_NAMES = EXPERIMENTS.map((e) => e.name);

/** Runs of the chosen experiments, deduplicated by id (experiments share runs). */
export function planRuns(profile: Profile, only: readonly string[] = EXPERIMENT_NAMES): RunSpec[] {
  for (const n of only) if (!EXPERIMENT_NAMES.includes(n)) throw new NumfeatError('BAD_ARGUMENT', `unknown experiment '${n}' in --only`, { fix: `use some of ${EXPERIMENT_NAMES.join(', ')}` });
  const byId = new Map<string, RunSpec>();
  for (const e of EXPERIMENTS.filter((x) => only.includes(x.name))) for (const r of e.runs(profile)) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()];
}
