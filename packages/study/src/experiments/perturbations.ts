// Data perturbations (paper §3.3, §4.1) on the Transformer trained with Muon.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { budgetLabel, budgetOf, lmRun, lmSystemIdIn, realCorpusLm, seeds, PERTURBATION_LABELS } from '../runs.js';
import { kappaComparison } from '../report/charts.js';
import { MODULI } from '../measure.js';

export const name = 'perturbations';
export const title = 'Data perturbations (Transformer, Muon)';
const KEY = new Set(['none', 'swap', 'unigram']);

export function runs(profile: Profile): RunSpec[] {
  const out: RunSpec[] = [];
  for (const p of profile.perturbations) for (const seed of seeds(profile, KEY.has(p) ? 'key' : 'other')) out.push(lmRun(profile, { perturbation: p, seed }));
  const real = realCorpusLm(profile);
  if (real) out.push(lmRun(profile, real));
  return out;
}

export async function section({ systems, figure, paper, profile }: SectionContext) {
  const system = (p: string) => systems.get(lmSystemIdIn(profile, { perturbation: p }));
  // Our conditions first, then the paper's conditions we did not run (e.g. its Context Length 64 when our base context is shorter).
  const rows = [...new Set([...profile.perturbations.map(PERTURBATION_LABELS), ...Object.keys(paper.perturbations)])];
  const ours = {};
  profile.perturbations.forEach((p) => { const s = system(p); if (s) ours[PERTURBATION_LABELS(p)] = MODULI.map((T) => s.kappa[T].mean); });
  const f = await figure('kappa-perturbations', kappaComparison('Data perturbations (Transformer, Muon)', rows, ours, paper.perturbations));
  const table = profile.perturbations.map((p) => {
    const s = system(p);
    const b = budgetLabel(budgetOf(profile, { perturbation: p }));
    return s ? `| ${PERTURBATION_LABELS(p)} | ${b} | ${s.seeds} | ${s.kappa[10].mean.toFixed(1)} ± ${s.kappa[10].std.toFixed(1)} | ${paper.perturbations[PERTURBATION_LABELS(p)]?.[8] ?? '—'} | ${s.spikes[10].mean.toFixed(2)} | ${s.spikes[5].mean.toFixed(2)} | ${s.spikes[2].mean.toFixed(2)} |` : `| ${PERTURBATION_LABELS(p)} | ${b} | 0 | — | ${paper.perturbations[PERTURBATION_LABELS(p)]?.[8] ?? '—'} | — | — | — |`;
  });
  const realRun = realCorpusLm(profile);
  const real = realRun ? systems.get(lmRun(profile, realRun).systemId) : undefined;
  return {
    markdown: [`![κ perturbations](${f})`, '', '| condition | budget | seeds | κ_10 ours (mean ± std) | κ_10 paper | m(0.1) | m(0.2) | m(0.5) |', '|---|---|---|---|---|---|---|---|', ...table,
      real ? `\nReal bundled corpus (labelled; 1 seed): κ_10 = ${real.kappa[10].mean.toFixed(1)}, κ_2 = ${real.kappa[2].mean.toFixed(1)}, spikes m(0.1) = ${real.spikes[10].mean.toFixed(2)}.` : ''].join('\n'),
  };
}
