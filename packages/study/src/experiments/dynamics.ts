// Training dynamics (paper §3.7, §4.5): Φ_T and probe accuracy at evenly spaced checkpoints of the
// Transformer (Muon) runs on the original synthetic data (the training loop's evaluation log).
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { lmRun, lmSystemId, seeds } from '../runs.js';
import { curvePanels, seedColor, seedKey, styleKey } from '../report/charts.js';
import { spearman } from '../verdicts.js';

const PHI_DASH = '6 3';

export const name = 'dynamics';
export const title = 'Training dynamics (Transformer, Muon)';

export function runs(profile: Profile): RunSpec[] {
  return seeds(profile, 'key').map((seed) => lmRun(profile, { seed }));
}

export async function section({ results, figure }: SectionContext) {
  const rs = results.filter((r) => r.status === 'ok' && r.run.kind === 'lm' && r.run.systemId === lmSystemId() && r.result.dynamics?.length);
  if (rs.length === 0) return { markdown: '_No dynamics logs._' };
  const panels = [2, 5, 10].map((T) => ({
    title: `T = ${T}`, yLabel: `probe accuracy, mod ${T} (%)`, y2Label: `Φ_${T}`,
    series: rs.flatMap((r) => [
      { name: `acc s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.accuracy[T]), color: seedColor(r.run.seed) },
      { name: `Φ s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.phi[T]), axis: 'y2', dash: PHI_DASH, color: seedColor(r.run.seed) },
    ]),
  }));
  const legend = [...seedKey(rs.map((r) => r.run.seed)), ...styleKey([{ name: 'probe accuracy (left axis)' }, { name: 'Φ_T (right axis)', dash: PHI_DASH }])];
  const f = await figure('dynamics', { svg: curvePanels('Φ_T and probe accuracy during training', panels, { legend }), data: rs.map((r) => ({ id: r.id, seed: r.run.seed, log: r.result.dynamics })) });
  // Per-seed description only; claim C15's verdict is computed by verdicts/claims.ts from the same logs.
  const per = rs.map((r) => {
    const d = r.result.dynamics;
    const rho = spearman(d.map((e) => e.phi[10]), d.map((e) => e.accuracy[10]));
    return `seed ${r.run.seed}: ρ(Φ_10, acc_10) = ${rho?.toFixed(2) ?? '—'}, Φ_10 ${fmtRise(d, (e) => e.phi[10])}, acc_10 ${fmtRise(d, (e) => e.accuracy[10])}`;
  });
  return { markdown: [`![dynamics](${f})`, '', `Per seed: ${per.join('; ')}.`].join('\n') };
}

const fmtRise = (d, f) => `${f(d[0]).toFixed(1)} → ${f(d.at(-1)).toFixed(1)}`;
