import { describe, expect, it } from 'vitest';
import { listSafetensors, readSafetensors } from './safetensors.js';
import { readSafetensorsFile, listSafetensorsFile } from './files.js';
import { bfloat16ToFloat, halfToFloat } from './dtypes.js';
import { buildSafetensors, expected, expectNumfeatError, fixture, fixturePath } from './test-helpers.js';

type Want = Record<string, Record<string, { dtype: string; shape: number[]; data: number[] }>>;
const want = expected.safetensors as Want;

const build = buildSafetensors;

describe('readSafetensors on files assembled from torch tensors', () => {
  for (const [file, tensors] of Object.entries(want)) {
    for (const [name, t] of Object.entries(tensors)) {
      it(`${file} ${name}: exact values after conversion to float64`, () => {
        const r = readSafetensors(fixture(file), { tensor: name, source: file });
        expect(r.dtype).toBe(t.dtype);
        expect(r.shape).toEqual(t.shape);
        expect(Array.from(r.data)).toEqual(t.data);
      });
    }
  }

  it('reads only the requested rows', async () => {
    const all = want['tiny_bf16.safetensors']['model.embed_tokens.weight'].data;
    const rows = [7, 0, 3];
    const r = readSafetensors(fixture('tiny_bf16.safetensors'), { tensor: 'model.embed_tokens.weight', rows });
    expect(r.shape).toEqual([3, 3]);
    expect(r.fullShape).toEqual([10, 3]);
    expect(Array.from(r.data)).toEqual(rows.flatMap((i) => all.slice(i * 3, i * 3 + 3)));
    const fromDisk = await readSafetensorsFile(fixturePath('tiny_bf16.safetensors'), { tensor: 'model.embed_tokens.weight', rows });
    expect(Array.from(fromDisk.data)).toEqual(Array.from(r.data));
    await expectNumfeatError(
      () => readSafetensors(fixture('tiny_f32.safetensors'), { tensor: 'model.pos.weight', rows: [4] }),
      'BAD_RANGE',
      /0\.\.3/,
    );
  });

  it('defaults to the only tensor, and lists tensors when the name is missing or wrong', async () => {
    expect(readSafetensors(fixture('single_f64.safetensors')).name).toBe('wte');
    await expectNumfeatError(() => readSafetensors(fixture('tiny_f16.safetensors')), 'BAD_ARGUMENT', /holds 2 tensors/, /model\.embed_tokens\.weight \[10×3\] F16/, /--tensor/);
    await expectNumfeatError(
      () => readSafetensorsFile(fixturePath('tiny_f16.safetensors'), { tensor: 'wte' }),
      'BAD_ARGUMENT',
      /no tensor "wte"/,
      /model\.pos\.weight/,
    );
  });

  it('lists the header and metadata without reading data', async () => {
    const h = await listSafetensorsFile(fixturePath('tiny_f32.safetensors'));
    expect(h.metadata).toEqual({ format: 'pt' });
    expect(h.tensors.map((t) => t.name)).toEqual(['model.embed_tokens.weight', 'model.pos.weight']);
    expect(listSafetensors(fixture('tiny_f32.safetensors')).tensors[1].dataOffsets).toEqual([120, 168]);
  });

  it('converts half and bfloat16 bit patterns exactly', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(bfloat16ToFloat(0x3f80)).toBe(1);
    expect(bfloat16ToFloat(0xc040)).toBe(-3);
  });
});

describe('readSafetensors on corrupt input', () => {
  const good = fixture('tiny_f32.safetensors');
  it('header length beyond the file → CORRUPT_FILE', async () => {
    const bad = good.slice();
    new DataView(bad.buffer).setBigUint64(0, 100000n, true);
    await expectNumfeatError(() => readSafetensors(bad, { source: 'm.safetensors' }), 'CORRUPT_FILE', /m\.safetensors/, /runs past the end/);
    await expectNumfeatError(() => readSafetensors(good.slice(0, 5)), 'CORRUPT_FILE', /8-byte header length/);
  });
  it('header that is not JSON → CORRUPT_FILE', async () => {
    const bad = good.slice();
    bad[8] = 0x78; // 'x' replaces the opening brace
    await expectNumfeatError(() => readSafetensors(bad), 'CORRUPT_FILE', /JSON header does not parse/);
  });
  it('truncated data (offsets out of range) → CORRUPT_FILE', async () => {
    await expectNumfeatError(() => readSafetensors(good.slice(0, good.length - 10)), 'CORRUPT_FILE', /data_offsets \[120, 168\] outside/);
  });
  it('offsets that disagree with the shape → CORRUPT_FILE', async () => {
    const bad = build({ w: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 12] } }, new Uint8Array(16));
    await expectNumfeatError(() => readSafetensors(bad), 'CORRUPT_FILE', /needs 16 bytes but its data_offsets span 12/);
  });
  it('malformed entry → CORRUPT_FILE; unknown dtype → UNSUPPORTED_FORMAT', async () => {
    await expectNumfeatError(() => readSafetensors(build({ w: { dtype: 'F32', shape: 'x' } }, new Uint8Array(0))), 'CORRUPT_FILE', /malformed/);
    const fp8 = build({ w: { dtype: 'F8_E4M3', shape: [4], data_offsets: [0, 4] } }, new Uint8Array(4));
    await expectNumfeatError(() => readSafetensors(fp8), 'UNSUPPORTED_FORMAT', /F8_E4M3/);
  });
});
