import { join } from 'node:path';
import { textTable } from '@numfeat/plot/svg';
import type { Tokenizer } from '@numfeat/tokenizers';
import { parseChoice, parseNonNegativeInt, parsePositiveInt, usageError, type CliIO, type Command } from '../command.js';
import { defaultMaxTokens } from '../train-limits.js';
import { numfeatCacheDir } from '../cache-dir.js';
import { parseFlags } from '../flags.js';

const HELP = `Usage: numfeat corpus <build|stats> [options]

build   tokenize the bundled real corpus (State of the Union, Brown, SpamAssassin ham) once into
        binary shards with a manifest of counts and SHA-256 hashes; later runs reuse them.
stats   token counts, number-token counts, distinct numbers 0..999 and the share of round numbers
        (mean count of multiples of 10 in 100..999 over the mean count of the others).

Options:
  --corpus KIND      bundled | synthetic (default bundled; stats only)
  --tokenizer KIND   word | llama3 (default word: top-16k words + every number 0..999 as one token)
  --tokens N         synthetic corpus size in approximate tokens (default 1000000)
  --seed N           synthetic corpus seed (default 1)
  --cache-dir DIR    numfeat's cache; shards go in DIR/corpus (default: NUMFEAT_CACHE_DIR,
                     else $XDG_CACHE_HOME/numfeat, else ~/.cache/numfeat)
  --json             print one JSON object on stdout
  --quiet            no progress messages on stderr
`;

const OPTIONS = {
  corpus: { type: 'string' },
  tokenizer: { type: 'string' },
  tokens: { type: 'string' },
  seed: { type: 'string' },
  'cache-dir': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

async function loadTokenizer(kind: string, cacheDir: string): Promise<Tokenizer> {
  if (kind === 'llama3') return (await import('@numfeat/tokenizers')).llama3Tokenizer();
  return (await import('@numfeat/data-gen')).bundledWordTokenizer({ cacheDir });
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'corpus');
  const action = positionals[0];
  if (action !== 'build' && action !== 'stats') {
    throw usageError(`numfeat corpus needs an action, build or stats, got ${JSON.stringify(action ?? '')}`, 'run `numfeat corpus --help`');
  }
  const corpusKind = parseChoice(values.corpus ?? 'bundled', ['bundled', 'synthetic'] as const, '--corpus');
  if (action === 'build' && corpusKind !== 'bundled') throw usageError('only the bundled corpus has shards to build', 'drop --corpus');
  const tokenizerKind = parseChoice(values.tokenizer ?? 'word', ['word', 'llama3'] as const, '--tokenizer');
  const tokens = parsePositiveInt(values.tokens ?? '1000000', '--tokens', defaultMaxTokens());
  // 0 is a seed like any other (it was rejected as not positive).
  const seed = parseNonNegativeInt(values.seed ?? '1', '--seed');
  const cacheDir = join(numfeatCacheDir(values['cache-dir'], io.cwd ?? process.cwd()), 'corpus');
  const log = (m: string) => values.quiet || io.stderr(`${m}\n`);
  const dataGen = await import('@numfeat/data-gen');

  log(`tokenizer: ${tokenizerKind}`);
  const tokenizer = await loadTokenizer(tokenizerKind, cacheDir);
  const numberValue = (id: number) => tokenizer.numberValue(id);
  let ids: Uint32Array;
  let source: Record<string, unknown>;
  if (corpusKind === 'bundled') {
    const corpus = await dataGen.buildBundledCorpus({ cacheDir, tokenizer, onWarning: log });
    log(`${corpus.reused ? 'reused' : 'built'} ${corpus.manifest.shards.length} shard(s) in ${corpus.dir}`);
    ids = dataGen.readCorpusIds(corpus.shards);
    const m = corpus.manifest;
    source = { corpus: 'bundled', dir: corpus.dir, reused: corpus.reused, documents: m.documents, chars: m.chars, tokensPerSecond: Math.round(m.tokensPerSecond), sources: m.sources };
  } else {
    const parts: number[] = [];
    for (const doc of dataGen.synthCorpus({ seed, tokens })) for (const id of tokenizer.encode(doc)) parts.push(id);
    ids = Uint32Array.from(parts);
    source = { corpus: 'synthetic', seed, approxTokens: tokens };
  }
  const stats = dataGen.corpusStats(ids, { numberValue });
  const result = { ...source, tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize }, ...stats };
  if (values.json) {
    io.stdout(JSON.stringify(result) + '\n');
    return 0;
  }
  const rows: (string | number)[][] = [
    ['corpus', corpusKind],
    ['tokenizer', `${tokenizer.name} (${tokenizer.vocabSize} ids)`],
    ['tokens', stats.tokens],
    ['number tokens 0..999', stats.numberTokens],
    ['share of tokens', `${((100 * stats.numberTokens) / stats.tokens).toFixed(2)}%`],
    ['distinct numbers', stats.distinctNumbers],
    ['rarest number seen', `${stats.minCount}×`],
    ['round-number ratio (100..999)', `${stats.roundShare.toFixed(2)}×`],
  ];
  io.stdout(textTable(rows, { header: [`numfeat corpus ${action}`, ''], align: ['left', 'right'] }) + '\n');
  return 0;
}

const command: Command = { name: 'corpus', summary: 'build the bundled corpus shards, or print corpus statistics', help: HELP, options: OPTIONS, run };
export default command;
