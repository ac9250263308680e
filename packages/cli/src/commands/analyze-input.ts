import { NumfeatError } from '@numfeat/core';
import { isModelFolder, loadEmbeddings, loadModelFolder, type LoadEmbeddingsOptions, type LoadedEmbeddings } from '@numfeat/io';

export interface AnalysisInput extends LoadedEmbeddings {
  /** Model-folder facts (shard, tokenizer form, single-token numbers), absent for an embedding file. */
  folder?: Awaited<ReturnType<typeof loadModelFolder>>['folder'];
  /** Caveats to print beside the results. */
  notes: string[];
}

/**
 * Loads what `numfeat analyze` was pointed at: a Hugging Face model folder (numbers mapped through
 * its tokenizer.json) or an embedding file (.npy, .safetensors, GloVe, word2vec, .json).
 */
export async function loadAnalysisInput(path: string, options: LoadEmbeddingsOptions): Promise<AnalysisInput> {
  if (await isModelFolder(path)) {
    // A folder's tokenizer.json decides the rows; the file-only options would be silently ignored.
    const fileOnly = [options.ids && '--ids', options.firstRowNumber !== undefined && '--first-row', options.format && '--format'].filter(Boolean);
    if (fileOnly.length) {
      throw new NumfeatError('BAD_ARGUMENT', `${fileOnly.join(', ')} ${fileOnly.length === 1 ? 'applies' : 'apply'} to embedding files, not to the model folder ${path}`, {
        fix: "drop it: the folder's tokenizer.json maps numbers to rows (use --tensor / --numbers / --leading-space to steer it)",
      });
    }
    const numbers = options.numbers as { start: number; count: number } | undefined;
    const loaded = await loadModelFolder(path, { numbers, tensor: options.tensor, leadingSpace: options.leadingSpace });
    return { ...loaded, notes: loaded.folder.notes };
  }
  const { stat } = await import('node:fs/promises');
  if (await stat(path).then((st) => st.isDirectory(), () => false)) {
    throw new NumfeatError('IO_ERROR', `cannot read ${path}: it is a directory without tokenizer.json, config.json or model.safetensors`, {
      fix: 'pass an embedding file, or a Hugging Face model folder (tokenizer.json + model.safetensors or its shards)',
    });
  }
  return { ...(await loadEmbeddings(path, options)), notes: [] };
}

/** One line describing a model folder's tokenizer, tensor and single-token numbers. */
export function folderLine(input: AnalysisInput): string | undefined {
  const f = input.folder;
  if (!f) return undefined;
  const form = f.tokenizer.form === 'plain' ? 'plain digit tokens' : `"${f.tokenizer.form}n" tokens`;
  return (
    `model folder${f.modelType ? ` (${f.modelType})` : ''}: tensor ${input.source.tensor} [${input.source.fileShape.join('×')}] ${input.source.dtype} in ${f.shard}` +
    ` (${f.tensorFoundBy === 'option' ? 'from --tensor' : f.tensorFoundBy === 'known' ? 'known name' : f.tensorFoundBy === 'suffix' ? 'by name ending' : 'lm_head fallback'});` +
    ` tokenizer.json ${f.tokenizer.modelType}, ${form}; single-token numbers: ${f.singleTokens}`
  );
}
