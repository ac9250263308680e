// Evaluation hook: Φ_T (paper §1.2) and mod-T probe κ (§2.5) of the number-token embedding rows,
// the two curves of the training-dynamics figure (paper §3.7).
import { analyzeEmbeddings, type AnalysisResult } from '@numfeat/analysis';
import { tf } from '@numfeat/tensor';
import type { LanguageModel } from '../model.js';

export interface EvalOptions {
  /** Vocabulary rows of the numbers start, start+1, … (row i = number start + i). */
  numberIds: readonly number[];
  /** Periods of Φ_T (default [2, 5, 10]). */
  periods?: number[];
  /** Moduli of the probes (default [2, 5, 10]); [] skips the probes. */
  moduli?: number[];
  /** Probe seeds (default [0]: fewer than the final analysis's 5, to keep evaluations cheap). */
  seeds?: number[];
  /** The number held by row 0 (default 0). */
  start?: number;
  /**
   * Extra measurements of the model at each evaluation (e.g. task accuracy), stored in the record's
   * `metrics`. Runs outside any tf.tidy; dispose what you create. May be async (read tensors with
   * `await t.data()`: GPU backends in Node cannot read synchronously).
   */
  metrics?: (model: LanguageModel) => Record<string, number> | Promise<Record<string, number>>;
}

export interface EvalRecord {
  type: 'eval';
  step: number;
  tokens: number;
  phi: AnalysisResult['phi'];
  kappa: AnalysisResult['kappa'];
  accuracy: AnalysisResult['accuracy'];
  /** The values of EvalOptions.metrics, when given. */
  metrics?: Record<string, number>;
}

/** The number-token rows of the tied embedding table, as a float64 matrix [N, d]. */
export async function numberEmbeddings(model: LanguageModel, numberIds: readonly number[]): Promise<{ data: Float64Array; shape: [number, number] }> {
  const rows = tf.tidy(() => tf.gather(model.embeddingTable(), tf.tensor1d(Array.from(numberIds), 'int32')));
  const data = Float64Array.from(await rows.data());
  const shape = rows.shape as [number, number];
  rows.dispose();
  return { data, shape };
}

export async function evaluateEmbeddings(model: LanguageModel, o: EvalOptions, step: number, tokens: number): Promise<EvalRecord> {
  const E = await numberEmbeddings(model, o.numberIds);
  // The same measurement as the final analysis, without its Fisher panel (cheap, every evaluation).
  const { phi, kappa, accuracy } = analyzeEmbeddings(E, {
    periods: o.periods ?? [2, 5, 10],
    moduli: o.moduli ?? [2, 5, 10],
    seeds: o.seeds ?? [0],
    numbers: { start: o.start ?? 0 },
    fisherT: null,
  });
  const record: EvalRecord = { type: 'eval', step, tokens, phi, kappa, accuracy };
  if (o.metrics) record.metrics = await o.metrics(model);
  return record;
}
