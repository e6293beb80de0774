/**
 * Pagination of /documents/: at thousands of documents one page listing them all would weigh megabytes.
 * The order is computed once per build and shared by every page.
 */
import { sortDocuments } from './corpus-stats.ts';
import type { Frontmatter } from './schema.ts';

export const DOCUMENTS_PAGE_SIZE = 500;

/** `/documents/` for page 1, `/documents/page/<n>/` after. */
export function documentsPageHref(page: number): string {
  return page <= 1 ? '/documents/' : `/documents/page/${page}/`;
}

let cache: { input: readonly Frontmatter[]; sorted: Frontmatter[] } | undefined;

/** The documents of one page (newest first), with the page count. */
export function pageOfDocuments(docs: readonly Frontmatter[], page: number, size = DOCUMENTS_PAGE_SIZE): { docs: Frontmatter[]; total: number; pages: number; size: number } {
  if (cache?.input.length !== docs.length || cache.input[0] !== docs[0]) cache = { input: docs, sorted: sortDocuments([...docs]) };
  const pages = Math.max(1, Math.ceil(cache.sorted.length / size));
  return { docs: cache.sorted.slice((page - 1) * size, page * size), total: cache.sorted.length, pages, size };
}
