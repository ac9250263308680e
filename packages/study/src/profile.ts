// Profiles are data files (profiles/<name>.json) a user can copy and edit. They are validated on
// load, section by section with the SAME rules as a training run's config (@numfeat/models'
// run-config schema): an unknown field or a bad value is a NumfeatError 'BAD_CONFIG' naming it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_RULE } from '@numfeat/data-gen';
import { ARCHITECTURES, OPTIMIZER_RULE, configFields, PERTURBATION_RULE, TRAIN_RULE, modelRule } from '@numfeat/models';
import { NumfeatError, isNumfeatError, pickFields, rules, validateConfig, type FieldRule } from '@numfeat/core';
import { packageFile } from './package-files.js';
import { modelFor } from './runs.js';
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
    train: pickFields(TRAIN_RULE, ['tokens', 'batchSize', 'context', 'warmup', 'evalPoints']),
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
