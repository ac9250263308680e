import { NumfeatError } from '@numfeat/tensor/core';
import { toCsv } from './csv.js';
import { atomicWrite } from './fs.js';
import { svgToPng, type PngOptions } from './png.js';

export interface WriteFigureOptions extends PngOptions {
  /** Also render base.png (default true). */
  png?: boolean;
  /** Rows (header first) for base.csv. */
  csv?: readonly (readonly unknown[])[];
}

export interface WrittenFigure {
  svg: string;
  json: string;
  png?: string;
  csv?: string;
}

// Typed arrays become plain arrays so the JSON is readable by anything.
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/**
 * Writes a figure and the data behind it: base.svg, base.json, base.png (unless png: false) and
 * base.csv (when rows are given). Each file is written atomically; the directory is created.
 */
export async function writeFigure(basePath: string, svg: string, data: unknown, opts: WriteFigureOptions = {}): Promise<WrittenFigure> {
  if (typeof basePath !== 'string' || basePath.length === 0 || /[\\/]$/.test(basePath)) {
    throw new NumfeatError('BAD_ARGUMENT', `basePath must be a file path without extension, got ${JSON.stringify(basePath)}`, {
      fix: "pass e.g. 'results/fig/spectrum' to get spectrum.svg, spectrum.png and spectrum.json",
    });
  }
  if (typeof svg !== 'string' || !svg.includes('<svg')) {
    throw new NumfeatError('BAD_ARGUMENT', 'writeFigure needs the SVG string of a chart', {
      fix: 'pass the string returned by lineChart/heatmap/barChart',
    });
  }
  const base = basePath.replace(/\.(svg|png|json|csv)$/i, '');
  const json = JSON.stringify(data ?? null, jsonReplacer, 2);
  if (json === undefined) {
    throw new NumfeatError('BAD_ARGUMENT', 'figure data is not JSON-serialisable', { fix: 'pass plain objects, arrays and numbers' });
  }
  // Render the PNG and build the CSV first, so a failure leaves no partial set of files behind.
  const png = opts.png === false ? undefined : await svgToPng(svg, opts);
  const csv = opts.csv ? toCsv(opts.csv) : undefined;
  const written: WrittenFigure = { svg: `${base}.svg`, json: `${base}.json` };
  await atomicWrite(written.svg, svg);
  await atomicWrite(written.json, json + '\n');
  if (png) await atomicWrite((written.png = `${base}.png`), png);
  if (csv) await atomicWrite((written.csv = `${base}.csv`), csv);
  return written;
}
