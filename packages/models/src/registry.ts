// One place that maps an architecture name to its constructor, so the trainer and sweeps can build a
// model from plain data ({ arch: 'transformer', dModel: 128, ... }). Each architecture adds one line.
import { NumfeatError } from '@numfeat/tensor';
import type { LanguageModel } from './model.js';
import { checkTransformerConfig, createTransformer, defaultTransformerConfig } from './transformer.js';
import { checkGatedDeltaNetConfig, createGatedDeltaNet, defaultGatedDeltaNetConfig } from './gated-deltanet.js';
import { checkLstmConfig, createLstm, defaultLstmConfig } from './lstm.js';
import { checkMamba2Config, createMamba2, defaultMamba2Config } from './mamba2.js';

// One entry per architecture: its defaults (which fill missing fields and name its config fields)
// and its constructor, which validates the filled config.
const entry = <C>(defaults: (config: Partial<C>) => C, check: (config: C) => void, create: (config: C, seed: number) => LanguageModel) => ({
  defaults: defaults as (config: Record<string, unknown>) => object,
  check: (config: Record<string, unknown>) => check(defaults(config as Partial<C>)),
  create: (config: Record<string, unknown>, seed: number) => create(defaults(config as Partial<C>), seed),
});
const ARCHS = {
  transformer: entry(defaultTransformerConfig, checkTransformerConfig, createTransformer),
  'gated-deltanet': entry(defaultGatedDeltaNetConfig, checkGatedDeltaNetConfig, createGatedDeltaNet),
  lstm: entry(defaultLstmConfig, checkLstmConfig, createLstm),
  mamba2: entry(defaultMamba2Config, checkMamba2Config, createMamba2),
};

export type ArchName = keyof typeof ARCHS;

/** The registered architecture names. */
export const ARCHITECTURES = Object.freeze(Object.keys(ARCHS)) as readonly ArchName[];

function lookup(arch: unknown): (typeof ARCHS)[ArchName] {
  if (typeof arch !== 'string' || !Object.prototype.hasOwnProperty.call(ARCHS, arch)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown architecture ${JSON.stringify(arch)}`, {
      fix: `set arch to one of: ${ARCHITECTURES.join(', ')}`,
      details: { valid: [...ARCHITECTURES] },
    });
  }
  return ARCHS[arch as ArchName];
}

/**
 * The config field names of a registered architecture (e.g. an LSTM has dEmbed/dHidden, not
 * dModel), read from its defaults without building a model.
 */
export function configFields(arch: string): string[] {
  return Object.keys(lookup(arch).defaults({}));
}

/**
 * Validates a model spec without building the model (the constructor's own checks on the spec with
 * its unset fields defaulted): an unknown arch or field, or a bad value, is a NumfeatError naming it.
 */
export function checkModelSpec(spec: ModelSpec): void {
  const { arch, ...config } = spec ?? ({} as ModelSpec);
  lookup(arch).check(config);
}

/** A model config as plain data: the architecture name plus its (partial) config fields. */
export type ModelSpec = { arch: string } & Record<string, unknown>;

/** Builds the model named by spec.arch with the rest of spec as its config (unset fields take the defaults). */
export function createModel(spec: ModelSpec, seed: number): LanguageModel {
  const { arch, ...config } = spec ?? ({} as ModelSpec);
  const architecture = lookup(arch);
  if (!Number.isInteger(seed)) {
    throw new NumfeatError('BAD_ARGUMENT', `seed must be an integer, got ${seed}`, { fix: 'pass an integer seed, e.g. 0' });
  }
  return architecture.create(config, seed);
}
