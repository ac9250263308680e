// The scaling figure: κ_T and Φ_T (T = 10, 5, 2) against training tokens as small multiples on one
// log token axis. Each system has one colour; its checkpoint mean is solid, ± 1 std over seeds
// dotted, own-schedule runs are dots, so one figure legend (colours, then a grey style key) serves all panels.
import { budgetLabel } from '../runs.js';
import { curvePanels, styleKey } from './charts.js';

/** Mean ± 1 std over seeds at each checkpoint. */
export interface Band {
  mean: number[];
  lo: number[];
  hi: number[];
}

export interface ScalingCurve {
  name: string;
  color: string;
  /** Key-budget runs behind the checkpoint bands. */
  seeds: number;
  /** Checkpoint token counts, shared by every band. */
  x: number[];
  kappa: Record<number, Band>;
  phi: Record<number, Band>;
  /** Own-schedule runs per budget (the key budget included): mean ± std over their seeds. */
  ends: { tokens: number; n: number; kappa: Record<number, { mean: number | null }>; phi: Record<number, { mean: number | null }> }[];
}

const BAND_DASH = '2 3';

export interface ScalingFigureOptions {
  /** The geometric cut-off (experiments/scaling.ts GEOMETRIC_KAPPA), a line on the κ_10 panel. */
  geometricKappa: number;
}

function panel(curves: ScalingCurve[], field: 'kappa' | 'phi', T: number) {
  return curves.flatMap((c) => [
    { name: `${c.name}, checkpoint mean`, x: c.x, y: c[field][T].mean, color: c.color },
    { name: `${c.name}, − 1 std`, x: c.x, y: c[field][T].lo, color: c.color, dash: BAND_DASH, strokeWidth: 1 },
    { name: `${c.name}, + 1 std`, x: c.x, y: c[field][T].hi, color: c.color, dash: BAND_DASH, strokeWidth: 1 },
    { name: `${c.name}, own schedule`, x: c.ends.map((e) => e.tokens), y: c.ends.map((e) => e[field][T].mean), style: 'points' as const, color: c.color },
  ]);
}

/** SVG, JSON data and CSV of the scaling figure; `key` is the key budget in tokens. */
export function scalingFigure(curves: ScalingCurve[], key: number, { geometricKappa }: ScalingFigureOptions) {
  // The periods the checkpoints carry (10, 5, 2), largest first.
  const periods = Object.keys(curves[0].kappa).map(Number).sort((a, b) => b - a);
  const tokens = curves.flatMap((c) => [...c.x, ...c.ends.map((e) => e.tokens)]);
  // One token axis for all six panels, so the small multiples line up; a margin of a tenth of a
  // decade each side (not whole decades: the checkpoints often span less than one).
  const xDomain: [number, number] = [Math.min(...tokens) / 10 ** 0.1, Math.max(...tokens) * 10 ** 0.1];
  const legendItems = [
    ...curves.map((c) => ({ name: `${c.name} (${c.seeds} seeds)`, color: c.color })),
    ...styleKey([{ name: 'checkpoints: mean over seeds' }, { name: '± 1 std over seeds', dash: BAND_DASH }, { name: 'own-schedule runs (mean)', kind: 'points' }]),
  ];
  const panels = [
    ...periods.map((T) => ({
      title: `κ_${T}: linear probe for n mod ${T}`, yLabel: `κ_${T} (%)`, series: panel(curves, 'kappa', T),
      hlines: T === 10 ? [{ y: geometricKappa, label: `κ_10 = ${geometricKappa}` }] : [],
    })),
    ...periods.map((T) => ({ title: `Φ_${T} of the raw embeddings`, yLabel: `Φ_${T}`, series: panel(curves, 'phi', T) })),
  ];
  const svg = curvePanels(`Scaling on fresh synthetic tokens: checkpoints of the ${budgetLabel(key)}-token runs and own-schedule runs`, panels, { xScale: 'log', xDomain, xTickFormat: budgetLabel, columns: 3, width: 560, height: 400, legend: legendItems });
  const header = ['system', 'tokens', ...['kappa', 'phi'].flatMap((f) => periods.flatMap((T) => [`${f}${T}_mean`, `${f}${T}_lo`, `${f}${T}_hi`]))];
  const rows = curves.flatMap((c) => c.x.map((x, i) => [c.name, x, ...(['kappa', 'phi'] as const).flatMap((f) => periods.flatMap((T) => [c[f][T].mean[i], c[f][T].lo[i], c[f][T].hi[i]]))]));
  return { svg, data: curves, csv: [header, ...rows] };
}
