import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// run.mjs imports the BUILT packages (as a user would), so this runs after `pnpm build`.
const built = ['fourier', 'probes', 'theory', 'plot'].every((p) =>
  existsSync(fileURLToPath(new URL(`../../packages/${p}/dist/index.js`, import.meta.url))),
);

describe.skipIf(!built)('examples/analyze-embeddings', () => {
  it('finds the planted period-10 circle and parity, and writes both figures', () => {
    const out = mkdtempSync(join(tmpdir(), 'numfeat-example-analyze-'));
    const script = fileURLToPath(new URL('./run.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/dominant periods: T=10 .*T=2 /);
    const kappa = Object.fromEntries([...run.stdout.matchAll(/(\d+): (-?\d+\.\d)/g)].map((m) => [m[1], Number(m[2])]));
    expect(kappa['10']).toBeGreaterThan(90);
    expect(kappa['2']).toBeGreaterThan(90);
    expect(Math.abs(kappa['5'])).toBeLessThan(10); // antipodal pairs: a spike at ν = 0.1 does not give mod 5
    expect(run.stdout).toMatch(/bounds hold \| lemma holds: true/);
    expect(readdirSync(out).sort()).toEqual(['kappa.json', 'kappa.png', 'kappa.svg', 'spectrum.json', 'spectrum.png', 'spectrum.svg']);
  });
});
