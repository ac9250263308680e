import { lineChart, writeFigure } from '@numfeat/plot';
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

/** κ per modulus as a one-row heatmap (the paper's table layout). */
export function kappaFigure(r: AnalysisResult, title: string): string {
  const moduli = Object.keys(r.kappa);
  return lineChart({
    title: `${title}: linear probe κ (%) for n mod T`,
    x: { label: 'modulus T', ticks: moduli.map(Number) },
    y: { label: "Cohen's κ (%)" },
    series: [{ name: 'κ', x: moduli.map(Number), y: moduli.map((T) => r.kappa[T]), style: 'line+points' }],
    hlines: [{ y: 0, label: 'chance' }],
  });
}

/** Writes spectrum.{svg,png,json} and kappa.{svg,png,json} into `dir`. */
export async function writeFigures(dir: string, r: AnalysisResult, title: string): Promise<void> {
  await writeFigure(`${dir}/spectrum`, spectrumFigure(r, title), {
    nu: r.spectrum.nu,
    magnitude: r.spectrum.magnitude,
    normalized: r.spectrum.normalized,
    normalizer: r.spectrum.normalizer,
    phi: r.phi,
  });
  await writeFigure(`${dir}/kappa`, kappaFigure(r, title), {
    moduli: Object.keys(r.kappa).map(Number),
    kappa: r.kappa,
    kappaStd: r.kappaStd,
    accuracy: r.accuracy,
    protocol: r.protocol,
  });
}
