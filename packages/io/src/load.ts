import { NumfeatError, assertInteger, toMatrix64, type Matrix64, type MatrixInput } from '@numfeat/core';
import { readNpyFile, listSafetensorsFile, readSafetensorsFile, readGloveFile, readWord2vecFile } from './files.js';
import { readFileBytes } from './node-fs.js';
import { selectTensor } from './safetensors.js';
import { corrupt, type DenseArray } from './dtypes.js';
import { missingNumbersError } from './ranges.js';
import { READ_LIMITS } from './limits.js';
import type { WordVectors } from './word-vectors.js';

export type EmbeddingFormat = 'npy' | 'safetensors' | 'glove' | 'word2vec' | 'json';
export const EMBEDDING_FORMATS: readonly EmbeddingFormat[] = ['npy', 'safetensors', 'glove', 'word2vec', 'json'];

export interface LoadEmbeddingsOptions {
  /** File format; inferred from the extension when omitted. */
  format?: EmbeddingFormat;
  /**
   * Which numbers to load. Matrix formats default to every row (from `firstRowNumber`), or to
   * `ids.length` numbers with ids; word formats default to 0..999.
   */
  numbers?: { start?: number; count?: number };
  /** safetensors: the tensor holding the embedding matrix (optional if the file has one tensor). */
  tensor?: string;
  /** npy/safetensors/json: row index of number `start + i` is `ids[i]` (null = no token for it). */
  ids?: readonly (number | null)[];
  /** Without ids: the number that row 0 of a matrix file holds (default 0, i.e. row n = number n). */
  firstRowNumber?: number;
  /** glove/word2vec: look numbers up as 'Ġ0' / '▁0' / ' 0' (a token with a leading space) instead of '0'. */
  leadingSpace?: boolean;
}

export interface LoadedEmbeddings {
  /** Row i is the embedding of number numbers.start + i. */
  matrix: Matrix64;
  numbers: { start: number; count: number };
  source: { path: string; format: EmbeddingFormat; tensor?: string; dtype: string; fileShape: number[] };
}

const EXTENSIONS: Record<string, EmbeddingFormat> = {
  npy: 'npy', safetensors: 'safetensors', st: 'safetensors', txt: 'glove', vec: 'glove', glove: 'glove',
  bin: 'word2vec', w2v: 'word2vec', json: 'json',
};

/** The format for a path, from `format` or the file extension. */
export function detectFormat(path: string, format?: string): EmbeddingFormat {
  if (format !== undefined) {
    if ((EMBEDDING_FORMATS as readonly string[]).includes(format)) return format as EmbeddingFormat;
    throw new NumfeatError('UNSUPPORTED_FORMAT', `unknown embedding format ${JSON.stringify(format)}`, {
      fix: `use one of ${EMBEDDING_FORMATS.join(', ')}`,
    });
  }
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const found = EXTENSIONS[ext];
  if (found) return found;
  throw new NumfeatError('UNSUPPORTED_FORMAT', `cannot tell the format of ${path} from its extension ${ext ? `".${ext}"` : '(none)'}`, {
    fix: `pass the format (CLI --format ${EMBEDDING_FORMATS.join('|')}); known extensions: ${Object.keys(EXTENSIONS).map((e) => '.' + e).join(' ')}`,
  });
}

/**
 * Loads the embeddings of a range of numbers from a file, as a validated float64 matrix whose row i
 * is number `numbers.start + i`. Missing numbers are an error (MISSING_NUMBERS) that names them
 * and the largest contiguous range that is present.
 */
export async function loadEmbeddings(path: string, options: LoadEmbeddingsOptions = {}): Promise<LoadedEmbeddings> {
  const format = detectFormat(path, options.format);
  if (format === 'glove' || format === 'word2vec') return loadWordFormat(path, format, options);
  return loadMatrixFormat(path, format, options);
}

function numberRange(options: LoadEmbeddingsOptions, defaultCount: number): { start: number; count: number } {
  const start = assertInteger(options.numbers?.start ?? 0, 'numbers.start', 0);
  const count = assertInteger(options.numbers?.count ?? defaultCount - start, 'numbers.count', 1);
  if (!Number.isSafeInteger(start + count)) {
    throw new NumfeatError('BAD_RANGE', `numbers ${start}.. (${count} numbers) run past the largest safe integer`, { fix: 'ask for numbers below 2^53' });
  }
  return { start, count };
}

/** BAD_RANGE when more numbers are asked for than READ_LIMITS.maxNumbers (checked before any allocation). */
function checkNumberCount(numbers: { start: number; count: number }, where: string): void {
  if (numbers.count <= READ_LIMITS.maxNumbers) return;
  throw new NumfeatError('BAD_RANGE', `${where}: ${numbers.count} numbers asked for, over the limit of ${READ_LIMITS.maxNumbers}`, {
    fix: `analyse at most ${READ_LIMITS.maxNumbers} numbers at a time, e.g. numbers: { start: ${numbers.start}, count: 1000 } (CLI: --numbers ${numbers.start}..${numbers.start + 999})`,
  });
}

/** A matrix without ids holds numbers firstRow..firstRow+rows−1: a range outside it fails by arithmetic, before any per-number work. */
function checkAgainstRows(numbers: { start: number; count: number }, firstRow: number, fileRows: number, where: string): void {
  const end = numbers.start + numbers.count;
  if (numbers.start >= firstRow && end <= firstRow + fileRows) return;
  const lo = Math.max(numbers.start, firstRow);
  const hi = Math.min(end, firstRow + fileRows);
  const fix =
    hi > lo
      ? `analyse the largest contiguous range present, ${lo}–${hi - 1} (${hi - lo} numbers): numbers: { start: ${lo}, count: ${hi - lo} } (CLI: --numbers ${lo}..${hi - 1})`
      : `the file holds numbers ${firstRow}–${firstRow + fileRows - 1}; ask for a range inside it (or set firstRowNumber / --first-row)`;
  const span = (a: number, b: number) => (b - a === 1 ? `${a}` : `${a}–${b - 1}`);
  const gaps = hi > lo ? [[numbers.start, lo], [hi, end]].filter(([a, b]) => b > a) : [[numbers.start, end]];
  const missing = numbers.count - Math.max(0, hi - lo);
  throw new NumfeatError(
    'MISSING_NUMBERS',
    `${where} lacks ${missing} of the numbers ${numbers.start}–${end - 1}: ${gaps.map(([a, b]) => span(a, b)).join(', ')} (${missing} numbers) ` +
      `(the matrix has ${fileRows} rows holding numbers ${firstRow}–${firstRow + fileRows - 1})`,
    { fix, details: { largestContiguous: { start: lo, count: Math.max(0, hi - lo) } } },
  );
}

async function loadMatrixFormat(path: string, format: 'npy' | 'safetensors' | 'json', options: LoadEmbeddingsOptions) {
  const firstRow = assertInteger(options.firstRowNumber ?? 0, 'firstRowNumber', 0);
  // Learn the file's row count first (safetensors: header only), then read just the needed rows.
  let fileShape: number[];
  let dtype: string;
  let tensorName: string | undefined;
  let full: DenseArray | undefined;
  if (format === 'safetensors') {
    const header = await listSafetensorsFile(path);
    const entry = selectTensor(header, options.tensor, path);
    fileShape = entry.shape;
    dtype = entry.dtype;
    tensorName = entry.name;
  } else if (format === 'npy') {
    const npy = await readNpyFile(path);
    full = npy;
    fileShape = npy.shape;
    dtype = npy.dtype;
  } else {
    full = await readJsonMatrix(path);
    fileShape = full.shape;
    dtype = 'json';
  }
  if (fileShape.length === 1) fileShape = [fileShape[0], 1];
  if (fileShape.length !== 2) {
    throw new NumfeatError('SHAPE_MISMATCH', `${path}: expected a 2-D [numbers, dims] matrix, got shape [${fileShape.join(', ')}]`, {
      fix: 'reshape or select the embedding matrix before saving it',
    });
  }
  const [fileRows, dims] = fileShape;
  const ids = options.ids;
  const defaultCount = ids ? ids.length : fileRows + firstRow;
  const numbers = numberRange(options, ids ? (options.numbers?.start ?? 0) + defaultCount : defaultCount);
  if (!ids) checkAgainstRows(numbers, firstRow, fileRows, path);
  checkNumberCount(numbers, path);
  const rows: number[] = [];
  const present: boolean[] = [];
  for (let i = 0; i < numbers.count; i++) {
    const r = ids ? ids[i] : numbers.start + i - firstRow;
    const ok = r !== null && r !== undefined && Number.isInteger(r) && r >= 0 && r < fileRows;
    present.push(ok);
    rows.push(ok ? (r as number) : -1);
  }
  if (present.some((p) => !p)) {
    const why = ids
      ? `the ids list has ${ids.length} entries, some null or ≥ ${fileRows} rows`
      : `the matrix has ${fileRows} rows holding numbers ${firstRow}–${firstRow + fileRows - 1}`;
    throw missingNumbersError(present, numbers.start, path, why);
  }
  let data: Float64Array;
  if (full) {
    const source = full.data;
    data = new Float64Array(numbers.count * dims);
    rows.forEach((r, i) => data.set(source.subarray(r * dims, (r + 1) * dims), i * dims));
  } else {
    data = (await readSafetensorsFile(path, { tensor: tensorName, rows })).data;
  }
  const matrix = toMatrix64({ data, shape: [numbers.count, dims] }, path);
  return { matrix, numbers, source: { path, format, ...(tensorName ? { tensor: tensorName } : {}), dtype, fileShape } };
}

async function readJsonMatrix(path: string): Promise<DenseArray> {
  const text = new TextDecoder().decode(await readFileBytes(path, READ_LIMITS.maxJsonBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw corrupt(path, `invalid JSON (${(e as Error).message})`);
  }
  // Accept number[][], { data, shape }, or an object wrapping either under matrix/embeddings.
  const obj = value as Record<string, unknown>;
  const inner = Array.isArray(value) ? value : (obj?.matrix ?? obj?.embeddings ?? value);
  const flat = Array.isArray(inner) ? inner.flat() : (inner as { data?: unknown })?.data;
  if (Array.isArray(flat) && flat.some((x) => typeof x !== 'number' && x !== null)) {
    throw corrupt(path, 'not an embedding matrix: it holds values that are not numbers', 'write number[][] or { "data": [...], "shape": [N, d] }');
  }
  if (Array.isArray(inner) && inner.length > 0 && typeof inner[0] === 'number') {
    return { data: Float64Array.from(inner as number[]), shape: [inner.length] };
  }
  try {
    const m = toMatrix64(inner as MatrixInput, path);
    return { data: m.data, shape: [m.rows, m.cols] };
  } catch (e) {
    if (e instanceof NumfeatError && e.code !== 'NON_FINITE') {
      throw corrupt(path, `not an embedding matrix: ${e.message}`, 'write number[][] or { "data": [...], "shape": [N, d] }');
    }
    throw e;
  }
}

function numberWords(n: number, leadingSpace: boolean): string[] {
  return leadingSpace ? [`Ġ${n}`, `▁${n}`, ` ${n}`] : [String(n)];
}

async function loadWordFormat(path: string, format: 'glove' | 'word2vec', options: LoadEmbeddingsOptions) {
  const numbers = numberRange(options, 1000);
  checkNumberCount(numbers, path);
  const leading = options.leadingSpace ?? false;
  const words = new Set<string>();
  for (let i = 0; i < numbers.count; i++) for (const w of numberWords(numbers.start + i, leading)) words.add(w);
  const found: WordVectors = format === 'glove' ? await readGloveFile(path, { words }) : await readWord2vecFile(path, { words });
  const present: boolean[] = [];
  const vectors: Float64Array[] = [];
  for (let i = 0; i < numbers.count; i++) {
    const v = numberWords(numbers.start + i, leading)
      .map((w) => found.vectors.get(w))
      .find((x) => x !== undefined);
    present.push(v !== undefined);
    if (v) vectors.push(v);
  }
  if (present.some((p) => !p)) {
    const how = leading ? "as words 'Ġn', '▁n' or ' n'" : "as words '0', '1', …";
    throw missingNumbersError(present, numbers.start, path, `looked up ${how} among ${found.scanned} vocabulary entries`);
  }
  const dims = found.dims;
  const data = new Float64Array(numbers.count * dims);
  vectors.forEach((v, i) => data.set(v, i * dims));
  const matrix = toMatrix64({ data, shape: [numbers.count, dims] }, path);
  return {
    matrix,
    numbers,
    source: { path, format, dtype: format === 'glove' ? 'text' : 'f4', fileShape: [found.scanned, dims] },
  };
}
