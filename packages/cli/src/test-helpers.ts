// Shared by the cli tests only (not exported from the package).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';

export const fixtureDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const expected = JSON.parse(readFileSync(`${fixtureDir}expected.json`, 'utf8'));

/** Runs `numfeat …args` in-process in `cwd` and captures stdout, stderr and the exit code. */
export async function numfeatIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** Runs `numfeat …args` in-process in the fixtures folder. */
export const numfeat = (...args: string[]) => numfeatIn(fixtureDir, ...args);

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}
