// createOptimizer: own AdamW and Muon (not tf.train.*) so their state is plain, checkpointable data.
import { NumfeatError } from '@numfeat/tensor';
import type { Param } from '../model.js';
import { createAdamW } from './adamw.js';
import { createMuon } from './muon.js';
import type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from './types.js';

export type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from './types.js';
export { newtonSchulz5, newtonSchulz5Batched } from './muon.js';
export { DECAYED_GROUPS } from './adamw.js';

const FACTORIES = { adamw: createAdamW, muon: createMuon } as const;

/** The optimizer names createOptimizer accepts. */
export const OPTIMIZERS = Object.freeze(Object.keys(FACTORIES)) as readonly OptimizerName[];

/** Fills in the defaults (Muon reference values, paper.md §6 item 5) and validates every field. */
export function resolveOptimizerOptions(options: OptimizerOptions): Required<OptimizerOptions> {
  const name = options?.name;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, name)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown optimizer ${JSON.stringify(name)}`, {
      fix: `set name to one of: ${OPTIMIZERS.join(', ')}`,
      details: { valid: [...OPTIMIZERS] },
    });
  }
  const o: Required<OptimizerOptions> = {
    name,
    lr: options.lr ?? (name === 'muon' ? 0.02 : 1e-3),
    weightDecay: options.weightDecay ?? 0,
    betas: options.betas ?? [0.9, 0.95],
    eps: options.eps ?? 1e-8,
    momentum: options.momentum ?? 0.95,
    nesterov: options.nesterov ?? true,
    nsSteps: options.nsSteps ?? 5,
    adamLr: options.adamLr ?? 3e-4,
  };
  const positive = (v: number, field: string, fix: string) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) bad(field, `must be a finite number > 0, got ${v}`, fix);
  };
  positive(o.lr, 'lr', 'use e.g. 1e-3 (AdamW) or 0.02 (Muon)');
  positive(o.adamLr, 'adamLr', 'use e.g. 3e-4');
  positive(o.eps, 'eps', 'use 1e-8');
  if (!(Number.isFinite(o.weightDecay) && o.weightDecay >= 0)) bad('weightDecay', `must be ≥ 0, got ${o.weightDecay}`, 'use 0 or e.g. 0.1');
  if (!Array.isArray(o.betas) || o.betas.length !== 2 || !o.betas.every((b) => Number.isFinite(b) && b >= 0 && b < 1)) {
    bad('betas', `must be two numbers in [0, 1), got ${JSON.stringify(o.betas)}`, 'use [0.9, 0.95]');
  }
  if (!(Number.isFinite(o.momentum) && o.momentum >= 0 && o.momentum < 1)) bad('momentum', `must be in [0, 1), got ${o.momentum}`, 'use 0.95');
  if (typeof o.nesterov !== 'boolean') bad('nesterov', `must be a boolean, got ${String(o.nesterov)}`, 'use true');
  if (!(Number.isInteger(o.nsSteps) && o.nsSteps >= 1 && o.nsSteps <= 20)) bad('nsSteps', `must be an integer in [1, 20], got ${o.nsSteps}`, 'use 5');
  return o;
}

function bad(field: string, problem: string, fix: string): never {
  throw new NumfeatError('BAD_ARGUMENT', `optimizer.${field} ${problem}`, { fix, details: { field } });
}

/** Builds the named optimizer over `params` (Muon: 'matrix' params orthogonalised, the rest AdamW). */
export function createOptimizer(options: OptimizerOptions, params: readonly Param[]): Optimizer {
  const resolved = resolveOptimizerOptions(options);
  if (!Array.isArray(params) || params.length === 0) {
    throw new NumfeatError('EMPTY_INPUT', 'createOptimizer needs a non-empty list of params', { fix: 'pass model.params' });
  }
  return FACTORIES[resolved.name](resolved, params);
}

/** Checks that a saved optimizer state belongs to this optimizer before setState. */
export function checkOptimizerState(opt: Optimizer, state: OptimizerState): void {
  if (!state || state.name !== opt.name) {
    throw new NumfeatError('BAD_ARGUMENT', `optimizer state is for '${state?.name}', this run uses '${opt.name}'`, {
      fix: 'resume with the optimizer that wrote the checkpoint',
      details: { field: 'optimizer.name' },
    });
  }
}
