// Profiles are data files (profiles/<name>.json) a user can copy and edit. They are validated on
// load, section by section with the SAME rules as a training run's config (@numfeat/models'
// run-config schema): an unknown field or a bad value is a NumfeatError 'BAD_CONFIG' naming it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_RULE } from '@numfeat/data-gen';
import { ARCHITECTURES, OPTIMIZER_RULE, configFields, PERTURBATION_RULE, TRAIN_RULE, modelRule } from '@numfeat/models';
import { NumfeatError, isNumfeatError, pickFields, rules, validateConfig, type FieldRule } from '@numfeat/core';
import { packageFile } from './package-files.js';
import { FAMILY_NAMES, modelFor } from './runs.js';
import type { Profile } from './types.js';

/** The shipped profiles (quick, standard, full): packages/study/profiles, beside src/ and dist/. */
export const PROFILE_DIR = packageFile('profiles');

const SOURCE = 'profile';
const object = (v: unknown, fail: (p: string, f: string) => never) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`must be an object, got ${JSON.stringify(v)}`, 'write a JSON object, e.g. {}');
};
/** Parameters handed to a baseline's own validating trainer (word2vec, PPMI). */
const params: FieldRule = { kind: 'custom', check: object };
/** Model fields shared by the architectures: each must belong to some architecture (values are checked per architecture below). */
const sharedModel: FieldRule = {
  kind: 'custom',
  check: (v, fail) => {
    object(v, fail);
    const { arch: _arch, ...fields } = v as Record<string, unknown>;
    for (const k of Object.keys(fields)) {
      if (!ARCHITECTURES.some((a) => configFields(a).includes(k))) {
        fail('is not a config field of any architecture', 'remove it or move it under archs.<name>', k);
      }
    }
  },
};
const corpusSize = pickFields(CORPUS_RULE, ['tokens', 'vocabSize']);
/** 'arch/optimizer', e.g. 'transformer/muon'. */
const archOptimizer = rules.oneOf(...ARCHITECTURES.flatMap((a) => ['muon', 'adamw'].map((o) => `${a}/${o}`)));

export const PROFILE_RULE = rules.object(
  {
    name: rules.string(),
    version: rules.int(1),
    description: rules.string(),
    backend: rules.oneOf('wasm', 'cpu', 'webgpu', 'tensorflow', 'auto'),
    expectedMinutes: rules.object({ value: rules.number(0), cores: rules.int(1), basis: rules.string() }, ['value', 'cores', 'basis']),
    seeds: rules.object({ key: rules.int(1), other: rules.int(1), addition: rules.int(1) }, ['key', 'other', 'addition']),
    corpus: corpusSize,
    realCorpus: rules.object({ enabled: rules.boolean(), ...corpusSize.fields }, ['enabled', 'tokens', 'vocabSize']),
    model: sharedModel,
    archs: rules.object(Object.fromEntries(ARCHITECTURES.map((a) => [a, params]))),
    optimizers: rules.object({ muon: OPTIMIZER_RULE, adamw: OPTIMIZER_RULE }, ['muon', 'adamw']),
    optimizersFor: rules.object(Object.fromEntries(ARCHITECTURES.map((a) => [a, rules.list(rules.oneOf('muon', 'adamw'))]))),
    optimizerOverrides: rules.object(Object.fromEntries(ARCHITECTURES.map((a) => [a, rules.object({ muon: OPTIMIZER_RULE, adamw: OPTIMIZER_RULE })]))),
    train: rules.object({ ...pickFields(TRAIN_RULE, ['tokens', 'batchSize', 'context', 'warmup', 'evalPoints']).fields, otherTokens: TRAIN_RULE.fields.tokens }, ['tokens', 'batchSize', 'context', 'warmup', 'evalPoints']),
    scaling: rules.object(
      {
        budgets: rules.list(TRAIN_RULE.fields.tokens),
        systems: rules.list(archOptimizer),
        seeds: rules.int(1),
        variants: rules.list(rules.object({ name: rules.string(), arch: rules.oneOf(...ARCHITECTURES), optimizer: rules.oneOf('muon', 'adamw'), model: params, tokens: TRAIN_RULE.fields.tokens }, ['name', 'arch', 'optimizer', 'model', 'tokens'])),
      },
      ['budgets', 'systems', 'variants'],
    ),
    conditions: rules.object(
      {
        systems: rules.list(archOptimizer),
        list: rules.list(rules.object({ name: rules.string(), description: rules.string(), corpus: pickFields(CORPUS_RULE, ['source', 'families', 'realShare', 'numberShare'], []), tokens: TRAIN_RULE.fields.tokens }, ['name', 'description', 'corpus'])),
      },
      ['systems', 'list'],
    ),
    perturbations: rules.list(PERTURBATION_RULE),
    addition: rules.object(
      {
        digits: rules.list(rules.int(1)),
        optimizers: rules.list(rules.oneOf('muon', 'adamw')),
        tokens: TRAIN_RULE.fields.tokens,
        batchSize: TRAIN_RULE.fields.batchSize,
        examples: rules.object({ train: rules.int(10), test: rules.int(10) }, ['train', 'test']),
        model: modelRule('transformer'),
        evalPoints: TRAIN_RULE.fields.evalPoints,
        optimizersFor: rules.object(Object.fromEntries(ARCHITECTURES.map((a) => [a, rules.list(rules.oneOf('muon', 'adamw'))]))),
    optimizerOverrides: rules.object({ muon: OPTIMIZER_RULE, adamw: OPTIMIZER_RULE }),
      },
      ['digits', 'optimizers', 'tokens', 'batchSize', 'examples', 'model', 'evalPoints'],
    ),
    classic: rules.object({ word2vec: params, ppmi: params }, ['word2vec', 'ppmi']),
    attribution: rules.object({ families: rules.list(rules.string()) }, ['families']),
    analysis: rules.object({ probeSeeds: rules.int(1) }, ['probeSeeds']),
    counterexample: rules.object({ points: rules.int(2) }, ['points']),
  },
  ['name', 'version', 'description', 'backend', 'expectedMinutes', 'seeds', 'corpus', 'realCorpus', 'model', 'archs', 'optimizers', 'train', 'perturbations', 'addition', 'classic', 'attribution', 'analysis', 'counterexample'],
);

/** Validates a parsed profile object (throws a BAD_CONFIG NumfeatError naming the field). */
export function validateProfile(value: unknown): Profile {
  const profile = validateConfig<Profile>(value, PROFILE_RULE, SOURCE);
  // Each architecture's model (shared fields + its overrides) is checked by the run-config model
  // rule, so e.g. model.dModel: -5 fails here, at load, not when the runs start.
  for (const arch of Object.keys(profile.archs)) {
    try {
      validateConfig(modelFor(profile, arch), modelRule(arch), SOURCE, `archs.${arch}`);
    } catch (e) {
      if (!isNumfeatError(e, 'BAD_CONFIG')) throw e;
      const field = String(e.details?.field ?? '').split('.').pop() ?? '';
      const where = field in profile.archs[arch] || !(field in profile.model) ? `archs.${arch}.${field}` : `model.${field}`;
      throw new NumfeatError('BAD_CONFIG', e.message.replace(`field 'archs.${arch}.${field}'`, `field '${where}'`).replace(/ — .*$/, ''), { fix: e.fix, details: { field: where } });
    }
  }
  // Variants: the architecture's model with the variant's overrides must be a valid model; names go
  // into run ids, so they are short, unique tokens. Condition names likewise; families must exist.
  const token = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
  const unique = (names: string[], where: string) => {
    for (const [i, n] of names.entries()) {
      if (!token.test(n)) throw new NumfeatError('BAD_CONFIG', `profile field '${where}[${i}].name' is ${JSON.stringify(n)}: names go into run ids`, { fix: 'use letters, digits, dots and dashes, e.g. "L4" or "no-relational"', details: { field: `${where}[${i}].name` } });
      if (names.indexOf(n) !== i) throw new NumfeatError('BAD_CONFIG', `profile field '${where}' names '${n}' twice`, { fix: 'give every entry its own name', details: { field: where } });
    }
  };
  const variants = profile.scaling?.variants ?? [];
  variants.forEach((v, i) => {
    if (!token.test(v.name)) throw new NumfeatError('BAD_CONFIG', `profile field 'scaling.variants[${i}].name' is ${JSON.stringify(v.name)}: names go into run ids`, { fix: 'use letters, digits, dots and dashes, e.g. "L4"', details: { field: `scaling.variants[${i}].name` } });
    if (variants.findIndex((w) => w.name === v.name && w.arch === v.arch) !== i) throw new NumfeatError('BAD_CONFIG', `profile field 'scaling.variants' names '${v.name}' twice for ${v.arch}`, { fix: 'give every variant of an architecture its own name', details: { field: 'scaling.variants' } });
  });
  unique(profile.conditions?.list.map((c) => c.name) ?? [], 'conditions.list');
  for (const v of profile.scaling?.variants ?? []) validateConfig({ ...modelFor(profile, v.arch), ...v.model }, modelRule(v.arch), SOURCE, `scaling.variants.${v.name}.model`);
  for (const c of profile.conditions?.list ?? []) {
    for (const f of Object.keys(c.corpus.families ?? {})) {
      if (!FAMILY_NAMES.includes(f)) throw new NumfeatError('BAD_CONFIG', `profile field 'conditions.list.${c.name}.corpus.families' has unknown family '${f}'`, { fix: `use some of ${FAMILY_NAMES.join(', ')}`, details: { field: `conditions.list.${c.name}.corpus.families.${f}` } });
    }
  }
  return profile;
}

/** Loads profiles/<name>.json, or any path to a JSON file. */
export function loadProfile(nameOrPath: string): Profile {
  const file = existsSync(nameOrPath) && nameOrPath.endsWith('.json') ? nameOrPath : join(PROFILE_DIR, `${nameOrPath}.json`);
  if (!existsSync(file)) {
    throw new NumfeatError('BAD_ARGUMENT', `no profile '${nameOrPath}' (looked for ${file})`, { fix: 'use quick, standard, full, or a path to a profile JSON file' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new NumfeatError('BAD_CONFIG', `profile ${file} is not valid JSON: ${(e as Error).message}`, { fix: 'fix the JSON (a trailing comma or a missing quote?)' });
  }
  return validateProfile(parsed);
}
