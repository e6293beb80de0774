/**
 * One search as the search page runs it: whole-term query first, Pagefind's
 * plain query when the reader asks for loose matching or no page holds the
 * whole term, and a filter-only browse when there is no query. Pure apart
 * from the Pagefind object handed in; shared by the page and the tests.
 */
import { rewriteQuery, type TermMatcher } from './terms.ts';

/** The subset of Pagefind's `search` this needs. */
export interface PagefindLike<R> {
  search(term: string | null, options?: { filters?: Record<string, string[]>; sort?: Record<string, 'asc' | 'desc'> }): Promise<R>;
}

export interface QueryRequest {
  query: string;
  filters?: Record<string, string[]>;
  sort?: Record<string, 'asc' | 'desc'>;
  /** Use Pagefind's own segmentation even for dictionary terms. */
  loose?: boolean;
}

/**
 * How the results were found: `browse` (no query, filters only), `terms`
 * (whole terms), `plain` (no dictionary term in the query, or loose asked
 * for), `fallback` (dictionary terms but no page holds them whole).
 */
export type QueryMode = 'browse' | 'terms' | 'plain' | 'fallback';

export interface QueryOutcome<R> {
  response: R;
  mode: QueryMode;
  /** Dictionary terms in the query. */
  terms: string[];
  /** Strings to highlight in excerpts and on the document page. */
  highlight: string[];
}

/** Runs a request; `count` reads the number of results from a response. */
export async function runQuery<R>(
  pagefind: PagefindLike<R>,
  matcher: TermMatcher,
  request: QueryRequest,
  count: (response: R) => number,
): Promise<QueryOutcome<R>> {
  const options = { filters: request.filters ?? {}, sort: request.sort ?? {} };
  const query = request.query.trim();
  if (!query) return { response: await pagefind.search(null, options), mode: 'browse', terms: [], highlight: [] };
  const rewritten = rewriteQuery(query, matcher);
  const highlight = [...new Set([...rewritten.terms, ...rewritten.rest])];
  if (rewritten.terms.length === 0 || request.loose) {
    return { response: await pagefind.search(query, options), mode: 'plain', terms: rewritten.terms, highlight };
  }
  const whole = await pagefind.search(rewritten.pagefind, options);
  if (count(whole) > 0) return { response: whole, mode: 'terms', terms: rewritten.terms, highlight };
  return { response: await pagefind.search(query, options), mode: 'fallback', terms: rewritten.terms, highlight };
}
