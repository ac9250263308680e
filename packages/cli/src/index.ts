// @numfeat/cli — the `numfeat` command. The analysis it runs is @numfeat/analysis.
export { renderAnalysis, protocolLine } from './render.js';
export { runCli, reportError } from './cli.js';
export type { CliIO, Command } from './command.js';
export { commands } from './commands/index.js';
export { VERSION } from './version.js';
