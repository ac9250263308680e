import { writeFigure } from '@numfeat/plot';
import type { AnalysisResult } from './analyze.js';
import { kappaFigure, spectrumFigure } from './figures.js';

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
