// Run specs as plain data. A run's id is derived from everything that changes it, so two
// experiments that need the same run (e.g. Transformer/Muon on the original data) share it.
// Each run names its system by a stable id (what lookups use) and a display name (what the report prints).
import { SIGNAL_FAMILIES, type CorpusSpec } from '@numfeat/data-gen';
import { ARCHITECTURES, configFields, type ModelSpec } from '@numfeat/models';
import type { AdditionRunSpec, ClassicRunSpec, CounterexampleRunSpec, LmRunSpec, OptimizerChoice, Profile, TokenFrequencyRunSpec } from './types.js';

/** The profile's shared model fields that this architecture has (e.g. an LSTM has no dModel), then its own overrides. */
export function modelFor(profile: Profile, arch: string): ModelSpec {
  const valid = ARCHITECTURES.includes(arch as never) ? configFields(arch) : Object.keys(profile.model);
  const shared = Object.fromEntries(Object.entries(profile.model).filter(([k]) => valid.includes(k)));
  return { arch, ...shared, ...(profile.archs[arch] ?? {}) };
}

export const FAMILY_NAMES = Object.keys(SIGNAL_FAMILIES);
export const ARCH_LABELS: Record<string, string> = { transformer: 'Transformer', 'gated-deltanet': 'Gated DeltaNet', mamba2: 'Mamba-2', lstm: 'LSTM' };
export const OPT_LABELS: Record<OptimizerChoice, string> = { muon: 'Muon', adamw: 'AdamW' };
export const PERTURBATION_LABELS = (p: string): string =>
  ({ none: 'Original', swap: 'Swap Numbers', unigram: 'Unigram Replace' })[p] ?? (p.startsWith('ctx-') ? `Context Length ${p.slice(4)}` : p.startsWith('isolate-') ? `Isolate (k=${p.slice(8)})` : p);

export type SeedRole = keyof Profile['seeds'];
export const seeds = (profile: Profile, role: SeedRole): number[] => Array.from({ length: profile.seeds[role] }, (_, i) => i);

/** Seeds of an architecture's runs: Transformer vs LSTM is a key contrast, so both get the key seeds. */
export const archSeeds = (profile: Profile, arch: string) => seeds(profile, arch === 'transformer' || arch === 'lstm' ? 'key' : 'other');

function corpusSpec(profile: Profile, source: CorpusSpec['source'], families?: Record<string, number>): CorpusSpec {
  const c = source === 'bundled' ? profile.realCorpus : profile.corpus;
  return { source, tokens: c.tokens, vocabSize: c.vocabSize, ...(families ? { families } : {}) };
}

export interface LmSystem {
  arch?: string;
  optimizer?: OptimizerChoice;
  source?: CorpusSpec['source'];
  perturbation?: string;
  without?: string | null;
}

/** The id of an LM system, e.g. 'transformer/muon', 'transformer/muon/swap', 'transformer/muon/no-dates', 'lstm/adamw/real'. */
export function lmSystemId({ arch = 'transformer', optimizer = 'muon', source = 'synthetic', perturbation = 'none', without = null }: LmSystem = {}): string {
  return [arch, optimizer, ...(perturbation !== 'none' ? [perturbation] : []), ...(without ? [`no-${without}`] : []), ...(source === 'bundled' ? ['real'] : [])].join('/');
}
export const additionSystemId = (digits: number, optimizer: OptimizerChoice) => `addition-${digits}/${optimizer}`;
export const classicSystemId = (kind: 'word2vec' | 'ppmi', source: CorpusSpec['source'] = 'synthetic') => `${kind}${source === 'bundled' ? '/real' : ''}`;
export const tokenFrequencySystemId = (source: CorpusSpec['source'] = 'synthetic') => `token-frequency${source === 'bundled' ? '/real' : ''}`;

/** A language-model run: arch × optimizer × corpus × perturbation × seed. */
export function lmRun(profile: Profile, { arch = 'transformer', optimizer = 'muon', source = 'synthetic', perturbation = 'none', without = null, seed = 0 }: LmSystem & { seed?: number }): LmRunSpec {
  const families = without ? Object.fromEntries(FAMILY_NAMES.map((f) => [f, f === without ? 0 : 1])) : undefined;
  const dynamics = arch === 'transformer' && perturbation === 'none' && !without && source === 'synthetic';
  const archLabel = `${ARCH_LABELS[arch] ?? arch} (${OPT_LABELS[optimizer]})`;
  return {
    id: `lm_${arch}_${optimizer}_${source}_${perturbation}_${without ? `no-${without}` : 'all'}_s${seed}`,
    kind: 'lm', seed, arch, optimizerName: optimizer, perturbation, without, source,
    systemId: lmSystemId({ arch, optimizer, source, perturbation, without }),
    system: `${archLabel}${perturbation !== 'none' ? ` · ${PERTURBATION_LABELS(perturbation)}` : ''}${without ? ` · without ${without}` : ''}${source === 'bundled' ? ' · real corpus' : ''}`,
    corpus: corpusSpec(profile, source, families),
    model: modelFor(profile, arch),
    optimizer: { name: optimizer, ...profile.optimizers[optimizer] },
    train: profile.train,
    dynamics,
    analysis: profile.analysis,
  };
}

export function additionRun(profile: Profile, { digits, optimizer, seed }: { digits: number; optimizer: OptimizerChoice; seed: number }): AdditionRunSpec {
  const a = profile.addition;
  return {
    id: `add_${digits}digit_${optimizer}_s${seed}`, kind: 'addition', seed, digits, optimizerName: optimizer,
    systemId: additionSystemId(digits, optimizer),
    system: `${digits}-digit addition (${OPT_LABELS[optimizer]})`,
    model: { arch: 'transformer', ...a.model },
    optimizer: { name: optimizer, ...profile.optimizers[optimizer], ...(a.optimizerOverrides?.[optimizer] ?? {}) },
    train: { tokens: a.tokens, batchSize: a.batchSize, evalPoints: a.evalPoints, warmup: profile.train.warmup },
    examples: a.examples, analysis: profile.analysis,
  };
}

export function classicRun(profile: Profile, kind: 'word2vec' | 'ppmi', source: CorpusSpec['source'] = 'synthetic'): ClassicRunSpec {
  return { id: `${kind}_${source}_s0`, kind, seed: 0, systemId: classicSystemId(kind, source), system: `${kind === 'ppmi' ? 'PPMI' : 'word2vec'}${source === 'bundled' ? ' · real corpus' : ''}`, corpus: corpusSpec(profile, source), params: profile.classic[kind], analysis: profile.analysis };
}

export function tokenFrequencyRun(profile: Profile, source: CorpusSpec['source'] = 'synthetic'): TokenFrequencyRunSpec {
  return { id: `tokenfreq_${source}`, kind: 'token-frequency', seed: 0, systemId: tokenFrequencySystemId(source), system: `Token Dist.${source === 'bundled' ? ' · real corpus' : ''}`, corpus: corpusSpec(profile, source), analysis: profile.analysis };
}

export function counterexampleRun(profile: Profile): CounterexampleRunSpec {
  return { id: 'counterexample', kind: 'counterexample', seed: 0, systemId: 'counterexample', system: 'Counterexample', points: profile.counterexample.points };
}
