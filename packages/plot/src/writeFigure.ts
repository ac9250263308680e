import { NumfeatError } from '@numfeat/core';
import { toCsv } from './csv.js';
import { writeFileAtomic, writeJsonAtomic } from '@numfeat/io';
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
  if (data === undefined || typeof data === 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'figure data is not JSON-serialisable', { fix: 'pass plain objects, arrays and numbers' });
  }
  // Render the PNG and build the CSV first, so a failure leaves no partial set of files behind.
  const png = opts.png === false ? undefined : await svgToPng(svg, opts);
  const csv = opts.csv ? toCsv(opts.csv) : undefined;
  const written: WrittenFigure = { svg: `${base}.svg`, json: `${base}.json` };
  // @numfeat/io writes a temp file in the same directory, fsyncs and renames it (typed arrays → JSON arrays).
  // JSON goes first: data that cannot be serialised (cycles, BigInt) then stops before anything is written.
  try {
    await writeJsonAtomic(written.json, data);
  } catch (cause) {
    if (cause instanceof NumfeatError) throw cause;
    throw new NumfeatError('BAD_ARGUMENT', `figure data is not JSON-serialisable: ${(cause as Error).message}`, {
      fix: 'pass plain objects, arrays, numbers and strings (no cycles, BigInt or functions)',
      cause,
    });
  }
  await writeFileAtomic(written.svg, svg);
  if (png) await writeFileAtomic((written.png = `${base}.png`), png);
  if (csv) await writeFileAtomic((written.csv = `${base}.csv`), csv);
  return written;
}
