import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { lineChart } from './lineChart.js';
import { svgToPng } from './png.js';
import { writeFigure } from './writeFigure.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dir = mkdtempSync(join(tmpdir(), 'numfeat-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const svg = lineChart({ title: 'T', x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', x: [0, 1, 2], y: [1, 3, 2] }] });

function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)]; // IHDR width, height
}

describe('svgToPng', () => {
  it('returns PNG bytes at the requested scale', async () => {
    const png = await svgToPng(svg, { scale: 1 });
    expect(png).toBeInstanceOf(Uint8Array);
    expect(Array.from(png.slice(0, 8))).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual([720, 440]);
    expect(pngSize(await svgToPng(svg))).toEqual([1440, 880]);
  });

  it('renders text (fonts are found): a chart with a title has more dark pixels than without', async () => {
    // resvg drops text silently when no font matches, so compare ink with and without the title.
    const withTitle = await svgToPng(svg.replace('>T</text>', '>WWWWWWWWWWWWWWWWWWWW</text>'), { scale: 1 });
    const without = await svgToPng(svg.replace('>T</text>', '></text>'), { scale: 1 });
    expect(withTitle.length).toBeGreaterThan(without.length + 200);
  });

  it('rejects non-SVG input and bad scales', async () => {
    await expect(svgToPng('hello')).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
    await expect(svgToPng(svg, { scale: 0 })).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_RANGE'));
  });
});

describe('writeFigure', () => {
  it('writes svg, png, json and csv and leaves no temp files', async () => {
    const base = join(dir, 'nested', 'fig');
    const data = { x: new Float64Array([0, 1, 2]), y: [1, 3, 2] };
    const out = await writeFigure(base, svg, data, { csv: [['x', 'y'], [0, 1], [1, 3], ['a,b', 'say "hi"']] });
    expect(out).toEqual({ svg: `${base}.svg`, json: `${base}.json`, png: `${base}.png`, csv: `${base}.csv` });
    expect(readFileSync(`${base}.svg`, 'utf8')).toBe(svg);
    expect(JSON.parse(readFileSync(`${base}.json`, 'utf8'))).toEqual({ x: [0, 1, 2], y: [1, 3, 2] });
    expect(Array.from(readFileSync(`${base}.png`).subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(readFileSync(`${base}.csv`, 'utf8')).toBe('x,y\n0,1\n1,3\n"a,b","say ""hi"""\n');
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['fig.csv', 'fig.json', 'fig.png', 'fig.svg']);
  });

  it('skips the PNG when asked and overwrites existing files', async () => {
    const base = join(dir, 'nopng');
    await writeFigure(base, svg, { v: 1 }, { png: false });
    await writeFigure(base, svg, { v: 2 }, { png: false });
    expect(readdirSync(dir).filter((f) => f.startsWith('nopng')).sort()).toEqual(['nopng.json', 'nopng.svg']);
    expect(JSON.parse(readFileSync(`${base}.json`, 'utf8'))).toEqual({ v: 2 });
  });

  it('rejects data that cannot be serialised before writing anything', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(writeFigure(join(dir, 'cyclic'), svg, cyclic)).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
    expect(readdirSync(dir).filter((f) => f.includes('cyclic'))).toEqual([]);
  });

  it('rejects a missing SVG or a directory path', async () => {
    await expect(writeFigure(join(dir, 'x'), 'not svg', {})).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
    await expect(writeFigure(`${dir}/`, svg, {})).rejects.toSatisfy((e) => isNumfeatError(e, 'BAD_ARGUMENT'));
  });

  it('reports an unwritable target as IO_ERROR and removes its temp file', async () => {
    const blocker = join(dir, 'blocker');
    await writeFigure(blocker, svg, {}, { png: false });
    // blocker.svg is a file, so a directory cannot be created beneath it.
    await expect(writeFigure(join(`${blocker}.svg`, 'fig'), svg, {}, { png: false })).rejects.toSatisfy((e) => isNumfeatError(e, 'IO_ERROR'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
