import type { Command } from '../command.js';

/**
 * Every `numfeat` subcommand, loaded lazily so that e.g. `analyze` never loads TensorFlow.js.
 * Adding a command is one line here plus a file `commands/<name>.ts` whose default export is a Command.
 */
export const commands: Record<string, () => Promise<{ default: Command }>> = {
  analyze: () => import('./analyze.js'),
  train: () => import('./train.js'),
  corpus: () => import('./corpus.js'),
  report: () => import('./report.js'),
  study: () => import('./study.js'),
};
