// Checkpoints and exact resume: what a checkpoint holds (the run's identity, counters, data
// position, parameters, optimizer state) and how a run continues from one.
import { NumfeatError, tf } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import { checkOptimizerState } from '../optim/index.js';
import type { Optimizer } from '../optim/types.js';
import type { CheckpointData } from './checkpoint.js';
import { firstDifference } from './first-difference.js';
import type { RunFiles } from './run-files.js';

/** The run's checkpoint, if any; an existing one without `resume` is an error (nothing is overwritten). */
export async function existingCheckpoint(files: RunFiles | undefined, resume: boolean | undefined, dir: string | undefined): Promise<CheckpointData | undefined> {
  const saved = files ? await files.readCheckpoint() : undefined;
  if (saved && !resume) {
    throw new NumfeatError('BAD_ARGUMENT', `${dir} already holds a checkpoint (step ${saved.step})`, {
      fix: 'pass resume: true (--resume) to continue it, or choose a fresh output directory',
    });
  }
  return saved;
}

/** Checks that the checkpoint belongs to this run, then restores parameters and optimizer state; returns its counters. */
export function resumeFrom(saved: CheckpointData, config: Record<string, unknown>, model: LanguageModel, optimizer: Optimizer, path: string): { step: number; tokens: number } {
  const diff = firstDifference(saved.config, config);
  if (diff) {
    throw new NumfeatError('BAD_ARGUMENT', `checkpoint ${path} belongs to a different run: ${diff.field} is ${JSON.stringify(diff.saved)} there, ${JSON.stringify(diff.current)} here`, {
      fix: `resume with the same ${diff.field}, or start a fresh run in another output directory`,
      details: { field: diff.field },
    });
  }
  for (const p of model.params) {
    const s = saved.params[p.name];
    if (!s || s.values.length !== p.variable.size) {
      throw new NumfeatError('BAD_ARGUMENT', `checkpoint ${path} has no parameter '${p.name}' of shape [${p.variable.shape}]`, {
        fix: 'resume with the model config that wrote the checkpoint',
        details: { field: `params.${p.name}` },
      });
    }
  }
  for (const p of model.params) tf.tidy(() => p.variable.assign(tf.tensor(saved.params[p.name].values, p.variable.shape)));
  checkOptimizerState(optimizer, saved.optimizer);
  optimizer.setState(saved.optimizer);
  return { step: saved.step, tokens: saved.tokens };
}

/** Writes the checkpoint atomically (parameters read back asynchronously: GPU backends in Node). */
export async function saveCheckpoint(
  files: RunFiles,
  run: { config: Record<string, unknown>; step: number; tokens: number; data: CheckpointData['data'] },
  model: LanguageModel,
  optimizer: Optimizer,
): Promise<void> {
  await files.writeCheckpoint({
    ...run,
    params: Object.fromEntries(await Promise.all(model.params.map(async (p) => [p.name, { shape: p.variable.shape, values: Float32Array.from((await p.variable.data()) as Float32Array) }] as const))),
    optimizer: await optimizer.getState(),
  });
}
