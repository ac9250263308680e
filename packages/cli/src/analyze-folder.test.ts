// `numfeat analyze <model folder>` on folders written in the real Hugging Face formats.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfloat16ToFloat, floatToBfloat16Bits, floatToHalfBits, halfToFloat, largestContiguous, loadModelFolder, writeNpy } from '@numfeat/io';
import { gpt2Tokenizer, llama3Tokenizer } from '@numfeat/tokenizers';
import { numfeatIn, relErr } from './test-helpers.js';
import { layerTensor, plantedEmbedding, tokenizerJson, writeModelFolder } from './hf-test-folders.js';

const tmp = mkdtempSync(join(tmpdir(), 'numfeat-hf-'));
const DIMS = 16;
const FAST = ['--json', '--seeds', '1', '--moduli', '2,5,10'];
let llamaTokenizer: string;
let llamaIds: Map<number, number>; // number → token id in the real Llama-3 vocabulary
let embedding: Float64Array; // 128256 × 16, mod-10 circle on the number rows

/** Rows of `numbers` from the full embedding, rounded like the checkpoint's dtype, as an .npy file. */
function numberRowsNpy(name: string, round: (x: number) => number, start = 0, count = 1000): string {
  const data = new Float64Array(count * DIMS);
  for (let i = 0; i < count; i++) {
    const row = llamaIds.get(start + i)!;
    for (let j = 0; j < DIMS; j++) data[i * DIMS + j] = round(embedding[row * DIMS + j]);
  }
  const path = join(tmp, name);
  writeFileSync(path, writeNpy({ data, shape: [count, DIMS] }));
  return path;
}
const bf16 = (x: number) => bfloat16ToFloat(floatToBfloat16Bits(x));
const f16 = (x: number) => halfToFloat(floatToHalfBits(x));

beforeAll(async () => {
  const l3 = await llama3Tokenizer();
  const display = Array.from({ length: l3.vocabSize }, (_, id) => l3.idToToken(id));
  // As in the real file: ids ≥ 128000 are special tokens listed under added_tokens.
  llamaTokenizer = tokenizerJson(display.slice(0, 128000), display.slice(128000).map((content, i) => ({ id: 128000 + i, content: content! })));
  llamaIds = new Map(Array.from({ length: 1000 }, (_, n) => [n, l3.tokenToId(String(n))!]));
  embedding = plantedEmbedding(l3.vocabSize, DIMS, llamaIds, 7);
  const embed = { name: 'model.embed_tokens.weight', dtype: 'BF16' as const, shape: [l3.vocabSize, DIMS], data: embedding };
  writeModelFolder(join(tmp, 'llama-sharded'), {
    tokenizer: llamaTokenizer,
    shards: [
      [layerTensor('model.layers.0.mlp.up_proj.weight', [64, DIMS], 1), layerTensor('model.norm.weight', [DIMS], 2)],
      [layerTensor('model.layers.1.mlp.up_proj.weight', [64, DIMS], 3), embed, layerTensor('lm_head.weight', [4, DIMS], 4)],
    ],
  });
  writeModelFolder(join(tmp, 'llama-f16'), {
    config: { model_type: 'llama', tie_word_embeddings: false },
    tokenizer: llamaTokenizer,
    shards: [[{ ...embed, dtype: 'F16' }, layerTensor('model.norm.weight', [DIMS], 2)]],
  });
}, 120_000);

afterEach(() => vi.restoreAllMocks());

describe('numfeat analyze on a Llama-3-style folder (real vocabulary, BF16 embedding in shard 2 of 2)', () => {
  it('finds model.embed_tokens.weight through the index, maps 0..999 via tokenizer.json, and equals the analysis of the same rows as .npy', async () => {
    const folder = await numfeatIn(tmp, 'analyze', 'llama-sharded', ...FAST);
    expect(folder.code, folder.stderr).toBe(0);
    const r = JSON.parse(folder.stdout);
    expect(r.source).toMatchObject({ tensor: 'model.embed_tokens.weight', dtype: 'BF16', fileShape: [128256, DIMS] });
    expect(r.source.folder).toMatchObject({ shard: 'model-00002-of-00002.safetensors', tensorFoundBy: 'known', singleTokenCount: 1000, tokenizer: { form: 'plain', vocabSize: 128256 } });
    expect(r.numbers).toEqual({ start: 0, count: 1000 });
    const npy = await numfeatIn(tmp, 'analyze', numberRowsNpy('llama-bf16.npy', bf16), ...FAST);
    const q = JSON.parse(npy.stdout);
    expect(r.kappa).toEqual(q.kappa);
    for (const T of ['2', '5', '10']) expect(relErr(r.phi[T], q.phi[T])).toBeLessThan(1e-6);
    expect(r.spectrum.normalized).toEqual(q.spectrum.normalized);
    // The planted mod-10 circle is what the analysis finds.
    expect(r.dominantPeriods[0].period).toBe(10);
    expect(r.kappa['10']).toBeGreaterThan(80);
  }, 120_000);

  it('the unrounded float64 rows give a different Φ: the comparison above sees the BF16 rounding', async () => {
    const exact = JSON.parse((await numfeatIn(tmp, 'analyze', numberRowsNpy('llama-f64.npy', (x) => x), ...FAST)).stdout);
    const folder = JSON.parse((await numfeatIn(tmp, 'analyze', 'llama-sharded', ...FAST)).stdout);
    expect(folder.phi['10']).not.toBe(exact.phi['10']);
    expect(relErr(folder.phi['10'], exact.phi['10'])).toBeLessThan(1e-2);
  }, 120_000);

  it('reads only the header and the 1000 number rows of the 4 MB shard', async () => {
    const probe = await open(join(tmp, 'llama-sharded', 'config.json'));
    const proto = Object.getPrototypeOf(probe) as { read: (...a: unknown[]) => unknown };
    await probe.close();
    const read = vi.spyOn(proto, 'read');
    const loaded = await loadModelFolder(join(tmp, 'llama-sharded'));
    const lengths = read.mock.calls.map((c) => c[2] as number);
    const rowBytes = DIMS * 2;
    expect(lengths.filter((n) => n === rowBytes)).toHaveLength(1000);
    const total = lengths.reduce((a, b) => a + b, 0);
    const shardBytes = readFileSync(join(tmp, 'llama-sharded', 'model-00002-of-00002.safetensors')).length;
    expect(shardBytes).toBeGreaterThan(4_000_000);
    expect(total).toBeLessThan(1000 * rowBytes + 2 * 4096); // rows + the two shards' headers at most
    expect(loaded.matrix.rows).toBe(1000);
  });

  it('a single-file F16 model gives the analysis of its F16-rounded rows', async () => {
    const folder = JSON.parse((await numfeatIn(tmp, 'analyze', 'llama-f16', ...FAST)).stdout);
    const npy = JSON.parse((await numfeatIn(tmp, 'analyze', numberRowsNpy('llama-f16.npy', f16), ...FAST)).stdout);
    expect(folder.source).toMatchObject({ dtype: 'F16', folder: { shard: 'model.safetensors' } });
    expect(folder.kappa).toEqual(npy.kappa);
    for (const T of ['2', '5', '10']) expect(relErr(folder.phi[T], npy.phi[T])).toBeLessThan(1e-6);
  }, 120_000);

  it('--numbers picks a sub-range; the text report names the tensor, shard and token form', async () => {
    const { code, stdout, stderr } = await numfeatIn(tmp, 'analyze', 'llama-sharded', '--numbers', '100..299', '--seeds', '1', '--moduli', '10');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/numbers 100\.\.299 \(N = 200\)/);
    expect(stdout).toMatch(/note: model folder \(llama\): tensor model\.embed_tokens\.weight \[128256×16\] BF16 in model-00002-of-00002\.safetensors \(known name\); tokenizer\.json BPE, plain digit tokens/);
  }, 120_000);

  it('NaN in a number row is NON_FINITE (exit 2), not a silent analysis', async () => {
    const bad = Float64Array.from(embedding);
    bad[llamaIds.get(5)! * DIMS + 3] = NaN;
    writeModelFolder(join(tmp, 'llama-nan'), {
      tokenizer: llamaTokenizer,
      shards: [[{ name: 'model.embed_tokens.weight', dtype: 'BF16', shape: [128256, DIMS], data: bad }]],
    });
    const { code, stderr } = await numfeatIn(tmp, 'analyze', 'llama-nan', ...FAST);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\[NON_FINITE\]/);
  }, 120_000);
});

describe('numfeat analyze on a GPT-2-style folder (real r50k vocabulary, wte.weight F32)', () => {
  it('skips numbers that are not single tokens, reports them, and analyses the longest single-token run', async () => {
    const gpt2 = await gpt2Tokenizer();
    const display = Array.from({ length: gpt2.vocabSize }, (_, id) => gpt2.idToToken(id));
    // Which numbers are single tokens, by the real BPE encoder (not by the vocabulary lookup under test).
    const single = Array.from({ length: 1000 }, (_, n) => gpt2.encode(String(n)).length === 1);
    const run = largestContiguous(single, 0);
    const ids = new Map(single.flatMap((s, n) => (s ? [[n, gpt2.encode(String(n))[0]] as [number, number]] : [])));
    writeModelFolder(join(tmp, 'gpt2'), {
      config: { model_type: 'gpt2' },
      tokenizer: tokenizerJson(display.slice(0, 50256), [{ id: 50256, content: '<|endoftext|>' }]),
      shards: [[{ name: 'wte.weight', dtype: 'F32', shape: [gpt2.vocabSize, 8], data: plantedEmbedding(gpt2.vocabSize, 8, ids, 3) }, layerTensor('wpe.weight', [16, 8], 5)]],
    });
    const { code, stdout, stderr } = await numfeatIn(tmp, 'analyze', 'gpt2', ...FAST);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.source.folder.singleTokenCount).toBe(single.filter(Boolean).length);
    expect(r.source.folder.singleTokenCount).toBeLessThan(1000);
    expect(r.numbers).toEqual({ start: run.start, count: run.count });
    expect(r.source.folder.notes[0]).toMatch(/analysed the longest run/);
    expect(stderr).toMatch(/note: single tokens in 0–999/);
    // Asking for a range with split numbers names them.
    const missing = await numfeatIn(tmp, 'analyze', 'gpt2', '--numbers', '0..999', ...FAST);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\[MISSING_NUMBERS\].*not single tokens/);
  }, 120_000);
});

describe('folders that cannot be analysed as they are', () => {
  it('no recognisable embedding tensor: BAD_ARGUMENT listing candidates and --tensor; --tensor then works', async () => {
    writeModelFolder(join(tmp, 'odd'), {
      tokenizer: llamaTokenizer,
      shards: [[layerTensor('encoder.block.0.weight', [4, 4], 1), { name: 'number_table', dtype: 'F32', shape: [128256, 4], data: new Float64Array(128256 * 4).map((_, i) => Math.sin(i)) }]],
    });
    const refused = await numfeatIn(tmp, 'analyze', 'odd', ...FAST);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\[BAD_ARGUMENT\].*no tensor with a known input-embedding name.*its tensors: encoder\.block\.0\.weight, number_table.*--tensor NAME/);
    const chosen = await numfeatIn(tmp, 'analyze', 'odd', '--tensor', 'number_table', ...FAST);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout).source.folder.tensorFoundBy).toBe('option');
  }, 120_000);

  it('only lm_head.weight: used as a last resort and said so', async () => {
    writeModelFolder(join(tmp, 'head-only'), {
      tokenizer: llamaTokenizer,
      shards: [[{ name: 'lm_head.weight', dtype: 'BF16', shape: [128256, DIMS], data: embedding }]],
    });
    const { code, stdout, stderr } = await numfeatIn(tmp, 'analyze', 'head-only', ...FAST);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout).source.folder.tensorFoundBy).toBe('lm_head');
    expect(stderr).toMatch(/OUTPUT embedding lm_head\.weight/);
  }, 120_000);

  it('malformed tokenizer.json is CORRUPT_FILE; a folder without weights is UNSUPPORTED_FORMAT', async () => {
    const dir = writeModelFolder(join(tmp, 'broken-tok'), { tokenizer: llamaTokenizer.slice(0, 5000), shards: [[layerTensor('model.embed_tokens.weight', [10, 4], 1)]] });
    const bad = await numfeatIn(tmp, 'analyze', 'broken-tok', ...FAST);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\[CORRUPT_FILE\] .*broken-tok\/tokenizer\.json/);
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { 'model.embed_tokens.weight': '../../etc/passwd.safetensors' } }));
    expect((await numfeatIn(tmp, 'analyze', 'broken-tok', ...FAST)).stderr).toMatch(/\[CORRUPT_FILE\].*not a \.safetensors file name in the folder/);
    const plain = mkdtempSync(join(tmp, 'plain-'));
    expect((await numfeatIn(tmp, 'analyze', plain, ...FAST)).stderr).toMatch(/\[IO_ERROR\].*it is a directory/);
    const empty = mkdtempSync(join(tmp, 'empty-'));
    writeFileSync(join(empty, 'tokenizer.json'), llamaTokenizer);
    expect((await numfeatIn(tmp, 'analyze', empty, ...FAST)).stderr).toMatch(/\[UNSUPPORTED_FORMAT\].*without model\.safetensors/);
  }, 120_000);
});

describe('numfeat analyze --compare', () => {
  it('puts folders and files side by side in one table and one spectrum figure', async () => {
    const npy = numberRowsNpy('cmp.npy', (x) => x);
    const { code, stdout, stderr } = await numfeatIn(tmp, 'analyze', 'llama-sharded', 'llama-f16', npy, '--compare', '--seeds', '1', '--out', 'cmp-out');
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^model\s+N\s+d\s+κ_2\s+κ_5\s+κ_10\s+Φ_2\s+Φ_5\s+Φ_10\s+spike_2\s+spike_5\s+spike_10$/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual(['llama-sharded', 'llama-f16', npy]);
    for (const f of ['compare.json', 'compare-spectrum.svg', 'compare-spectrum.png', 'compare-spectrum.json']) expect(existsSync(join(tmp, 'cmp-out', f)), f).toBe(true);
    const doc = JSON.parse(readFileSync(join(tmp, 'cmp-out', 'compare.json'), 'utf8'));
    expect(doc.models).toHaveLength(3);
    // The planted circle shows as a spike at ν = 1/10 in every model, not at 1/5.
    for (const m of doc.models) expect(m.spike['10']).toBeGreaterThan(5 * m.spike['5']);
    expect(readFileSync(join(tmp, 'cmp-out', 'compare-spectrum.svg'), 'utf8')).toContain('llama-f16');
  }, 180_000);

  it('several inputs without --compare, or file-only options on a folder, are usage errors', async () => {
    const r = await numfeatIn(tmp, 'analyze', 'llama-sharded', 'llama-f16');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--compare/);
    const ids = await numfeatIn(tmp, 'analyze', 'llama-sharded', '--first-row', '3');
    expect(ids.code).toBe(2);
    expect(ids.stderr).toMatch(/\[BAD_ARGUMENT\] --first-row applies to embedding files, not to the model folder/);
  });
});
