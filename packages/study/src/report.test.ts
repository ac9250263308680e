import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from './report/build.js';
import { loadProfile } from './profile.js';
import { planRuns } from './experiments/index.js';
import { writeFakeStudy } from './testing/fake-results.js';
import { budgetLabel } from './runs.js';
import { fmt } from './verdicts.js';

const CHROMIUM = '/usr/bin/chromium';
const FIGURES = ['universality-heatmap', 'universality-lines', 'fisher-panel', 'counterexample', 'kappa-architectures', 'kappa-perturbations', 'dynamics', 'addition-curves', 'kappa-addition', 'attribution', 'scaling', 'conditions'];

let root: string;
let built: Awaited<ReturnType<typeof buildReport>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'study-report-'));
  const profile = loadProfile('quick');
  writeFakeStudy(root, profile, planRuns(profile), { failEvery: 9 });
  built = await buildReport(root, { png: true });
}, 120_000);

describe('report builder on fake results', () => {
  it('writes REPORT.md, report.html, verdicts.json and every figure as SVG, PNG and JSON', () => {
    expect(existsSync(join(root, 'REPORT.md'))).toBe(true);
    expect(existsSync(join(root, 'report.html'))).toBe(true);
    expect(existsSync(join(root, 'verdicts.json'))).toBe(true);
    const files = readdirSync(join(root, 'figures'));
    for (const f of FIGURES) for (const ext of ['svg', 'png', 'json']) expect(files, `${f}.${ext}`).toContain(`${f}.${ext}`);
    expect(files).toContain('kappa-perturbations.csv');
  });

  it('lists ≥ 9 claims with verdicts from the fixed vocabulary, failed runs with their log, and the paper values', () => {
    expect(built.claims.length).toBeGreaterThanOrEqual(9);
    for (const c of built.claims) expect(['reproduced', 'partly', 'not reproduced', 'inconclusive', 'not tested']).toContain(c.verdict);
    const md = readFileSync(join(root, 'REPORT.md'), 'utf8');
    expect(md).toMatch(/failed: loss became NaN/);
    expect(md).toMatch(/## Classes/);
    const k = JSON.parse(readFileSync(join(root, 'figures', 'kappa-perturbations.json'), 'utf8'));
    expect(k.paper['Swap Numbers'][8]).toBe(28.8);
    expect(k.paper['Original'][0]).toBe(96.1);
    // fake Transformer runs are "strong" and fake Unigram runs near 0, so C6 can pass or be partial
    expect(built.claims.find((c) => c.id === 'C16')?.verdict).toBe('reproduced');
  });

  it('report.html is self-contained: inline SVG, no external URLs', () => {
    const html = readFileSync(join(root, 'report.html'), 'utf8');
    expect((html.match(/<figure/g) ?? []).length).toBe(FIGURES.length);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/<img /);
  });
});

describe('data conditions table', () => {
  it('tells a planned original that is missing from one this profile never runs at that budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'study-conditions-'));
    const base = loadProfile('quick');
    // The real-corpus condition at 6k tokens: no original-corpus run is planned at 6k.
    const profile = { ...base, conditions: { ...base.conditions!, list: base.conditions!.list.map((c) => (c.name === 'real' ? { ...c, tokens: 6000 } : c)) } };
    // Drop the key-budget original LSTM runs: planned, but missing.
    const runs = planRuns(profile).filter((r) => !(r.kind === 'lm' && r.systemId === 'lstm/adamw'));
    writeFakeStudy(dir, profile, runs);
    await buildReport(dir, { png: false });
    const md = readFileSync(join(dir, 'REPORT.md'), 'utf8');
    const row = (name: string) => md.split('\n').find((l) => l.startsWith(`| ${name} |`)) ?? '';
    expect(row('original @ 6k')).toMatch(/not run at this budget \| not run at this budget \|$/);
    expect(row('original @ 25k')).toMatch(/\| missing\/failed \|$/);
    expect(row('original @ 25k')).not.toMatch(/not run/);
  }, 120_000);

  it("puts the key runs' checkpoint beside a condition at a budget no original is trained to, and only where every seed logged one", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'study-conditions-cp-'));
    const base = loadProfile('quick');
    const key = base.train.tokens;
    // Fake runs log checkpoints at 0, 1/3, 2/3 and all of the key budget: the mix condition at 2/3 has
    // one, the real condition at 6k (≈ 0.24 of 25k) has none.
    const twoThirds = Math.round((2 * key) / 3);
    const profile = { ...base, conditions: { ...base.conditions!, list: base.conditions!.list.map((c) => (c.name === 'mix' ? { ...c, tokens: twoThirds } : c.name === 'real' ? { ...c, tokens: 6000 } : c)) } };
    const runs = planRuns(profile);
    writeFakeStudy(dir, profile, runs);
    await buildReport(dir, { png: false });
    const md = readFileSync(join(dir, 'REPORT.md'), 'utf8');
    const row = (name: string) => md.split('\n').find((l) => l.startsWith(`| ${name} |`)) ?? '';
    // The expected cell, recomputed from the written key-run logs of the Transformer (Muon).
    const keyRuns = runs.filter((r) => r.kind === 'lm' && r.systemId === 'transformer/muon' && r.train.tokens === key);
    expect(keyRuns.length).toBeGreaterThanOrEqual(2);
    const k10 = keyRuns.map((r) => JSON.parse(readFileSync(join(dir, 'runs', r.id, 'result.json'), 'utf8')).result.dynamics.find((e: any) => e.tokens === twoThirds).kappa[10]);
    const mean = k10.reduce((a: number, b: number) => a + b, 0) / k10.length;
    const cells = row(`original @ ${budgetLabel(twoThirds)}`).split(' | ');
    expect(cells[3]).toMatch(new RegExp(`^${fmt(mean).replace('.', '\\.')} ± .*checkpoint of the ${budgetLabel(key)} runs, n = ${keyRuns.length}, not an own schedule\\)$`));
    expect(row('original @ 6k')).toMatch(/not run at this budget \| not run at this budget \|$/);
  }, 120_000);
});

/** The text each <text> element draws (its tspans joined), per figure SVG. */
function figureTexts(name: string): string[] {
  const svg = readFileSync(join(root, 'figures', `${name}.svg`), 'utf8');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
}

describe('figure typography', () => {
  // Issue: κ heatmap cells printed "-3.2" beside colour-bar ticks printing "−25".
  it('κ heatmaps print negative cells with a true minus, one per negative value in the data', () => {
    const fig = JSON.parse(readFileSync(join(root, 'figures', 'kappa-architectures.json'), 'utf8'));
    const values = [...Object.values(fig.ours), ...Object.values(fig.paper)].flat().filter((v): v is number => typeof v === 'number');
    // A value that rounds to 0.0 prints as 0, without a sign.
    const negatives = values.filter((v) => Math.round(v * 10) < 0).length;
    expect(negatives).toBeGreaterThan(0);
    const svg = readFileSync(join(root, 'figures', 'kappa-architectures.svg'), 'utf8');
    const cells = [...svg.matchAll(/<g class="cell-text">([\s\S]*?)<\/g>/g)].flatMap((g) => [...g[1].matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
    expect(cells.filter((c) => c.startsWith('\u2212'))).toHaveLength(negatives);
    expect(cells.filter((c) => c.includes('-'))).toEqual([]);
  });

  it('no figure prints a hyphen-minus as a sign or an underscore for a subscript', () => {
    for (const name of FIGURES) {
      const texts = figureTexts(name);
      expect(texts.length, name).toBeGreaterThan(0);
      expect(texts.filter((t) => /(^|[^\p{L}\p{N}])-\d/u.test(t)), name).toEqual([]);
      expect(texts.filter((t) => t.includes('_')), name).toEqual([]);
    }
  });
});

describe('scaling figure', () => {
  // κ_5 and κ_2 were drawn as own-schedule markers only, though every checkpoint records them.
  it('draws checkpoint bands of κ_T and Φ_T for T = 10, 5, 2, the seed means of the runs\' own logs', () => {
    const svg = readFileSync(join(root, 'figures', 'scaling.svg'), 'utf8');
    const curves = JSON.parse(readFileSync(join(root, 'figures', 'scaling.json'), 'utf8'));
    expect(curves.map((c) => c.name)).toEqual(['Transformer (Muon)', 'LSTM (AdamW)']);
    for (const [c, id] of [[curves[0], 'lm_transformer_muon_synthetic_none_all'], [curves[1], 'lm_lstm_adamw_synthetic_none_all']]) {
      // One solid mean and two dotted std lines per panel, six panels (κ_10, κ_5, κ_2, Φ_10, Φ_5, Φ_2).
      for (const part of ['checkpoint mean', '− 1 std', '+ 1 std']) expect(svg.split(`data-series="${c.name}, ${part}"`).length - 1, part).toBe(6);
      const logs = readdirSync(join(root, 'runs')).filter((d) => new RegExp(`^${id}_s\\d+$`).test(d))
        .map((d) => JSON.parse(readFileSync(join(root, 'runs', d, 'result.json'), 'utf8')))
        .filter((r) => r.status === 'ok').map((r) => r.result.dynamics.filter((e) => e.tokens > 0));
      expect(logs.length).toBe(c.seeds);
      expect(c.x).toEqual(logs[0].map((e) => e.tokens));
      for (const T of [5, 2]) {
        for (const [field, band] of [['kappa', c.kappa[T]], ['phi', c.phi[T]]]) {
          const means = c.x.map((_, i) => logs.reduce((a, l) => a + l[i][field][T], 0) / logs.length);
          means.forEach((m, i) => expect(band.mean[i]).toBeCloseTo(m, 9));
          band.lo.forEach((lo, i) => expect(lo).toBeLessThanOrEqual(band.mean[i]));
        }
      }
    }
  });
});

describe('report.html in headless Chromium', () => {
  it.skipIf(!existsSync(CHROMIUM))('renders every figure with a non-zero box and no console errors', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${join(root, 'report.html')}`);
      const boxes = await page.$$eval('figure > svg', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }));
      expect(boxes.length).toBe(FIGURES.length);
      for (const [w, h] of boxes) { expect(w).toBeGreaterThan(50); expect(h).toBeGreaterThan(50); }
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
  if (!existsSync(CHROMIUM)) console.warn(`skipping the headless-browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);
});
