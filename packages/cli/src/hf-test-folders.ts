// Builds Hugging Face model folders in the real on-disk formats for the cli tests (not exported).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSafetensors, type SafetensorsInput } from '@numfeat/io';
import { createRng } from '@numfeat/core';

/** A tokenizer.json in the Hugging Face tokenizers layout from a display-form vocabulary. */
export function tokenizerJson(vocab: (string | undefined)[], special: { id: number; content: string }[] = []): string {
  const entries: Record<string, number> = {};
  vocab.forEach((t, id) => {
    if (t !== undefined && !(t in entries)) entries[t] = id;
  });
  return JSON.stringify({
    version: '1.0',
    added_tokens: special.map((s) => ({ ...s, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false },
    model: { type: 'BPE', dropout: null, unk_token: null, byte_fallback: false, vocab: entries, merges: [] },
  });
}

/**
 * A vocab × dims embedding whose rows for the number tokens hold a mod-10 circle (plus parity) with
 * seeded noise, and whose other rows are seeded noise: the structure the analysis must find.
 */
export function plantedEmbedding(rows: number, dims: number, numberRows: Map<number, number>, seed: number): Float64Array {
  const rng = createRng(seed);
  const noise = () => (rng.next() - 0.5) * 0.2;
  const out = new Float64Array(rows * dims);
  for (let i = 0; i < out.length; i++) out[i] = noise();
  for (const [n, row] of numberRows) {
    const angle = (2 * Math.PI * n) / 10;
    out[row * dims] += Math.cos(angle);
    out[row * dims + 1] += Math.sin(angle);
    out[row * dims + 2] += n % 2 ? 0.5 : -0.5;
  }
  return out;
}

export interface FolderSpec {
  config?: Record<string, unknown>;
  tokenizer: string;
  /** One entry per shard; a single shard is written as model.safetensors without an index. */
  shards: SafetensorsInput[][];
}

/** Writes config.json, tokenizer.json and the safetensors file(s) (+ index when sharded) into dir. */
export function writeModelFolder(dir: string, spec: FolderSpec): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(spec.config ?? { model_type: 'llama' }));
  writeFileSync(join(dir, 'tokenizer.json'), spec.tokenizer);
  if (spec.shards.length === 1) {
    writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(spec.shards[0]));
    return dir;
  }
  const n = spec.shards.length;
  const weightMap: Record<string, string> = {};
  spec.shards.forEach((tensors, i) => {
    const file = `model-${String(i + 1).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.safetensors`;
    writeFileSync(join(dir, file), writeSafetensors(tensors));
    for (const t of tensors) weightMap[t.name] = file;
  });
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }));
  return dir;
}

/** A small seeded weight that stands in for the transformer layers of a checkpoint. */
export function layerTensor(name: string, shape: number[], seed: number): SafetensorsInput {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { name, dtype: 'BF16', shape, data: Array.from({ length: n }, () => rng.next() - 0.5) };
}
