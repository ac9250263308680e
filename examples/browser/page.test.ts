// Opens the page in headless Chromium, drops a seeded fixture .npy on it, and checks that what the
// page shows equals what Node computes from the same file with the same packages; then trains a tiny
// model in the page (wasm backend) and checks it against the same run in Node.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gaussian, mulberry32 } from '@numfeat/tensor/core';
import { initBackend } from '@numfeat/tensor';
import { loadEmbeddings, readNpy, writeNpy } from '@numfeat/io';
import { analyzeEmbeddings, type AnalysisResult } from '@numfeat/analysis';
import { PAGE_OPTIONS } from './src/analyze-file.js';
import { trainTiny, type TinyResult } from './src/train-tiny.js';
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
async function shownValues(page: Page, key: string, by: 't' | 'k'): Promise<Record<string, number>> {
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
    // --enable-unsafe-webgpu: Chromium on Linux offers WebGPU only with it (here a SwiftShader adapter).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-webgpu'] });
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

    const phi = await shownValues(page, 'phi', 't');
    expect(Object.keys(phi).sort()).toEqual(Object.keys(node.phi).sort());
    for (const T of Object.keys(node.phi)) expect(close(phi[T], node.phi[T]), `Φ_${T}: page ${phi[T]}, node ${node.phi[T]}`).toBe(true);

    const kappa = await shownValues(page, 'kappa', 't');
    expect(kappa).toEqual(node.kappa);

    const peaks = await shownValues(page, 'peak', 'k');
    expect(Object.keys(peaks).map(Number)).toEqual(node.dominantPeriods.map((p) => p.k));
    for (const p of node.dominantPeriods) expect(close(peaks[p.k], p.ratio)).toBe(true);

    const traceSB = await shownValues(page, 'traceSB', 't');
    const phiOverN = await shownValues(page, 'phiOverN', 't');
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

  describe('training a tiny model in the page', () => {
    // 20k tokens = 79 steps of 8 × 32 tokens: a few seconds in each of Node and Chromium.
    const RUN = { arch: 'transformer', tokens: 20_000, seed: 3 } as const;
    let node: TinyResult;

    beforeAll(async () => {
      await initBackend('wasm');
      node = await trainTiny(RUN);
    }, 120_000);

    /** Opens the page, fills the panel, clicks Train and waits for the end; returns the page's errors. */
    async function trainInPage(page: Page, o: { arch: string; tokens: number; seed: number | string; backend?: string }, end = 'done') {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForSelector('#train-status[data-state="ready"]');
      await page.selectOption('#train-arch', o.arch);
      await page.selectOption('#train-tokens', String(o.tokens));
      await page.fill('#train-seed', String(o.seed));
      await page.selectOption('#train-backend', o.backend ?? 'wasm');
      await page.click('#train');
      await page.waitForSelector(`#train-status[data-state="${end}"], #train-status[data-state="error"]`, { timeout: 150_000 });
      return errors;
    }

    /** The page's first and final losses, at full precision. */
    const pageLosses = (page: Page) =>
      page.$$eval('td[data-key$="loss"]', (cells) => Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.key, Number((c as HTMLElement).dataset.value)])));

    it('trains on wasm and shows the loss, the embeddings and the analysis that the same run in Node gives', async () => {
      const page = await browser.newPage();
      const errors = await trainInPage(page, RUN);
      expect(await page.textContent('#train-status'), await page.textContent('#train-status') ?? '').toMatch(/^completed: 79 steps/);
      expect(errors).toEqual([]);
      // One thread (no COOP/COEP here, as in Node) and numfeat's SIMD kernels, loaded from the bundle.
      expect(await page.textContent('#train-backend-report')).toMatch(/'wasm' backend .* SIMD on, 1 thread\(s\)\. numfeat SIMD kernels: BatchMatMul/);

      // The same seed, data, model and loop on the same wasm binaries: the same float32 arithmetic, so
      // the page's run is Node's bit for bit (losses, then every embedding value).
      const losses = await pageLosses(page);
      expect(losses['first-loss']).toBe(node.losses[0].loss);
      expect(losses['final-loss']).toBe(node.losses.at(-1)!.loss);
      // It learned: the loss fell well below its start (ln V ≈ 7.6 nats at initialisation).
      expect(node.losses.at(-1)!.loss).toBeLessThan(node.losses[0].loss - 1);

      const npy = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch((document.getElementById('train-download') as HTMLAnchorElement).href)).arrayBuffer())));
      const shown = readNpy(Uint8Array.from(npy));
      expect(shown.shape).toEqual(node.embeddings.shape);
      expect(Float64Array.from(shown.data)).toEqual(node.embeddings.data);

      // Hence the same analysis: κ per T exactly, Φ_T and Tr(S_B) as in the file test.
      expect(await shownValues(page, 'kappa', 't')).toEqual(node.analysis.kappa);
      const phi = await shownValues(page, 'phi', 't');
      for (const T of Object.keys(node.analysis.phi)) expect(close(phi[T], node.analysis.phi[T]), `Φ_${T}`).toBe(true);
      const peaks = await shownValues(page, 'peak', 'k');
      expect(Object.keys(peaks).map(Number)).toEqual(node.analysis.dominantPeriods.map((p) => p.k));
      expect(close((await shownValues(page, 'traceSB', 't'))[10], node.analysis.fisher[10].traceSB)).toBe(true);
      console.log(`tiny transformer, 20k tokens: page ${(await page.textContent('#train-progress'))}; Node ${Math.round(node.tokensPerSecond)} tok/s`);
      await page.close();
    }, 120_000);

    it('trains on webgpu where Chromium offers an adapter, close to the wasm run', async (ctx) => {
      const page = await browser.newPage();
      await page.goto(url);
      const adapter = await page.evaluate(async () => {
        const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string } } | null> } }).gpu;
        const a = await gpu?.requestAdapter();
        return a ? (a.info?.architecture ?? 'unnamed') : null;
      });
      if (!adapter) {
        console.warn('examples/browser webgpu training skipped: this Chromium offers no WebGPU adapter');
        await page.close();
        ctx.skip();
      }
      // 8 steps: a software adapter (SwiftShader) compiles every shader on the CPU, ≈ 30 s here.
      const small = { ...RUN, tokens: 2_000 };
      const errors = await trainInPage(page, { ...small, backend: 'webgpu' });
      expect(await page.textContent('#train-status'), await page.textContent('#train-status') ?? '').toMatch(/^completed: 8 steps/);
      expect(errors).toEqual([]);
      expect(await page.textContent('#train-backend-report')).toMatch(/'webgpu' backend .*numfeat WGSL kernels/);
      // Other float32 summation orders than wasm: equal to float32 rounding, not bit for bit. Measured
      // on SwiftShader: losses 6e-8 and 1.3e-7 relative, Φ_T 2e-7; the bounds leave 100× room.
      const wasm = await trainTiny(small);
      const losses = await pageLosses(page);
      expect(Math.abs(losses['first-loss'] / wasm.losses[0].loss - 1)).toBeLessThan(1e-5);
      expect(Math.abs(losses['final-loss'] / wasm.losses.at(-1)!.loss - 1)).toBeLessThan(1e-5);
      const phi = await shownValues(page, 'phi', 't');
      for (const T of Object.keys(wasm.analysis.phi)) expect(Math.abs(phi[T] / wasm.analysis.phi[T] - 1), `Φ_${T}`).toBeLessThan(1e-4);
      await page.close();
    }, 180_000);

    it('stops when Stop is clicked and still analyses the model so far', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector('#train-status[data-state="ready"]');
      await page.selectOption('#train-tokens', '200000');
      await page.click('#train');
      await page.waitForFunction(() => /^step \d+/.test(document.getElementById('train-progress')!.textContent ?? ''), undefined, { timeout: 60_000 });
      await page.click('#train-stop');
      await page.waitForSelector('#train-status[data-state="stopped"], #train-status[data-state="error"]', { timeout: 60_000 });
      const steps = Number(await page.getAttribute('td[data-key="steps"]', 'data-value'));
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThan(782); // ⌈200k / 256⌉
      expect(await page.$$eval('td[data-key="kappa"]', (c) => c.length)).toBe(PAGE_OPTIONS.moduli!.length);
      await page.close();
    }, 120_000);

    it('shows a NumfeatError for a bad seed instead of training', async () => {
      const page = await browser.newPage();
      await trainInPage(page, { ...RUN, seed: -1 }, 'error');
      expect(await page.textContent('#train-status')).toMatch(/^error: .*seed/);
      await page.close();
    });
  });
});
