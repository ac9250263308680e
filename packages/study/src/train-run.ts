// One study training run on @numfeat/models' trainer (train + data-gen's packedBatches): packed sequences with a
// loss mask (Isolate-k padding, answer-only addition loss), the run's folder as the trainer's outDir
// (checkpoint.bin, dynamics.jsonl, status.json) so an interrupted run resumes from its checkpoint,
// and the trainer's progress lines in the run's log.txt.
import { train, type EvalOptions, type EvalRecord, type ModelSpec, type OptimizerOptions, type TrainResult } from '@numfeat/models';
import { packedBatches, type PackedSequences } from '@numfeat/data-gen';

export interface TrainPackedOptions {
  model: ModelSpec;
  optimizer: OptimizerOptions;
  seed: number;
  packed: PackedSequences & { vocabSize: number };
  batchSize: number;
  steps: number;
  warmup?: number;
  evalPoints?: number;
  evalOptions?: EvalOptions;
  dir: string;
  log?: (line: string) => void;
  shouldStop?: () => boolean;
  dataConfig: Record<string, unknown>;
}

export type TrainPackedResult = TrainResult & { losses: { step: number; loss: number }[]; evals: EvalRecord[]; seconds: number };

/**
 * packed: data-gen PackedSequences + vocabSize. steps: optimizer steps of `batchSize` rows.
 * evalPoints > 0 evaluates `evalOptions` (numberIds, moduli, metrics…) that many times (plus step 0).
 * Returns the trainer's result plus `seconds`; result.status is 'stopped' when shouldStop fired.
 * losses and evals cover the whole run, across resumes (the trainer's history).
 */
export async function trainPacked({ model, optimizer, seed, packed, batchSize, steps, warmup = 0.05, evalPoints = 0, evalOptions, dir, log = () => undefined, shouldStop, dataConfig }: TrainPackedOptions): Promise<TrainPackedResult> {
  const rowTokens = batchSize * (packed.seqLen - 1);
  const evalSteps = evalPoints > 0 ? Math.max(1, Math.round(steps / evalPoints)) : 0;
  const t0 = performance.now();
  const result = await train({
    model: { ...model, vocabSize: packed.vocabSize, maxSeqLen: Math.max(packed.seqLen - 1, Number(model.maxSeqLen ?? 0)) },
    seed,
    optimizer,
    data: packedBatches(packed, { batchSize, seed }),
    dataConfig,
    // The trainer counts in tokens: exactly `steps` steps of `rowTokens` tokens.
    tokens: steps * rowTokens,
    warmup,
    eval: evalSteps > 0 && evalOptions ? { ...evalOptions, every: evalSteps * rowTokens } : undefined,
    // Four checkpoints per run: an interruption loses at most a quarter of a run.
    checkpointEvery: Math.max(1, Math.round(steps / 4)) * rowTokens,
    outDir: dir,
    resume: true,
    shouldStop,
    progress: { write: (text) => log(text.trimEnd()), isTTY: false },
  });
  if (result.resumedFrom > 0) log(`resumed from the checkpoint at step ${result.resumedFrom}`);
  return { ...result, ...result.history, seconds: (performance.now() - t0) / 1000 };
}
