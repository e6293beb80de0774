/**
 * Bars for an indicator chart: one per target of a comparable series (same
 * indicator, unit and measure), labelled with the place and the target year.
 */
import type { TargetRow } from './aggregate.ts';
import type { BarDatum } from './chart.ts';

/** A chart shows at most this many bars (the highest values); the table below lists them all. */
export const MAX_BARS = 30;

/** Bars in the order given (rows are expected highest value first), capped at `MAX_BARS`. */
export function targetChartData(rows: readonly TargetRow[], max = MAX_BARS): BarDatum[] {
  return rows.slice(0, max).map(({ doc, target }, i) => ({
    key: `${doc.id}-${target.paragraphId}-${i}`,
    label: `${chartPlaceName(doc)} · ${target.targetYear !== null ? `${target.targetYear}年` : '年份未标明'}`,
    value: target.value,
    href: `/documents/${doc.id}/#${target.paragraphId}`,
  }));
}

/** Shortest name that identifies a document's place on a chart: the most specific named unit, an inferred one marked as such, or 未标明. */
export function chartPlaceName(doc: Pick<TargetRow['doc'], 'region' | 'inferredRegion'>): string {
  const named = doc.region.township ?? doc.region.county ?? doc.region.city ?? doc.region.province;
  if (named) return named;
  const r = doc.inferredRegion;
  const inferred = r && (r.township ?? r.county ?? r.city ?? r.province);
  return inferred ? `${inferred}（推断）` : '地区未标明';
}
