// Training dynamics (paper §3.7, §4.5): Φ_T and probe accuracy at evenly spaced checkpoints of the
// Transformer (Muon) runs on the original synthetic data (the training loop's evaluation log).
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { lmRun, lmSystemId, seeds } from '../runs.js';
import { curvePanels } from '../report/charts.js';
import { spearman } from '../verdicts.js';

export const name = 'dynamics';
export const title = 'Training dynamics (Transformer, Muon)';

export function runs(profile: Profile): RunSpec[] {
  return seeds(profile, 'key').map((seed) => lmRun(profile, { seed }));
}

export async function section({ results, figure }: SectionContext) {
  const rs = results.filter((r) => r.status === 'ok' && r.run.kind === 'lm' && r.run.systemId === lmSystemId() && r.result.dynamics?.length);
  if (rs.length === 0) return { markdown: '_No dynamics logs._' };
  const panels = [2, 5, 10].map((T) => ({
    title: `T = ${T}`, yLabel: 'probe accuracy (%)', y2Label: 'Φ_T',
    series: rs.flatMap((r) => [
      { name: `acc s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.accuracy[T]) },
      { name: `Φ s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.phi[T]), axis: 'y2', dash: true },
    ]),
  }));
  const f = await figure('dynamics', { svg: curvePanels('Φ_T (dashed, right axis) and probe accuracy during training', panels), data: rs.map((r) => ({ id: r.id, seed: r.run.seed, log: r.result.dynamics })) });
  // Claim C15: ρ(Φ_10, acc_10) over checkpoints, and final > first for both, per seed.
  const per = rs.map((r) => {
    const d = r.result.dynamics;
    const rho = spearman(d.map((e) => e.phi[10]), d.map((e) => e.accuracy[10]));
    return { seed: r.run.seed, rho, up: d.at(-1).phi[10] > d[0].phi[10] && d.at(-1).accuracy[10] > d[0].accuracy[10] };
  });
  const okSeeds = per.filter((p) => p.rho != null && p.rho > 0.5 && p.up).length;
  const dynamicsVerdict = { verdict: okSeeds === per.length ? 'reproduced' : okSeeds * 2 >= per.length ? 'partly' : 'not reproduced', detail: per.map((p) => `seed ${p.seed}: ρ = ${p.rho?.toFixed(2) ?? '—'}, both rise: ${p.up}`).join('; ') };
  return { markdown: [`![dynamics](${f})`, '', `Per seed: ${dynamicsVerdict.detail}.`].join('\n'), extra: { dynamicsVerdict } };
}
