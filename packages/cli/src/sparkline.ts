// Temporary local sparkline until @numfeat/plot exports one.
const BARS = '▁▂▃▄▅▆▇█';

/** Unicode sparkline of `values` in `width` columns; each column shows its bin's maximum (spikes survive). */
export function sparkline(values: readonly number[], width: number): string {
  const n = values.length;
  const cols = Math.min(width, n);
  const bins: number[] = [];
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * n) / cols);
    const hi = Math.max(lo + 1, Math.floor(((c + 1) * n) / cols));
    let m = -Infinity;
    for (let i = lo; i < hi; i++) m = Math.max(m, values[i]);
    bins.push(m);
  }
  const min = Math.min(...bins);
  const max = Math.max(...bins);
  const span = max - min || 1;
  return bins.map((v) => BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / span) * BARS.length))]).join('');
}
