import { NumfeatError } from '@numfeat/core';
import { fsPromises, ioError, readFileBytes } from './node-fs.js';
import { listSafetensorsFile } from './files.js';
import { loadEmbeddings, type LoadedEmbeddings } from './load.js';
import { corrupt } from './dtypes.js';
import { READ_LIMITS } from './limits.js';
import { findEmbeddingTensor, type FoundEmbeddingTensor } from './hf-embedding-names.js';
import { numberIds, readNumberTokens, type NumberTokenForm } from './hf-tokenizer-json.js';
import { formatNumberRanges, largestContiguous, missingNumbersError } from './ranges.js';

export const INDEX_FILE = 'model.safetensors.index.json';
export const SINGLE_FILE = 'model.safetensors';

export interface LoadModelFolderOptions {
  /** Numbers to analyse. Default: the longest run of single-token numbers in 0..999. */
  numbers?: { start: number; count: number };
  /** The embedding tensor (default: found by its usual names, see EMBEDDING_TENSOR_NAMES). */
  tensor?: string;
  /** Look numbers up as "Ġ42"/"▁42" instead of "42". */
  leadingSpace?: boolean;
}

export interface LoadedModelFolder extends LoadedEmbeddings {
  folder: {
    path: string;
    /** config.json's model_type, when the folder has one. */
    modelType?: string;
    /** The shard file that holds the embedding tensor. */
    shard: string;
    tensorFoundBy: FoundEmbeddingTensor['how'] | 'option';
    tokenizer: { modelType: string; vocabSize: number; form: NumberTokenForm };
    /** Numbers of the scanned range that are single tokens, as text ("0–999 (1000 numbers)"). */
    singleTokens: string;
    singleTokenCount: number;
    scanned: { start: number; count: number };
    /** Caveats the user must see (output embedding used, numbers skipped). */
    notes: string[];
  };
}

/**
 * True when `path` is a directory holding any Hugging Face model file (tokenizer.json, config.json,
 * model.safetensors or its index); any other directory stays an IO_ERROR of the file readers.
 */
export async function isModelFolder(path: string): Promise<boolean> {
  const fs = await fsPromises();
  const isDir = await fs.stat(path).then((s) => s.isDirectory(), () => false);
  if (!isDir) return false;
  for (const name of ['tokenizer.json', 'config.json', SINGLE_FILE, INDEX_FILE]) if (await exists(`${path}/${name}`)) return true;
  return false;
}

async function exists(path: string): Promise<boolean> {
  const fs = await fsPromises();
  return fs.stat(path).then((s) => s.isFile(), () => false);
}

async function readJson(path: string, maxBytes: number): Promise<unknown> {
  const bytes = await readFileBytes(path, maxBytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw corrupt(path, `does not parse as JSON (${(e as Error).message})`, 'restore the file from the model download');
  }
}

/** Tensor name → shard file, from the index's weight_map or the single file's header. */
async function tensorLocations(dir: string): Promise<Map<string, string>> {
  const indexPath = `${dir}/${INDEX_FILE}`;
  if (await exists(indexPath)) {
    const index = (await readJson(indexPath, READ_LIMITS.maxJsonBytes)) as { weight_map?: unknown } | null;
    const map = index?.weight_map;
    if (typeof map !== 'object' || map === null || Array.isArray(map)) throw corrupt(indexPath, 'has no "weight_map" object', 'restore the file from the model download');
    const out = new Map<string, string>();
    for (const [name, file] of Object.entries(map)) {
      // A shard is a file beside the index: no path separators, no "..", so the index cannot point elsewhere.
      if (typeof file !== 'string' || !/^[^/\\]+\.safetensors$/.test(file) || file.startsWith('..')) {
        throw corrupt(indexPath, `weight_map entry ${JSON.stringify(name)} → ${JSON.stringify(file)} is not a .safetensors file name in the folder`, 'restore the file from the model download');
      }
      out.set(name, file);
    }
    return out;
  }
  const single = `${dir}/${SINGLE_FILE}`;
  if (await exists(single)) return new Map((await listSafetensorsFile(single)).tensors.map((t) => [t.name, SINGLE_FILE]));
  throw new NumfeatError('UNSUPPORTED_FORMAT', `${dir} is a folder without ${SINGLE_FILE} or ${INDEX_FILE}`, {
    fix: 'pass a Hugging Face model folder with safetensors weights (convert pytorch_model.bin with transformers save_pretrained(safe_serialization=True)), or an embedding file',
  });
}

/**
 * Loads the number embeddings of a downloaded Hugging Face model folder (config.json, tokenizer.json,
 * model.safetensors or shards with model.safetensors.index.json). Numbers are mapped to token ids
 * through the folder's own tokenizer.json; only their rows are read from the shard holding the
 * embedding tensor.
 */
export async function loadModelFolder(dir: string, options: LoadModelFolderOptions = {}): Promise<LoadedModelFolder> {
  const fs = await fsPromises();
  try {
    if (!(await fs.stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw ioError(e, dir, 'read');
  }
  const tokenizerPath = `${dir}/tokenizer.json`;
  if (!(await exists(tokenizerPath))) {
    throw new NumfeatError('UNSUPPORTED_FORMAT', `${dir} has no tokenizer.json, so numbers cannot be mapped to token ids`, {
      fix: "download the model's tokenizer.json into the folder, or pass the embedding file with --ids",
    });
  }
  const configPath = `${dir}/config.json`;
  const config = (await exists(configPath)) ? ((await readJson(configPath, READ_LIMITS.maxJsonBytes)) as Record<string, unknown> | null) : null;
  const locations = await tensorLocations(dir);
  const found: FoundEmbeddingTensor | undefined = options.tensor === undefined ? findEmbeddingTensor([...locations.keys()], dir) : undefined;
  const tensor = options.tensor ?? found!.name;
  const shard = locations.get(tensor);
  if (shard === undefined) {
    const near = [...locations.keys()].filter((n) => /embed|wte|tok|word|lm_head/i.test(n)).slice(0, 12);
    throw new NumfeatError('BAD_ARGUMENT', `${dir} has no tensor ${JSON.stringify(tensor)}; candidates: ${near.join(', ') || '(none)'}`, {
      fix: 'pass one of the listed names with --tensor NAME',
      details: { candidates: near },
    });
  }

  const vocab = readNumberTokens(await readFileBytes(tokenizerPath, READ_LIMITS.maxJsonBytes), tokenizerPath);
  const scanned = options.numbers ?? { start: 0, count: 1000 };
  const { ids, form } = numberIds(vocab, scanned, options.leadingSpace);
  const present = ids.map((id) => id !== null);
  const singles = present.flatMap((p, i) => (p ? [scanned.start + i] : []));
  const notes: string[] = [];
  if (options.numbers && singles.length < scanned.count) {
    throw missingNumbersError(present, scanned.start, tokenizerPath, `not single ${form === 'plain' ? '' : `"${form}n" `}tokens in its vocabulary`);
  }
  let numbers = scanned;
  if (singles.length < scanned.count) {
    // Fourier analysis needs consecutive numbers: take the longest single-token run.
    const run = largestContiguous(present, scanned.start);
    if (run.count < 2) {
      throw new NumfeatError('MISSING_NUMBERS', `${tokenizerPath}: ${singles.length ? `only ${formatNumberRanges(singles)} are` : 'none of 0–999 is a'} single token${singles.length === 1 ? '' : 's'}`, {
        fix: 'this tokenizer splits numbers into digits; analyse a model whose vocabulary has whole-number tokens',
      });
    }
    numbers = run;
    notes.push(`single tokens in ${scanned.start}–${scanned.start + scanned.count - 1}: ${formatNumberRanges(singles)}; analysed the longest run ${run.start}–${run.start + run.count - 1}`);
  }
  if (form !== 'plain') notes.push(`numbers looked up as "${form}n" tokens (${form === 'Ġ' ? 'byte-level BPE' : 'SentencePiece'} leading-space form)`);
  if (found?.how === 'lm_head') {
    notes.push(
      config?.tie_word_embeddings === true
        ? 'embedding read from lm_head.weight (config.json: tie_word_embeddings = true, so it equals the input embedding)'
        : 'no input-embedding tensor found: read the OUTPUT embedding lm_head.weight (the input embedding only if the model ties them); pass --tensor to choose',
    );
  }
  const offset = numbers.start - scanned.start;
  const loaded = await loadEmbeddings(`${dir}/${shard}`, {
    format: 'safetensors',
    tensor,
    ids: ids.slice(offset, offset + numbers.count),
    numbers,
  });
  return {
    ...loaded,
    folder: {
      path: dir,
      ...(typeof config?.model_type === 'string' ? { modelType: config.model_type } : {}),
      shard,
      tensorFoundBy: found?.how ?? 'option',
      tokenizer: { modelType: vocab.modelType, vocabSize: vocab.vocabSize, form },
      singleTokens: singles.length ? formatNumberRanges(singles) : 'none',
      singleTokenCount: singles.length,
      scanned,
      notes,
    },
  };
}
