// Study-level fault test (issue 13): SIGKILL `node examples/study/run.mjs --profile quick --only
// dynamics` once, mid-training, rerun the same command, and the κ of every run must equal those of an
// uninterrupted study. Only runs the study as a process; ~3 min on the 2-core CI machine.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STUDY = ['examples/study/run.mjs', '--profile', 'quick', '--only', 'dynamics', '--workers', '2'];

/**
 * Runs the study into `out`. With `kill`, SIGKILLs it 1 s after some run rewrites its checkpoint
 * (its second checkpoint: a run mid-training, with a checkpoint to resume from).
 */
function study(out: string, kill = false) {
  return new Promise<{ status: number | null; signal: string | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [...STUDY, '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUMFEAT_BACKEND: '' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    const seen = new Map<string, number>();
    const poll = !kill
      ? undefined
      : setInterval(() => {
          const runs = join(out, 'quick/runs');
          for (const id of existsSync(runs) ? readdirSync(runs) : []) {
            const ckpt = join(runs, id, 'checkpoint.bin');
            const mtime = existsSync(ckpt) ? statSync(ckpt).mtimeMs : undefined;
            if (mtime === undefined) continue;
            if (seen.has(id) && seen.get(id) !== mtime) {
              clearInterval(poll);
              setTimeout(() => child.kill('SIGKILL'), 1000);
              return;
            }
            seen.set(id, mtime);
          }
        }, 100);
    child.on('close', (status, signal) => {
      clearInterval(poll);
      resolve({ status, signal, stdout });
    });
  });
}

function kappas(out: string): Record<string, unknown> {
  const runs = join(out, 'quick/runs');
  return Object.fromEntries(
    readdirSync(runs)
      .sort()
      .map((id) => {
        const r = JSON.parse(readFileSync(join(runs, id, 'result.json'), 'utf8'));
        return [id, { kappa: r.result.kappa, dynamics: r.result.dynamics.map((e: { kappa?: unknown; accuracy?: unknown }) => e.kappa ?? e.accuracy) }];
      }),
  );
}

describe('the study survives a SIGKILL', () => {
  it('killed once mid-sweep, rerun: every run\'s κ equals the uninterrupted study\'s', async () => {
    const t0 = performance.now();
    const reference = mkdtempSync(join(tmpdir(), 'numfeat-study-ref-'));
    const ref = await study(reference);
    expect(ref.status, ref.stdout).toBe(0);

    const out = mkdtempSync(join(tmpdir(), 'numfeat-study-kill-'));
    const killed = await study(out, true);
    expect(killed.signal, killed.stdout).toBe('SIGKILL');
    const rerun = await study(out);
    expect(rerun.status, rerun.stdout).toBe(0);
    expect(kappas(out)).toEqual(kappas(reference));
    // At least one run continued from its checkpoint rather than starting over.
    const resumed = readdirSync(join(out, 'quick/runs')).map((id) => JSON.parse(readFileSync(join(out, 'quick/runs', id, 'result.json'), 'utf8')).result.training?.resumedFrom ?? 0);
    expect(Math.max(...resumed), JSON.stringify(resumed)).toBeGreaterThan(0);
    console.log(`study kill test: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }, 900_000);
});
