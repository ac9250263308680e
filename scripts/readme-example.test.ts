// The README's "Ten lines in your own code" block must run as written: this test extracts it,
// supplies `loadMyNumberEmbeddings` (circular mod-10 features + parity + noise), runs it and
// checks what it prints.
import { afterAll, expect, it, vi } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = `${root}scripts/.readme-example.tmp.ts`;
afterAll(() => rmSync(temp, { force: true }));

it('the README example runs and finds the period-10 structure', async () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const block = /## Ten lines in your own code\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, 'README has the example block').toBeTruthy();
  const loader = `
import { gaussian, mulberry32 } from '@numfeat/core';
function loadMyNumberEmbeddings(): number[][] {
  const noise = gaussian(mulberry32(11));
  return Array.from({ length: 1000 }, (_, n) => [
    Math.cos((2 * Math.PI * n) / 10), Math.sin((2 * Math.PI * n) / 10), (-1) ** n, 0.1 * noise(), 0.1 * noise(),
  ]);
}
`;
  const imports = block!.split('\n').filter((l) => l.startsWith('import '));
  const body = block!.split('\n').filter((l) => !l.startsWith('import '));
  writeFileSync(temp, [...imports, loader, ...body].join('\n'));
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.map(String).join(' ')));
  await import(/* @vite-ignore */ temp);
  spy.mockRestore();
  expect(lines[0].split(',').map(Number)).toContain(10);
  expect(lines.some((l) => /^κ_10 = 100\.0 ± 0\.0$/.test(l))).toBe(true);
  expect(lines.some((l) => /^κ_2 = 100\.0 ± 0\.0$/.test(l))).toBe(true);
});
