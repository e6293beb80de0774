/**
 * The search page's state in its URL (`/search/?q=人才引进&province=山东省`),
 * so every search can be linked to, reloaded and gone back to.
 */
import { FILTER_NAMES, type FilterName } from './fields.ts';

/** `relevance` needs a query; without one the page sorts newest first. */
export const SORTS = ['relevance', 'year-desc', 'year-asc'] as const;
export type SortOrder = (typeof SORTS)[number];

export interface SearchState {
  q: string;
  /** One selected value per filter at most. */
  filters: Partial<Record<FilterName, string>>;
  sort: SortOrder;
  /** Pagefind's own segmentation instead of whole terms. */
  loose: boolean;
}

/** Reads the state from a query string; unknown parameters and values are ignored. */
export function parseState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: SearchState['filters'] = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  const q = (params.get('q') ?? '').trim();
  const sortParam = params.get('sort') as SortOrder | null;
  const sort: SortOrder = sortParam && (SORTS as readonly string[]).includes(sortParam) ? sortParam : q ? 'relevance' : 'year-desc';
  return { q, filters, sort, loose: params.get('match') === 'loose' };
}

/** The query string of a state (without `?`), leaving out defaults. */
export function serializeState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FILTER_NAMES) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  const defaultSort: SortOrder = state.q ? 'relevance' : 'year-desc';
  if (state.sort !== defaultSort) params.set('sort', state.sort);
  if (state.loose && state.q) params.set('match', 'loose');
  return params.toString();
}

/**
 * The state after the reader searches for `q`: loose matching off, and the
 * sort following the query (relevance once there is a query, newest first
 * without one) unless the reader chose a year order with a query before.
 */
export function withQuery(state: SearchState, q: string): SearchState {
  const query = q.trim();
  let sort = state.sort;
  if (!query && sort === 'relevance') sort = 'year-desc';
  if (query && !state.q && sort === 'year-desc') sort = 'relevance';
  return { ...state, q: query, loose: false, sort };
}

/** Pagefind's sort option for a sort order (relevance: none; a query-less search has no relevance). */
export function pagefindSort(state: SearchState): Record<string, 'asc' | 'desc'> {
  const sort = state.sort === 'relevance' && !state.q ? 'year-desc' : state.sort;
  if (sort === 'year-desc') return { year: 'desc' };
  if (sort === 'year-asc') return { yearAsc: 'asc' };
  return {};
}

/** Pagefind filters for the state, optionally without one filter (for that filter's own counts). */
export function pagefindFilters(state: SearchState, without?: FilterName): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of FILTER_NAMES) {
    const value = state.filters[name];
    if (value && name !== without) out[name] = [value];
  }
  return out;
}

/** A result link that asks the document page to highlight the searched strings. */
export function resultHref(url: string, highlight: string[]): string {
  if (highlight.length === 0) return url;
  const params = new URLSearchParams();
  for (const h of highlight) params.append('highlight', h);
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}
