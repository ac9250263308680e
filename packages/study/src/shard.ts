// Deterministic partition of a study's runs over n machines: sort by id, give run j to shard
// (j mod n) + 1. Every run lands in exactly one shard, whatever order the experiments list them in.
// "auto" takes i/n from a scheduler's array variables (Slurm job arrays, Kubernetes indexed Jobs).
import { NumfeatError } from '@numfeat/core';

export interface Shard {
  index: number;
  count: number;
  /** Where i/n came from ("--shard 2/4", "SLURM_ARRAY_TASK_ID=…"). */
  source?: string;
}

/** The variables `--shard auto` reads. */
export const SHARD_ENV = {
  slurm: ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN'],
  kubernetes: ['JOB_COMPLETION_INDEX', 'NUMFEAT_SHARD_COUNT'],
} as const;

const AUTO_FIX = 'run inside a Slurm job array (sbatch --array=0-N) or a Kubernetes indexed Job with NUMFEAT_SHARD_COUNT set to its completions, or pass --shard i/n';

/** Parses "i/n" (1 ≤ i ≤ n), or "auto" (from `env`, see shardFromEnv). */
export function parseShard(text: string, env: Record<string, string | undefined> = process.env): Shard {
  if (text === 'auto') return shardFromEnv(env);
  const m = /^(\d+)\/(\d+)$/.exec(String(text ?? ''));
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    throw new NumfeatError('BAD_ARGUMENT', `--shard expects i/n with 1 ≤ i ≤ n, or auto, got ${JSON.stringify(text)}`, { fix: 'pass e.g. --shard 2/4, or --shard auto inside a Slurm array or Kubernetes indexed Job' });
  }
  return { index: Number(m[1]), count: Number(m[2]), source: `--shard ${text}` };
}

function integer(env: Record<string, string | undefined>, name: string, min: number): number {
  const v = env[name];
  if (v === undefined || !/^\d+$/.test(v.trim()) || Number(v) < min) {
    throw new NumfeatError('BAD_ARGUMENT', `--shard auto: ${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`, { fix: AUTO_FIX });
  }
  return Number(v);
}

/**
 * i/n from the scheduler. Slurm job arrays: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and
 * SLURM_ARRAY_TASK_MIN (the offset; SLURM_ARRAY_TASK_STEP and _MAX checked when set, so a sparse
 * or stepped array that does not map onto 1..n is an error). Kubernetes indexed Jobs:
 * JOB_COMPLETION_INDEX (0-based) and NUMFEAT_SHARD_COUNT — Kubernetes does not export the Job's
 * completions to the pod, so the manifest sets NUMFEAT_SHARD_COUNT to the same number.
 */
export function shardFromEnv(env: Record<string, string | undefined> = process.env): Shard {
  const has = (names: readonly string[]) => names.some((n) => env[n] !== undefined && env[n] !== '');
  const slurm = has(['SLURM_ARRAY_TASK_ID']);
  const k8s = has(['JOB_COMPLETION_INDEX']);
  if (slurm && k8s) throw new NumfeatError('BAD_ARGUMENT', '--shard auto: both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set; cannot tell which scheduler assigns the shard', { fix: 'unset one of them, or pass --shard i/n' });
  let index: number, count: number, source: string;
  if (slurm) {
    const id = integer(env, 'SLURM_ARRAY_TASK_ID', 0);
    count = integer(env, 'SLURM_ARRAY_TASK_COUNT', 1);
    const min = integer(env, 'SLURM_ARRAY_TASK_MIN', 0);
    const step = env.SLURM_ARRAY_TASK_STEP ? integer(env, 'SLURM_ARRAY_TASK_STEP', 1) : 1;
    if (env.SLURM_ARRAY_TASK_MAX) {
      const max = integer(env, 'SLURM_ARRAY_TASK_MAX', min);
      if ((max - min) / step + 1 !== count) throw new NumfeatError('BAD_ARGUMENT', `--shard auto: Slurm array ${min}-${max}:${step} does not have SLURM_ARRAY_TASK_COUNT = ${count} tasks (a list such as --array=1,4,7 cannot be mapped onto shards 1..n)`, { fix: 'submit a contiguous array, e.g. sbatch --array=0-' + (count - 1) });
    }
    if ((id - min) % step !== 0 || id < min) throw new NumfeatError('BAD_ARGUMENT', `--shard auto: SLURM_ARRAY_TASK_ID = ${id} is not on the array ${min}, ${min + step}, …`, { fix: AUTO_FIX });
    index = (id - min) / step + 1;
    source = `SLURM_ARRAY_TASK_ID=${id} (min ${min}, count ${count})`;
  } else if (k8s) {
    const i = integer(env, 'JOB_COMPLETION_INDEX', 0);
    if (!has(['NUMFEAT_SHARD_COUNT'])) throw new NumfeatError('BAD_ARGUMENT', '--shard auto: JOB_COMPLETION_INDEX is set but NUMFEAT_SHARD_COUNT is not (Kubernetes does not export the Job\'s completions)', { fix: 'set env NUMFEAT_SHARD_COUNT to the Job\'s spec.completions in the manifest' });
    count = integer(env, 'NUMFEAT_SHARD_COUNT', 1);
    index = i + 1;
    source = `JOB_COMPLETION_INDEX=${i} (NUMFEAT_SHARD_COUNT ${count})`;
  } else {
    throw new NumfeatError('BAD_ARGUMENT', `--shard auto: none of ${[...SHARD_ENV.slurm, ...SHARD_ENV.kubernetes].join(', ')} is set`, { fix: AUTO_FIX });
  }
  if (index > count) throw new NumfeatError('BAD_ARGUMENT', `--shard auto: ${source} gives shard ${index} of ${count}`, { fix: 'the index must be below the count: check the array range / completions and NUMFEAT_SHARD_COUNT' });
  return { index, count, source };
}

export function shardRuns<R extends { id: string }>(runs: readonly R[], { index, count }: Shard): R[] {
  const sorted = [...runs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.filter((_, j) => j % count === index - 1);
}
