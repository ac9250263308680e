// The claims from the paper (§3–§4), each with the systems it needs and its rule. evaluateClaims
// is a pure function of the aggregated systems (plus the planned runs, for "not tested"), so it
// can be called once per training budget.
import { NumfeatError } from '@numfeat/tensor/core';
import { additionSystemId, classicSystemId, lmSystemId, tokenFrequencySystemId } from '../runs.js';
import type { RunSpec } from '../types.js';
import { FISHER_ORDERS, KAPPA_MIN_EFFECT, MARGIN_SE, MIN_SEEDS, OPTIMIZER_MIN_EFFECT, RHO_MIN_EFFECT, type VerdictName } from './constants.js';
import { atChanceRule, classStanding, contrastRule, everySystemRule, informativeKappa, spectralStanding, unchangedRule, type Verdict } from './rules.js';
import { fmt, meanStd, spearman, type Stat } from './stats.js';
import { isVariant, type ClassKey } from './systems.js';

export interface Claim extends Verdict {
  id: string;
  source: string;
  claim: string;
  /** The system ids the claim reads. */
  systems: string[];
  /** The training budget (tokens) these systems were trained with, when the caller evaluates per budget. */
  budget?: number;
}

export interface ClaimInputs {
  /** The study's planned runs (id, systemId, kind…): a needed system with a missing or failed planned run makes a claim "not tested". */
  plan?: readonly Pick<RunSpec, 'id' | 'systemId'>[] & readonly Partial<RunSpec>[];
  /** Copied into every claim. */
  budget?: number;
  /** Claim C16 (the counterexample), from the dissociation section. */
  counterexampleVerdict?: { verdict: string; detail: string };
  [extra: string]: unknown;
}

type Systems = Map<string, any>;
interface ClaimDef { id: string; source: string; claim: string; needs: string[]; judge: () => Verdict }

const T = (optimizer: 'muon' | 'adamw') => lmSystemId({ optimizer });
const LSTM = lmSystemId({ arch: 'lstm', optimizer: 'adamw' });

/** Pools the per-seed values of several systems into one Stat (3-digit addition over both optimizers). */
function pooled(systems: Systems, ids: string[], pick: (s: any) => Stat): Stat | undefined {
  const list = ids.map((id) => systems.get(id)).filter(Boolean);
  return list.length === ids.length && ids.length ? meanStd(list.flatMap((s) => pick(s).values ?? [])) : undefined;
}

/** κ contrast with the "far higher"/"lowers" minimum and the higher side's informative precondition. */
function kappaContrast(systems: Systems, a: string | Stat | undefined, b: string | Stat | undefined, names: [string, string], min = KAPPA_MIN_EFFECT): Verdict {
  const ka = typeof a === 'string' ? systems.get(a)?.kappa[10] : a;
  const kb = typeof b === 'string' ? systems.get(b)?.kappa[10] : b;
  return contrastRule(ka, kb, { min, names, unit: ' κ points', precondition: informativeKappa(names[0], ka) });
}

/** C15: Spearman ρ(Φ_10, acc_10) per seed over checkpoints; contrast of ρ against 0 with minimum RHO_MIN_EFFECT. */
export function dynamicsRule(logs: { seed: number; log: { phi: Record<string, number>; accuracy: Record<string, number> }[] }[] | undefined): Verdict {
  if (!logs?.length) return { verdict: 'not tested', detail: 'no dynamics logs', reason: 'no dynamics logs' };
  const kappaOf = (acc: number) => (acc - 10) / 0.9;
  const per = logs.map(({ seed, log }) => ({
    seed,
    rho: spearman(log.map((e) => e.phi[10]), log.map((e) => e.accuracy[10])),
    dPhi: log.at(-1)!.phi[10] - log[0].phi[10],
    dAcc: log.at(-1)!.accuracy[10] - log[0].accuracy[10],
    finalKappa: kappaOf(log.at(-1)!.accuracy[10]),
  }));
  const perText = per.map((p) => `seed ${p.seed}: ρ = ${fmt(p.rho)}, ΔΦ_10 = ${fmt(p.dPhi)}, Δacc_10 = ${fmt(p.dAcc)}`).join('; ');
  const rho = meanStd(per.map((p) => p.rho));
  const zero: Stat = { mean: 0, std: 0, n: Infinity, se: 0, exact: true };
  const v = contrastRule(rho, zero, { min: RHO_MIN_EFFECT, names: ['mean ρ', '0'], precondition: informativeKappa('final κ_10', meanStd(per.map((p) => p.finalKappa))) });
  const rises = [meanStd(per.map((p) => p.dPhi)), meanStd(per.map((p) => p.dAcc))].every((s) => s.n >= MIN_SEEDS && s.mean! - MARGIN_SE * (s.se ?? 0) > 0);
  // Each seed must show it too: with 3 seeds a 2·SE margin alone lets an unrelated Φ through now and then.
  const everySeed = per.every((p) => p.rho != null && p.rho >= RHO_MIN_EFFECT);
  if (v.verdict === 'reproduced' && !(rises && everySeed)) return { verdict: 'partly', detail: `${v.detail}; ${perText} (${!everySeed ? `ρ < ${RHO_MIN_EFFECT} in some seed` : 'both rising not shown with margin'})` };
  return { ...v, detail: `${v.detail}; ${perText}` };
}

function definitions(systems: Systems, inputs: ClaimInputs, ids: (pred: (run: Partial<RunSpec>) => boolean) => string[]): ClaimDef[] {
  const kappa = (id: string) => systems.get(id)?.kappa[10];
  const nine = ids((r) => r.kind === 'addition' && r.digits === 9);
  const three = ids((r) => r.kind === 'addition' && r.digits === 3);
  const additionKappa = (list: string[]) => pooled(systems, list, (s) => s.kappa[10]);
  const classClaim = (list: string[], expected: ClassKey) => everySystemRule(list.map((id) => classStanding(systems.get(id), expected)), list.map((id) => describe(systems.get(id))).join('; '));
  const spectralSystems = ids((r) => r.kind === 'lm' || r.kind === 'word2vec' || r.kind === 'ppmi' || r.kind === 'token-frequency');
  const lmBase = ids((r) => r.kind === 'lm' && !isVariant(r as RunSpec) && r.arch !== 'lstm');
  return [
    {
      id: 'C1', source: 'paper §3.1, §3.9', claim: 'Every trained system and the token-frequency signal spikes at periods T = 10, 5, 2 (spectral convergence).', needs: spectralSystems,
      judge: () => {
        const list = spectralSystems.map((id) => systems.get(id));
        const text = (variant: boolean) => list.filter((s) => s.variant === variant).map((s) => `${s.system} [${s.classification.spiking.join(',') || '—'}; ${spectralStanding(s)}]`).join('; ') || '—';
        return everySystemRule(list.map(spectralStanding), `base systems: ${text(false)}. Variants (counted): ${text(true)}`);
      },
    },
    {
      id: 'C2', source: 'paper §3.6, §4.4', claim: 'The raw number-token frequency signal spikes at T = 2, 5, 10 but its probe stays near chance (Spectral Convergence Only).', needs: [tokenFrequencySystemId(), T('muon')],
      judge: () => {
        const pre = informativeKappa('Transformer (Muon)', kappa(T('muon')));
        const v = classClaim([tokenFrequencySystemId()], 'spectral');
        return pre ? { verdict: 'inconclusive', detail: `${v.detail} — inconclusive: ${pre}`, reason: pre } : v;
      },
    },
    { id: 'C3', source: 'paper §4.2, §4.7', claim: 'Transformer (Muon) reaches far higher κ_10 than the LSTM (AdamW) trained on identical data.', needs: [T('muon'), LSTM], judge: () => kappaContrast(systems, T('muon'), LSTM, ['Transformer (Muon)', 'LSTM (AdamW)']) },
    {
      id: 'C4', source: 'paper §4.4', claim: "The Fisher discriminant λ_max(S_W⁻¹S_B) at T = 10 of the Transformer (Muon) is two orders of magnitude above the LSTM's.", needs: [T('muon'), LSTM],
      judge: () => contrastRule(systems.get(T('muon'))?.logLambdaMax, systems.get(LSTM)?.logLambdaMax, { min: FISHER_ORDERS.reproduced, partly: FISHER_ORDERS.partly, names: ['log10 λ_max Transformer (Muon)', 'LSTM (AdamW)'], unit: ' decades', precondition: informativeKappa('Transformer (Muon)', kappa(T('muon'))) }),
    },
    { id: 'C5', source: 'paper §4.1', claim: 'Swap Numbers lowers κ_10 relative to the original data (85.4 → 28.8).', needs: [T('muon'), lmSystemId({ perturbation: 'swap' })], judge: () => kappaContrast(systems, T('muon'), lmSystemId({ perturbation: 'swap' }), ['Original', 'Swap Numbers']) },
    { id: 'C6', source: 'paper §4.1', claim: 'Unigram Replace drops κ_10 to chance.', needs: [T('muon'), lmSystemId({ perturbation: 'unigram' })], judge: () => atChanceRule(kappa(lmSystemId({ perturbation: 'unigram' })), kappa(T('muon')), ['Unigram Replace', 'Original'], KAPPA_MIN_EFFECT) },
    { id: 'C7', source: 'paper §4.1', claim: 'Shorter context lowers κ_10 (Original > Context Length 2).', needs: [T('muon'), lmSystemId({ perturbation: 'ctx-2' })], judge: () => kappaContrast(systems, T('muon'), lmSystemId({ perturbation: 'ctx-2' }), ['Original', 'Context Length 2']) },
    { id: 'C8', source: 'paper §4.1', claim: 'Less cross-number interaction lowers κ_10 (Original > Isolate k=1).', needs: [T('muon'), lmSystemId({ perturbation: 'isolate-1' })], judge: () => kappaContrast(systems, T('muon'), lmSystemId({ perturbation: 'isolate-1' }), ['Original', 'Isolate (k=1)']) },
    {
      id: 'C9', source: 'paper §3.3, §4.1', claim: 'Perturbations leave the Fourier spikes nearly unchanged (spike height at ν = 0.1, Swap Numbers vs Original).', needs: [T('muon'), lmSystemId({ perturbation: 'swap' })],
      judge: () => unchangedRule(systems.get(lmSystemId({ perturbation: 'swap' }))?.spikes[10], systems.get(T('muon'))?.spikes[10], ['Swap Numbers', 'Original']),
    },
    { id: 'C10', source: 'paper §3.4', claim: 'Muon improves probing for the Transformer (κ_10 Muon > AdamW: 85.4 vs 72.1).', needs: [T('muon'), T('adamw')], judge: () => kappaContrast(systems, T('muon'), T('adamw'), ['Transformer (Muon)', 'Transformer (AdamW)'], OPTIMIZER_MIN_EFFECT) },
    { id: 'C11', source: 'paper §3.8, §4.3', claim: '9-digit (multi-token) addition gives far higher κ_10 than 3-digit (single-token) addition.', needs: [...nine, ...three], judge: () => kappaContrast(systems, additionKappa(nine), additionKappa(three), ['9-digit addition', '3-digit addition']) },
    { id: 'C12', source: 'paper §3.8, §4.3', claim: '3-digit (single-token) addition leaves κ near chance.', needs: [...nine, ...three], judge: () => atChanceRule(additionKappa(three), additionKappa(nine), ['3-digit addition', '9-digit addition'], KAPPA_MIN_EFFECT) },
    { id: 'C13', source: 'paper §3.5', claim: 'PPMI and word2vec show spikes but only moderate probing (Spectral & Partial Geometric Convergence).', needs: [classicSystemId('ppmi'), classicSystemId('word2vec')], judge: () => classClaim([classicSystemId('ppmi'), classicSystemId('word2vec')], 'partial') },
    { id: 'C14', source: 'paper §3.9', claim: 'Transformers and linear RNNs trained as LMs reach Both Spectral & Geometric Convergence.', needs: lmBase, judge: () => classClaim(lmBase, 'both') },
    { id: 'C15', source: 'paper §3.7, §4.5', claim: 'During training Φ_10 and probe accuracy rise together (Spearman ρ across checkpoints ≥ 0.8, final > first for both).', needs: [T('muon')], judge: () => dynamicsRule(systems.get(T('muon'))?.dynamics) },
    {
      id: 'C16', source: 'paper §1.6 (Theorem 1(ii))', claim: 'The counterexample keeps Φ_T fixed (206250) while the best linear accuracy falls from 100% to 10.9%.', needs: [],
      judge: () => (inputs.counterexampleVerdict as Verdict | undefined) ?? { verdict: 'not tested', detail: 'counterexample not run', reason: 'counterexample not run' },
    },
  ];
}

const describe = (s: any) => `${s.system}: ${s.classification.label}${s.classification.uncertain ? ` — uncertain (${s.classification.uncertain})` : ''} (G = ${fmt(s.G.mean)} ± ${fmt(s.G.se)} SE, n = ${Number.isFinite(s.G.n) ? s.G.n : 'exact'}; spikes at T = ${s.classification.spiking.join(', ') || 'none'})`;

/**
 * Every claim's verdict. `systems` is aggregateSystems' map (of one training budget); `inputs.plan`
 * the planned runs: a claim that needs a system with a missing or failed planned run is "not
 * tested" and names the runs (without a plan, a needed system absent from `systems` is).
 */
export function evaluateClaims(systems: Systems, inputs: ClaimInputs = {}): Claim[] {
  if (!(systems instanceof Map)) throw new NumfeatError('BAD_ARGUMENT', 'evaluateClaims expects the Map from aggregateSystems', { fix: 'pass aggregateSystems(results)' });
  const plan = inputs.plan;
  const ids = (pred: (run: Partial<RunSpec>) => boolean) => [...new Set(plan ? plan.filter((r) => pred(r as Partial<RunSpec>)).map((r) => r.systemId) : [...systems.values()].filter((s) => pred(s.run)).map((s) => s.id))].sort();
  const okRuns = new Set([...systems.values()].flatMap((s) => s.runs));
  const missing = (id: string) => {
    if (plan) {
      const planned = plan.filter((r) => r.systemId === id);
      if (planned.length === 0) return `system ${id} is not planned in this study`;
      const lost = planned.filter((r) => !okRuns.has(r.id)).map((r) => r.id);
      return lost.length ? `runs missing or failed: ${lost.join(', ')}` : null;
    }
    return systems.has(id) ? null : `no finished runs of ${id}`;
  };
  return definitions(systems, inputs, ids).map((d) => {
    const gaps = d.needs.map(missing).filter((x): x is string => !!x);
    const empty = d.id !== 'C16' && d.needs.length === 0;
    const v: Verdict = gaps.length || empty
      ? { verdict: 'not tested' as VerdictName, detail: gaps.join('; ') || 'no systems planned', reason: gaps.join('; ') || 'no systems planned' }
      : d.judge();
    return { id: d.id, source: d.source, claim: d.claim, systems: d.needs, ...v, ...(inputs.budget !== undefined ? { budget: inputs.budget } : {}) };
  });
}
