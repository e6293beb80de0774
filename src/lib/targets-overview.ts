/**
 * The /targets/ listing's data, computed once per build: every page of a sort order used to sort all target
 * rows again (quadratic in the number of targets), and every page summarised every indicator again.
 */
import { paginateRows, sortTargetRows, splitTargetSeries, TARGET_PAGE_SIZE, type TargetIndex } from './aggregate.ts';
import { labelLookup, vocabularies, type Label } from './corpus-data.ts';
import type { TargetOrder } from './target-orders.ts';

type Row = TargetIndex['rows'][number];

const sorted = new WeakMap<TargetIndex, Map<TargetOrder, Row[][]>>();
/** The rows of the index in one order, cut into pages of TARGET_PAGE_SIZE. */
export function paginatedTargets(index: TargetIndex, order: TargetOrder): Row[][] {
  let byOrder = sorted.get(index);
  if (!byOrder) sorted.set(index, (byOrder = new Map()));
  let pages = byOrder.get(order);
  if (!pages) byOrder.set(order, (pages = paginateRows(sortTargetRows(index.rows, order), TARGET_PAGE_SIZE)));
  return pages;
}

export interface IndicatorSummary {
  slug: string;
  label: Label;
  count: number;
  documents: number;
  units: string[];
}

const summaries = new WeakMap<TargetIndex, IndicatorSummary[]>();
/** Every indicator (of the vocabulary or the data) with its target and document counts and units, most targets first. */
export function indicatorSummary(index: TargetIndex): IndicatorSummary[] {
  const cached = summaries.get(index);
  if (cached) return cached;
  const indicatorLabel = labelLookup('indicators');
  const slugs = [...new Set([...vocabularies().indicators.map((i) => i.slug), ...index.byIndicator.keys()])];
  const summary = slugs
    .map((slug) => {
      const list = index.byIndicator.get(slug) ?? [];
      return { slug, label: indicatorLabel(slug), count: list.length, documents: new Set(list.map((r) => r.doc.id)).size, units: [...new Set(splitTargetSeries(list).map((s) => s.unit))] };
    })
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
  summaries.set(index, summary);
  return summary;
}
