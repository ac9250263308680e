// Addition (paper §3.8, §4.3, §4.6): 9-digit multi-token (3-digit chunk tokens, mod 1000 per
// position) vs 3-digit single-token addition, Muon and AdamW, ≥ 2 seeds; accuracy curves and κ.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { additionRun, additionSystemId, seeds } from '../runs.js';
import type { OptimizerChoice } from '../types.js';
import { curvePanels, kappaComparison, seedColor, seedKey, styleKey } from '../report/charts.js';
import { MODULI } from '../measure.js';

const TEST_DASH = '6 3';
const TOKEN_DASH = '2 3';

export const name = 'addition';
export const title = 'Addition: multi-token vs single-token';

export function runs(profile: Profile): RunSpec[] {
  const out: RunSpec[] = [];
  for (const digits of profile.addition.digits) for (const optimizer of profile.addition.optimizers) for (const seed of seeds(profile, 'addition')) out.push(additionRun(profile, { digits, optimizer, seed }));
  return out;
}

export async function section({ results, systems, figure, paper }: SectionContext) {
  const rs = results.filter((r) => r.status === 'ok' && r.run.kind === 'addition');
  if (rs.length === 0) return { markdown: '_No finished addition runs._' };
  const panels = [...new Set(rs.map((r) => r.run.system))].map((sys) => ({
    title: sys, yLabel: 'accuracy (%)', yDomain: [0, 100],
    series: rs.filter((r) => r.run.system === sys).flatMap((r) => [
      { name: `train s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.trainAccuracy), color: seedColor(r.run.seed) },
      { name: `test s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.testAccuracy), dash: TEST_DASH, color: seedColor(r.run.seed) },
      ...(r.result.dynamics[0]?.testTokenAccuracy !== undefined ? [{ name: `test per-token s${r.run.seed}`, x: r.result.dynamics.map((e) => e.tokens), y: r.result.dynamics.map((e) => e.testTokenAccuracy), dash: TOKEN_DASH, color: seedColor(r.run.seed) }] : []),
    ]),
  }));
  const perToken = rs.some((r) => r.result.dynamics[0]?.testTokenAccuracy !== undefined);
  const legend = [...seedKey([...new Set(rs.map((r) => r.run.seed))].sort((a, b) => a - b)), ...styleKey([{ name: 'train, exact match' }, { name: 'test, exact match', dash: TEST_DASH }, ...(perToken ? [{ name: 'test, per answer token', dash: TOKEN_DASH }] : [])])];
  const f1 = await figure('addition-curves', { svg: curvePanels('Addition: accuracy during training', panels, { legend }), data: rs.map((r) => ({ id: r.id, curve: r.result.dynamics })) });
  // κ rows: 9-digit pooled over our seeds (the paper shows one run per optimizer); 3-digit per run,
  // our i-th seed beside the paper's i-th seed (42, 123) — seeds are labels, not matched randomness.
  const paperSeeds = [42, 123];
  const rows: string[] = [];
  const ours: Record<string, number[]> = {};
  const paperRows: Record<string, unknown> = {};
  for (const opt of ['Muon', 'AdamW']) {
    const nine = systems.get(additionSystemId(9, opt.toLowerCase() as OptimizerChoice));
    rows.push(`9-digit (${opt})`);
    if (nine) ours[`9-digit (${opt})`] = MODULI.map((T) => nine.kappa[T].mean);
    paperRows[`9-digit (${opt})`] = paper.addition[`9-digit addition (${opt})`];
  }
  for (const opt of ['Muon', 'AdamW']) {
    paperSeeds.forEach((ps, i) => {
      const label = `3-digit (${opt}) run ${i + 1}: ours seed ${i}, paper seed ${ps}`;
      rows.push(label);
      const r = rs.find((x) => x.run.kind === 'addition' && x.run.digits === 3 && x.run.optimizerName === opt.toLowerCase() && x.run.seed === i);
      if (r) ours[label] = MODULI.map((T) => r.result.kappa[T]);
      paperRows[label] = paper.addition[`3-digit addition (${opt}) seed ${ps}`];
    });
  }
  const f2 = await figure('kappa-addition', kappaComparison('Addition', rows, ours, paperRows));
  const table = rs.map((r) => `| ${r.run.system} | ${r.run.seed} | ${r.result.dynamics.at(-1).trainAccuracy.toFixed(1)} | ${r.result.dynamics.at(-1).testAccuracy.toFixed(1)} | ${r.result.dynamics.at(-1).testTokenAccuracy?.toFixed(1) ?? '—'} | ${r.result.kappa[10].toFixed(1)} | ${r.result.spikes[10].toFixed(2)} |`);
  return { markdown: [`![addition curves](${f1})`, '', `![κ addition](${f2})`, '', '| run | seed | final train exact | final test exact | final test per-token | κ_10 | m(0.1) |', '|---|---|---|---|---|---|---|', ...table].join('\n') };
}
