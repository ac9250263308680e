import { parsePerturbation, PERTURBATION_GRAMMAR } from '@numfeat/data-gen';
import { closestName } from '@numfeat/tensor/core';
import { ARCHITECTURES, OPTIMIZERS, parseRunConfig, type RunConfig } from '@numfeat/models';
import { parseChoice, parseNonNegativeInt, usageError, type CliIO, type Command } from '../command.js';
import { checkOutputDir } from '../out-path.js';
import { checkTrainLimits } from '../train-limits.js';
import { parseFlags } from '../flags.js';
import { availableParallelism } from 'node:os';

/**
 * Threads for one run when --threads is not given: both cores of a 2-core machine on the CPU
 * backends (two at most: only two were measured, docs/benchmarks.md), one on GPU backends, whose
 * work is not split over threads.
 */
export function defaultThreads(backend: string, cores: number = availableParallelism()): number {
  return backend === 'wasm' || backend === 'cpu' ? Math.max(1, Math.min(2, cores)) : 1;
}

const HELP = `Usage: numfeat train --out DIR [options]

Trains a small language model from scratch and measures its number-token embeddings as it learns:
Φ_T and mod-T probe κ every --eval-every tokens (DIR/dynamics.jsonl), then the full analysis of the
final embeddings (as numfeat analyze does).

Options:
  --arch NAME         architecture (default transformer; see @numfeat/models ARCHITECTURES)
  --optimizer NAME    muon | adamw (default muon: Newton–Schulz on 2-D weights, AdamW on the rest)
  --corpus NAME       synthetic | bundled | mix (default synthetic: the number-rich generated
                      corpus; mix: half bundled real text, half synthetic)
  --perturb NAME      none | swap | unigram | ctx-<ℓ> | isolate-<k> (default none), paper §3.3
  --tokens N          training tokens, e.g. 2e6 (default 2e6); the corpus is sized to match
  --max-tokens N      raise (or lower) the --tokens ceiling (default: what a quarter of this
                      machine's memory holds as corpus, at most 1e9; see docs/limits.md)
  --eval-every N      measure Φ_T and κ every N tokens (default: 10 points over the run)
  --config FILE       a run config { model, optimizer, train, corpus, seed, perturbation }
                      (@numfeat/models parseRunConfig; flags win). An unknown or bad field
                      is an error naming it, e.g. {"train": {"batchSize": 8, "context": 32}}
  --backend NAME      auto | wasm | cpu | webgpu | tensorflow (default: NUMFEAT_BACKEND, else auto)
  --threads N         threads for this run (default: 2 where the machine has 2 or more cores and
                      the backend is wasm or cpu, else 1): each step's rows are split over this
                      thread and N − 1 workers, each holding a copy of the model and optimizer
                      (data-parallel; the same gradient and update). At the 16 × 64 batch 2
                      threads were faster than one in 11 of 12 measured pairs (1.03–1.55×, one
                      0.90×; docs/benchmarks.md); bit-for-bit resume needs the same N
  --seed N            model, data and corpus seed (default 0)
  --resume            continue DIR/checkpoint.bin (bit-for-bit on the cpu and wasm backends)
  --out DIR           where everything goes (required):
                        checkpoint.bin, dynamics.jsonl, status.json   (while training)
                        embeddings.npy (numbers 0..N-1 × d, float32), tokenizer.json, run.json,
                        analysis.json, spectrum.{svg,png,json}, kappa.{svg,png,json}
  --quiet             no progress on stderr

Ctrl-C stops after the current step and writes a checkpoint; rerun with --resume to continue.
Exit codes: 0 ok; 2 bad input or option (one line on stderr); 1 unexpected.
`;

const OPTIONS = {
  arch: { type: 'string' },
  optimizer: { type: 'string' },
  corpus: { type: 'string' },
  perturb: { type: 'string' },
  tokens: { type: 'string' },
  'max-tokens': { type: 'string' },
  'eval-every': { type: 'string' },
  threads: { type: 'string' },
  config: { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  resume: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

function parseCount(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*[\d.]+(e\+?\d+)?\s*$/i.test(text) || !Number.isInteger(n) || n < 1) {
    throw usageError(`${flag} expects a positive whole number like 2000000 or 2e6, got ${JSON.stringify(text)}`, `pass e.g. ${flag} 2e6`);
  }
  return n;
}

/** parsePerturbation, with "did you mean" on the name part (ctx-16 → ctx). */
function checkPerturbation(text: string): void {
  try {
    parsePerturbation(text);
  } catch (e) {
    const hint = closestName(text.replace(/-?\d*$/, ''), ['none', 'swap', 'unigram', 'ctx', 'isolate']);
    const suffix = hint === 'ctx' || hint === 'isolate' ? `${hint}-${/(\d+)$/.exec(text)?.[1] ?? '8'}` : hint;
    if (hint && suffix !== text) throw usageError(`unknown --perturb ${JSON.stringify(text)} (did you mean ${suffix}?)`, `use one of ${PERTURBATION_GRAMMAR}`);
    throw e;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'train');
  if (positionals.length > 0) throw usageError(`train takes no positional arguments, got ${positionals.join(' ')}`, 'see numfeat train --help');
  if (values.out === undefined) throw usageError('train needs --out DIR', 'pass e.g. --out runs/muon-none');
  const { resolve, join } = await import('node:path');
  const cwd = io.cwd ?? process.cwd();
  const out = resolve(cwd, values.out);
  // Parse every option before any heavy work, so a typo fails at once.
  if (values.corpus !== undefined) parseChoice(values.corpus, ['synthetic', 'bundled', 'mix'] as const, '--corpus');
  if (values.arch !== undefined) parseChoice(values.arch, ARCHITECTURES, '--arch');
  if (values.optimizer !== undefined) parseChoice(values.optimizer, OPTIMIZERS, '--optimizer');
  if (values.perturb !== undefined) checkPerturbation(values.perturb);
  if (values.tokens !== undefined) parseCount(values.tokens, '--tokens');
  if (values.seed !== undefined) parseNonNegativeInt(values.seed, '--seed');
  const maxTokens = values['max-tokens'] === undefined ? undefined : parseCount(values['max-tokens'], '--max-tokens');
  const evalEvery = values['eval-every'] === undefined ? undefined : parseCount(values['eval-every'], '--eval-every');
  // Unset: chosen once the backend is known (defaultThreads).
  const threads = values.threads === undefined ? undefined : parseCount(values.threads, '--threads');
  if (threads !== undefined && threads > 256) throw usageError(`--threads ${threads} is more than 256`, 'use at most the number of cores, e.g. --threads 2');
  let file: RunConfig = {};
  if (values.config !== undefined) {
    const path = resolve(cwd, values.config);
    const { readFileBytes } = await import('@numfeat/io');
    const text = new TextDecoder().decode(await readFileBytes(path, 1 << 20));
    try {
      file = JSON.parse(text) as RunConfig;
    } catch (e) {
      throw usageError(`--config ${values.config} is not valid JSON: ${(e as Error).message}`, 'fix the JSON');
    }
    file = parseRunConfig(file, `--config ${values.config}:`);
  }
  // Flags win over the config file, which wins over the defaults.
  const corpus = (values.corpus as 'synthetic' | 'bundled' | 'mix' | undefined) ?? file.corpus?.source ?? 'synthetic';
  const perturb = values.perturb ?? file.perturbation ?? 'none';
  const tokens = values.tokens !== undefined ? parseCount(values.tokens, '--tokens') : (file.train?.tokens ?? 2e6);
  const seed = values.seed !== undefined ? parseNonNegativeInt(values.seed, '--seed') : (file.seed ?? 0);
  const shape = parsePerturbation(perturb);
  checkTrainLimits({ tokens, maxTokens, seqLen: file.train?.context, batchSize: file.train?.batchSize, contextLength: shape.kind === 'ctx' ? shape.length : undefined, numbers: file.corpus?.numbers });
  const { BACKEND_NAMES } = await import('@numfeat/tensor');
  // undefined lets initBackend read NUMFEAT_BACKEND, as README promises; a bad name fails here, before any work.
  const backend = values.backend === undefined ? undefined : parseChoice(values.backend, BACKEND_NAMES, '--backend');
  if (backend === undefined && process.env.NUMFEAT_BACKEND) parseChoice(process.env.NUMFEAT_BACKEND, BACKEND_NAMES, 'NUMFEAT_BACKEND');
  await checkOutputDir(out);
  const progress = values.quiet ? () => undefined : (msg: string) => io.stderr(`numfeat: ${msg}\n`);

  const result = await trainNumberModel({
    arch: values.arch ?? file.model?.arch ?? 'transformer',
    optimizer: values.optimizer ?? file.optimizer?.name ?? 'muon',
    corpus,
    perturb,
    tokens,
    seed,
    evalEvery,
    threads,
    backend,
    resume: values.resume ?? false,
    out,
    config: file,
    log: progress,
    progressSink: values.quiet ? undefined : process.stderr,
  });
  io.stdout(
    `trained ${result.arch} (${result.optimizer}) on ${result.tokens} ${corpus} tokens (perturb ${perturb}), ` +
      `final loss ${result.finalLoss === undefined ? '(not recorded)' : result.finalLoss.toFixed(4)}, ${result.status}\n` +
      `Φ_2 ${result.analysis.phi['2']?.toPrecision(4)}  Φ_5 ${result.analysis.phi['5']?.toPrecision(4)}  Φ_10 ${result.analysis.phi['10']?.toPrecision(4)}  ` +
      `κ_2 ${result.kappa[2]?.toFixed(1)}  κ_5 ${result.kappa[5]?.toFixed(1)}  κ_10 ${result.kappa[10]?.toFixed(1)}\n` +
      `wrote ${join(values.out, 'embeddings.npy')}, dynamics.jsonl, analysis.json and figures\n`,
  );
  return 0;
}

interface RunOptions {
  arch: string;
  optimizer: string;
  corpus: 'synthetic' | 'bundled' | 'mix';
  perturb: string;
  tokens: number;
  seed: number;
  evalEvery?: number;
  /** Undefined: defaultThreads for the backend in use. */
  threads?: number;
  backend?: string;
  resume: boolean;
  out: string;
  config: RunConfig;
  log: (msg: string) => void;
  progressSink?: NodeJS.WriteStream;
}

/** Corpus → tokenizer → (perturbed) token stream → train → embeddings + analysis, all under `out`. */
async function trainNumberModel(o: RunOptions) {
  const [{ initBackend, describeBackend }, models, dataGen, io, { analyzeEmbeddings, writeFigures }] = await Promise.all([
    import('@numfeat/tensor'),
    import('@numfeat/models'),
    import('@numfeat/data-gen'),
    import('@numfeat/io'),
    import('@numfeat/analysis'),
  ]);
  const { join } = await import('node:path');
  const t = o.config.train ?? {};
  const batchSize = t.batchSize ?? 16;
  const context = t.context ?? 64;
  const N = o.config.corpus?.numbers ?? 1000;

  // A damaged checkpoint fails now, not after the corpus is built.
  if (o.resume) await models.readCheckpoint(join(o.out, 'checkpoint.bin'));

  // 1–2. The corpus (sized to the budget unless corpus.tokens says otherwise), tokenized so that the
  // numbers 0..N−1 are single tokens; 3. the perturbation (paper §3.3), packed into rows.
  o.log(`building the ${o.corpus} corpus (≈ ${o.config.corpus?.tokens ?? o.tokens} tokens)`);
  const corpus = dataGen.numberCorpus({ seed: o.seed, tokens: o.tokens, vocabSize: 4096, ...o.config.corpus, source: o.corpus, numbers: N });
  const { tokenizer, numberIds } = corpus;
  const packed = dataGen.perturb(corpus.ids, o.perturb, { isNumber: corpus.isNumber, padId: corpus.padId, context, seed: o.seed });
  const maxSeqLen = packed.seqLen - 1;
  const data = dataGen.packedBatches(packed, { batchSize, seed: o.seed });
  const report = await initBackend(o.backend as Parameters<typeof initBackend>[0]);
  o.log(describeBackend(report).split('\n')[0]);
  const threads = Math.min(o.threads ?? defaultThreads(report.name), batchSize); // a part needs at least one row
  o.log(
    `${corpus.ids.length} tokens, vocabulary ${tokenizer.vocabSize}, training ${o.tokens} tokens in batches of ${batchSize}×${maxSeqLen} ` +
      (threads > 1 ? `on ${threads} threads (data-parallel: ${models.splitRows(batchSize, threads).map(([a, b]) => b - a).join(' + ')} rows per step)` : 'on 1 thread'),
  );

  // 4. Train; Ctrl-C stops after the current step with a checkpoint.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    o.log('stopping after this step (checkpoint follows); rerun with --resume to continue');
  };
  process.once('SIGINT', onSigint);
  const evalEvery = o.evalEvery ?? Math.max(1, Math.round(o.tokens / (t.evalPoints ?? 10)));
  const totalSteps = Math.ceil(o.tokens / (batchSize * maxSeqLen));
  const { model: modelFile = {}, optimizer: optimizerFile = {} } = o.config;
  let result;
  try {
    result = await models.train({
      model: { ...modelFile, arch: o.arch, vocabSize: tokenizer.vocabSize, maxSeqLen },
      seed: o.seed,
      optimizer: { ...optimizerFile, name: o.optimizer } as import('@numfeat/models').OptimizerOptions,
      data,
      dataConfig: { corpus: o.corpus, perturb: o.perturb, corpusTokens: o.config.corpus?.tokens ?? o.tokens, seed: o.seed, vocabSize: tokenizer.vocabSize, numbers: N },
      tokens: o.tokens,
      warmupSteps: t.warmup === undefined ? undefined : Math.round(totalSteps * t.warmup),
      gradClip: t.gradClip,
      threads,
      eval: t.evalPoints === 0 && o.evalEvery === undefined ? undefined : { every: evalEvery, numberIds, moduli: [2, 5, 10], seeds: t.probeSeeds ?? [0] },
      checkpointEvery: t.checkpointEvery,
      outDir: o.out,
      resume: o.resume,
      shouldStop: () => interrupted,
      progress: o.progressSink,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  // 5. Final embeddings and the full analysis (as `numfeat analyze` computes it).
  const E = await models.numberEmbeddings(result.model, numberIds);
  result.model.dispose();
  o.log('analysing the final number embeddings');
  const analysis = analyzeEmbeddings(E, { onProgress: o.log });
  await io.writeFileAtomic(join(o.out, 'embeddings.npy'), io.writeNpy(E, { dtype: 'f4' }));
  await io.writeJsonAtomic(join(o.out, 'tokenizer.json'), tokenizer.toJSON());
  await io.writeJsonAtomic(join(o.out, 'run.json'), { status: result.status, step: result.step, tokens: result.tokens, config: result.config, numberIds, tokensPerSecond: result.tokensPerSecond });
  await io.writeJsonAtomic(join(o.out, 'analysis.json'), { ...analysis, source: { path: 'embeddings.npy', numbers: { start: 0, count: N } } });
  await writeFigures(o.out, analysis, `${o.arch} (${o.optimizer}), ${o.corpus}`);
  return {
    arch: o.arch,
    optimizer: o.optimizer,
    status: result.status,
    tokens: result.tokens,
    // The whole run's last loss: a resumed run that had already finished trains no step now.
    finalLoss: result.history.losses.at(-1)?.loss,
    analysis,
    kappa: analysis.kappa,
  };
}

const train: Command = {
  name: 'train',
  summary: 'train a small LM (Muon/AdamW) and track Φ_T and mod-T κ of its number embeddings',
  help: HELP,
  options: OPTIONS,
  run,
};
export default train;
