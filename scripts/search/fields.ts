/**
 * The Pagefind filters, metadata and sort keys of a document page, computed
 * from the same frontmatter record the page renders. `PagefindMeta.astro`
 * renders them; the search page reads them back under these names.
 */
import { formatPlace } from '../../src/lib/display.ts';
import type { Frontmatter } from '../../src/lib/schema.ts';

/** Filter names, in the order the search page shows its facets. */
export const FILTER_NAMES = ['province', 'city', 'year', 'docType', 'theme', 'instrument'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** What one document contributes to the index besides its text. */
export interface PagefindFields {
  /** Filter name → values (a document may carry several themes or instrument types). */
  filters: Partial<Record<FilterName, string[]>>;
  /** Shown in a result: title, place path, year (empty strings are left out). */
  meta: Record<string, string>;
  /**
   * Sort keys, on every page (Pagefind leaves pages without the key out of a
   * sorted search): `year` for newest first and `yearAsc` for oldest first,
   * an unknown year counting as 0 and 9999 so it comes last either way.
   */
  sort: Record<SortKey, string>;
}

export type SortKey = 'year' | 'yearAsc';

type FieldsInput = Pick<Frontmatter, 'title' | 'region' | 'year' | 'docType' | 'themes' | 'instruments'>;

/**
 * Filters: full place names (province, city), the year, the document type,
 * theme slugs and instrument-type slugs (`supply`, `environment`, `demand`);
 * the search page turns slugs into bilingual labels.
 */
export function pagefindFields(doc: FieldsInput): PagefindFields {
  const filters: PagefindFields['filters'] = {};
  const put = (name: FilterName, values: Iterable<string | null | undefined>): void => {
    const clean = [...new Set([...values].filter((v): v is string => typeof v === 'string' && v.trim() !== ''))];
    if (clean.length > 0) filters[name] = clean.map(sanitizeValue);
  };
  put('province', [doc.region.province]);
  put('city', [doc.region.city]);
  put('year', [doc.year === null ? null : String(doc.year)]);
  put('docType', [doc.docType]);
  put('theme', doc.themes);
  put('instrument', doc.instruments.map((i) => i.type));

  const meta: Record<string, string> = { title: sanitizeValue(doc.title) };
  const place = formatPlace(doc.region);
  if (place) meta.place = sanitizeValue(place);
  if (doc.year !== null) meta.year = String(doc.year);

  const sort: Record<SortKey, string> = { year: String(doc.year ?? 0), yearAsc: String(doc.year ?? 9999) };
  return { filters, meta, sort };
}

/**
 * Pagefind reads `data-pagefind-filter="name:value"` and splits several
 * pairs on `,`; a value keeps its meaning only without ASCII commas, so they
 * become full-width ones (titles and place names rarely hold them).
 */
export function sanitizeValue(value: string): string {
  return value.replace(/,/g, '，').replace(/\s+/g, ' ').trim();
}
