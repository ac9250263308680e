// The one schema of a training run's configuration: { model, optimizer, train, corpus } plus the
// run's seed and perturbation. `numfeat train --config`, examples/train-one and the study's profiles
// all validate their sections with these rules, so a field means the same thing everywhere and an
// unknown, missing or bad field is a NumfeatError 'BAD_CONFIG' naming it.
import { isNumfeatError, rules, validateConfig, type ConfigFail, type FieldRule, type ObjectRule } from '@numfeat/core';
import { CORPUS_RULE, PERTURBATION_GRAMMAR, parsePerturbation, type CorpusSpec } from '@numfeat/data-gen';
import { ARCHITECTURES, checkModelSpec } from '../registry.js';
import { OPTIMIZERS, resolveOptimizerOptions } from '../optim/index.js';
import type { OptimizerOptions } from '../optim/types.js';

export interface TrainSection {
  /** Training budget in tokens (the CLI's --tokens wins). */
  tokens?: number;
  /** Rows per optimizer step. */
  batchSize?: number;
  /** Input tokens per row. */
  context?: number;
  /** Share of the steps spent in linear learning-rate warmup, in [0, 1). */
  warmup?: number;
  /** How many evaluations of Φ_T and κ during training (evenly spaced). */
  evalPoints?: number;
  /** Global gradient-norm clip. */
  gradClip?: number;
  /** Tokens between checkpoints. */
  checkpointEvery?: number;
  /** Probe seeds of the periodic evaluation. */
  probeSeeds?: number[];
}

export interface RunConfig {
  model?: { arch?: string } & Record<string, unknown>;
  optimizer?: Partial<OptimizerOptions>;
  train?: TrainSection;
  corpus?: Partial<CorpusSpec>;
  seed?: number;
  perturbation?: string;
}

/** Re-throws a library NumfeatError about one config field as BAD_CONFIG at that field's path. */
function asConfigError(e: unknown, fail: ConfigFail, prefix: RegExp, atSubField = true): never {
  if (!isNumfeatError(e)) throw e;
  const field = atSubField && typeof e.details?.field === 'string' ? e.details.field : undefined;
  fail(e.message.replace(prefix, '').replace(/ — .*$/, ''), e.fix ?? 'see the docs of the field', field);
  throw e; // unreachable: fail throws
}

/**
 * A model section: { arch?, …fields of that architecture }, checked by the architecture's own
 * validation (so `dModel: -5` or an LSTM's `nHeads` fails here, at load, not when a run starts).
 * `arch` defaults to `defaultArch`; vocabSize and maxSeqLen, which the data decides, take defaults.
 */
export function modelRule(defaultArch = 'transformer'): FieldRule {
  return {
    kind: 'custom',
    check: (value, fail) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`must be an object, got ${JSON.stringify(value)}`, 'write e.g. { "arch": "transformer", "dModel": 64 }');
      const { arch = defaultArch, ...fields } = value as Record<string, unknown>;
      if (typeof arch !== 'string' || !ARCHITECTURES.includes(arch as never)) fail(`names an unknown architecture ${JSON.stringify(arch)}`, `use one of ${ARCHITECTURES.join(', ')}`, 'arch');
      try {
        checkModelSpec({ arch: arch as string, ...fields });
      } catch (e) {
        asConfigError(e, fail, /^config\.\w+: /);
      }
    },
  };
}

/** Every optimizer field, each checked by the optimizer's own validation. */
export const OPTIMIZER_RULE: ObjectRule = rules.object(
  Object.fromEntries(
    Object.keys(resolveOptimizerOptions({ name: 'adamw' })).map((k): [string, FieldRule] => [
      k,
      k === 'name'
        ? rules.oneOf(...OPTIMIZERS)
        : {
            kind: 'custom',
            check: (v, fail) => {
              if (v === null) fail('must be a value, got null', 'remove the field to use the default, or give a value');
              try {
                resolveOptimizerOptions({ name: 'adamw', [k]: v });
              } catch (e) {
                asConfigError(e, fail, /^optimizer\.\w+ /, false);
              }
            },
          },
    ]),
  ),
);

export const TRAIN_RULE: ObjectRule = rules.object({
  tokens: rules.int(1),
  batchSize: rules.int(1),
  context: rules.int(1, 65536),
  warmup: rules.fraction(),
  evalPoints: rules.int(0),
  gradClip: rules.positive(),
  checkpointEvery: rules.int(1),
  probeSeeds: rules.list(rules.int(0)),
});

export const PERTURBATION_RULE: FieldRule = {
  kind: 'custom',
  check: (v, fail) => {
    try {
      parsePerturbation(v as string);
    } catch {
      fail(`must be one of ${PERTURBATION_GRAMMAR}, got ${JSON.stringify(v)}`, 'use e.g. "none", "swap", "ctx-16" or "isolate-8"');
    }
  },
};

/** The whole run config. */
export const RUN_CONFIG_RULE: ObjectRule = rules.object({
  model: modelRule(),
  optimizer: OPTIMIZER_RULE,
  train: TRAIN_RULE,
  corpus: CORPUS_RULE,
  seed: rules.int(0),
  perturbation: PERTURBATION_RULE,
});

/** Validates a parsed run-config object (e.g. JSON.parse of a --config file). `source` names it in errors. */
export function parseRunConfig(value: unknown, source = 'run config'): RunConfig {
  return validateConfig<RunConfig>(value, RUN_CONFIG_RULE, source);
}
