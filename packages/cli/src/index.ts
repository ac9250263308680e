// @numfeat/cli — the `numfeat` command, and its analysis as a library call.
export { analyzeEmbeddings, PROBE_KINDS, type AnalysisResult, type AnalyzeOptions, type FisherSummary, type ProbeKind } from './analyze.js';
export { renderAnalysis, protocolLine } from './render.js';
export { spectrumFigure, kappaFigure, writeFigures } from './figures.js';
export { runCli, reportError } from './cli.js';
export type { CliIO, Command } from './command.js';
export { commands } from './commands/index.js';
export { VERSION } from './version.js';
