// Opens the page in headless Chromium, drops a seeded fixture .npy on it, and checks that what the
// page shows equals what Node computes from the same file with the same packages.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gaussian, mulberry32 } from '@numfeat/tensor/core';
import { loadEmbeddings, writeNpy } from '@numfeat/io';
import { analyzeEmbeddings, type AnalysisResult } from '@numfeat/analysis';
import { PAGE_OPTIONS } from './src/analyze-file.js';
// @ts-expect-error plain .mjs scripts without types
import { buildPage } from './build.mjs';
// @ts-expect-error plain .mjs scripts without types
import { serve } from './serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`examples/browser page test skipped: ${CHROMIUM} is absent (Debian: apt-get install chromium)`);

/** N = 100 numbers in d = 16: a planted mod-10 circle in two dimensions plus seeded Gaussian noise. */
function fixture(seed: number): Uint8Array {
  const N = 100;
  const d = 16;
  const noise = gaussian(mulberry32(seed));
  const rows = Array.from({ length: N }, (_, n) => {
    const row = Array.from({ length: d }, () => 0.1 * noise());
    row[0] += Math.cos((2 * Math.PI * n) / 10);
    row[1] += Math.sin((2 * Math.PI * n) / 10);
    return row;
  });
  return writeNpy(rows);
}

/** The full-precision numbers of the page's table rows with data-key `key`, by their data-t / data-k. */
async function shown(page: Page, key: string, by: 't' | 'k'): Promise<Record<string, number>> {
  return page.$$eval(
    `td[data-key="${key}"]`,
    (cells, attr) => Object.fromEntries(cells.map((c) => [(c.parentElement as HTMLElement).dataset[attr], Number((c as HTMLElement).dataset.value)])),
    by,
  );
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe.skipIf(!hasChromium)('examples/browser page in headless Chromium', () => {
  let dir: string;
  let browser: Browser;
  let server: { close(): void };
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'numfeat-browser-'));
    await buildPage();
    ({ server, url } = await serve());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the spectrum peaks, Φ_T, κ_T and Tr(S_B) that Node computes from the same .npy', async () => {
    const file = join(dir, 'planted-mod10.npy');
    writeFileSync(file, fixture(7));
    const node: AnalysisResult = analyzeEmbeddings((await loadEmbeddings(file)).matrix, PAGE_OPTIONS);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('#status[data-state="ready"]');
    await page.setInputFiles('#file', file);
    await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 30_000 });
    expect(await page.textContent('#status')).toBe('done: planted-mod10.npy');
    expect(errors).toEqual([]);
    expect(await page.$$eval('#spectrum svg', (s) => s.length)).toBe(1);

    const phi = await shown(page, 'phi', 't');
    expect(Object.keys(phi).sort()).toEqual(Object.keys(node.phi).sort());
    for (const T of Object.keys(node.phi)) expect(close(phi[T], node.phi[T]), `Φ_${T}: page ${phi[T]}, node ${node.phi[T]}`).toBe(true);

    const kappa = await shown(page, 'kappa', 't');
    expect(kappa).toEqual(node.kappa);

    const peaks = await shown(page, 'peak', 'k');
    expect(Object.keys(peaks).map(Number)).toEqual(node.dominantPeriods.map((p) => p.k));
    for (const p of node.dominantPeriods) expect(close(peaks[p.k], p.ratio)).toBe(true);

    const traceSB = await shown(page, 'traceSB', 't');
    const phiOverN = await shown(page, 'phiOverN', 't');
    expect(close(traceSB[10], node.fisher[10].traceSB)).toBe(true);
    expect(close(phiOverN[10], node.fisher[10].phiOverN)).toBe(true);

    // The planted structure is what the page reports: the ν = 1/10 peak leads, κ_10 is far above
    // chance (0) and above κ_3 (nothing planted mod 3).
    expect(node.dominantPeriods[0].k).toBe(10);
    expect(node.kappa[10]).toBeGreaterThan(20);
    expect(node.kappa[10]).toBeGreaterThan(node.kappa[3] + 20);
    await page.close();
  });

  it('shows a NumfeatError for a file it cannot read, instead of failing silently', async () => {
    const file = join(dir, 'broken.npy');
    writeFileSync(file, new Uint8Array([1, 2, 3]));
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('#status[data-state="ready"]');
    await page.setInputFiles('#file', file);
    await page.waitForSelector('#status[data-state="error"]');
    expect(await page.textContent('#status')).toMatch(/^error: .*broken\.npy/);
    await page.close();
  });
});
