// One place that maps an architecture name to its constructor, so the trainer and sweeps can build a
// model from plain data ({ arch: 'transformer', dModel: 128, ... }). Each architecture adds one line.
import { NumfeatError } from '@numfeat/tensor';
import type { LanguageModel } from './model.js';
import { createTransformer, defaultTransformerConfig } from './transformer.js';
import { createGatedDeltaNet, defaultGatedDeltaNetConfig } from './gated-deltanet.js';
import { createLstm, defaultLstmConfig } from './lstm.js';
import { createMamba2, defaultMamba2Config } from './mamba2.js';

type Factory = (config: Record<string, unknown>, seed: number) => LanguageModel;

// Missing fields fall back to the architecture's defaults; its create function validates the rest.
const FACTORIES = {
  transformer: ((c, seed) => createTransformer(defaultTransformerConfig(c), seed)) as Factory,
  'gated-deltanet': ((c, seed) => createGatedDeltaNet(defaultGatedDeltaNetConfig(c), seed)) as Factory,
  lstm: ((c, seed) => createLstm(defaultLstmConfig(c), seed)) as Factory,
  mamba2: ((c, seed) => createMamba2(defaultMamba2Config(c), seed)) as Factory,
} satisfies Record<string, Factory>;

export type ArchName = keyof typeof FACTORIES;

/** The registered architecture names. */
export const ARCHITECTURES = Object.freeze(Object.keys(FACTORIES)) as readonly ArchName[];

/** A model config as plain data: the architecture name plus its (partial) config fields. */
export type ModelSpec = { arch: string } & Record<string, unknown>;

/** Builds the model named by spec.arch with the rest of spec as its config (unset fields take the defaults). */
export function createModel(spec: ModelSpec, seed: number): LanguageModel {
  const { arch, ...config } = spec ?? ({} as ModelSpec);
  if (typeof arch !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, arch)) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown architecture ${JSON.stringify(arch)}`, {
      fix: `set arch to one of: ${ARCHITECTURES.join(', ')}`,
      details: { valid: [...ARCHITECTURES] },
    });
  }
  if (!Number.isInteger(seed)) {
    throw new NumfeatError('BAD_ARGUMENT', `seed must be an integer, got ${seed}`, { fix: 'pass an integer seed, e.g. 0' });
  }
  return FACTORIES[arch as ArchName](config, seed);
}
