import { EMBEDDING_FORMATS, writeJsonAtomic, type EmbeddingFormat } from '@numfeat/io';
import { analyzeEmbeddings, writeFigures } from '@numfeat/analysis';
import { PROBE_KINDS, type ProbeKind } from '@numfeat/probes';
import { parseChoice, parseIntegerList, parseNonNegativeInt, parseNumberRange, parsePositiveInt, usageError, type CliIO, type Command } from '../command.js';
import { renderAnalysis } from '../render.js';
import { writeOutputsAtomically } from '../output-dir.js';
import { readIdsFile } from '../ids.js';
import { checkOutputDir } from '../out-path.js';
import { parseFlags } from '../flags.js';
import { folderLine, loadAnalysisInput } from './analyze-input.js';
import { runCompare } from './analyze-compare.js';

const HELP = `Usage: numfeat analyze <file|folder> [options]
       numfeat analyze <a> <b> … --compare [options]

Measures how an embedding matrix represents numbers: the Fourier spectrum over the numbers,
Φ_T, linear-probe Cohen's κ for n mod T, and the Fisher discriminant with the paper's bounds.

<file>             .npy, .safetensors, GloVe .txt/.vec, word2vec .bin, or .json (number[][])
<folder>           a downloaded Hugging Face model folder (tokenizer.json + model.safetensors, or
                   shards with model.safetensors.index.json): numbers are mapped to token ids by
                   its tokenizer.json and only their rows of the input embedding are read;
                   default numbers: the longest single-token run in 0..999

Options:
  --numbers A..B     numbers to analyse, inclusive (default: all rows of a matrix file; 0..999 for
                     GloVe/word2vec, where numbers are looked up as the words "0", "1", …)
  --T LIST           periods for Φ_T (default 2,5,10)
  --moduli LIST      moduli for the probes, e.g. 2..10 or 2,5,10 (default 2..10)
  --fisher-T T       period of the Fisher panel (default 10)
  --probe KIND       logistic | lda | circular (default logistic)
  --seeds N          probe seeds 0..N-1 (default 5)
  --normalizer KIND  spectrum baseline: median | mean | none (default median)
  --tensor NAME      safetensors/folder: the embedding tensor (default for a folder: found by
                   its usual names, e.g. model.embed_tokens.weight; candidates listed if not)
  --ids FILE         JSON list of vocabulary rows for the numbers (row of number A+i is ids[i]),
                     or an object with an "ids" list; null entries mark missing numbers
  --first-row N      matrix files without --ids: the number that row 0 holds (default 0)
  --leading-space    GloVe/word2vec/folder: look numbers up as "Ġ5"/"▁5" instead of "5"
  --format FORMAT    ${EMBEDDING_FORMATS.join(' | ')} (default: from the extension)
  --json             print exactly one JSON object on stdout (progress goes to stderr)
  --out DIR          also write DIR/analysis.json, DIR/spectrum.{svg,png,json}, DIR/kappa.{svg,png,json}
                   (with --compare: DIR/compare.json and DIR/compare-spectrum.{svg,png,json})
  --compare          analyse several files/folders and print one table (κ_T, Φ_T and spectrum
                   spike heights at ν = 1/T for the --T periods; probes default to those periods)
  --quiet            no progress messages on stderr
  --debug            stack traces for unexpected errors

Exit codes: 0 ok; 2 bad input, file or option (one line on stderr, nothing written); 1 unexpected.
`;

const OPTIONS = {
  numbers: { type: 'string' },
  T: { type: 'string' },
  moduli: { type: 'string' },
  'fisher-T': { type: 'string' },
  probe: { type: 'string' },
  seeds: { type: 'string' },
  normalizer: { type: 'string' },
  tensor: { type: 'string' },
  ids: { type: 'string' },
  'first-row': { type: 'string' },
  'leading-space': { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  compare: { type: 'boolean' },
} as const;

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, 'analyze');
  if (positionals.length === 0 || (positionals.length > 1 && !values.compare)) {
    throw usageError(
      positionals.length === 0 ? 'analyze needs an embedding file or model folder' : `analyze takes one file, got ${positionals.length}: ${positionals.join(' ')}`,
      positionals.length === 0 ? 'run numfeat analyze <file|folder> [options] (see numfeat analyze --help)' : 'add --compare to analyse them side by side',
    );
  }
  const { resolve } = await import('node:path');
  const cwd = io.cwd ?? process.cwd();
  const file = positionals[0];
  // Parse every option before touching the file, so a typo fails at once.
  const format = values.format === undefined ? undefined : parseChoice(values.format, EMBEDDING_FORMATS, '--format', 'UNSUPPORTED_FORMAT');
  const range = values.numbers === undefined ? undefined : parseNumberRange(values.numbers, '--numbers');
  const periods = values.T === undefined ? undefined : parseIntegerList(values.T, '--T');
  const moduli = values.moduli === undefined ? undefined : parseIntegerList(values.moduli, '--moduli');
  const fisherT = values['fisher-T'] === undefined ? undefined : parsePositiveInt(values['fisher-T'], '--fisher-T', 50_000);
  const probe = values.probe === undefined ? undefined : parseChoice<ProbeKind>(values.probe, PROBE_KINDS, '--probe');
  const seeds = values.seeds === undefined ? undefined : parsePositiveInt(values.seeds, '--seeds', 1000);
  const normalizer = values.normalizer === undefined ? undefined : parseChoice(values.normalizer, ['median', 'mean', 'none'] as const, '--normalizer');
  const firstRow = values['first-row'] === undefined ? undefined : parseNonNegativeInt(values['first-row'], '--first-row');
  const progress = values.quiet ? () => undefined : (msg: string) => io.stderr(`numfeat: ${msg}\n`);

  // Where the outputs go is checked before the (possibly long) analysis, never after.
  if (values.out !== undefined) await checkOutputDir(resolve(cwd, values.out));
  const ids = values.ids === undefined ? undefined : await readIdsFile(resolve(cwd, values.ids));
  const loadOptions = {
    format: format as EmbeddingFormat | undefined,
    numbers: range,
    tensor: values.tensor,
    ids,
    firstRowNumber: firstRow,
    leadingSpace: values['leading-space'],
  };
  const analyzeOptions = { periods, moduli, fisherT, probe, seeds, normalizer, onProgress: progress };
  if (values.compare) {
    return runCompare(positionals, { cwd, out: values.out, json: values.json, loadOptions, analyzeOptions, progress }, io);
  }
  progress(`loading ${file}`);
  const loaded = await loadAnalysisInput(resolve(cwd, file), loadOptions);
  for (const note of loaded.notes) progress(`note: ${note}`);
  const result = analyzeEmbeddings(loaded.matrix, { numbers: { start: loaded.numbers.start }, ...analyzeOptions });
  const source = { ...loaded.source, path: file, ...(loaded.folder ? { folder: { ...loaded.folder, path: file } } : {}) };
  const document = { ...result, source };

  // Everything is computed; only now is anything written.
  if (values.out !== undefined) {
    const outDir = resolve(cwd, values.out);
    const written = await writeOutputsAtomically(outDir, async (staging) => {
      await writeJsonAtomic(`${staging}/analysis.json`, document);
      await writeFigures(staging, result, file);
    });
    progress(`wrote ${written.length} files to ${values.out}`);
  }
  if (values.json) io.stdout(JSON.stringify(document) + '\n');
  else {
    const folder = folderLine(loaded);
    const notes = [...(folder ? [folder] : []), ...loaded.notes].map((n) => `note: ${n}\n`).join('');
    io.stdout(renderAnalysis(result, { file, format: loaded.folder ? 'model folder' : loaded.source.format, dtype: loaded.source.dtype, tensor: loaded.source.tensor }) + notes);
  }
  return 0;
}

const analyze: Command = {
  name: 'analyze',
  summary: 'spectrum, Φ_T, mod-T probe κ and Fisher bounds of an embedding file or model folder',
  help: HELP,
  options: OPTIONS,
  run,
};
export default analyze;
