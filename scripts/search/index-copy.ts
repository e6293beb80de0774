/**
 * The index-only copy of a built page: the same HTML with the whole-term
 * tokens of `terms.ts` added to its text, and those of its title in a
 * `terms` metadata field. The page on disk is never changed.
 */
import { decodeHTML } from 'entities';
import { annotateText, findTerms, termToken, type TermMatcher } from './terms.ts';

/**
 * Tags, comments and raw-text elements (left as they are) versus text (annotated).
 * A tag may hold `>` inside a quoted attribute value.
 */
const MARKUP = /<!--[\s\S]*?-->|<(script|style|template|textarea|title)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<\/?[a-zA-Z!](?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Metadata title as Pagefind reads it: `data-pagefind-meta="title:…"`. */
const META_TITLE = /data-pagefind-meta="title:([^"]*)"/;

/** True when Pagefind will index the page (it carries `data-pagefind-body`). */
export function hasPagefindBody(html: string): boolean {
  return /\sdata-pagefind-body(?:[\s=>])/.test(html);
}

/** The index-only copy of a page's HTML. */
export function prepareForIndex(html: string, matcher: TermMatcher): string {
  let out = '';
  let cursor = 0;
  for (const match of html.matchAll(MARKUP)) {
    out += annotateText(html.slice(cursor, match.index), matcher) + match[0];
    cursor = match.index + match[0].length;
  }
  out += annotateText(html.slice(cursor), matcher);
  return addTitleTokens(out, matcher);
}

/** Adds `<span data-pagefind-meta="terms:…">` with the tokens of the title's terms, inside the indexed body. */
function addTitleTokens(html: string, matcher: TermMatcher): string {
  const title = META_TITLE.exec(html)?.[1];
  if (title === undefined) return html;
  const tokens = [...new Set(findTerms(decodeHTML(title), matcher).map((m) => termToken(m.term)))];
  if (tokens.length === 0) return html;
  const span = `<span hidden data-pagefind-meta="terms:${tokens.join(' ')}"></span>`;
  return html.replace(/(<[^>]*\sdata-pagefind-body[^>]*>)/, `$1${span}`);
}
