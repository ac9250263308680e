// Architectures × optimizers (paper §3.4, §3.5, §4.2): every registered architecture under Muon and
// AdamW (LSTM: AdamW only, as in the paper), plus PPMI and word2vec. κ heatmap beside the paper's.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { optimizersOf, archSeeds, classicRun, classicSystemId, lmRun, lmSystemIdIn, ARCH_LABELS, OPT_LABELS } from '../runs.js';
import { kappaComparison } from '../report/charts.js';
import { MODULI } from '../measure.js';

export const name = 'architectures';
export const title = 'Architectures × optimizers';

export function runs(profile: Profile): RunSpec[] {
  const out: RunSpec[] = [classicRun(profile, 'word2vec'), classicRun(profile, 'ppmi')];
  for (const [arch] of Object.entries(profile.archs)) {
    for (const opt of optimizersOf(profile, arch)) {
      for (const seed of archSeeds(profile, arch)) out.push(lmRun(profile, { arch, optimizer: opt, seed }));
    }
  }
  return out;
}

export async function section({ systems, figure, paper, profile }: SectionContext) {
  // Row labels are the paper's table names; our systems are looked up by id.
  const systemRows: [string, string][] = [
    ...Object.keys(profile.archs).flatMap((a) => optimizersOf(profile, a).map((o): [string, string] => [`${ARCH_LABELS[a] ?? a} (${OPT_LABELS[o]})`, lmSystemIdIn(profile, { arch: a, optimizer: o })])),
    ['PPMI', classicSystemId('ppmi')],
    ['word2vec', classicSystemId('word2vec')],
  ];
  const rows = systemRows.map(([label]) => label);
  const ours = Object.fromEntries(systemRows.filter(([, id]) => systems.get(id)).map(([label, id]) => [label, MODULI.map((T) => systems.get(id).kappa[T].mean)]));
  const f = await figure('kappa-architectures', kappaComparison('Architectures × optimizers', rows, ours, paper.architectures));
  const missing = systemRows.filter(([, id]) => !systems.get(id)).map(([label]) => label);
  return { markdown: [`![κ architectures](${f})`, '', missing.length ? `Not available in this study (run missing or failed — see the run table): ${missing.join(', ')}.` : ''].join('\n') };
}
