// Study-level fault test (issue 13): SIGKILL `node examples/study/run.mjs --profile quick --only
// dynamics` once, mid-sweep, rerun the same command, and the κ of every run must equal those of an
// uninterrupted study. Only runs the study as a process; ~3 min on the 2-core CI machine.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STUDY = ['examples/study/run.mjs', '--profile', 'quick', '--only', 'dynamics', '--workers', '2'];

/** Runs the study into `out`; with `killWhen`, SIGKILLs it `delayMs` after stdout first matches. */
function study(out: string, killWhen?: { pattern: RegExp; delayMs: number }) {
  return new Promise<{ status: number | null; signal: string | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [...STUDY, '--out', out], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUMFEAT_BACKEND: '' } });
    let stdout = '';
    let armed = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (killWhen && !armed && killWhen.pattern.test(stdout)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killWhen.delayMs);
      }
    });
    child.stderr.on('data', (d) => (stdout += d));
    child.on('close', (status, signal) => resolve({ status, signal, stdout }));
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
    // After the first run finishes the second and third are mid-training (two workers).
    const killed = await study(out, { pattern: /\[1\/3\] ok/, delayMs: 1500 });
    expect(killed.signal, killed.stdout).toBe('SIGKILL');
    const rerun = await study(out);
    expect(rerun.status, rerun.stdout).toBe(0);
    expect(rerun.stdout).toMatch(/1 already finished|[12] already finished/);
    expect(kappas(out)).toEqual(kappas(reference));
    console.log(`study kill test: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }, 900_000);
});
