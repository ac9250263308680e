import { heatmap, lineChart } from '@numfeat/plot';
import type { AnalysisResult } from './analyze.js';

/** Spectrum line chart with a marker at ν = 1/T for each Φ_T period. */
export function spectrumFigure(r: AnalysisResult, title: string): string {
  const s = r.spectrum;
  return lineChart({
    title: `${title}: Fourier spectrum over numbers ${r.numbers.start}..${r.numbers.start + r.numbers.count - 1}`,
    x: { label: 'Fourier frequency ν', domain: [0, 0.5] },
    y: { label: `‖F_ν‖ / ${s.normalizer.kind}` },
    series: [{ name: 'normalised magnitude', x: s.nu, y: s.normalized }],
    markers: Object.keys(r.phi).map((T) => ({ x: 1 / Number(T), label: `T=${T}` })),
    hlines: s.normalizer.kind === 'none' ? [] : [{ y: 1, label: s.normalizer.kind }],
  });
}

/** κ per modulus as a one-row heatmap (the paper's table layout), diverging around chance κ = 0. */
export function kappaFigure(r: AnalysisResult, title: string): string {
  const moduli = Object.keys(r.kappa);
  const values = moduli.map((T) => r.kappa[T]);
  const low = Math.min(-25, ...values);
  return heatmap({
    title: `${title}: linear probe for n mod T`,
    rows: [title],
    cols: moduli.map((T) => `mod ${T}`),
    values: [values],
    colorScale: { min: low, max: 100, scheme: 'diverging', center: 0 },
    cellText: true,
    colorbar: { label: "Cohen's κ (%)" },
    xLabel: 'modulus T',
  });
}
