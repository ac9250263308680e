import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy } from '@numfeat/io';
import { numfeatIn } from '../test-helpers.js';
import { defaultThreads } from './train.js';

const numfeat = numfeatIn;

describe('numfeat train', () => {
  it('trains a tiny model and writes embeddings, dynamics, checkpoint and the analysis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'numfeat-cli-train-'));
    writeFileSync(
      join(dir, 'tiny.json'),
      JSON.stringify({ model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { batchSize: 4, context: 16, evalPoints: 2 }, corpus: { numbers: 100 } }),
    );
    const r = await numfeat(dir, 'train', '--config', 'tiny.json', '--tokens', '256', '--backend', 'cpu', '--out', 'run', '--quiet', '--perturb', 'swap');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trained transformer \(muon\) on 256 synthetic tokens/);
    const E = readNpy(readFileSync(join(dir, 'run/embeddings.npy')));
    expect(E.shape).toEqual([100, 16]);
    const dyn = readFileSync(join(dir, 'run/dynamics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(dyn.filter((d) => d.type === 'eval').map((d) => d.tokens)).toEqual([0, 128, 256]);
    for (const f of ['checkpoint.bin', 'analysis.json', 'spectrum.svg', 'kappa.json', 'tokenizer.json', 'run.json']) expect(existsSync(join(dir, 'run', f))).toBe(true);
    const analysis = JSON.parse(readFileSync(join(dir, 'run/analysis.json'), 'utf8'));
    expect(analysis.numbers.count).toBe(100);
    // A second plain run into the same directory is refused; nothing is overwritten.
    const again = await numfeat(dir, 'train', '--config', 'tiny.json', '--tokens', '256', '--backend', 'cpu', '--out', 'run', '--quiet');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a checkpoint/);
  }, 60_000);

  it('uses both cores of a 2-core machine by default on the CPU backends, one on GPU backends, and says so', async () => {
    expect([defaultThreads('wasm', 2), defaultThreads('cpu', 16), defaultThreads('wasm', 1)]).toEqual([2, 2, 1]);
    expect([defaultThreads('webgpu', 8), defaultThreads('tensorflow', 8)]).toEqual([1, 1]);
    const dir = mkdtempSync(join(tmpdir(), 'numfeat-cli-threads-'));
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { batchSize: 4, context: 16, evalPoints: 0 }, corpus: { numbers: 100 } }));
    const r = await numfeat(dir, 'train', '--config', 'tiny.json', '--tokens', '128', '--backend', 'cpu', '--out', 'run');
    expect(r.code).toBe(0);
    const n = defaultThreads('cpu');
    expect(r.stderr).toMatch(n > 1 ? new RegExp(`on ${n} threads \\(data-parallel: 2 \\+ 2 rows per step\\)`) : /on 1 thread/);
  }, 60_000);

  it('rejects a bad --perturb before doing any work', async () => {
    const r = await numfeat(tmpdir(), 'train', '--out', 'x', '--perturb', 'shuffle');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/isolate-<k>/);
  });

  // issue 13: unknown or misspelt fields, null values and a non-object config were ignored (exit 0).
  it.each([
    ['{"trian": {"batchSize": 4}}', "'trian' is unknown (did you mean 'train'?)"],
    ['{"train": {"batchsize": 4}}', "'train.batchsize' is unknown (did you mean 'batchSize'?)"],
    ['{"optimizer": {"lr": null}}', "'optimizer.lr' must be a value, got null"],
    ['[1,2]', 'top level must be an object'],
    ['{"model": {"dModel": -5}}', "'model.dModel' must be a positive integer"],
    ['{"train": {"tokens": 256, "context": 0}}', "'train.context' must be an integer ≥ 1"],
  ])('rejects the config %s before any work: exit 2, one line naming the field', async (text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'numfeat-cli-config-'));
    writeFileSync(join(dir, 'bad.json'), text);
    const r = await numfeat(dir, 'train', '--config', 'bad.json', '--out', 'run', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'run'))).toBe(false);
  });
});
