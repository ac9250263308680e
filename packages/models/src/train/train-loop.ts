// The trainer, read top to bottom like nanoGPT's loop: resume, then for each step: batch → step →
// log → evaluate → checkpoint. Warmup + cosine schedule, global-norm clipping, evaluation of Φ_T
// and probe κ of the number-token embeddings, atomic checkpoints and exact resume. It knows models
// only through the LanguageModel contract. Lengths are in tokens (steps = ⌈tokens / (B·T)⌉).
// Files (outDir) and worker threads come from a TrainPlatform, so this one loop is both the Node
// train (trainer.ts) and the browser one (trainer-browser.ts), which has neither.
import { NumfeatError } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import { createOptimizer, resolveOptimizerOptions } from '../optim/index.js';
import type { Optimizer, OptimizerOptions } from '../optim/types.js';
import { createModel, type ModelSpec } from '../registry.js';
import { openData } from './data-cursor.js';
import { batchInputs, type TrainData } from './data.js';
import { DynamicsLog } from './dynamics-log.js';
import { evaluateEmbeddings, type EvalOptions, type EvalRecord } from './eval.js';
import { createProgress, SILENT, type Progress, type ProgressSink } from './progress.js';
import { existingCheckpoint, resumeFrom, saveCheckpoint } from './resume.js';
import type { RunFiles } from './run-files.js';
import { lrScale } from './schedule.js';
import { trainStep } from './train-step.js';
import type { DataParallel, DataParallelOptions } from './data-parallel.js';

/** What the loop needs from where it runs: files for outDir and worker threads for threads > 1. */
export interface TrainPlatform {
  /** Names this build in the refusal of what it lacks, e.g. 'browsers'. */
  name: string;
  /** The run's files in `dir`; absent: outDir is refused. */
  openRunFiles?(dir: string): RunFiles;
  /** Starts the worker threads of one run; absent: threads > 1 is refused. */
  startParallel?(o: DataParallelOptions): Promise<DataParallel>;
}

export interface TrainOptions {
  /** The model as plain data ({ arch, ...config }); part of the run's identity. */
  model: ModelSpec;
  /** Initialisation seed (default 0). */
  seed?: number;
  /** Builds the model from (spec, seed); default createModel (the registry). For models outside the registry. */
  buildModel?: (spec: ModelSpec, seed: number) => LanguageModel;
  optimizer: OptimizerOptions;
  data: TrainData;
  /** Plain-data description of the data (corpus, perturbation, batch shape, seed): checked on resume. */
  dataConfig?: Record<string, unknown>;
  /** Length of the run in tokens (→ ⌈tokens / (B·T)⌉ steps); `steps` instead counts optimizer steps. Give exactly one. */
  tokens?: number;
  steps?: number;
  /**
   * Linear warmup, as a share of the run's steps (rounded), or `warmupSteps` steps (default
   * min(100, ⌈5 % of steps⌉)); then cosine decay to minLrRatio (default 0.1).
   */
  warmup?: number;
  warmupSteps?: number;
  minLrRatio?: number;
  /** Clip the global gradient norm to this (default 1; 0 turns clipping off). */
  gradClip?: number;
  /**
   * Threads for this one run (default 1): with more, each step's rows are split over worker
   * threads holding copies of the model (DataParallel) — the same gradient up to float32 summation
   * order; bit-for-bit resume needs the same thread count. Only for registry models (no buildModel).
   */
  threads?: number;
  /** Evaluate every `every` tokens (and at step 0 and the end), appended to dynamics.jsonl. */
  eval?: EvalOptions & { every: number };
  /** Directory for checkpoint.bin, dynamics.jsonl and status.json (nothing is written without it). */
  outDir?: string;
  /** Checkpoint every this many tokens (default: at each evaluation, else only at the end). */
  checkpointEvery?: number;
  /** Continue from outDir/checkpoint.bin if it exists (bit-for-bit on the cpu backend). */
  resume?: boolean;
  /** Stop (after checkpointing) once this many steps are done — a planned interruption. */
  stopAfterSteps?: number;
  /** Polled after every step; true stops the run after a checkpoint (e.g. set from SIGINT). */
  shouldStop?: () => boolean;
  /** Progress output (default: none). A TTY stream gets a bar, anything else plain lines. */
  progress?: ProgressSink;
  /**
   * Called after every step. A returned promise is awaited before the next step: a web page yields
   * to its event loop there (to repaint a progress line, take a Stop click for shouldStop). (Typed
   * `void` so that any callback fits; an async one is `() => Promise<void>`, which `void` admits.)
   */
  onStep?: (info: StepInfo) => void;
  onEval?: (record: EvalRecord) => void;
}

export interface StepInfo {
  step: number;
  tokens: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

export interface TrainResult {
  status: 'completed' | 'stopped' | 'data-exhausted';
  model: LanguageModel;
  step: number;
  totalSteps: number;
  tokens: number;
  /** Step from which this session resumed (0 for a fresh run). */
  resumedFrom: number;
  /** Losses of the steps run in this session (loss before the update of step `step`). */
  losses: { step: number; loss: number }[];
  evals: EvalRecord[];
  /** The whole run's losses and evaluations, across resumes (what outDir/dynamics.jsonl holds). */
  history: { losses: { step: number; loss: number }[]; evals: EvalRecord[] };
  tokensPerSecond: number;
  /** The resolved run identity stored in checkpoints. */
  config: Record<string, unknown>;
}

function positiveInt(v: unknown, field: string): number {
  if (!(Number.isInteger(v) && (v as number) >= 1)) {
    throw new NumfeatError('BAD_ARGUMENT', `train: ${field} must be a positive integer, got ${String(v)}`, { fix: `set ${field} to an integer ≥ 1`, details: { field } });
  }
  return v as number;
}

/** Validates the options that need no data or model; returns the resolved ones. */
function checkOptions(o: TrainOptions, platform: TrainPlatform): { optimizer: Required<OptimizerOptions>; seed: number; gradClip: number; threads: number } {
  if ((o.steps === undefined) === (o.tokens === undefined)) {
    throw new NumfeatError('BAD_ARGUMENT', 'train: give exactly one of steps or tokens', { fix: 'e.g. train({ ..., tokens: 2e6 })' });
  }
  const optimizer = resolveOptimizerOptions(o.optimizer);
  const gradClip = o.gradClip ?? 1;
  if (!(Number.isFinite(gradClip) && gradClip >= 0)) throw new NumfeatError('BAD_ARGUMENT', `train: gradClip must be ≥ 0, got ${gradClip}`, { fix: 'use 1, or 0 for no clipping' });
  if (o.warmup !== undefined && !(Number.isFinite(o.warmup) && o.warmup >= 0 && o.warmup < 1)) {
    throw new NumfeatError('BAD_ARGUMENT', `train: warmup must be a share of the steps in [0, 1), got ${o.warmup}`, { fix: 'use e.g. 0.05' });
  }
  const threads = o.threads === undefined ? 1 : positiveInt(o.threads, 'threads');
  if (threads > 1 && o.buildModel) {
    throw new NumfeatError('BAD_ARGUMENT', 'train: threads > 1 needs a registry model (worker threads rebuild it from the spec), but buildModel was given', { fix: 'drop buildModel or use threads: 1' });
  }
  if (threads > 1 && !platform.startParallel) {
    throw new NumfeatError('BAD_ARGUMENT', `train: threads > 1 needs worker threads, which this build of @numfeat/models (${platform.name}) lacks`, { fix: 'use threads: 1, or train in Node' });
  }
  if (o.outDir && !platform.openRunFiles) {
    throw new NumfeatError('BAD_ARGUMENT', `train: outDir needs a file system, which this build of @numfeat/models (${platform.name}) lacks`, {
      fix: 'drop outDir (the result holds the losses, evaluations and the model), or train in Node',
    });
  }
  if (o.eval) {
    positiveInt(o.eval.every, 'eval.every');
    if (!Array.isArray(o.eval.numberIds) || o.eval.numberIds.length < 2) {
      throw new NumfeatError('BAD_ARGUMENT', 'train: eval.numberIds must list the vocabulary rows of the numbers', { fix: 'pass e.g. numberIds: ids of "0".."999"' });
    }
  }
  return { optimizer, seed: o.seed ?? 0, gradClip, threads };
}

/** The run's schedule and identity (stored in every checkpoint and checked on resume). */
function planRun(o: TrainOptions, model: LanguageModel, resolved: ReturnType<typeof checkOptions>, [B, T]: [number, number]) {
  const tokensPerStep = B * T;
  const totalSteps = o.steps !== undefined ? positiveInt(o.steps, 'steps') : Math.ceil(positiveInt(o.tokens, 'tokens') / tokensPerStep);
  const warmupSteps = o.warmupSteps ?? (o.warmup !== undefined ? Math.round(totalSteps * o.warmup) : Math.min(100, Math.ceil(0.05 * totalSteps)));
  const minLrRatio = o.minLrRatio ?? 0.1;
  const config = JSON.parse(
    JSON.stringify({
      model: { arch: model.arch, ...(model.config as object) },
      seed: resolved.seed,
      optimizer: resolved.optimizer,
      schedule: { totalSteps, warmupSteps, minLrRatio },
      gradClip: resolved.gradClip,
      batch: { batchSize: B, seqLen: T },
      data: o.dataConfig ?? null,
    }),
  ) as Record<string, unknown>;
  return { tokensPerStep, totalSteps, warmupSteps, minLrRatio, config };
}

/** Evaluates Φ_T and κ now, records it, and reports it. */
async function evaluate(model: LanguageModel, o: TrainOptions, step: number, tokens: number, log: DynamicsLog, evals: EvalRecord[], progress: Progress): Promise<void> {
  const r = await evaluateEmbeddings(model, o.eval!, step, tokens);
  evals.push(r);
  log.record(r);
  o.onEval?.(r);
  progress.log(`eval step ${step}: Φ ${fmt(r.phi)}${Object.keys(r.kappa).length ? ` κ ${fmt(r.kappa)}` : ''}`);
}

/** A non-finite loss or gradient: nothing is applied, the status file says why, and the run throws. */
async function diverged(files: RunFiles | undefined, at: { step: number; tokens: number; loss: number; gradNorm: number }, config: Record<string, unknown>, progress: Progress): Promise<never> {
  const last = files ? await files.readCheckpoint().then((c) => c?.step).catch(() => undefined) : undefined;
  const where = last === undefined ? 'no checkpoint was written yet' : `the last good checkpoint (step ${last}) in ${files!.checkpointPath} is intact`;
  if (files) await files.writeStatus({ state: 'failed', reason: 'non-finite loss', step: at.step, tokens: at.tokens, loss: String(at.loss), gradNorm: String(at.gradNorm), lastCheckpointStep: last ?? null, config });
  progress.done();
  throw new NumfeatError('NON_FINITE', `training diverged: loss ${at.loss}, gradient norm ${at.gradNorm} at step ${at.step} (${at.tokens} tokens); the update was not applied and ${where}`, {
    fix: 'lower the learning rate, lengthen the warmup or clip gradients (gradClip), then resume or restart',
    details: { step: at.step, tokens: at.tokens, lastCheckpointStep: last ?? null },
  });
}

/** The training run of `o` on `platform` (each entry's train() passes its own). */
export async function trainOn(platform: TrainPlatform, o: TrainOptions): Promise<TrainResult> {
  const resolved = checkOptions(o, platform);
  const dir = o.outDir;
  const files = dir ? platform.openRunFiles!(dir) : undefined;
  // Everything that can fail on the inputs fails before anything is written.
  const saved = await existingCheckpoint(files, o.resume, dir);
  const model = (o.buildModel ?? createModel)(o.model, resolved.seed);
  let optimizer: Optimizer | undefined;
  let parallel: DataParallel | undefined;
  try {
    optimizer = createOptimizer(resolved.optimizer, model.params);
    if (resolved.threads > 1) parallel = await platform.startParallel!({ threads: resolved.threads, model: o.model, seed: resolved.seed, optimizer: resolved.optimizer });
    const vocabSize = model.embeddingTable().shape[0];
    const data = openData(o.data, saved);
    const [B, T] = data.shape;
    const { tokensPerStep, totalSteps, warmupSteps, minLrRatio, config } = planRun(o, model, resolved, data.shape);

    // Resume: parameters, optimizer state, counters, and the log up to the checkpoint.
    let { step, tokens } = saved ? resumeFrom(saved, config, model, optimizer, files!.checkpointPath) : { step: 0, tokens: 0 };
    const resumedFrom = step;
    // Worker threads start from the main thread's parameters and optimizer state (fresh or resumed).
    await parallel?.load(model, optimizer);
    const log = await DynamicsLog.open(files?.log, saved ? step : undefined);
    if (files) await files.writeStatus({ state: 'running', step, totalSteps, tokens, config });
    const checkpoint = async () => {
      if (!files) return;
      await log.flush();
      await saveCheckpoint(files, { config, step, tokens, data: data.state() }, model, optimizer!);
    };

    const progress = createProgress(o.progress ?? SILENT, totalSteps * tokensPerStep, { startTokens: tokens, rateNote: `${resolved.threads} thread${resolved.threads > 1 ? 's' : ''}` });
    const evals: EvalRecord[] = [];
    if (o.eval && step === 0) await evaluate(model, o, step, tokens, log, evals, progress);
    const losses: { step: number; loss: number }[] = [];
    const crossed = (every: number) => Number.isFinite(every) && Math.floor(tokens / every) > Math.floor((tokens - tokensPerStep) / every);
    const checkpointEvery = o.checkpointEvery ?? o.eval?.every ?? Infinity;
    const t0 = performance.now();
    let status: TrainResult['status'] = 'completed';

    while (step < totalSteps) {
      const batch = data.next();
      if (!batch) {
        status = 'data-exhausted';
        progress.log(`data ran out after ${step} of ${totalSteps} steps`);
        break;
      }
      const ids = batchInputs(batch, vocabSize, data.consumed);
      if (batch.shape[0] * batch.shape[1] !== tokensPerStep) {
        throw new NumfeatError('SHAPE_MISMATCH', `batch ${data.consumed} has shape [${batch.shape}], the run uses [${B}, ${T}]`, { fix: 'yield batches of one shape' });
      }
      const lr = lrScale(step, { totalSteps, warmupSteps, minRatio: minLrRatio });
      const { loss, gradNorm } = await trainStep(model, optimizer, ids, batch, resolved.gradClip, lr, parallel);
      if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
        await log.flush();
        await diverged(files, { step, tokens, loss, gradNorm }, config, progress);
      }
      losses.push({ step, loss });
      log.record({ type: 'train', step, tokens, loss, lr, gradNorm });
      step++;
      tokens += tokensPerStep;
      data.consumed++;
      await o.onStep?.({ step, tokens, loss, lr, gradNorm });
      progress.update({ step, tokens, loss });
      if (o.eval && (crossed(o.eval.every) || step === totalSteps)) await evaluate(model, o, step, tokens, log, evals, progress);
      const stop = step === o.stopAfterSteps || (o.shouldStop?.() ?? false);
      if (crossed(checkpointEvery) || step === totalSteps || stop) await checkpoint();
      if (stop && step < totalSteps) {
        status = 'stopped';
        break;
      }
    }
    if (status === 'data-exhausted') await checkpoint();
    await log.flush();
    progress.done();
    const seconds = (performance.now() - t0) / 1000;
    if (files) await files.writeStatus({ state: status, step, totalSteps, tokens, config });
    optimizer.dispose();
    const tokensPerSecond = seconds > 0 ? ((step - resumedFrom) * tokensPerStep) / seconds : 0;
    return { status, model, step, totalSteps, tokens, resumedFrom, losses, evals, history: log.history(), tokensPerSecond, config };
  } catch (e) {
    optimizer?.dispose();
    model.dispose();
    throw e;
  } finally {
    await parallel?.close();
  }
}

function fmt(r: Record<string, number>): string {
  return Object.entries(r).map(([k, v]) => `${k}:${v.toPrecision(3)}`).join(' ');
}
