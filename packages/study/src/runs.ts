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
/** The architectures of the key contrast (Transformer vs LSTM): key seeds and the key budget. */
export const KEY_ARCHS = new Set(['transformer', 'lstm']);
export const archSeeds = (profile: Profile, arch: string) => seeds(profile, KEY_ARCHS.has(arch) ? 'key' : 'other');

function corpusSpec(profile: Profile, source: CorpusSpec['source'], families?: Record<string, number>): CorpusSpec {
  // A mixed corpus is sized like the synthetic one (the budget it must cover without repeating).
  const c = source === 'bundled' ? profile.realCorpus : profile.corpus;
  return { source, tokens: c.tokens, vocabSize: c.vocabSize, ...(families ? { families } : {}) };
}

export interface LmSystem {
  arch?: string;
  optimizer?: OptimizerChoice;
  source?: CorpusSpec['source'];
  perturbation?: string;
  without?: string | null;
  /** A data condition's name (conditions experiment). */
  condition?: string | null;
  /** A model variant's name (scaling experiment). */
  variant?: string | null;
  /** The budget label ('1M', '250k') of a system trained off the key budget; absent at the key budget. */
  budget?: string | null;
}

/** Key systems train at train.tokens; every other LM system at train.otherTokens (default: the same). */
export function budgetOf(profile: Profile, { arch = 'transformer', perturbation = 'none' }: LmSystem = {}): number {
  const key = KEY_ARCHS.has(arch) && KEY_PERTURBATIONS.has(perturbation);
  return key ? profile.train.tokens : (profile.train.otherTokens ?? profile.train.tokens);
}
export const KEY_PERTURBATIONS = new Set(['none', 'swap', 'unigram']);

/** '4M', '250k', '1.5M': a token budget as ids and labels show it. */
export const budgetLabel = (tokens: number): string => (tokens >= 1e6 ? `${+(tokens / 1e6).toFixed(3)}M` : `${+(tokens / 1e3).toFixed(1)}k`);

/** The budget suffix of a run trained with `tokens`: none at the key budget. */
const budgetTag = (profile: Profile, tokens: number) => (tokens === profile.train.tokens ? null : budgetLabel(tokens));

/**
 * The id of an LM system, e.g. 'transformer/muon', 'transformer/muon/swap', 'lstm/adamw/real',
 * 'transformer/muon/cond-no-relational', 'lstm/adamw+L4@1M' (a variant at 1M tokens).
 */
export function lmSystemId({ arch = 'transformer', optimizer = 'muon', source = 'synthetic', perturbation = 'none', without = null, condition = null, variant = null, budget = null }: LmSystem = {}): string {
  const base = [arch, optimizer, ...(perturbation !== 'none' ? [perturbation] : []), ...(without ? [`no-${without}`] : []), ...(condition ? [`cond-${condition}`] : []), ...(source === 'bundled' ? ['real'] : [])].join('/');
  return `${base}${variant ? `+${variant}` : ''}${budget ? `@${budget}` : ''}`;
}

/** The id a profile gives an LM system trained at its role's budget (budgetOf). */
export const lmSystemIdIn = (profile: Profile, sys: LmSystem = {}): string => lmSystemId({ ...sys, budget: budgetTag(profile, budgetOf(profile, sys)) });

/** A system id without its budget suffix: how the same system is found at every budget. */
export const baseSystemId = (id: string): string => id.replace(/@[^/]+$/, '');

export const additionSystemId = (digits: number, optimizer: OptimizerChoice) => `addition-${digits}/${optimizer}`;
export const classicSystemId = (kind: 'word2vec' | 'ppmi', source: CorpusSpec['source'] = 'synthetic') => `${kind}${source === 'bundled' ? '/real' : ''}`;
export const tokenFrequencySystemId = (source: CorpusSpec['source'] = 'synthetic') => `token-frequency${source === 'bundled' ? '/real' : ''}`;

export interface LmRunOptions extends LmSystem {
  seed?: number;
  /** Training tokens (default: budgetOf the system). */
  tokens?: number;
  /** Model field overrides of a variant (with `variant` naming it). */
  modelOverrides?: Record<string, unknown>;
  /** Corpus fields of a data condition (with `condition` naming it). */
  corpusOverrides?: Partial<CorpusSpec>;
}

/** A language-model run: arch × optimizer × corpus × perturbation × condition × variant × budget × seed. */
export function lmRun(profile: Profile, o: LmRunOptions): LmRunSpec {
  const { arch = 'transformer', optimizer = 'muon', perturbation = 'none', without = null, condition = null, variant = null, seed = 0 } = o;
  const source = o.corpusOverrides?.source ?? o.source ?? 'synthetic';
  const tokens = o.tokens ?? budgetOf(profile, { arch, perturbation });
  const budget = budgetTag(profile, tokens);
  const families = without ? Object.fromEntries(FAMILY_NAMES.map((f) => [f, f === without ? 0 : 1])) : undefined;
  // Every run on the original synthetic corpus logs Φ_T and κ at checkpoints: the scaling curves.
  const dynamics = perturbation === 'none' && !without && !condition && source === 'synthetic';
  const archLabel = `${ARCH_LABELS[arch] ?? arch}${variant ? ` ${variant}` : ''} (${OPT_LABELS[optimizer]})`;
  const sys = { arch, optimizer, source, perturbation, without, condition, variant, budget };
  return {
    id: `lm_${arch}_${optimizer}_${source}_${perturbation}_${without ? `no-${without}` : 'all'}${condition ? `_cond-${condition}` : ''}${variant ? `_${variant}` : ''}${budget ? `_t${budget}` : ''}_s${seed}`,
    kind: 'lm', seed, arch, optimizerName: optimizer, perturbation, without, condition, variant, scalingPoint: tokens !== budgetOf(profile, { arch, perturbation }), source,
    systemId: lmSystemId(sys),
    system: `${archLabel}${perturbation !== 'none' ? ` · ${PERTURBATION_LABELS(perturbation)}` : ''}${without ? ` · without ${without}` : ''}${condition ? ` · ${condition}` : ''}${source === 'bundled' && !condition ? ' · real corpus' : ''}${budget ? ` · ${budget} tokens` : ''}`,
    corpus: { ...corpusSpec(profile, source, families), ...(o.corpusOverrides ?? {}) },
    model: { ...modelFor(profile, arch), ...(o.modelOverrides ?? {}) },
    optimizer: { name: optimizer, ...profile.optimizers[optimizer], ...(profile.optimizerOverrides?.[arch]?.[optimizer] ?? {}) },
    train: { ...profile.train, tokens },
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

/**
 * The Transformer (Muon) on the real corpus: the conditions experiment's real-corpus condition when
 * the profile has one (so the run is shared), else a plain real-corpus run; null when disabled.
 */
export function realCorpusLm(profile: Profile): LmRunOptions | null {
  if (!profile.realCorpus.enabled) return null;
  const cond = profile.conditions?.list.find((c) => c.corpus.source === 'bundled');
  return cond ? { condition: cond.name, corpusOverrides: cond.corpus, ...(cond.tokens ? { tokens: cond.tokens } : {}) } : { source: 'bundled' };
}

/** The optimizers a profile trains an architecture with: optimizersFor, else LSTM AdamW (as in the paper) and the others both. */
export const optimizersOf = (profile: Profile, arch: string): OptimizerChoice[] => profile.optimizersFor?.[arch] ?? (arch === 'lstm' ? ['adamw'] : ['muon', 'adamw']);
