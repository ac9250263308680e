import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat, halfToFloat } from './dtypes.js';
import { floatToBfloat16Bits, floatToHalfBits, writeSafetensors } from './safetensors-write.js';
import { readSafetensors } from './safetensors.js';
import { numberIds, readNumberTokens } from './hf-tokenizer-json.js';
import { findEmbeddingTensor } from './hf-embedding-names.js';
import { expectNumfeatError, fixture } from './test-helpers.js';

// Bit patterns from IEEE 754-2008 (binary16) and the bfloat16 definition (upper half of binary32).
const HALF: [number, number][] = [
  [0x0000, 0], [0x0001, 2 ** -24], [0x03ff, 1023 * 2 ** -24], [0x0400, 2 ** -14], [0x3c00, 1], [0x3555, 0.333251953125],
  [0xc000, -2], [0x7bff, 65504], [0xfbff, -65504], [0x7c00, Infinity], [0xfc00, -Infinity], [0x8001, -(2 ** -24)],
];
const BF16: [number, number][] = [
  [0x0000, 0], [0x0001, 2 ** -133], [0x007f, 127 * 2 ** -133], [0x0080, 2 ** -126], [0x3f80, 1], [0x4049, 3.140625],
  [0xc040, -3], [0x7f7f, 3.3895313892515355e38], [0x7f80, Infinity], [0xff80, -Infinity], [0x8001, -(2 ** -133)],
];

describe('F16 and BF16 conversion against known bit patterns', () => {
  it('decodes normals, subnormals, the extremes and ±Inf; NaN patterns decode to NaN', () => {
    for (const [bits, value] of HALF) expect(halfToFloat(bits), bits.toString(16)).toBe(value);
    for (const [bits, value] of BF16) expect(bfloat16ToFloat(bits), bits.toString(16)).toBe(value);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(Object.is(bfloat16ToFloat(0x8000), -0)).toBe(true);
    for (const nan of [0x7e00, 0x7c01, 0xfe00]) expect(halfToFloat(nan)).toBeNaN();
    for (const nan of [0x7fc0, 0x7f81, 0xffc0]) expect(bfloat16ToFloat(nan)).toBeNaN();
  });
  it('encodes every pattern back to itself, and NaN to the canonical quiet NaN', () => {
    for (const [bits, value] of HALF) expect(floatToHalfBits(value), String(value)).toBe(bits);
    for (const [bits, value] of BF16) expect(floatToBfloat16Bits(value), String(value)).toBe(bits);
    expect(floatToHalfBits(NaN)).toBe(0x7e00);
    expect(floatToBfloat16Bits(NaN)).toBe(0x7fc0);
    expect(floatToHalfBits(-0)).toBe(0x8000);
  });
  it('rounds to nearest, ties to even, and overflows to Inf', () => {
    expect(floatToHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie → even mantissa 0
    expect(floatToHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even mantissa 2
    expect(floatToHalfBits(2 ** -25)).toBe(0x0000); // half the smallest subnormal → 0 (even)
    expect(floatToHalfBits(1.5 * 2 ** -25)).toBe(0x0001);
    expect(floatToHalfBits(1023.5 * 2 ** -24)).toBe(0x0400); // rounds up into the smallest normal
    expect(floatToHalfBits(65519)).toBe(0x7bff);
    expect(floatToHalfBits(65520)).toBe(0x7c00);
    expect(floatToBfloat16Bits(Math.PI)).toBe(0x4049);
    expect(floatToBfloat16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(floatToBfloat16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(floatToBfloat16Bits(3.4028234663852886e38)).toBe(0x7f80); // float32 max rounds up to Inf, as in PyTorch
  });
});

describe('writeSafetensors', () => {
  it('round-trips through readSafetensors, with rows read by offset, for F32/F16/BF16', () => {
    const values = [1, -2, 0.1, 65504, 2 ** -24, 3.140625];
    const bytes = writeSafetensors([
      { name: 'a', dtype: 'F32', shape: [3, 2], data: values },
      { name: 'h', dtype: 'F16', shape: [3, 2], data: values },
      { name: 'b', dtype: 'BF16', shape: [3, 2], data: values },
    ]);
    expect((new DataView(bytes.buffer).getUint32(0, true) + 8) % 8).toBe(0);
    expect(Array.from(readSafetensors(bytes, { tensor: 'a' }).data)).toEqual(values.map((v) => Math.fround(v)));
    expect(Array.from(readSafetensors(bytes, { tensor: 'h', rows: [2] }).data)).toEqual([halfToFloat(floatToHalfBits(2 ** -24)), 3.140625]);
    expect(Array.from(readSafetensors(bytes, { tensor: 'b', rows: [0] }).data)).toEqual([1, -2]);
  });
  it("rounds float32 values to F16 and BF16 exactly as PyTorch did for the fixtures (make_fixtures.py)", () => {
    const f32 = readSafetensors(fixture('tiny_f32.safetensors'), { tensor: 'model.embed_tokens.weight' });
    for (const [dtype, file] of [['F16', 'tiny_f16.safetensors'], ['BF16', 'tiny_bf16.safetensors']] as const) {
      const mine = writeSafetensors([{ name: 'e', dtype, shape: f32.shape, data: f32.data }]);
      const torch = readSafetensors(fixture(file), { tensor: 'model.embed_tokens.weight' });
      expect(Array.from(readSafetensors(mine).data), dtype).toEqual(Array.from(torch.data));
      expect(Array.from(torch.data)).not.toEqual(Array.from(f32.data)); // the rounding is visible
    }
  });
  it('refuses repeated names and data that do not fill the shape', async () => {
    await expectNumfeatError(() => writeSafetensors([{ name: 'x', dtype: 'F32', shape: [2], data: [1] }]), 'SHAPE_MISMATCH');
    const t = { name: 'x', dtype: 'F32' as const, shape: [1], data: [1] };
    await expectNumfeatError(() => writeSafetensors([t, t]), 'BAD_ARGUMENT', /repeated/);
  });
});

const tok = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

describe("tokenizer.json number tokens", () => {
  it('maps plain digit tokens, keeps "Ġ"/"▁" forms apart, and reads added_tokens and Unigram lists', () => {
    const v = readNumberTokens(tok({ model: { type: 'BPE', vocab: { '0': 5, '1': 6, 'Ġ2': 7, hello: 1, '01': 9 } }, added_tokens: [{ id: 300, content: '<s>' }] }), 't');
    expect(v.vocabSize).toBe(301);
    expect(numberIds(v, { start: 0, count: 3 })).toEqual({ ids: [5, 6, null], form: 'plain' });
    expect(numberIds(v, { start: 0, count: 3 }, true)).toEqual({ ids: [null, null, 7], form: 'Ġ' });
    const uni = readNumberTokens(tok({ model: { type: 'Unigram', vocab: [['<unk>', 0], ['▁1', -1], ['▁0', -2]] } }), 'u');
    // No plain number tokens at all: the SentencePiece form is used and reported.
    expect(numberIds(uni, { start: 0, count: 2 })).toEqual({ ids: [2, 1], form: '▁' });
  });
  it('malformed files are CORRUPT_FILE naming the file', async () => {
    const bad = new TextEncoder().encode('{"model": {"vocab": {"0": 1');
    await expectNumfeatError(() => readNumberTokens(bad, 'x/tokenizer.json'), 'CORRUPT_FILE', /x\/tokenizer\.json/, /JSON/);
    await expectNumfeatError(() => readNumberTokens(tok({ version: '1.0' }), 't'), 'CORRUPT_FILE', /no "model"/);
    await expectNumfeatError(() => readNumberTokens(tok({ model: { vocab: { '0': -1 } } }), 't'), 'CORRUPT_FILE', /non-negative integer id/);
    await expectNumfeatError(() => readNumberTokens(tok({ model: { vocab: {} } }), 't'), 'CORRUPT_FILE', /empty/);
  });
});

describe('findEmbeddingTensor', () => {
  it('prefers known names, then a known ending, then lm_head; otherwise lists candidates and --tensor', async () => {
    expect(findEmbeddingTensor(['lm_head.weight', 'model.embed_tokens.weight'], 'm')).toEqual({ name: 'model.embed_tokens.weight', how: 'known' });
    expect(findEmbeddingTensor(['h.0.attn.weight', 'wte.weight', 'wpe.weight'], 'm')).toEqual({ name: 'wte.weight', how: 'known' });
    expect(findEmbeddingTensor(['vision.x', 'foo.model.embed_tokens.weight'], 'm')).toEqual({ name: 'foo.model.embed_tokens.weight', how: 'suffix' });
    expect(findEmbeddingTensor(['model.norm.weight', 'lm_head.weight'], 'm')).toEqual({ name: 'lm_head.weight', how: 'lm_head' });
    const err = await expectNumfeatError(() => findEmbeddingTensor(['layers.0.w', 'token_table', 'norm'], 'dir'), 'BAD_ARGUMENT', /candidates: token_table/);
    expect(err.fix).toMatch(/--tensor NAME/);
    await expectNumfeatError(() => findEmbeddingTensor(['a.embed_tokens.weight', 'b.embed_tokens.weight'], 'dir'), 'BAD_ARGUMENT', /2 tensors that look like/);
  });
});
