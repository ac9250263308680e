// Universality (paper §3.1, §3.6): the spectrum of every trained system and of the raw
// number-token frequency signal. Pretrained LLMs are not available offline; our trained systems
// and the token-frequency signal stand in for them.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { classicRun, lmRun, optimizersOf, realCorpusLm, tokenFrequencyRun } from '../runs.js';
import { lineSpectra, spectrumHeatmap } from '../report/charts.js';

export const name = 'universality';
export const title = 'Universality of Fourier spikes';

export function runs(profile: Profile): RunSpec[] {
  const out: RunSpec[] = [tokenFrequencyRun(profile), classicRun(profile, 'word2vec'), classicRun(profile, 'ppmi')];
  for (const arch of Object.keys(profile.archs)) for (const opt of optimizersOf(profile, arch)) out.push(lmRun(profile, { arch, optimizer: opt }));
  const real = realCorpusLm(profile);
  if (real) out.push(tokenFrequencyRun(profile, 'bundled'), lmRun(profile, real));
  return out;
}

export async function section({ systems, figure }: SectionContext) {
  // The base systems and their real-corpus versions (not the perturbed or family-removed variants).
  const list = [...systems.values()].filter((s) => !s.variant || (s.run.kind !== 'addition' && s.run.kind !== 'counterexample' && s.run.corpus.source === 'bundled' && !(s.run.kind === 'lm' && (s.run.perturbation !== 'none' || s.run.without))));
  if (list.length === 0) return { markdown: '_No finished runs._' };
  const h = spectrumHeatmap('Fourier spectrum of number-token embeddings (every system)', list);
  const f1 = await figure('universality-heatmap', h);
  const pick = list.filter((s) => /^(transformer\/muon|lstm\/|token-frequency|ppmi|word2vec)/.test(s.id)).slice(0, 6);
  const f2 = await figure('universality-lines', lineSpectra('Line spectra', pick.length ? pick : list.slice(0, 5)));
  const rows = list.map((s) => `| ${s.system} | ${s.seeds} | ${[10, 5, 2].map((T) => fmt2(s.spikes[T])).join(' | ')} | ${s.classification.spectral ? 'yes' : 'no'} |`);
  return {
    markdown: [
      'Normalised magnitude m(ν) = ‖F_ν‖ / median over k = 1..500 (ours; clipped to [1, 4] in the heatmap as in the paper). A spike counts at m ≥ 2.',
      '', `![spectrum heatmap](${f1})`, '', `![line spectra](${f2})`, '',
      '| system | seeds | m(0.1) T=10 | m(0.2) T=5 | m(0.5) T=2 | spectral |', '|---|---|---|---|---|---|', ...rows,
      '', 'Pretrained LLMs, GloVe and FastText (the paper\'s rows) are not installable offline; `numfeat analyze` measures them when you have their files.',
    ].join('\n'),
  };
}

const fmt2 = (x) => (x?.mean == null ? '—' : `${x.mean.toFixed(2)}${x.n > 1 ? ` ± ${x.std.toFixed(2)}` : ''}`);
