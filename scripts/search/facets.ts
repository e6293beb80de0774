/**
 * The search page's filter facets: their bilingual names, the labels of
 * their values and the order values are listed in. Pure; the page passes
 * the theme labels it read from the vocabularies.
 */
import { DOC_TYPE_EN, INSTRUMENT_TYPE_LABELS } from '../../src/lib/display.ts';
import type { DocType, InstrumentType } from '../../src/lib/schema.ts';
import type { FilterName } from './fields.ts';

export interface Label {
  zh: string;
  en?: string;
}

export interface FacetDef extends Label {
  name: FilterName;
}

/** Facets in the order the page shows them. */
export const FACETS: readonly FacetDef[] = [
  { name: 'province', zh: '省份', en: 'Province' },
  { name: 'city', zh: '城市', en: 'City' },
  { name: 'year', zh: '年份', en: 'Year' },
  { name: 'docType', zh: '类型', en: 'Type' },
  { name: 'theme', zh: '主题', en: 'Topic' },
  { name: 'instrument', zh: '政策工具', en: 'Policy instrument' },
];

/** Rothwell & Zegveld instrument types. */
/** Labels for values that are slugs or codes; place names and years label themselves. */
export type FacetLabels = Partial<Record<FilterName, Record<string, Label>>>;

/** The label of a facet value. */
export function facetValueLabel(name: FilterName, value: string, labels: FacetLabels = {}): Label {
  const given = labels[name]?.[value];
  if (given) return given;
  if (name === 'docType' && value in DOC_TYPE_EN) return { zh: value, en: DOC_TYPE_EN[value as DocType] };
  if (name === 'instrument' && value in INSTRUMENT_TYPE_LABELS) return INSTRUMENT_TYPE_LABELS[value as InstrumentType];
  if (name === 'year') return { zh: `${value}年` };
  return { zh: value };
}

/**
 * Values worth listing, in display order: years newest first, the rest by
 * count then name. Values with no result are left out, except the selected one.
 */
export function orderFacetValues(name: FilterName, counts: Record<string, number>, selected?: string): [string, number][] {
  const entries = Object.entries(counts).filter(([value, count]) => count > 0 || value === selected);
  if (selected && !(selected in counts)) entries.push([selected, 0]);
  if (name === 'year') return entries.sort((a, b) => Number(b[0]) - Number(a[0]));
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
}
