import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findAdapter } from './webgpu.js';

// Dawn's warnings go to the native stderr, so only a separate process can show whether they leak.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const hardwareGpu = await findAdapter('default').then((f) => typeof f !== 'string' && !f.report.isSoftware, () => false);

function runNode(code: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NUMFEAT_BACKEND: '' } });
}

describe.skipIf(!existsSync(dist))('native WebGPU noise (built package)', () => {
  it("auto probes webgpu without Dawn's warnings reaching stderr", () => {
    const r = runNode(`import { initBackend } from ${JSON.stringify(dist)}; const b = await initBackend('auto'); console.log(b.name);`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Vulkan|Warning|dawn/i);
  }, 150_000);

  it.skipIf(hardwareGpu)("an explicit webgpu request without a GPU fails with one line that carries Dawn's reason", () => {
    const r = runNode(`import { initBackend } from ${JSON.stringify(dist)}; try { await initBackend('webgpu', { webgpu: 'default' }); } catch (e) { console.log(JSON.stringify(e.message)); }`);
    expect(r.stderr).not.toMatch(/Vulkan|Warning/i);
    const message = JSON.parse(r.stdout.trim()) as string;
    expect(message).toMatch(/no WebGPU adapter was found/);
    expect(message).not.toContain('\n');
  }, 150_000);
});
