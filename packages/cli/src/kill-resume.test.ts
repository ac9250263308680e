// Fault test (issue 13): SIGKILL `numfeat train` at 5 random moments, each followed by --resume,
// and the final files must be bit-identical to an uninterrupted run's, on cpu and on wasm.
// Runs the built CLI (packages/cli/dist) as a separate process, as a user's shell would.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@numfeat/core';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const KILLS = 5;

/** The log line printed just before the first training step. */
const TRAINING = /training \d+ tokens in batches/;

interface Kill {
  /** Kill this many ms after spawn, or after the TRAINING line when `inTraining`. */
  ms: number;
  inTraining: boolean;
}

async function train(dir: string, backend: string, kill?: Kill) {
  const args = [bin, 'train', '--config', 'tiny.json', '--tokens', '1024', '--backend', backend, '--seed', '3', '--out', 'run', '--resume'];
  return new Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string; ms: number; trainingAt: number }>((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, NUMFEAT_BACKEND: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let trainingAt = NaN;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => (timer = setTimeout(() => child.kill('SIGKILL'), ms));
    if (kill && !kill.inTraining) arm(kill.ms);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (Number.isNaN(trainingAt) && TRAINING.test(stderr)) {
        trainingAt = performance.now() - t0;
        if (kill?.inTraining) arm(kill.ms);
      }
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - t0, trainingAt });
    });
  });
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'numfeat-kill-'));
  // A checkpoint every other step, so kills land between, during and after checkpoint writes.
  const config = { model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { batchSize: 4, context: 16, evalPoints: 4, checkpointEvery: 128 }, corpus: { numbers: 100 } };
  writeFileSync(join(dir, 'tiny.json'), JSON.stringify(config));
  return dir;
}

const lossesOf = (dir: string) =>
  readFileSync(join(dir, 'run/dynamics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.type === 'train')
    .map((r) => [r.step, r.loss]);

describe.each(['cpu', 'wasm'])('numfeat train on %s: SIGKILL at random moments, then --resume', (backend) => {
  it(`${KILLS} kills; the resumed run's files equal the uninterrupted run's bit for bit`, async () => {
    const reference = scratch();
    const ref = await train(reference, backend);
    expect(ref.status, ref.stderr).toBe(0);

    const dir = scratch();
    const random = mulberry32(backend === 'cpu' ? 2026 : 2027);
    // One kill during start-up, the rest anywhere from the first step to the last output file. A
    // resumed run has less left to do and may finish first; once one has, later kills hit start-up.
    const startup = ref.trainingAt;
    const training = ref.ms - ref.trainingAt;
    const kills: (Kill & { killed: boolean })[] = [];
    let finished = false;
    while (kills.filter((k) => k.killed).length < KILLS && kills.length < 3 * KILLS) {
      const atStartup = kills.length === 0 || finished;
      const kill = atStartup ? { ms: Math.round(random() * startup), inTraining: false } : { ms: Math.round(random() * training), inTraining: true };
      const r = await train(dir, backend, kill);
      kills.push({ ...kill, killed: r.signal === 'SIGKILL' });
      if (r.signal !== 'SIGKILL') {
        expect(r.status, r.stderr).toBe(0);
        finished = true;
      }
    }
    expect(kills.filter((k) => k.killed).length, JSON.stringify(kills)).toBe(KILLS);
    console.log(`${backend}: reference ${Math.round(ref.ms)} ms (training from ${Math.round(startup)} ms); kills ${JSON.stringify(kills)}`);
    const last = await train(dir, backend);
    expect(last.status, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/final loss \d+\.\d{4}/);
    expect(last.stdout).not.toMatch(/NaN/);

    for (const f of ['embeddings.npy', 'checkpoint.bin', 'analysis.json']) {
      expect(readFileSync(join(dir, 'run', f)).equals(readFileSync(join(reference, 'run', f))), `${f} differs`).toBe(true);
    }
    expect(lossesOf(dir)).toEqual(lossesOf(reference));
    // Orphan temp files of the killed writers are swept by the next run's writes.
    expect(readdirSync(join(dir, 'run')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'run/status.json'))).toBe(true);
  }, 240_000);
});
