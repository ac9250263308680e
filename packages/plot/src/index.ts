// Pure SVG/text charts (browser-safe) plus Node-only PNG export and figure writing.
export * from './svg.js';
export { svgToPng, type PngOptions } from './png.js';
export { writeFigure, type WriteFigureOptions, type WrittenFigure } from './writeFigure.js';
