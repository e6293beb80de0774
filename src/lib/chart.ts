/**
 * Static SVG bar charts, laid out at build time: d3-scale computes the axis
 * and coordinates, `BarChart.astro` draws them. One row per datum with its
 * label above the bar, so long Chinese place names fit at phone width.
 */
import { scaleLinear } from 'd3-scale';

/** One bar. */
export interface BarDatum {
  /** Unique within the chart (used for keys and ids). */
  key: string;
  /** Text above the bar (`苏州市 · 2020年`). */
  label: string;
  value: number;
  /** Optional link for the label (the quoted paragraph). */
  href?: string;
}

export interface BarChartOptions {
  /** Width of the drawing in SVG units; the page scales it to fit. */
  width: number;
  /** Height of a bar. */
  barHeight: number;
  /** Room for the label line above each bar. */
  labelHeight: number;
  /** Space between one bar and the next label. */
  rowGap: number;
  /** Approximate tick count (d3 picks round values). */
  ticks: number;
  /** Font size of labels, used to estimate whether a value label fits beside its bar. */
  fontSize: number;
  /** Formats a value for its bar and the axis. */
  format: (value: number) => string;
}

export const defaultBarChartOptions: BarChartOptions = {
  width: 360,
  barHeight: 14,
  labelHeight: 20,
  rowGap: 10,
  ticks: 4,
  fontSize: 14,
  format: (v) => formatNumber(v),
};

/** A laid-out bar with its label positions. */
export interface BarLayout extends BarDatum {
  valueLabel: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Baseline of the label line above the bar. */
  labelY: number;
  /** Where the value label goes, and whether it sits inside the bar (light text) or after it. */
  valueX: number;
  valueAnchor: 'start' | 'end';
  valueInside: boolean;
}

export interface BarChartLayout {
  width: number;
  height: number;
  bars: BarLayout[];
  /** Tick positions along the x axis, with labels. */
  ticks: { x: number; label: string }[];
  /** x of the zero line, or null when every value is on one side of it (the bars start there anyway). */
  zeroX: number | null;
  /** Top and bottom of the plotting area (grid lines span it); the axis labels sit below `plotBottom`. */
  plotTop: number;
  plotBottom: number;
  /** Left and right edges of the value axis. */
  left: number;
  right: number;
}

/** Room beside the axis for half of a centred tick label. */
const PAD_LEFT = 10;
const PAD_RIGHT = 24;
const AXIS_HEIGHT = 22;

/** Lays out a horizontal bar chart; bars keep the order given. */
export function layoutBarChart(data: readonly BarDatum[], options: Partial<BarChartOptions> = {}): BarChartLayout {
  const o = { ...defaultBarChartOptions, ...options };
  const values = data.map((d) => d.value);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const left = PAD_LEFT;
  const right = o.width - PAD_RIGHT;
  const x = scaleLinear()
    .domain(low === high ? [0, 1] : [low, high])
    .range([left, right])
    .nice(o.ticks);
  const zeroX = x(0);
  const rowHeight = o.labelHeight + o.barHeight + o.rowGap;
  const plotTop = 4;
  const bars = data.map((d, i): BarLayout => {
    const top = plotTop + i * rowHeight;
    const end = x(d.value);
    const barX = Math.min(zeroX, end);
    const barWidth = Math.abs(end - zeroX);
    const valueLabel = o.format(d.value);
    const labelWidth = estimateTextWidth(valueLabel, o.fontSize) + 6;
    const positive = d.value >= 0;
    const roomOutside = positive ? right - end : end - left;
    // After the bar when there is room; else inside its end in light text; else pinned to the edge.
    const place =
      roomOutside >= labelWidth
        ? { valueX: positive ? end + 4 : end - 4, valueAnchor: positive ? 'start' : 'end', valueInside: false }
        : barWidth >= labelWidth
          ? { valueX: positive ? end - 4 : end + 4, valueAnchor: positive ? 'end' : 'start', valueInside: true }
          : { valueX: positive ? right : left, valueAnchor: positive ? 'end' : 'start', valueInside: false };
    return {
      ...d,
      valueLabel,
      x: round(barX),
      y: round(top + o.labelHeight),
      width: round(Math.max(barWidth, d.value === 0 ? 0 : 1)),
      height: o.barHeight,
      labelY: round(top + o.labelHeight - 5),
      valueX: round(place.valueX),
      valueAnchor: place.valueAnchor as 'start' | 'end',
      valueInside: place.valueInside,
    };
  });
  const plotBottom = plotTop + data.length * rowHeight;
  return {
    width: o.width,
    height: round(plotBottom + AXIS_HEIGHT),
    bars,
    ticks: x.ticks(o.ticks).map((t) => ({ x: round(x(t)), label: o.format(t) })),
    zeroX: low < 0 && high > 0 ? round(zeroX) : null,
    plotTop,
    plotBottom,
    left,
    right,
  };
}

/** Rough rendered width: CJK and full-width characters take 1em, others about 0.6em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** A number the way Chinese policy texts write it: `1.5万`, `3亿`, `2.77`. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${numberFormat.format(value / 1e8)}亿`;
  if (abs >= 1e4) return `${numberFormat.format(value / 1e4)}万`;
  return numberFormat.format(value);
}

/** A value with its unit: `2.77%`, `1.5万家`, `30亿元`. */
export function formatQuantity(value: number, unit: string): string {
  return `${formatNumber(value)}${unit}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const COMPARATOR_SIGNS: Record<string, string> = { eq: '', gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ', approx: '约 ' };
const MEASURE_WORDS: Record<string, string> = { level: '', growth: '增长 ', 'annual-growth': '年均增长 ' };

/** A target's value as a reader says it: `≥ 2.5%`, `年均增长 15%`, `约 1.5万家`. */
export function formatTargetValue(target: { value: number; unit: string; comparator: string; measure: string }): string {
  return `${MEASURE_WORDS[target.measure] ?? ''}${COMPARATOR_SIGNS[target.comparator] ?? ''}${formatQuantity(target.value, target.unit)}`;
}
