// The study's chart builders (SVG strings from @numfeat/plot) and the data written beside them.
import { barChart, heatmap, lineChart, OKABE_ITO, panelGrid, type LegendItem } from '@numfeat/plot';
import { MODULI } from '../measure.js';

const KAPPA_SCALE = { min: -25, max: 100, scheme: 'diverging' as const, center: 0 };

/**
 * κ heatmap, ours beside the paper's (rows = systems; a system absent on one side is grey). Cell text
 * is the heatmap's own (one decimal, a true minus sign like the colour-bar ticks).
 */
export function kappaComparison(title, rows, ours, paper) {
  const cols = MODULI.map((T) => `mod ${T}`);
  const values = (src) => rows.map((r) => (src[r] ? MODULI.map((_, i) => src[r][i] ?? null) : MODULI.map(() => null)));
  const oursValues = values(ours);
  const paperValues = values(paper);
  const svg = panelGrid([
    heatmap({ title: `${title} — ours`, rows, cols, values: oursValues, colorScale: KAPPA_SCALE, cellText: true, colorbar: { label: "Cohen's κ (%)" } }),
    heatmap({ title: `${title} — paper`, rows, cols, values: paperValues, colorScale: KAPPA_SCALE, cellText: true, colorbar: { label: "Cohen's κ (%)" } }),
  ], { columns: 1 });
  const csv = [['system', 'source', ...cols]];
  rows.forEach((r, i) => { csv.push([r, 'ours', ...oursValues[i]]); csv.push([r, 'paper', ...paperValues[i]]); });
  return { svg, data: { title, rows, moduli: MODULI, ours: Object.fromEntries(rows.map((r, i) => [r, oursValues[i]])), paper: Object.fromEntries(rows.map((r, i) => [r, paperValues[i]])) }, csv };
}

const NU_TICKS = [
  { index: 49, label: '0.05' }, { index: 99, label: '0.1 (T=10)' }, { index: 199, label: '0.2 (T=5)' },
  { index: 299, label: '0.3' }, { index: 399, label: '0.4' }, { index: 499, label: '0.5 (T=2)' },
];

/** Normalised magnitude m(ν), ν = k/1000 for k = 1..500, clipped to [1, 4] as in the paper. */
export function spectrumHeatmap(title, systems) {
  const rows = systems.map((s) => s.system);
  const values = systems.map((s) => s.spectrum.slice(1, 501).map((v) => Math.min(4, Math.max(1, v))));
  const svg = heatmap({ title, rows, cols: Array.from({ length: 500 }, (_, i) => ((i + 1) / 1000).toFixed(3)), values, colorScale: { min: 1, max: 4, scheme: 'viridis' }, colTicks: NU_TICKS, colorbar: { label: 'Norm. magnitude (clipped 1–4)' }, xLabel: 'Fourier frequency ν (periods 10, 5, 2 marked)' });
  const csv = [['nu', ...rows], ...Array.from({ length: 500 }, (_, k) => [(k + 1) / 1000, ...systems.map((s) => s.spectrum[k + 1])])];
  return { svg, data: { title, nu: Array.from({ length: 500 }, (_, k) => (k + 1) / 1000), normalized: Object.fromEntries(systems.map((s) => [s.system, s.spectrum.slice(1, 501)])), clip: [1, 4], normalizer: 'median of ‖F_ν‖ over k = 1..500' }, csv };
}

export function lineSpectra(title, systems) {
  const x = Array.from({ length: 500 }, (_, k) => (k + 1) / 1000);
  const svg = lineChart({
    title, x: { label: 'Fourier frequency ν', domain: [0, 0.5] }, y: { label: 'Norm. magnitude ‖F_ν‖ / median' },
    series: systems.map((s) => ({ name: s.system, x, y: s.spectrum.slice(1, 501) })),
    markers: [10, 5, 2].map((T) => ({ x: 1 / T, label: `T=${T}` })), hlines: [{ y: 2, label: 'spike threshold 2' }],
  });
  return { svg, data: { title, nu: x, normalized: Object.fromEntries(systems.map((s) => [s.system, s.spectrum.slice(1, 501)])) }, csv: [['nu', ...systems.map((s) => s.system)], ...x.map((v, k) => [v, ...systems.map((s) => s.spectrum[k + 1])])] };
}

/** Fisher panel at T = 10: κ bars and the eigenvalues of S_W⁻¹S_B per system. */
export function fisherPanel(systems) {
  const cats = MODULI.map(String);
  const kappa = barChart({ title: "Cohen's κ of linear probe (%)", categories: cats, x: { label: 'modulus T' }, y: { label: 'κ (%)' }, series: systems.map((s) => ({ name: s.system, values: MODULI.map((T) => s.kappa[T].mean ?? 0) })) });
  const ranks = Array.from({ length: 9 }, (_, i) => String(i + 1));
  const eig = barChart({ title: 'Eigenvalues of S_W⁻¹S_B (T=10)', categories: ranks, x: { label: 'rank' }, y: { label: 'eigenvalue' }, series: systems.map((s) => ({ name: s.system, values: ranks.map((_, i) => s.eigenvalues[i] ?? 0) })) });
  const spec = lineSpectra('Fourier magnitude spectrum', systems).svg;
  return { svg: panelGrid([spec, kappa, eig], { columns: 1, letters: true }), data: systems.map((s) => ({ system: s.system, kappa: s.kappa, lambdaMax: s.lambdaMax, condSW: s.condSW, phi: s.phi, eigenvalues: s.eigenvalues })) };
}

export function counterexampleChart(sweep) {
  const B = sweep.rows.map((r) => r.B);
  const svg = lineChart({
    title: `Counterexample e(n) = A(n mod T) + B⌊n/T⌋ (N=${sweep.config.N}, T=${sweep.config.T}, A=${sweep.config.A})`,
    x: { label: 'B', scale: 'log' }, y: { label: 'best linear accuracy (%)', domain: [0, 100] }, // Φ_T / closed form is 1 to within rounding (≈ 1e-15): a fixed 0..1.5 axis shows it flat at 1
    // instead of auto-scaling the rounding noise into 16-digit tick labels over the axis title.
    y2: { label: 'Φ_T / closed form', domain: [0, 1.5] },
    series: [
      { name: 'best linear accuracy (exact)', x: B, y: sweep.rows.map((r) => 100 * r.accuracy) },
      { name: 'Φ_T / 206250', x: B, y: sweep.rows.map((r) => r.phi / sweep.phiClosedForm), axis: 'y2', dash: true },
    ],
    hlines: [{ y: 100 * sweep.chance, label: 'chance 1/T' }],
  });
  return { svg, data: sweep, csv: [['B', 'phi', 'accuracy', 'lambdaMax'], ...sweep.rows.map((r) => [r.B, r.phi, r.accuracy, r.lambdaMax])] };
}

/** One colour per training seed, the same in every panel, so a seed's curves pair up across styles. */
export const seedColor = (seed: number) => OKABE_ITO[seed % OKABE_ITO.length];

/** Grey legend rows explaining line styles, after the colour rows (which name systems or seeds). */
export const styleKey = (styles: { name: string; dash?: string; kind?: 'line' | 'points' }[]): LegendItem[] => styles.map((st) => ({ ...st, color: '#555555' }));

/** Colour rows for training seeds. */
export const seedKey = (seedList: number[]): LegendItem[] => seedList.map((seed) => ({ name: `seed ${seed}`, color: seedColor(seed) }));

export interface CurvePanelOptions {
  xScale?: 'linear' | 'log';
  /** One token range for every panel, so small multiples line up. */
  xDomain?: [number, number];
  /** Token tick labels (e.g. budgetLabel: 20000 → "20k"). */
  xTickFormat?: (tokens: number) => string;
  /** Panels per row (default 2 from four panels on, else 1). */
  columns?: number;
  width?: number;
  height?: number;
  /** One legend for the whole figure (colour and style keys); the panels then draw none. */
  legend?: LegendItem[];
}

/** Several curves against tokens, one panel per group. */
export function curvePanels(title, panels, { xScale = 'linear', xDomain, xTickFormat, columns, width, height, legend }: CurvePanelOptions = {}) {
  return panelGrid(panels.map((p) => lineChart({
    title: p.title, x: { label: 'training tokens', scale: xScale, ...(xDomain ? { domain: xDomain } : {}), ...(xTickFormat ? { tickFormat: xTickFormat } : {}) }, y: { label: p.yLabel, ...(p.yDomain ? { domain: p.yDomain } : {}) },
    ...(p.y2Label ? { y2: { label: p.y2Label } } : {}), series: p.series, ...(p.hlines?.length ? { hlines: p.hlines } : {}),
    ...(legend ? { legend: 'none' as const } : {}), ...(width ? { width } : {}), ...(height ? { height } : {}),
  })), { columns: columns ?? (panels.length >= 4 ? 2 : 1), title, ...(legend ? { legend } : {}) });
}

export function bars(title, categories, series, yLabel) {
  // Wide enough for the title and the category labels (the default width clips them).
  return barChart({ title, categories, series, y: { label: yLabel }, width: Math.max(760, 90 * categories.length), height: 460 });
}
