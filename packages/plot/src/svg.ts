// Browser-safe subset: everything here is a pure function returning strings.
export { lineChart, type LineChartSpec, type LineSeries, type SeriesStyle } from './lineChart.js';
export { heatmap, type HeatmapSpec, type CellText } from './heatmap.js';
export { niceTicks, logTicks, formatNumber, plainNumber, type LinearTicks, type LogTicks } from './ticks.js';
export { escapeXml } from './escape.js';
export { toCsv } from './csv.js';
export { OKABE_ITO } from './palette.js';
export { schemeColor, colorFor, type ColorScale, type ColorScheme } from './colormap.js';
export { colorbarTicks, type ColorbarTick } from './colorbarTicks.js';
export type { AxisSpec, ScaleKind } from './scale.js';
export type { LegendItem, LegendPosition } from './legend.js';
export { barChart, type BarChartSpec, type BarSeries } from './barChart.js';
export { sparkline } from './sparkline.js';
export { textTable, type TextTableOptions, type Align } from './textTable.js';
export { panelGrid, type PanelOptions } from './panels.js';
