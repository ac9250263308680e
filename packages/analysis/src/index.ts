// @numfeat/analysis — the standard measurement of number embeddings, as one library call.
export { analyzeEmbeddings, type AnalysisResult, type AnalyzeOptions } from './analyze.js';
export { analysisInput, DEFAULT_PERIODS, type AnalysisInput } from './input.js';
export { spectrumFigure, kappaFigure, writeFigures } from './figures.js';
