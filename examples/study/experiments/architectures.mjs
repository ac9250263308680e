// Architectures × optimizers (paper §3.4, §3.5, §4.2): every registered architecture under Muon and
// AdamW (LSTM: AdamW only, as in the paper), plus PPMI and word2vec. κ heatmap beside the paper's.
import { archSeeds, classicRun, lmRun, ARCH_LABELS } from '../lib/runs.mjs';
import { kappaComparison } from '../report/charts.mjs';
import { MODULI } from '../lib/measure.mjs';

export const name = 'architectures';
export const title = 'Architectures × optimizers';

export function runs(profile) {
  const out = [classicRun(profile, 'word2vec'), classicRun(profile, 'ppmi')];
  for (const [arch] of Object.entries(profile.archs)) {
    for (const opt of arch === 'lstm' ? ['adamw'] : ['muon', 'adamw']) {
      for (const seed of archSeeds(profile, arch)) out.push(lmRun(profile, { arch, optimizer: opt, seed }));
    }
  }
  return out;
}

export async function section({ systems, figure, paper, profile }) {
  const rows = [...Object.keys(profile.archs).flatMap((a) => (a === 'lstm' ? ['adamw'] : ['muon', 'adamw']).map((o) => `${ARCH_LABELS[a] ?? a} (${o === 'muon' ? 'Muon' : 'AdamW'})`)), 'PPMI', 'word2vec'];
  const ours = Object.fromEntries(rows.filter((r) => systems.get(r)).map((r) => [r, MODULI.map((T) => systems.get(r).kappa[T].mean)]));
  const f = await figure('kappa-architectures', kappaComparison('Architectures × optimizers', rows, ours, paper.architectures));
  const missing = rows.filter((r) => !systems.get(r));
  return { markdown: [`![κ architectures](${f})`, '', missing.length ? `Not available in this study (run missing or failed — see the run table): ${missing.join(', ')}.` : ''].join('\n') };
}
