// Shared by the io tests only (not exported from the package).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { NumfeatError, type NumfeatErrorCode } from '@numfeat/core';

export const fixtureDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const fixturePath = (name: string) => fixtureDir + name;
export const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));
export const expected = JSON.parse(readFileSync(fixturePath('expected.json'), 'utf8'));

/** Asserts that `fn` throws a NumfeatError with `code` whose message matches every pattern. */
export async function expectNumfeatError(fn: () => unknown, code: NumfeatErrorCode, ...patterns: RegExp[]): Promise<NumfeatError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a NumfeatError').toBeInstanceOf(NumfeatError);
  const err = caught as NumfeatError;
  expect(err.code, err.message).toBe(code);
  for (const p of patterns) expect(err.message).toMatch(p);
  return err;
}

/** Assembles a safetensors file from a header object and a raw buffer (for corruption cases). */
export function buildSafetensors(header: unknown, buffer: Uint8Array, declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + buffer.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? json.length), true);
  out.set(json, 8);
  out.set(buffer, 8 + json.length);
  return out;
}
