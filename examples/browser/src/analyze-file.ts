// What the page computes from a dropped file, with no DOM: bytes → number-embedding matrix →
// analyzeEmbeddings. The page test runs the same options in Node (via loadEmbeddings) to compare.
import { NumfeatError } from '@numfeat/tensor/core';
import { readGloveText, readNpy, readSafetensors } from '@numfeat/io';
import { analyzeEmbeddings, type AnalysisResult, type AnalyzeOptions } from '@numfeat/analysis';

/** The page's analysis choices: the paper's periods, probes for T = 2..10 over 5 seeds, Fisher at T = 10. */
export const PAGE_OPTIONS: AnalyzeOptions = { periods: [2, 5, 10], moduli: [2, 3, 4, 5, 6, 7, 8, 9, 10], seeds: 5, fisherT: 10 };

/** GloVe text files: the page looks up the words '0'..'999' and keeps the numbers 0..n−1 all present. */
const GLOVE_NUMBERS = 1000;

export interface FileMatrix {
  data: Float64Array;
  shape: [number, number];
  /** How the matrix was read, for the page's caption. */
  how: string;
}

/** Row i of the returned matrix is the embedding of number i. */
export function matrixFromFile(name: string, bytes: Uint8Array): FileMatrix {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'npy') {
    const a = readNpy(bytes, { source: name });
    return asMatrix(a.data, a.shape, name, `.npy ${a.dtype}, shape [${a.shape.join(', ')}]`);
  }
  if (ext === 'safetensors') {
    const t = readSafetensors(bytes, { source: name });
    return asMatrix(t.data, t.shape, name, `.safetensors tensor "${t.name}" ${t.dtype}, shape [${t.shape.join(', ')}]`);
  }
  if (ext === 'txt' || ext === 'vec' || ext === 'glove') {
    const words = Array.from({ length: GLOVE_NUMBERS }, (_, n) => String(n));
    const found = readGloveText(bytes, { words, source: name });
    let count = 0;
    while (count < GLOVE_NUMBERS && found.vectors.has(String(count))) count++;
    const data = new Float64Array(count * found.dims);
    for (let n = 0; n < count; n++) data.set(found.vectors.get(String(n))!, n * found.dims);
    return { data, shape: [count, found.dims], how: `GloVe text, words "0".."${count - 1}" of ${found.scanned} entries` };
  }
  throw new NumfeatError('UNSUPPORTED_FORMAT', `cannot tell the format of ${name} from its extension`, {
    fix: 'drop a .npy, .safetensors or GloVe text (.txt/.vec) file',
  });
}

function asMatrix(data: ArrayLike<number>, shape: number[], name: string, how: string): FileMatrix {
  if (shape.length !== 2) {
    throw new NumfeatError('SHAPE_MISMATCH', `${name}: expected a 2-D [numbers, dims] matrix, got shape [${shape.join(', ')}]`, {
      fix: 'save the embedding rows of the numbers 0..N−1 as one N × d matrix',
    });
  }
  return { data: Float64Array.from(data), shape: [shape[0], shape[1]], how };
}

/** The page's whole computation for one file. */
export function analyzeFile(name: string, bytes: Uint8Array): { matrix: FileMatrix; result: AnalysisResult } {
  const matrix = matrixFromFile(name, bytes);
  return { matrix, result: analyzeEmbeddings({ data: matrix.data, shape: matrix.shape }, PAGE_OPTIONS) };
}
