// Validation of configuration files (a training run's config, a study profile): one small rule
// language so every field is checked the same way and every problem names the field's path.
import { NumfeatError } from './errors.js';

export type FieldRule =
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'list'; item: FieldRule }
  | { kind: 'object'; fields: Readonly<Record<string, FieldRule>>; required?: readonly string[] }
  | { kind: 'map'; value: FieldRule }
  /** A custom check (e.g. a model config checked by its constructor's validation); throws via fail(). */
  | { kind: 'custom'; check: (value: unknown, fail: ConfigFail) => void };

/** Throws the BAD_CONFIG error for the field being checked (or for its sub-field `field`). */
export type ConfigFail = (problem: string, fix: string, field?: string) => never;

/** An object rule: its fields and which of them are required. */
export type ObjectRule = Extract<FieldRule, { kind: 'object' }>;

export const rules = {
  int: (min = 1, max?: number): FieldRule => ({ kind: 'int', min, max }),
  positive: (): FieldRule => ({ kind: 'number', min: 0, exclusiveMin: true }),
  fraction: (): FieldRule => ({ kind: 'number', min: 0, max: 1, exclusiveMax: true }),
  number: (min?: number): FieldRule => ({ kind: 'number', min }),
  string: (): FieldRule => ({ kind: 'string' }),
  boolean: (): FieldRule => ({ kind: 'boolean' }),
  oneOf: (...values: (string | number)[]): FieldRule => ({ kind: 'enum', values }),
  list: (item: FieldRule): FieldRule => ({ kind: 'list', item }),
  map: (value: FieldRule): FieldRule => ({ kind: 'map', value }),
  object: (fields: Record<string, FieldRule>, required: readonly string[] = []): ObjectRule => ({ kind: 'object', fields, required }),
};

/** The object rule with only `names` of its fields (a consumer honours a subset of a shared section). */
export function pickFields(rule: ObjectRule, names: readonly string[], required: readonly string[] = names): ObjectRule {
  return { kind: 'object', fields: Object.fromEntries(names.map((n) => [n, rule.fields[n]])), required };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The known name closest to a misspelt one (case-insensitive equal or ≤ 2 edits), for "did you mean". */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = dist(lower, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/**
 * Checks `value` against `rule` and returns it typed. Any problem is a NumfeatError 'BAD_CONFIG'
 * naming `<source> field '<path>'`, e.g. "run config field 'train.batchsize' is unknown".
 */
export function validateConfig<T>(value: unknown, rule: FieldRule, source: string, path = ''): T {
  const fail: ConfigFail = (problem, fix, field) => {
    const where = field ? (path ? `${path}.${field}` : field) : path;
    throw new NumfeatError('BAD_CONFIG', `${source} ${where ? `field '${where}'` : 'top level'} ${problem}`, { fix, details: { field: where } });
  };
  const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
  switch (rule.kind) {
    case 'int': {
      const { min = -Infinity, max = Infinity } = rule;
      if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
        fail(`must be an integer${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${show(value)}`, `use a whole number${min > -Infinity ? ` ≥ ${min}` : ''}`);
      }
      break;
    }
    case 'number': {
      const v = value as number;
      const { min, max, exclusiveMin, exclusiveMax } = rule;
      const low = min === undefined || (exclusiveMin ? v > min : v >= min);
      const high = max === undefined || (exclusiveMax ? v < max : v <= max);
      if (typeof value !== 'number' || !Number.isFinite(v) || !low || !high) {
        const range = [min === undefined ? '' : `${exclusiveMin ? '>' : '≥'} ${min}`, max === undefined ? '' : `${exclusiveMax ? '<' : '≤'} ${max}`].filter(Boolean).join(' and ');
        fail(`must be a finite number${range ? ` ${range}` : ''}, got ${show(value)}`, `use a number${range ? ` ${range}` : ''}`);
      }
      break;
    }
    case 'string':
      if (typeof value !== 'string') fail(`must be a string, got ${show(value)}`, 'quote the value');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, got ${show(value)}`, 'use true or false');
      break;
    case 'enum':
      if (!rule.values.includes(value as string)) fail(`must be one of ${rule.values.join(', ')}, got ${show(value)}`, `pick one of ${rule.values.join(', ')}`);
      break;
    case 'list':
      if (!Array.isArray(value)) fail(`must be a list, got ${show(value)}`, 'write a JSON array');
      (value as unknown[]).forEach((v, i) => validateConfig(v, rule.item, source, `${path}[${i}]`));
      break;
    case 'map':
      if (!isPlainObject(value)) fail(`must be an object, got ${show(value)}`, 'write a JSON object');
      for (const [k, v] of Object.entries(value as object)) validateConfig(v, rule.value, source, path ? `${path}.${k}` : k);
      break;
    case 'object': {
      if (!isPlainObject(value)) fail(`must be an object, got ${show(value)}`, 'write a JSON object { … }');
      const names = Object.keys(rule.fields);
      for (const k of Object.keys(value as object)) {
        if (!names.includes(k)) {
          const hint = closestName(k, names);
          const where = path ? `${path}.${k}` : k;
          throw new NumfeatError('BAD_CONFIG', `${source} field '${where}' is unknown${hint ? ` (did you mean '${hint}'?)` : ''}`, {
            fix: `remove it or use one of: ${names.join(', ')}`,
            details: { field: where },
          });
        }
      }
      for (const k of names) {
        const where = path ? `${path}.${k}` : k;
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) {
          if (rule.required?.includes(k)) throw new NumfeatError('BAD_CONFIG', `${source} field '${where}' is missing`, { fix: 'add it', details: { field: where } });
          continue;
        }
        validateConfig(v, rule.fields[k], source, where);
      }
      break;
    }
    case 'custom':
      rule.check(value, fail);
      break;
  }
  return value as T;
}
