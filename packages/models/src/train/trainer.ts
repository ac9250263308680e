// The trainer: streams batches, warmup + cosine schedule, global-norm clipping, evaluation hooks
// (Φ_T and probe κ of the number-token embeddings), atomic checkpoints and exact resume.
// It knows models only through the LanguageModel contract (nanoGPT style).
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@numfeat/io';
import { NumfeatError, tf, type Tensor2D } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';
import { createOptimizer, resolveOptimizerOptions, checkOptimizerState } from '../optim/index.js';
import type { OptimizerOptions } from '../optim/types.js';
import { createModel, type ModelSpec } from '../registry.js';
import { firstDifference, readCheckpoint, writeCheckpoint, type CheckpointData } from './checkpoint.js';
import { batchInputs, type TrainBatch, type TrainData } from './data.js';
import { evaluateEmbeddings, type EvalOptions, type EvalRecord } from './eval.js';
import { weightedLmLoss } from './loss.js';
import { createProgress, SILENT, type ProgressSink } from './progress.js';
import { lrScale } from './schedule.js';

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
  /** Length of the run: exactly one of steps or tokens (tokens → ⌈tokens / (B·T)⌉ steps). */
  steps?: number;
  tokens?: number;
  /** Linear warmup steps (default min(100, ⌈5 % of steps⌉)), then cosine decay to minLrRatio (default 0.1). */
  warmupSteps?: number;
  minLrRatio?: number;
  /** Clip the global gradient norm to this (default 1; 0 turns clipping off). */
  gradClip?: number;
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
  tokensPerSecond: number;
  /** The resolved run identity stored in checkpoints. */
  config: Record<string, unknown>;
}

const CHECKPOINT = 'checkpoint.bin';
const DYNAMICS = 'dynamics.jsonl';
const STATUS = 'status.json';

function positiveInt(v: unknown, field: string): number {
  if (!(Number.isInteger(v) && (v as number) >= 1)) {
    throw new NumfeatError('BAD_ARGUMENT', `train: ${field} must be a positive integer, got ${String(v)}`, { fix: `set ${field} to an integer ≥ 1`, details: { field } });
  }
  return v as number;
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const o = options;
  if ((o.steps === undefined) === (o.tokens === undefined)) {
    throw new NumfeatError('BAD_ARGUMENT', 'train: give exactly one of steps or tokens', { fix: 'e.g. train({ ..., tokens: 2e6 })' });
  }
  const optimizerOptions = resolveOptimizerOptions(o.optimizer);
  const seed = o.seed ?? 0;
  const gradClip = o.gradClip ?? 1;
  if (!(Number.isFinite(gradClip) && gradClip >= 0)) throw new NumfeatError('BAD_ARGUMENT', `train: gradClip must be ≥ 0, got ${gradClip}`, { fix: 'use 1, or 0 for no clipping' });
  if (o.eval) {
    positiveInt(o.eval.every, 'eval.every');
    if (!Array.isArray(o.eval.numberIds) || o.eval.numberIds.length < 2) {
      throw new NumfeatError('BAD_ARGUMENT', 'train: eval.numberIds must list the vocabulary rows of the numbers', { fix: 'pass e.g. numberIds: ids of "0".."999"' });
    }
  }
  const dir = o.outDir;
  const ckptPath = dir && join(dir, CHECKPOINT);
  const dynPath = dir && join(dir, DYNAMICS);

  // Everything that can fail on the inputs fails before anything is written.
  const saved = ckptPath ? await readCheckpoint(ckptPath) : undefined;
  if (saved && !o.resume) {
    throw new NumfeatError('BAD_ARGUMENT', `${dir} already holds a checkpoint (step ${saved.step})`, {
      fix: 'pass resume: true (--resume) to continue it, or choose a fresh output directory',
    });
  }
  const build = o.buildModel ?? createModel;
  const model = build(o.model, seed);
  let optimizer: ReturnType<typeof createOptimizer> | undefined;
  try {
    optimizer = createOptimizer(optimizerOptions, model.params);
    const vocabSize = model.embeddingTable().shape[0];

    // Data: positioned sources restart at the saved position; others skip what was consumed.
    const source = typeof o.data === 'function' ? o.data(saved?.data.position) : o.data;
    const positioned = typeof (source as { position?: unknown }).position === 'function';
    const iterator = source[Symbol.iterator]();
    let consumed = saved?.data.consumed ?? 0;
    if (saved && !positioned) for (let i = 0; i < consumed; i++) if (iterator.next().done) break;
    const first = iterator.next();
    if (first.done) throw new NumfeatError('EMPTY_INPUT', 'train: the data yielded no batch', { fix: 'check the corpus and batch options' });
    let pending: TrainBatch | undefined = first.value;
    const [B, T] = pending.shape;
    const tokensPerStep = B * T;
    const totalSteps = o.steps !== undefined ? positiveInt(o.steps, 'steps') : Math.ceil(positiveInt(o.tokens, 'tokens') / tokensPerStep);
    const warmupSteps = o.warmupSteps ?? Math.min(100, Math.ceil(0.05 * totalSteps));
    const minLrRatio = o.minLrRatio ?? 0.1;

    const config = JSON.parse(
      JSON.stringify({
        model: { arch: model.arch, ...(model.config as object) },
        seed,
        optimizer: optimizerOptions,
        schedule: { totalSteps, warmupSteps, minLrRatio },
        gradClip,
        batch: { batchSize: B, seqLen: T },
        data: o.dataConfig ?? null,
      }),
    ) as Record<string, unknown>;

    let step = 0;
    let tokens = 0;
    if (saved) {
      const diff = firstDifference(saved.config, config);
      if (diff) {
        throw new NumfeatError('BAD_ARGUMENT', `checkpoint ${ckptPath} belongs to a different run: ${diff.field} is ${JSON.stringify(diff.saved)} there, ${JSON.stringify(diff.current)} here`, {
          fix: `resume with the same ${diff.field}, or start a fresh run in another output directory`,
          details: { field: diff.field },
        });
      }
      restoreParams(model, saved, ckptPath!);
      checkOptimizerState(optimizer, saved.optimizer);
      optimizer.setState(saved.optimizer);
      step = saved.step;
      tokens = saved.tokens;
    }
    const resumedFrom = step;

    let log: string[] = [];
    if (dynPath) {
      if (saved) {
        // Drop records written after the checkpoint (the interrupted tail will be redone).
        const kept = (await readFile(dynPath, 'utf8').catch(() => ''))
          .split('\n')
          .filter((line) => {
            if (line.trim() === '') return false;
            // A train record's step is the 0-based step it ran (step k is the one after checkpoint k).
            let r: { type?: string; step?: number };
            try {
              r = JSON.parse(line) as typeof r;
            } catch {
              return false; // a line torn by the interruption
            }
            return typeof r.step === 'number' && (r.type === 'train' ? r.step < step : r.step <= step);
          });
        await writeFileAtomic(dynPath, kept.map((l) => l + '\n').join(''));
      } else {
        await writeFileAtomic(dynPath, '');
      }
      await writeJsonAtomic(join(dir!, STATUS), { state: 'running', step, totalSteps, tokens, config });
    }
    const flushLog = async () => {
      if (dynPath && log.length > 0) await appendFile(dynPath, log.join(''));
      log = [];
    };
    const record = (r: object) => {
      if (dynPath) log.push(JSON.stringify(r) + '\n');
    };

    const evals: EvalRecord[] = [];
    const evaluate = async () => {
      const r = await evaluateEmbeddings(model, o.eval!, step, tokens);
      evals.push(r);
      record(r);
      o.onEval?.(r);
      progress.log(`eval step ${step}: Φ ${fmt(r.phi)}${Object.keys(r.kappa).length ? ` κ ${fmt(r.kappa)}` : ''}`);
    };
    const checkpointEvery = o.checkpointEvery ?? o.eval?.every ?? Infinity;
    const checkpoint = async () => {
      if (!ckptPath) return;
      await flushLog();
      await writeCheckpoint(ckptPath, {
        config,
        step,
        tokens,
        data: { consumed, position: positioned ? (source as unknown as { position(): unknown }).position() : null },
        params: Object.fromEntries(await Promise.all(model.params.map(async (p) => [p.name, { shape: p.variable.shape, values: Float32Array.from((await p.variable.data()) as Float32Array) }] as const))),
        optimizer: await optimizer!.getState(),
      });
    };

    const progress = createProgress(o.progress ?? SILENT, totalSteps * tokensPerStep, tokens);
    if (o.eval && step === 0) await evaluate();
    const vars = model.params.map((p) => p.variable);
    const nameOf = new Map(model.params.map((p) => [p.variable.name, p.name]));
    const losses: { step: number; loss: number }[] = [];
    const t0 = performance.now();
    let status: TrainResult['status'] = 'completed';
    const crossed = (every: number) => Number.isFinite(every) && Math.floor(tokens / every) > Math.floor((tokens - tokensPerStep) / every);

    while (step < totalSteps) {
      const batch = pending ?? (() => {
        const n = iterator.next();
        return n.done ? undefined : n.value;
      })();
      pending = undefined;
      if (!batch) {
        status = 'data-exhausted';
        progress.log(`data ran out after ${step} of ${totalSteps} steps`);
        break;
      }
      const ids = batchInputs(batch, vocabSize, consumed);
      if (batch.shape[0] * batch.shape[1] !== tokensPerStep) {
        throw new NumfeatError('SHAPE_MISMATCH', `batch ${consumed} has shape [${batch.shape}], the run uses [${B}, ${T}]`, { fix: 'yield batches of one shape' });
      }
      const scale = lrScale(step, { totalSteps, warmupSteps, minRatio: minLrRatio });
      const { loss, gradNorm } = await trainStep(model, optimizer, vars, nameOf, ids, batch, gradClip, scale);
      if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
        await flushLog();
        const last = ckptPath ? await readCheckpoint(ckptPath).then((c) => c?.step).catch(() => undefined) : undefined;
        const where = last === undefined ? 'no checkpoint was written yet' : `the last good checkpoint (step ${last}) in ${ckptPath} is intact`;
        if (dir) await writeJsonAtomic(join(dir, STATUS), { state: 'failed', reason: 'non-finite loss', step, tokens, loss: String(loss), gradNorm: String(gradNorm), lastCheckpointStep: last ?? null, config });
        progress.done();
        throw new NumfeatError('NON_FINITE', `training diverged: loss ${loss}, gradient norm ${gradNorm} at step ${step} (${tokens} tokens); the update was not applied and ${where}`, {
          fix: 'lower the learning rate, lengthen the warmup or clip gradients (gradClip), then resume or restart',
          details: { step, tokens, lastCheckpointStep: last ?? null },
        });
      }
      losses.push({ step, loss });
      record({ type: 'train', step, tokens, loss, lr: scale, gradNorm });
      step++;
      tokens += tokensPerStep;
      consumed++;
      o.onStep?.({ step, tokens, loss, lr: scale, gradNorm });
      progress.update({ step, tokens, loss });
      if (o.eval && (crossed(o.eval.every) || step === totalSteps)) await evaluate();
      const stop = step === o.stopAfterSteps || (o.shouldStop?.() ?? false);
      if (crossed(checkpointEvery) || step === totalSteps || stop) await checkpoint();
      if (stop && step < totalSteps) {
        status = 'stopped';
        break;
      }
    }
    if (status === 'data-exhausted') await checkpoint();
    await flushLog();
    progress.done();
    const seconds = (performance.now() - t0) / 1000;
    if (dir) await writeJsonAtomic(join(dir, STATUS), { state: status, step, totalSteps, tokens, config });
    optimizer.dispose();
    return { status, model, step, totalSteps, tokens, resumedFrom, losses, evals, tokensPerSecond: seconds > 0 ? ((step - resumedFrom) * tokensPerStep) / seconds : 0, config };
  } catch (e) {
    optimizer?.dispose();
    model.dispose();
    throw e;
  }
}

/** Σ‖g‖² over all gradients, as a pairwise sum of scalars (WebGPU's AddN fails with many inputs). */
function sumOfSquares(grads: tf.Tensor[]): tf.Scalar {
  let terms = grads.map((g) => tf.sum(tf.square(g)));
  while (terms.length > 1) terms = Array.from({ length: Math.ceil(terms.length / 2) }, (_, i) => (terms[2 * i + 1] ? tf.add(terms[2 * i], terms[2 * i + 1]) : terms[2 * i]));
  return (terms[0] ?? tf.scalar(0)) as tf.Scalar;
}

/**
 * One forward/backward/update; returns the loss before the update and the unclipped gradient norm.
 * The one read-back is asynchronous, so the trainer also runs on GPU backends in Node.
 */
async function trainStep(
  model: LanguageModel,
  optimizer: ReturnType<typeof createOptimizer>,
  vars: tf.Variable[],
  nameOf: Map<string, string>,
  ids: Int32Array,
  batch: TrainBatch,
  gradClip: number,
  scale: number,
): Promise<{ loss: number; gradNorm: number }> {
  const [B, T] = batch.shape;
  const idsT = tf.tensor2d(ids, [B, T], 'int32') as Tensor2D;
  const targetsT = tf.tensor2d(batch.targets, [B, T], 'int32') as Tensor2D;
  const weights = batch.mask ? tf.tensor1d(Float32Array.from(batch.mask)) : undefined;
  const { value, grads } = tf.variableGrads(() => weightedLmLoss(model, idsT, targetsT, weights), vars);
  const all = Object.values(grads);
  try {
    const both = tf.tidy(() => tf.stack([value, tf.sqrt(sumOfSquares(all))]));
    const [loss, gradNorm] = await both.data();
    both.dispose();
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) return { loss, gradNorm };
    const factor = gradClip > 0 && gradNorm > gradClip ? gradClip / gradNorm : 1;
    tf.tidy(() => {
      const named: Record<string, tf.Tensor> = {};
      for (const [k, g] of Object.entries(grads)) named[nameOf.get(k)!] = factor === 1 ? g : tf.mul(g, factor);
      optimizer.step(named, scale);
    });
    return { loss, gradNorm };
  } finally {
    tf.dispose([value, ...all, idsT, targetsT]);
    if (weights) weights.dispose();
  }
}

function restoreParams(model: LanguageModel, saved: CheckpointData, path: string): void {
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
}

function fmt(r: Record<string, number>): string {
  return Object.entries(r).map(([k, v]) => `${k}:${v.toPrecision(3)}`).join(' ');
}
