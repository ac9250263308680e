// Dissociation + Theorem 1 (paper §1.5–1.7, §4.4): Φ_T and κ for T = 2..10, λ_max(S_W⁻¹S_B),
// cond(S_W), the eigenvalues at T = 10 and the Fisher bounds, for the Transformer, Gated DeltaNet,
// LSTM and the token-frequency signal; plus the counterexample sweep of examples/theorem.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { archSeeds, counterexampleRun, lmRun, lmSystemId, lmSystemIdIn, tokenFrequencyRun, tokenFrequencySystemId } from '../runs.js';
import { counterexampleChart, fisherPanel } from '../report/charts.js';
import { fmt } from '../verdicts.js';
import { FISHER_T } from '../measure.js';

export const name = 'dissociation';
export const title = 'Dissociation and Theorem 1 (Fisher panel, counterexample)';

export function runs(profile: Profile): RunSpec[] {
  const out: RunSpec[] = [counterexampleRun(profile), tokenFrequencyRun(profile)];
  for (const seed of archSeeds(profile, 'lstm')) out.push(lmRun(profile, { arch: 'lstm', optimizer: 'adamw', seed }));
  for (const seed of archSeeds(profile, 'transformer')) out.push(lmRun(profile, { seed }));
  if (profile.archs['gated-deltanet']) out.push(lmRun(profile, { arch: 'gated-deltanet' }));
  return out;
}

export async function section({ systems, byId, figure, paper, profile }: SectionContext) {
  const ids = [lmSystemId(), lmSystemIdIn(profile, { arch: 'gated-deltanet' }), lmSystemId({ arch: 'lstm', optimizer: 'adamw' }), tokenFrequencySystemId()];
  const list = ids.map((id) => systems.get(id)).filter(Boolean);
  const parts: string[] = [];
  if (list.length) {
    const f = await figure('fisher-panel', fisherPanel(list));
    parts.push(`![Fisher panel](${f})`, '',
      '| system | seeds | Φ_2 | Φ_5 | Φ_10 | λ_max (T=10) | cond(S_W) | paper λ_max | paper Φ_10 | paper cond |', '|---|---|---|---|---|---|---|---|---|---|',
      ...list.map((s) => { const p = paper.fisher[s.system] ?? {}; return `| ${s.system} | ${s.seeds} | ${fmt(s.phi[2].mean)} | ${fmt(s.phi[5].mean)} | ${fmt(s.phi[10].mean)} | ${fmt(s.lambdaMax.mean)} ± ${fmt(s.lambdaMax.std)} | ${fmt(s.condSW.mean)} | ${p.lambdaMax ?? '—'} | ${p.phi10 ?? '—'} | ${p.condSW ?? '—'} |`; }),
      '', 'Φ_T on raw embeddings; our models are tiny, so absolute Φ values are not comparable with the paper\'s (they scale with d·σ²). Compare ratios: the paper\'s LSTM has 10× the Transformer\'s Φ_10 but 1/80 of its λ_max.');
    const boundRows = list.map((s) => byId.get(s.runs[0])?.result?.fisher?.[FISHER_T]).map((f, i) => (f ? `| ${list[i].system} | ${fmt(f.lower)} | ${fmt(f.lambdaMax)} | ${fmt(f.upper)} | ${f.holdsLower && f.holdsUpper ? 'yes' : 'NO'} |` : ''));
    parts.push('', 'Fisher bounds (paper §1.7) for the first seed of each system:', '', '| system | lower | λ_max | upper | holds |', '|---|---|---|---|---|', ...boundRows);
  }
  const ce = byId.get('counterexample');
  let counterexampleVerdict;
  if (ce?.status === 'ok') {
    const { sweep } = ce.result;
    const f = await figure('counterexample', counterexampleChart(sweep));
    // The paper's two printed points: B = 0.03 (100.0%) and B = 31 (10.9%), both with Φ_T = 206250.
    const at = (B) => sweep.rows.find((r) => Math.abs(r.B - B) < 1e-12);
    const small = at(0.03); const large = at(31);
    const phiConst = sweep.rows.every((r) => Math.abs(r.phi - 206250) / 206250 < 1e-9);
    counterexampleVerdict = small && large
      ? { verdict: phiConst && small.accuracy === 1 && Math.abs(large.accuracy - 0.109) < 1e-9 ? 'reproduced' : 'not reproduced', detail: `Φ_T = ${small.phi.toFixed(3)} at every B (constant to 1e-9: ${phiConst}); exact best linear accuracy ${(100 * small.accuracy).toFixed(1)}% at B = 0.03 and ${(100 * large.accuracy).toFixed(1)}% at B = 31 (paper: 100.0% and 10.9%)` }
      : { verdict: 'not tested', detail: 'the sweep lacks B = 0.03 or B = 31' };
    parts.push('', `![counterexample](${f})`, '', `Counterexample (examples/theorem sweep): ${counterexampleVerdict.detail}.`);
  }
  return { markdown: parts.join('\n') || '_No finished runs._', extra: { counterexampleVerdict } };
}
