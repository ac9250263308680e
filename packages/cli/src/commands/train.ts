import { parseArgs } from 'node:util';
import { parseChoice, usageError, type CliIO, type Command } from '../command.js';

const HELP = `Usage: numfeat train --out DIR [options]

Trains a small language model from scratch and measures its number-token embeddings as it learns:
Φ_T and mod-T probe κ every --eval-every tokens (DIR/dynamics.jsonl), then the full analysis of the
final embeddings (as numfeat analyze does).

Options:
  --arch NAME         architecture (default transformer; see @numfeat/models ARCHITECTURES)
  --optimizer NAME    muon | adamw (default muon: Newton–Schulz on 2-D weights, AdamW on the rest)
  --corpus NAME       synthetic | bundled (default synthetic: the number-rich generated corpus)
  --perturb NAME      none | swap | unigram | isolate-K | ctx-L (default none), paper §3.3
  --tokens N          training tokens, e.g. 2e6 (default 2e6); the corpus is sized to match
  --config FILE       JSON { model, optimizer, train, corpus } overriding the defaults (flags win)
  --backend NAME      auto | wasm | cpu | webgpu | tensorflow (default auto)
  --seed N            model, data and corpus seed (default 0)
  --resume            continue DIR/checkpoint.bin (bit-for-bit on the cpu backend)
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
  config: { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  resume: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** What --config may set; every field optional. */
export interface TrainConfigFile {
  model?: Record<string, unknown>;
  optimizer?: Record<string, unknown>;
  train?: { batchSize?: number; seqLen?: number; warmupSteps?: number; gradClip?: number; evalEvery?: number; checkpointEvery?: number; probeSeeds?: number[] };
  corpus?: { vocabSize?: number; numbers?: number; numberShare?: number };
}

function parseCount(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\s*[\d.]+(e\d+)?\s*$/i.test(text) || !Number.isInteger(n) || n < 1) {
    throw usageError(`${flag} expects a positive whole number like 2000000 or 2e6, got ${JSON.stringify(text)}`, `pass e.g. ${flag} 2e6`);
  }
  return n;
}

function parseSeed(text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(Number(text))) throw usageError(`--seed expects a whole number ≥ 0, got ${JSON.stringify(text)}`, 'pass e.g. --seed 0');
  return Number(text);
}

function parsePerturb(text: string): { kind: 'none' | 'swap' | 'unigram' } | { kind: 'isolate'; k: number } | { kind: 'ctx'; length: number } {
  if (text === 'none' || text === 'swap' || text === 'unigram') return { kind: text };
  const m = /^(isolate|ctx)-(\d+)$/.exec(text);
  if (m && Number(m[2]) >= 1) return m[1] === 'isolate' ? { kind: 'isolate', k: Number(m[2]) } : { kind: 'ctx', length: Number(m[2]) };
  throw usageError(`unknown --perturb ${JSON.stringify(text)}`, 'use one of: none, swap, unigram, isolate-K (e.g. isolate-8), ctx-L (e.g. ctx-64)');
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length > 0) throw usageError(`train takes no positional arguments, got ${positionals.join(' ')}`, 'see numfeat train --help');
  if (values.out === undefined) throw usageError('train needs --out DIR', 'pass e.g. --out runs/muon-none');
  const { resolve, join } = await import('node:path');
  const cwd = io.cwd ?? process.cwd();
  const out = resolve(cwd, values.out);
  // Parse every option before any heavy work, so a typo fails at once.
  const corpus = parseChoice(values.corpus ?? 'synthetic', ['synthetic', 'bundled'] as const, '--corpus');
  const perturb = parsePerturb(values.perturb ?? 'none');
  const tokens = parseCount(values.tokens ?? '2e6', '--tokens');
  const seed = values.seed === undefined ? 0 : parseSeed(values.seed);
  const { readFile } = await import('node:fs/promises');
  let file: TrainConfigFile = {};
  if (values.config !== undefined) {
    const path = resolve(cwd, values.config);
    const text = await readFile(path, 'utf8').catch((e: Error) => {
      throw usageError(`cannot read --config ${values.config}: ${e.message}`, 'check the path');
    });
    try {
      file = JSON.parse(text) as TrainConfigFile;
    } catch (e) {
      throw usageError(`--config ${values.config} is not valid JSON: ${(e as Error).message}`, 'fix the JSON');
    }
  }
  const progress = values.quiet ? () => undefined : (msg: string) => io.stderr(`numfeat: ${msg}\n`);

  const result = await trainNumberModel({
    arch: values.arch ?? (file.model?.arch as string | undefined) ?? 'transformer',
    optimizer: values.optimizer ?? (file.optimizer?.name as string | undefined) ?? 'muon',
    corpus,
    perturb,
    tokens,
    seed,
    backend: values.backend,
    resume: values.resume ?? false,
    out,
    config: file,
    log: progress,
    progressSink: values.quiet ? undefined : process.stderr,
  });
  io.stdout(
    `trained ${result.arch} (${result.optimizer}) on ${result.tokens} ${corpus} tokens (perturb ${values.perturb ?? 'none'}), ` +
      `final loss ${result.finalLoss.toFixed(4)}, ${result.status}\n` +
      `Φ_2 ${result.analysis.phi['2']?.toPrecision(4)}  Φ_5 ${result.analysis.phi['5']?.toPrecision(4)}  Φ_10 ${result.analysis.phi['10']?.toPrecision(4)}  ` +
      `κ_2 ${result.kappa[2]?.toFixed(1)}  κ_5 ${result.kappa[5]?.toFixed(1)}  κ_10 ${result.kappa[10]?.toFixed(1)}\n` +
      `wrote ${join(values.out, 'embeddings.npy')}, dynamics.jsonl, analysis.json and figures\n`,
  );
  return 0;
}

type Perturb = ReturnType<typeof parsePerturb>;

interface RunOptions {
  arch: string;
  optimizer: string;
  corpus: 'synthetic' | 'bundled';
  perturb: Perturb;
  tokens: number;
  seed: number;
  backend?: string;
  resume: boolean;
  out: string;
  config: TrainConfigFile;
  log: (msg: string) => void;
  progressSink?: NodeJS.WriteStream;
}

/** Corpus → tokenizer → (perturbed) token stream → train → embeddings + analysis, all under `out`. */
async function trainNumberModel(o: RunOptions) {
  const [{ initBackend, describeBackend, NumfeatError }, models, dataGen, { WordTokenizer, numberTokenIds }, io, { analyzeEmbeddings, writeFigures }] = await Promise.all([
    import('@numfeat/tensor'),
    import('@numfeat/models'),
    import('@numfeat/data-gen'),
    import('@numfeat/tokenizers'),
    import('@numfeat/io'),
    import('@numfeat/analysis'),
  ]);
  const { join } = await import('node:path');
  const t = o.config.train ?? {};
  const batchSize = t.batchSize ?? 16;
  const seqLen = t.seqLen ?? 64;
  const N = o.config.corpus?.numbers ?? 1000;

  // 1. Text: the synthetic corpus sized to the budget, or bundled documents up to ≈ the budget.
  o.log(`building the ${o.corpus} corpus (≈ ${o.tokens} tokens)`);
  const texts: string[] = [];
  if (o.corpus === 'synthetic') {
    for (const doc of dataGen.synthCorpus({ seed: o.seed, tokens: o.tokens, numberShare: o.config.corpus?.numberShare })) texts.push(doc);
  } else {
    let chars = 0;
    for (const doc of dataGen.readBundledDocuments()) {
      texts.push(doc.text);
      if ((chars += doc.text.length) >= 4.5 * o.tokens) break; // ≈ 4.5 characters per word token
    }
  }
  // 2. A word tokenizer whose numbers 0..999 are single tokens (Llama-3-style 3-digit chunks).
  const tokenizer = WordTokenizer.train(texts, { vocabSize: o.config.corpus?.vocabSize ?? 4096 });
  const numbers = numberTokenIds(tokenizer, { count: N });
  if (numbers.missing.length > 0) {
    throw new NumfeatError('MISSING_NUMBERS', `the tokenizer lacks single tokens for ${numbers.missing.length} of the numbers 0..${N - 1}`, {
      fix: 'use config.corpus.numbers ≤ 1000 or a larger vocabSize',
    });
  }
  const numberIds = numbers.ids as number[];
  const eos = tokenizer.tokenToId('<eos>');
  const encoded = texts.map((text) => tokenizer.encode(text));
  const stream = new Uint32Array(encoded.reduce((n, e) => n + e.length + (eos === undefined ? 0 : 1), 0));
  let at = 0;
  for (const e of encoded) {
    stream.set(e, at);
    at += e.length;
    if (eos !== undefined) stream[at++] = eos;
  }
  // 3. Perturbation (paper §3.3) and batches.
  const numberSet = new Set(numberIds);
  const isNumber = (id: number) => numberSet.has(id);
  const p = o.perturb;
  let data: import('@numfeat/models').TrainData;
  let maxSeqLen = seqLen;
  if (p.kind === 'isolate' || p.kind === 'ctx') {
    const packed =
      p.kind === 'isolate'
        ? dataGen.isolate(stream, { k: p.k, seqLen: seqLen + 1, padId: tokenizer.tokenToId('<pad>') ?? 0, isNumber })
        : dataGen.contextLength(stream, { seqLen: p.length + 1 });
    maxSeqLen = packed.seqLen - 1;
    data = models.packedBatches(packed, { batchSize, seed: o.seed });
  } else {
    const ids = p.kind === 'swap' ? dataGen.swapNumbers(stream, { isNumber, seed: o.seed }) : p.kind === 'unigram' ? dataGen.unigramReplace(stream, { isNumber, seed: o.seed }) : stream;
    data = models.streamBatches(ids, { batchSize, seqLen, seed: o.seed });
  }
  const report = await initBackend((o.backend ?? 'auto') as Parameters<typeof initBackend>[0]);
  o.log(describeBackend(report).split('\n')[0]);
  o.log(`${stream.length} tokens, vocabulary ${tokenizer.vocabSize}, training ${o.tokens} tokens in batches of ${batchSize}×${maxSeqLen}`);

  // 4. Train; Ctrl-C stops after the current step with a checkpoint.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    o.log('stopping after this step (checkpoint follows); rerun with --resume to continue');
  };
  process.once('SIGINT', onSigint);
  const evalEvery = t.evalEvery ?? Math.max(1, Math.round(o.tokens / 10));
  const { model: modelFile = {}, optimizer: optimizerFile = {} } = o.config;
  let result;
  try {
    result = await models.train({
      model: { ...modelFile, arch: o.arch, vocabSize: tokenizer.vocabSize, maxSeqLen },
      seed: o.seed,
      optimizer: { ...optimizerFile, name: o.optimizer } as import('@numfeat/models').OptimizerOptions,
      data,
      dataConfig: { corpus: o.corpus, perturb: p, corpusTokens: o.tokens, seed: o.seed, vocabSize: tokenizer.vocabSize, numbers: N },
      tokens: o.tokens,
      warmupSteps: t.warmupSteps,
      gradClip: t.gradClip,
      eval: { every: evalEvery, numberIds, moduli: [2, 5, 10], seeds: t.probeSeeds ?? [0] },
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
    finalLoss: result.losses.at(-1)?.loss ?? NaN,
    analysis,
    kappa: analysis.kappa,
  };
}

const train: Command = {
  name: 'train',
  summary: 'train a small LM (Muon/AdamW) and track Φ_T and mod-T κ of its number embeddings',
  help: HELP,
  run,
};
export default train;
