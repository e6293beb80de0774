/**
 * Result excerpts on the search page: Pagefind's excerpt made plain text,
 * and which searched strings to mark in it (with `highlight.ts`).
 */
import { stripTokens } from './terms.ts';

/**
 * What to mark in an excerpt: each searched string found whole in it; for
 * one that is not (Pagefind matched its pieces), the pieces the segmenter
 * makes of it.
 */
export function excerptNeedles(
  excerpt: string,
  highlight: readonly string[],
  segmenter: { segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }> } = new Intl.Segmenter('zh', { granularity: 'word' }),
): string[] {
  const lower = excerpt.toLowerCase();
  const out: string[] = [];
  for (const h of highlight) {
    if (lower.includes(h.toLowerCase())) out.push(h);
    else for (const s of segmenter.segment(h)) if (s.isWordLike !== false && s.segment.trim()) out.push(s.segment);
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

/**
 * A Pagefind excerpt made readable as plain text: Pagefind stores page text
 * HTML-escaped, so the few entities it writes are decoded (in one pass, so
 * `&amp;lt;` stays `&lt;`); tokens out, whitespace collapsed.
 */
export function cleanExcerpt(plainExcerpt: string): string {
  const decoded = plainExcerpt.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name: string) => ENTITIES[name]!);
  return stripTokens(decoded).replace(/\s+/g, ' ').trim();
}
