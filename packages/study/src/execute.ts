// Executes one run spec (plain data) and returns its result object. Kinds:
//   lm               a language model trained on a (perturbed) corpus, then measured
//   addition         a Transformer trained on 3-digit or 9-digit addition, with accuracy curves
//   word2vec | ppmi  the classical baselines on the same token stream
//   token-frequency  the 1-D number-token frequency signal (no model)
//   counterexample   Theorem 1(ii)'s construction, via @numfeat/theory's sweepCounterexample
import * as models from '@numfeat/models';
import { tf } from '@numfeat/tensor';
import { logGrid, sweepCounterexample } from '@numfeat/theory';
import { additionTask, packedSequences, tokenFrequencySignal, tokenStream } from './data.js';
import { measureEmbeddings } from './measure.js';
import { trainPacked } from './train-run.js';
import type { EvalRecord } from '@numfeat/models';
import type { DynamicsPoint, AdditionRunSpec, ClassicRunSpec, CounterexampleRunSpec, LmRunSpec, RunContext, RunSpec, TokenFrequencyRunSpec } from './types.js';

/** Measures the trained model's number rows and disposes it; undefined when the run was stopped. */
async function measureTrained(res, numberIds: number[], probeSeeds: number) {
  const rows = res.status === 'stopped' ? undefined : await models.numberEmbeddings(res.model, numberIds);
  res.model.dispose();
  return rows && measureEmbeddings(rows, { probeSeeds });
}

async function lmRun(run: LmRunSpec, ctx: RunContext) {
  const { corpus, perturbation = 'none', model, optimizer, train, analysis } = run;
  const packed = packedSequences(corpus, perturbation, train.context, run.seed);
  const batchTokens = train.batchSize * train.context;
  // Same number of real (non-pad) tokens for every condition: batch rows scale with 1/context,
  // steps with the share of padding (Isolate-k), capped at 4× the baseline steps.
  const rowLen = packed.seqLen - 1;
  const batchSize = Math.max(1, Math.round(batchTokens / rowLen));
  const realShare = packed.realTokens / (packed.realTokens + packed.padTokens);
  const baseSteps = Math.max(1, Math.round(train.tokens / batchTokens));
  const steps = Math.min(4 * baseSteps, Math.max(1, Math.round(baseSteps / realShare)));
  // More than one pass repeats sequences: the report says so (fresh tokens are the point of the budgets).
  if (steps * batchSize > packed.sequences) ctx.log(`note: ${steps * batchSize} sequences from a corpus of ${packed.sequences}: ${((steps * batchSize) / packed.sequences).toFixed(2)} passes`);
  const res = await trainPacked({
    model, optimizer, seed: run.seed, packed, batchSize, steps, warmup: train.warmup,
    evalPoints: run.dynamics ? train.evalPoints ?? 10 : 0,
    evalOptions: { numberIds: packed.numberIds, periods: [2, 5, 10], moduli: [2, 5, 10], seeds: [0] },
    dir: ctx.dir, log: ctx.log, shouldStop: ctx.shouldStop, dataConfig: { run: run.id, corpus, perturbation },
  });
  const measured = await measureTrained(res, packed.numberIds, analysis.probeSeeds);
  if (!measured) return { stopped: true };
  return { ...measured, training: trainingSummary(res, { batchSize, seqLen: rowLen, realTokenShare: realShare, corpusPasses: (steps * batchSize) / packed.sequences }), dynamics: res.evals.map(dynamicsPoint) };
}

async function additionRun(run: AdditionRunSpec, ctx: RunContext) {
  const task = additionTask({ digits: run.digits, train: run.examples.train, test: run.examples.test, seed: 0 });
  const L = task.train.seqLen;
  const steps = Math.max(1, Math.round(run.train.tokens / (run.train.batchSize * (L - 1))));
  const accuracies = async (m) => {
    const tr = await answerAccuracy(m, task.train, 256);
    const te = await answerAccuracy(m, task.test, 256);
    return { trainAccuracy: tr.exact, testAccuracy: te.exact, trainTokenAccuracy: tr.token, testTokenAccuracy: te.token };
  };
  const res = await trainPacked({
    model: run.model, optimizer: run.optimizer, seed: run.seed, packed: { ...task.train, vocabSize: task.vocabSize }, batchSize: run.train.batchSize, steps,
    warmup: run.train.warmup, evalPoints: run.train.evalPoints ?? 10,
    evalOptions: { numberIds: task.numberIds, periods: [2, 5, 10], moduli: [], metrics: accuracies },
    dir: ctx.dir, log: ctx.log, shouldStop: ctx.shouldStop, dataConfig: { run: run.id, digits: run.digits, examples: run.examples },
  });
  const measured = await measureTrained(res, task.numberIds, run.analysis.probeSeeds);
  if (!measured) return { stopped: true };
  return { ...measured, training: trainingSummary(res, { batchSize: run.train.batchSize, seqLen: L - 1 }), dynamics: res.evals.map(dynamicsPoint), format: task.format };
}

/** What the report keeps of a trainer result: size, final loss, a thinned loss curve, speed. */
function trainingSummary(res, shape) {
  const losses = res.losses.map((l) => [l.step + 1, l.loss]);
  return { steps: res.step, ...shape, tokens: res.tokens, resumedFrom: res.resumedFrom, finalLoss: losses.at(-1)?.[1], losses: thin(losses, 50), trainSeconds: res.seconds, tokensPerSecond: res.tokensPerSecond, trainer: '@numfeat/models train()' };
}

/** A dynamics point as the report reads it: tokens, Φ, κ, probe accuracy and any task metrics, flat. */
const dynamicsPoint = ({ step, tokens, phi, kappa, accuracy, metrics }: EvalRecord): DynamicsPoint => ({ step, tokens, phi, kappa, accuracy, ...(metrics ?? {}) });

/**
 * Accuracy (%) under teacher forcing on the first `limit` examples: exact = every answer token right
 * (equals greedy decoding's exact match), token = share of answer tokens right.
 */
async function answerAccuracy(model, packed, limit) {
  const L = packed.seqLen;
  const n = Math.min(limit, packed.data.length / L);
  const predT = tf.tidy(() => {
    const x = tf.tensor2d(packed.data.subarray(0, n * L), [n, L]).slice([0, 0], [n, L - 1]).toInt();
    return tf.argMax(model.forward(x).logits, 2);
  });
  const pred = await predT.data(); // asynchronous: GPU backends in Node cannot read synchronously
  predT.dispose();
  let exact = 0; let right = 0; let total = 0;
  for (let e = 0; e < n; e++) {
    let ok = true;
    for (let i = 1; i < L; i++) {
      if (packed.mask[e * L + i] === 0) continue;
      total++;
      if (pred[e * (L - 1) + i - 1] === packed.data[e * L + i]) right++; else ok = false;
    }
    if (ok) exact++;
  }
  return { exact: (100 * exact) / n, token: (100 * right) / Math.max(1, total) };
}

async function classicRun(run: ClassicRunSpec) {
  const s = tokenStream(run.corpus);
  const t0 = performance.now();
  const { embeddings: table, dims } = run.kind === 'word2vec'
    ? await models.trainWord2vec(s.ids, { vocabSize: s.vocabSize, seed: run.seed, ...run.params })
    : models.trainPpmi(s.ids, { vocabSize: s.vocabSize, seed: run.seed, ...run.params });
  const rows = s.numberIds.map((id) => Array.from(table.subarray(id * dims, (id + 1) * dims)));
  return { ...measureEmbeddings(rows, { probeSeeds: run.analysis.probeSeeds }), training: { seconds: (performance.now() - t0) / 1000, tokens: s.ids.length } };
}

function tokenFrequencyRun(run: TokenFrequencyRunSpec) {
  const x = tokenFrequencySignal(run.corpus);
  return { ...measureEmbeddings(x.map((v) => [v]), { probeSeeds: run.analysis.probeSeeds }), signal: 'log(1 + count) of number token n' };
}

function counterexampleRun(run: CounterexampleRunSpec) {
  const sweep = sweepCounterexample({ N: 1000, T: 10, A: 5, Bs: [0.03, ...logGrid(0.05, 100, run.points ?? 15), 31].sort((a, b) => a - b) });
  return { sweep };
}

const thin = (pairs, n) => pairs.filter((_, i) => i % Math.max(1, Math.ceil(pairs.length / n)) === 0 || i === pairs.length - 1);

/** Runs one spec; ctx = { dir, log, shouldStop }. Returns the result body (without bookkeeping). */
export async function executeRun(run: RunSpec, ctx: RunContext): Promise<unknown> {
  switch (run.kind) {
    case 'lm': return lmRun(run, ctx);
    case 'addition': return additionRun(run, ctx);
    case 'word2vec': case 'ppmi': return classicRun(run);
    case 'token-frequency': return tokenFrequencyRun(run);
    case 'counterexample': return counterexampleRun(run);
    default: throw new Error(`unknown run kind '${(run as { kind: string }).kind}'`);
  }
}
