// --shard i/n and shardRuns are tested in sweep.test.ts.
import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/tensor/core';
import { parseShard, shardFromEnv } from './shard.js';

const error = (f: () => unknown) => { try { f(); } catch (e) { return e as Error; } return undefined; };

describe('--shard auto', () => {
  it('reads a Slurm array (offset SLURM_ARRAY_TASK_MIN, step)', () => {
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0' })).toMatchObject({ index: 1, count: 4 });
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' })).toMatchObject({ index: 4, count: 4 });
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '2', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_MAX: '6' })).toMatchObject({ index: 3, count: 3 });
  });
  it('reads a Kubernetes indexed Job (JOB_COMPLETION_INDEX, NUMFEAT_SHARD_COUNT)', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', NUMFEAT_SHARD_COUNT: '3' })).toMatchObject({ index: 3, count: 3 });
  });
  it.each([
    [{}, /none of SLURM_ARRAY_TASK_ID, .*NUMFEAT_SHARD_COUNT is set/],
    [{ JOB_COMPLETION_INDEX: '0' }, /NUMFEAT_SHARD_COUNT is not/],
    [{ JOB_COMPLETION_INDEX: '3', NUMFEAT_SHARD_COUNT: '3' }, /gives shard 4 of 3/],
    [{ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' }, /SLURM_ARRAY_TASK_MIN must be an integer/],
    [{ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7' }, /cannot be mapped/],
    [{ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MIN: '0' }, /SLURM_ARRAY_TASK_ID must be an integer/],
    [{ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MIN: '0', JOB_COMPLETION_INDEX: '0' }, /both/],
  ])('rejects %j with a typed error naming the variables', (env, message) => {
    const e = error(() => parseShard('auto', env as Record<string, string>));
    expect(isNumfeatError(e, 'BAD_ARGUMENT')).toBe(true);
    expect(e!.message).toMatch(message);
  });
});
