// The study's data structures: a profile (what to run, at which scale), the run specs planned from
// it (plain, structured-clonable data: they travel to worker threads and into result.json), and
// the records a finished run leaves.
import type { CorpusSpec } from '@numfeat/data-gen';
import type { AnalysisResult } from '@numfeat/analysis';
import type { ModelSpec, OptimizerOptions } from '@numfeat/models';
import type { CounterexampleSweep } from '@numfeat/theory';

export type OptimizerChoice = 'muon' | 'adamw';
export type ModelFields = Record<string, unknown>;

export interface Profile {
  name: string;
  version: number;
  description: string;
  backend: 'wasm' | 'cpu' | 'webgpu' | 'tensorflow' | 'auto';
  expectedMinutes: { value: number; cores: number; basis: string };
  seeds: { key: number; other: number; addition: number };
  corpus: { tokens: number; vocabSize: number };
  realCorpus: { enabled: boolean; tokens: number; vocabSize: number };
  /** Model fields shared by every architecture that has them. */
  model: ModelFields;
  /** Per-architecture overrides; the keys are the architectures the study trains. */
  archs: Record<string, ModelFields>;
  optimizers: Record<OptimizerChoice, Partial<OptimizerOptions>>;
  /** Per-architecture optimizer fields over `optimizers`, e.g. { lstm: { adamw: { lr: 0.01 } } } (docs/protocol.md says how they were chosen). */
  /** Optimizers an architecture is trained with (default: LSTM AdamW, as in the paper; the others Muon and AdamW). */
  optimizersFor?: Record<string, OptimizerChoice[]>;
  optimizerOverrides?: Record<string, Partial<Record<OptimizerChoice, Partial<OptimizerOptions>>>>;
  /**
   * tokens: the key budget (Transformer and LSTM on the original corpus, Swap, Unigram, the data
   * conditions); otherTokens (default tokens): every other LM run (other architectures, context and
   * isolation perturbations).
   */
  train: { tokens: number; otherTokens?: number; batchSize: number; context: number; warmup: number; evalPoints: number };
  perturbations: string[];
  /** The scaling experiment: own-schedule runs at smaller budgets and model variants (depths, widths). */
  scaling?: {
    /** Budgets (tokens) below the key budget at which `systems` are also trained with their own schedule. */
    budgets: number[];
    /** 'arch/optimizer' pairs trained at every budget, e.g. 'transformer/muon'. */
    systems: string[];
    /** Seeds per own-schedule point (default seeds.key). */
    seeds?: number;
    /** Model variants, each one run (seed 0) at its own budget: e.g. { name: 'L4', arch: 'lstm', optimizer: 'adamw', model: { nLayers: 4 }, tokens: 1e6 }. */
    variants: ScalingVariant[];
  };
  /** Data conditions trained per system at the key budget (seed 0): which data separates the architectures. */
  conditions?: {
    systems: string[];
    list: DataCondition[];
  };
  addition: {
    digits: number[];
    optimizers: OptimizerChoice[];
    tokens: number;
    batchSize: number;
    examples: { train: number; test: number };
    model: ModelFields;
    evalPoints: number;
    /** Optimizers an architecture is trained with (default: LSTM AdamW, as in the paper; the others Muon and AdamW). */
  optimizersFor?: Record<string, OptimizerChoice[]>;
  optimizerOverrides?: Partial<Record<OptimizerChoice, Partial<OptimizerOptions>>>;
  };
  classic: { word2vec: Record<string, unknown>; ppmi: Record<string, unknown> };
  attribution: { families: string[] };
  analysis: { probeSeeds: number };
  counterexample: { points: number };
}

export interface ScalingVariant {
  name: string;
  arch: string;
  optimizer: OptimizerChoice;
  model: ModelFields;
  tokens: number;
}

export interface DataCondition {
  /** Short name used in ids and tables, e.g. 'no-relational'. */
  name: string;
  /** Why this condition (shown in the report). */
  description: string;
  /** Corpus fields replacing the profile's: source ('synthetic' | 'bundled' | 'mix'), families (weights), realShare. */
  corpus: Partial<CorpusSpec>;
  /** Training tokens (default the key budget); compared with the base system at the same budget. */
  tokens?: number;
}

interface RunBase {
  /** Derived from everything that changes the run, so experiments that need the same run share it. */
  id: string;
  seed: number;
  /** The system this run is one seed of (a stable id such as 'transformer/muon/swap'). */
  systemId: string;
  /** The system's display name in the report (e.g. 'Transformer (Muon) · Swap Numbers'). */
  system: string;
}

export interface LmRunSpec extends RunBase {
  kind: 'lm';
  arch: string;
  optimizerName: OptimizerChoice;
  perturbation: string;
  without: string | null;
  /** A named data condition (conditions experiment) or null. */
  condition: string | null;
  /** A named model variant (scaling experiment, e.g. 'L4', 'd128') or null. */
  variant: string | null;
  /** Trained off its role's budget (a scaling point with its own schedule). */
  scalingPoint: boolean;
  source: CorpusSpec['source'];
  corpus: CorpusSpec;
  model: ModelSpec;
  optimizer: OptimizerOptions;
  train: Profile['train'];
  /** Whether the run logs Φ_T and κ during training (the dynamics experiment). */
  dynamics: boolean;
  analysis: Profile['analysis'];
}

export interface AdditionRunSpec extends RunBase {
  kind: 'addition';
  digits: number;
  optimizerName: OptimizerChoice;
  model: ModelSpec;
  optimizer: OptimizerOptions;
  train: { tokens: number; batchSize: number; evalPoints: number; warmup: number };
  examples: { train: number; test: number };
  analysis: Profile['analysis'];
}

export interface ClassicRunSpec extends RunBase {
  kind: 'word2vec' | 'ppmi';
  corpus: CorpusSpec;
  params: Record<string, unknown>;
  analysis: Profile['analysis'];
}

export interface TokenFrequencyRunSpec extends RunBase {
  kind: 'token-frequency';
  corpus: CorpusSpec;
  analysis: Profile['analysis'];
}

export interface CounterexampleRunSpec extends RunBase {
  kind: 'counterexample';
  points: number;
}

export type RunSpec = LmRunSpec | AdditionRunSpec | ClassicRunSpec | TokenFrequencyRunSpec | CounterexampleRunSpec;

/** A dynamics point as the report reads it: tokens, Φ, κ, probe accuracy and any task metrics, flat. */
export interface DynamicsPoint {
  step: number;
  tokens: number;
  phi: Record<string, number>;
  kappa: Record<string, number>;
  accuracy: Record<string, number>;
  [metric: string]: unknown;
}

/** What a run measured: the analysis of its number embeddings (unchanged) plus the study's extras. */
export type MeasuredResult = AnalysisResult & {
  /** Normalised spectrum height at ν = 1/T (T = 2, 5, 10). */
  spikes: Record<string, number>;
  training?: Record<string, unknown> & { finalLoss?: number; tokens?: number };
  dynamics?: DynamicsPoint[];
  [extra: string]: unknown;
};

export type RunResult = MeasuredResult | { sweep: CounterexampleSweep };

/** runs/<id>/result.json. */
export interface RunRecord {
  id: string;
  run: RunSpec;
  startedAt: string;
  backend: string;
  host: { cpus: number; platform: string; node: string };
  status: 'ok' | 'failed';
  wallSeconds: number;
  result?: any;
  error?: { message: string; code?: string; stack?: string };
  log?: string;
}

/** The context a run executes in (the run's folder, its log, and the stop flag). */
export interface RunContext {
  dir: string;
  log: (line: string) => void;
  shouldStop: () => boolean;
}
