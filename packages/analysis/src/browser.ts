// @numfeat/analysis in browsers (the package's `browser` export condition): everything but
// writeFigures, which writes files (node:fs, PNG via resvg).
export { analyzeEmbeddings, type AnalysisResult, type AnalyzeOptions } from './analyze.js';
export { analysisInput, DEFAULT_PERIODS, type AnalysisInput } from './input.js';
export { spectrumFigure, kappaFigure } from './figures.js';
