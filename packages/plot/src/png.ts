import { NumfeatError } from '@numfeat/core';

export interface PngOptions {
  /** Pixel density: 2 renders a 720×440 chart as 1440×880 (default 2). */
  scale?: number;
  /** Font used when the SVG's families are not installed (default 'DejaVu Sans'). */
  defaultFontFamily?: string;
  /** Extra font files to load, e.g. when the system has no fonts (containers). */
  fontFiles?: string[];
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule> | undefined;

// Loaded on first use: the native module is Node-only and SVG-only users never need it.
function loadResvg(): Promise<ResvgModule> {
  resvg ??= import('@resvg/resvg-js').catch((cause) => {
    resvg = undefined;
    throw new NumfeatError('BACKEND_UNAVAILABLE', `PNG export needs @resvg/resvg-js, which failed to load: ${(cause as Error).message}`, {
      fix: 'run in Node with @resvg/resvg-js installed (npm i @resvg/resvg-js), or keep the SVG',
      cause,
    });
  });
  return resvg;
}

/** Renders an SVG string to PNG bytes with resvg (Node only; system fonts are loaded). */
export async function svgToPng(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const scale = opts.scale ?? 2;
  if (typeof svg !== 'string' || !svg.includes('<svg')) {
    throw new NumfeatError('BAD_ARGUMENT', 'svgToPng needs an SVG document string', {
      fix: 'pass the string returned by lineChart/heatmap/barChart',
    });
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 16) {
    throw new NumfeatError('BAD_RANGE', `scale must be in (0, 16], got ${scale}`, { fix: 'use e.g. scale: 2' });
  }
  const { Resvg } = await loadResvg();
  let png: Uint8Array;
  try {
    const renderer = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: '#ffffff',
      font: {
        loadSystemFonts: true,
        defaultFontFamily: opts.defaultFontFamily ?? 'DejaVu Sans',
        sansSerifFamily: opts.defaultFontFamily ?? 'DejaVu Sans',
        fontFiles: opts.fontFiles,
      },
    });
    png = renderer.render().asPng();
  } catch (cause) {
    throw new NumfeatError('BAD_ARGUMENT', `resvg could not render the SVG: ${(cause as Error).message}`, {
      fix: 'check that the SVG is well-formed (it should come from this package)',
      cause,
    });
  }
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
