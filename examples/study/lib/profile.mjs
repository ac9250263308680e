// Profiles are data files (profiles/<name>.json) a user can copy and edit. They are validated on
// load against SCHEMA: an unknown field or a value of the wrong kind is an error naming the field.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PROFILE_DIR = resolve(here, '../profiles');

const int = (min = 1) => ({ kind: 'int', min });
const num = (min = 0, exclusive = true) => ({ kind: 'number', min, exclusive });
const str = { kind: 'string' };
const bool = { kind: 'boolean' };
const obj = (fields, optional = []) => ({ kind: 'object', fields, optional });
const free = { kind: 'free' }; // model/optimizer/baseline configs: passed through to their validating constructors
const list = (item) => ({ kind: 'list', item });
const oneOf = (...values) => ({ kind: 'enum', values });
const map = (value) => ({ kind: 'map', value });

const corpus = obj({ tokens: int(1000), vocabSize: int(1100) });
export const SCHEMA = obj({
  name: str,
  version: int(1),
  description: str,
  backend: oneOf('wasm', 'cpu', 'webgpu', 'tensorflow', 'auto'),
  expectedMinutes: obj({ value: num(0), cores: int(1), basis: str }),
  seeds: obj({ key: int(1), other: int(1), addition: int(1) }),
  corpus,
  realCorpus: obj({ enabled: bool, tokens: int(1000), vocabSize: int(1100) }),
  model: free,
  archs: map(free),
  optimizers: obj({ muon: free, adamw: free }),
  train: obj({ tokens: int(100), batchSize: int(1), context: int(2), warmup: num(0, false), evalPoints: int(1) }),
  perturbations: list(str),
  addition: obj({ digits: list(int(1)), optimizers: list(oneOf('muon', 'adamw')), tokens: int(100), batchSize: int(1), examples: obj({ train: int(10), test: int(10) }), model: free, evalPoints: int(1), optimizerOverrides: map(free) }, ['optimizerOverrides']),
  classic: obj({ word2vec: free, ppmi: free }),
  attribution: obj({ families: list(str) }),
  analysis: obj({ probeSeeds: int(1) }),
  counterexample: obj({ points: int(2) }),
});

function check(value, schema, path) {
  const where = path || 'profile';
  const fail = (problem, fix) => { throw new Error(`profile field '${where}' ${problem}. Fix: ${fix}`); };
  switch (schema.kind) {
    case 'free': if (!value || typeof value !== 'object' || Array.isArray(value)) fail('must be an object', 'write a JSON object, e.g. {}'); return;
    case 'string': if (typeof value !== 'string') fail(`must be a string, got ${JSON.stringify(value)}`, 'quote the value'); return;
    case 'boolean': if (typeof value !== 'boolean') fail(`must be true or false, got ${JSON.stringify(value)}`, 'use true or false'); return;
    case 'int': if (!Number.isInteger(value) || value < schema.min) fail(`must be an integer ≥ ${schema.min}, got ${JSON.stringify(value)}`, `use an integer ≥ ${schema.min}`); return;
    case 'number': if (typeof value !== 'number' || !Number.isFinite(value) || value < schema.min || (schema.exclusive && value === schema.min)) fail(`must be a finite number ${schema.exclusive ? '>' : '≥'} ${schema.min}, got ${JSON.stringify(value)}`, 'use a positive number'); return;
    case 'enum': if (!schema.values.includes(value)) fail(`must be one of ${schema.values.join(', ')}, got ${JSON.stringify(value)}`, `pick one of ${schema.values.join(', ')}`); return;
    case 'list':
      if (!Array.isArray(value)) fail(`must be a list, got ${JSON.stringify(value)}`, 'write a JSON array');
      value.forEach((v, i) => check(v, schema.item, `${where}[${i}]`));
      return;
    case 'map':
      if (!value || typeof value !== 'object' || Array.isArray(value)) fail('must be an object', 'write a JSON object');
      for (const [k, v] of Object.entries(value)) check(v, schema.value, `${where}.${k}`);
      return;
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`must be an object, got ${JSON.stringify(value)}`, 'write a JSON object');
      const names = Object.keys(schema.fields);
      for (const k of Object.keys(value)) if (!names.includes(k)) throw new Error(`profile field '${path ? `${path}.` : ''}${k}' is unknown. Fix: remove it or use one of: ${names.join(', ')}`);
      for (const k of names) {
        const p = path ? `${path}.${k}` : k;
        if (!(k in value)) { if (schema.optional?.includes(k)) continue; throw new Error(`profile field '${p}' is missing. Fix: add it (see profiles/standard.json for an example)`); }
        check(value[k], schema.fields[k], p);
      }
    }
  }
}

/** Validates a parsed profile object (throws an Error naming the field). */
export function validateProfile(profile) {
  check(profile, SCHEMA, '');
  for (const p of profile.perturbations) if (!/^(none|swap|unigram|ctx-\d+|isolate-\d+)$/.test(p)) throw new Error(`profile field 'perturbations' has an unknown perturbation '${p}'. Fix: use none, swap, unigram, ctx-<l>, isolate-<k>`);
  return profile;
}

/** Loads profiles/<name>.json, or any path to a JSON file. */
export function loadProfile(nameOrPath) {
  const file = existsSync(nameOrPath) && nameOrPath.endsWith('.json') ? nameOrPath : join(PROFILE_DIR, `${nameOrPath}.json`);
  if (!existsSync(file)) throw new Error(`no profile '${nameOrPath}' (looked for ${file}). Fix: use quick, standard, full, or a path to a profile JSON file`);
  let parsed;
  try { parsed = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new Error(`profile ${file} is not valid JSON: ${e.message}`); }
  return validateProfile(parsed);
}
