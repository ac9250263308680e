// Run specs as plain data. A run's id is derived from everything that changes it, so two
// experiments that need the same run (e.g. Transformer/Muon on the original data) share it.
import { SIGNAL_FAMILIES } from '@numfeat/data-gen';
import { ARCHITECTURES, configFields } from '@numfeat/models';

/** The profile's shared model fields that this architecture has (e.g. an LSTM has no dModel), then its own overrides. */
export function modelFor(profile, arch) {
  const valid = ARCHITECTURES.includes(arch) ? configFields(arch) : Object.keys(profile.model);
  const shared = Object.fromEntries(Object.entries(profile.model).filter(([k]) => valid.includes(k)));
  return { arch, ...shared, ...(profile.archs[arch] ?? {}) };
}

export const FAMILY_NAMES = Object.keys(SIGNAL_FAMILIES);
export const ARCH_LABELS = { transformer: 'Transformer', 'gated-deltanet': 'Gated DeltaNet', mamba2: 'Mamba-2', lstm: 'LSTM' };
export const OPT_LABELS = { muon: 'Muon', adamw: 'AdamW' };
export const PERTURBATION_LABELS = (p) => ({ none: 'Original', swap: 'Swap Numbers', unigram: 'Unigram Replace' })[p]
  ?? (p.startsWith('ctx-') ? `Context Length ${p.slice(4)}` : p.startsWith('isolate-') ? `Isolate (k=${p.slice(8)})` : p);

const seedsFor = (profile, role) => Array.from({ length: profile.seeds[role] }, (_, i) => i);

/** Seeds of an architecture's runs: Transformer vs LSTM is a key contrast, so both get the key seeds. */
export const archSeeds = (profile, arch) => seedsFor(profile, arch === 'transformer' || arch === 'lstm' ? 'key' : 'other');

function corpusSpec(profile, source, families) {
  const c = source === 'bundled' ? profile.realCorpus : profile.corpus;
  return { source, tokens: c.tokens, vocabSize: c.vocabSize, ...(families ? { families } : {}) };
}

/** A language-model run: arch × optimizer × corpus × perturbation × seed. */
export function lmRun(profile, { arch = 'transformer', optimizer = 'muon', source = 'synthetic', perturbation = 'none', without = null, seed = 0 }) {
  const families = without ? Object.fromEntries(FAMILY_NAMES.map((f) => [f, f === without ? 0 : 1])) : undefined;
  const dynamics = arch === 'transformer' && perturbation === 'none' && !without && source === 'synthetic';
  const archLabel = `${ARCH_LABELS[arch] ?? arch} (${OPT_LABELS[optimizer]})`;
  return {
    id: `lm_${arch}_${optimizer}_${source}_${perturbation}_${without ? `no-${without}` : 'all'}_s${seed}`,
    kind: 'lm', seed, arch, optimizerName: optimizer, perturbation, without, source,
    system: `${archLabel}${perturbation !== 'none' ? ` · ${PERTURBATION_LABELS(perturbation)}` : ''}${without ? ` · without ${without}` : ''}${source === 'bundled' ? ' · real corpus' : ''}`,
    corpus: corpusSpec(profile, source, families),
    model: modelFor(profile, arch),
    optimizer: { name: optimizer, ...profile.optimizers[optimizer] },
    train: profile.train,
    dynamics,
    analysis: profile.analysis,
  };
}

export function additionRun(profile, { digits, optimizer, seed }) {
  const a = profile.addition;
  return {
    id: `add_${digits}digit_${optimizer}_s${seed}`, kind: 'addition', seed, digits, optimizerName: optimizer,
    system: `${digits}-digit addition (${OPT_LABELS[optimizer]})`,
    model: { arch: 'transformer', ...a.model },
    optimizer: { name: optimizer, ...profile.optimizers[optimizer], ...(a.optimizerOverrides?.[optimizer] ?? {}) },
    train: { tokens: a.tokens, batchSize: a.batchSize, evalPoints: a.evalPoints, warmup: profile.train.warmup },
    examples: a.examples, analysis: profile.analysis,
  };
}

export function classicRun(profile, kind, source = 'synthetic') {
  return { id: `${kind}_${source}_s0`, kind, seed: 0, system: `${kind === 'ppmi' ? 'PPMI' : 'word2vec'}${source === 'bundled' ? ' · real corpus' : ''}`, corpus: corpusSpec(profile, source), params: profile.classic[kind], analysis: profile.analysis };
}

export function tokenFrequencyRun(profile, source = 'synthetic') {
  return { id: `tokenfreq_${source}`, kind: 'token-frequency', seed: 0, system: `Token Dist.${source === 'bundled' ? ' · real corpus' : ''}`, corpus: corpusSpec(profile, source), analysis: profile.analysis };
}

export function counterexampleRun(profile) {
  return { id: 'counterexample', kind: 'counterexample', seed: 0, system: 'Counterexample', points: profile.counterexample.points };
}

export const seeds = seedsFor;
