import { writeJsonAtomic, type LoadEmbeddingsOptions } from '@numfeat/io';
import { analyzeEmbeddings, type AnalysisResult, type AnalyzeOptions } from '@numfeat/analysis';
import { lineChart, writeFigure } from '@numfeat/plot';
import type { CliIO } from '../command.js';
import { fmt } from '../render.js';
import { writeOutputsAtomically } from '../output-dir.js';
import { loadAnalysisInput } from './analyze-input.js';

export interface CompareContext {
  cwd: string;
  out?: string;
  json?: boolean;
  loadOptions: LoadEmbeddingsOptions;
  analyzeOptions: AnalyzeOptions;
  progress: (message: string) => void;
}

/** One model's row of the comparison table. */
export interface CompareRow {
  name: string;
  numbers: { start: number; count: number };
  dims: number;
  dtype: string;
  kappa: Record<string, number | null>;
  phi: Record<string, number>;
  /** Normalised spectrum height at the DFT frequency nearest ν = 1/T. */
  spike: Record<string, number>;
  notes: string[];
}

/** Normalised spectrum height at the grid frequency nearest 1/T. */
export function spikeHeight(r: AnalysisResult, T: number): number {
  const { nu, normalized } = r.spectrum;
  let best = 0;
  for (let k = 1; k < nu.length; k++) if (Math.abs(nu[k] - 1 / T) < Math.abs(nu[best] - 1 / T)) best = k;
  return normalized[best];
}

function compareRow(name: string, r: AnalysisResult, dtype: string, notes: string[], periods: readonly number[]): CompareRow {
  const byT = <V>(f: (T: number) => V) => Object.fromEntries(periods.map((T) => [String(T), f(T)]));
  return {
    name,
    numbers: r.numbers,
    dims: r.dims,
    dtype,
    kappa: byT((T) => r.kappa[T] ?? null),
    phi: byT((T) => r.phi[T]),
    spike: byT((T) => spikeHeight(r, T)),
    notes,
  };
}

/** The side-by-side table: one row per model, κ_T, Φ_T and spike heights per period. */
export function renderCompare(rows: readonly CompareRow[], periods: readonly number[]): string {
  const head = ['model', 'N', 'd', ...periods.map((T) => `κ_${T}`), ...periods.map((T) => `Φ_${T}`), ...periods.map((T) => `spike_${T}`)];
  const body = rows.map((r) => [
    r.name,
    String(r.numbers.count),
    String(r.dims),
    ...periods.map((T) => (r.kappa[T] === null ? '—' : r.kappa[T]!.toFixed(1))),
    ...periods.map((T) => fmt(r.phi[T])),
    ...periods.map((T) => `${fmt(r.spike[T], 3)}×`),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  out.push('', "κ_T: Cohen's κ (%) of the n mod T probe; Φ_T = Σ_ℓ ‖F_{ℓ/T}‖²; spike_T: ‖F_ν‖ ÷ median at ν = 1/T");
  rows.forEach((r) => r.notes.forEach((n) => out.push(`note (${r.name}): ${n}`)));
  return out.join('\n') + '\n';
}

/** `numfeat analyze a b c --compare`: every input analysed with the same options, then one table and one figure. */
export async function runCompare(paths: readonly string[], ctx: CompareContext, io: CliIO): Promise<number> {
  const { resolve } = await import('node:path');
  const periods = ctx.analyzeOptions.periods ?? [2, 5, 10];
  // The table shows κ at the Φ periods only, so the probes default to those (not 2..10).
  const options: AnalyzeOptions = { ...ctx.analyzeOptions, periods, moduli: ctx.analyzeOptions.moduli ?? periods };
  const rows: CompareRow[] = [];
  const results: AnalysisResult[] = [];
  for (const path of paths) {
    ctx.progress(`loading ${path}`);
    const input = await loadAnalysisInput(resolve(ctx.cwd, path), ctx.loadOptions);
    const r = analyzeEmbeddings(input.matrix, { ...options, numbers: { start: input.numbers.start } });
    results.push(r);
    rows.push(compareRow(path, r, input.source.dtype, input.notes, periods));
  }
  if (ctx.out !== undefined) {
    const written = await writeOutputsAtomically(resolve(ctx.cwd, ctx.out), async (staging) => {
      await writeJsonAtomic(`${staging}/compare.json`, { models: rows, results: results.map((r, i) => ({ name: rows[i].name, ...r })) });
      await writeFigure(`${staging}/compare-spectrum`, compareFigure(rows, results, periods), {
        models: rows.map((r, i) => ({ name: r.name, nu: results[i].spectrum.nu, normalized: results[i].spectrum.normalized })),
      });
    });
    ctx.progress(`wrote ${written.length} files to ${ctx.out}`);
  }
  io.stdout(ctx.json ? JSON.stringify({ models: rows }) + '\n' : renderCompare(rows, periods));
  return 0;
}

/** The models' normalised spectra overlaid, with markers at ν = 1/T. */
export function compareFigure(rows: readonly CompareRow[], results: readonly AnalysisResult[], periods: readonly number[]): string {
  return lineChart({
    title: `Fourier spectra of number embeddings (${rows.length} models)`,
    x: { label: 'Fourier frequency ν', domain: [0, 0.5] },
    y: { label: '‖F_ν‖ / median' },
    series: results.map((r, i) => ({ name: rows[i].name, x: r.spectrum.nu.slice(1), y: r.spectrum.normalized.slice(1) })),
    markers: periods.map((T) => ({ x: 1 / T, label: `T=${T}` })),
    legend: 'auto',
  });
}
