/**
 * Whole-term search for Chinese policy vocabulary on top of Pagefind.
 *
 * Why: Pagefind 1.6 segments a Chinese query with `Intl.Segmenter` (ICU's
 * dictionary) and ANDs the pieces, so `人才引进` becomes `人才 引进` and a page
 * that says `引进人才` somewhere and `人才` elsewhere ranks as high as one that
 * says `人才引进` (domain terms such as `创客空间` even fall apart into single
 * characters: 创|客|空间). Quoted phrases return nothing, and no separator
 * survives the query segmenter, so the fix cannot be made on the query alone.
 *
 * Technique (measured in `tests/search-quality.test.ts`): every multi-character
 * term of a dictionary (the knowledge vocabularies plus `extra-terms.txt`)
 * gets a stable ASCII token, `zhq` + 7 base-36 digits of its FNV-1a hash. In an
 * index-only copy of each page the tokens of the terms a text run contains are
 * appended after that run, so Pagefind indexes them as ordinary words next to
 * the term; the page itself is not changed. At query time the reader's words
 * are matched against the same dictionary (longest match first) and each term
 * found is replaced by its token; ASCII letters and digits pass the segmenter
 * whole. A term query therefore returns exactly the pages containing the term,
 * ranked by how often they contain it, and everything else stays Pagefind's own
 * segmentation. The alternatives measured worse or cost more: a segmenter
 * library (jieba) at index time cannot change how the browser splits the query;
 * character bigrams as tokens multiply the stored text.
 *
 * This module is pure and runs in Node and in the browser.
 */

/** Prefix of every term token; never produced by ordinary text. */
export const TOKEN_PREFIX = 'zhq';
/** Length of the hash part of a token (36^7 > 2^32, so every hash fits). */
const HASH_DIGITS = 7;
/** A token as it appears in indexed content, with the spaces `annotateText` put around it. */
export const TOKEN_PATTERN = new RegExp(` ?\\b${TOKEN_PREFIX}[0-9a-z]{${HASH_DIGITS}}\\b ?`, 'g');

const HAN = /\p{Script=Han}/u;

/** True when a character is a Han ideograph. */
export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** The stable token of a term: `zhq` + FNV-1a (32-bit, over UTF-16 code units) in base 36. */
export function termToken(term: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return TOKEN_PREFIX + hash.toString(36).padStart(HASH_DIGITS, '0');
}

/** Removes term tokens from indexed text (excerpts, content) so readers never see them. */
export function stripTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '');
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a term ends here. */
  term?: string;
}

/** A dictionary of terms, searchable from any position in a text. */
export interface TermMatcher {
  readonly root: TrieNode;
  readonly size: number;
}

/** Builds a matcher over terms (empty strings and duplicates ignored). */
export function buildMatcher(terms: Iterable<string>): TermMatcher {
  const root: TrieNode = { next: new Map() };
  let size = 0;
  for (const term of terms) {
    if (!term) continue;
    let node = root;
    for (const char of term) {
      let child = node.next.get(char);
      if (!child) {
        child = { next: new Map() };
        node.next.set(char, child);
      }
      node = child;
    }
    if (node.term === undefined) size++;
    node.term = term;
  }
  return { root, size };
}

/** One occurrence of a dictionary term in a text (UTF-16 offsets, end exclusive). */
export interface TermMatch {
  term: string;
  start: number;
  end: number;
}

/** Every occurrence of every term, nested and overlapping ones included, ordered by start then length. */
export function findTerms(text: string, matcher: TermMatcher): TermMatch[] {
  const matches: TermMatch[] = [];
  const root = matcher.root.next;
  for (let start = 0; start < text.length; start++) {
    let node = root.get(charAt(text, start));
    let end = start + (node ? charLength(text, start) : 0);
    while (node) {
      if (node.term !== undefined) matches.push({ term: node.term, start, end });
      if (end >= text.length) break;
      const char = charAt(text, end);
      node = node.next.get(char);
      end += char.length;
    }
  }
  return matches;
}

/** The character (code point) at a UTF-16 offset; the fast path avoids building strings from code points. */
function charAt(text: string, index: number): string {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? text.slice(index, index + 2) : text[index]!;
}

function charLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}

/**
 * The text with the tokens of the terms it contains appended after each run
 * of Han characters (so Pagefind's own segmentation of the run is unchanged
 * and an excerpt around a token shows the term). Each token once per run.
 */
export function annotateText(text: string, matcher: TermMatcher): string {
  const matches = findTerms(text, matcher);
  if (matches.length === 0) return text;
  let out = '';
  let cursor = 0;
  let i = 0;
  while (i < matches.length) {
    const runEnd = hanRunEnd(text, matches[i]!.end);
    const tokens = new Set<string>();
    while (i < matches.length && matches[i]!.start < runEnd) {
      tokens.add(termToken(matches[i]!.term));
      i++;
    }
    out += text.slice(cursor, runEnd) + ' ' + [...tokens].join(' ') + ' ';
    cursor = runEnd;
  }
  return out + text.slice(cursor);
}

const HAN_RUN = /\p{Script=Han}*/uy;

/** End of the run of Han characters that continues at `from`. */
function hanRunEnd(text: string, from: number): number {
  HAN_RUN.lastIndex = from;
  HAN_RUN.test(text);
  return HAN_RUN.lastIndex;
}

/** A reader's query, rewritten for Pagefind. */
export interface RewrittenQuery {
  /** What to hand to `pagefind.search`: tokens for known terms, the rest as typed. */
  pagefind: string;
  /** Dictionary terms found in the query, in order. */
  terms: string[];
  /** Query parts left to Pagefind's own segmentation. */
  rest: string[];
}

/**
 * Rewrites a query: each whitespace-separated part is read left to right,
 * taking the longest dictionary term at each position (forward maximum
 * matching); terms become tokens, the text between them stays as typed.
 */
export function rewriteQuery(query: string, matcher: TermMatcher): RewrittenQuery {
  const out: string[] = [];
  const terms: string[] = [];
  const rest: string[] = [];
  for (const part of query.normalize('NFKC').trim().split(/\s+/).filter(Boolean)) {
    let pending = '';
    const flush = (): void => {
      if (pending) {
        out.push(pending);
        rest.push(pending);
        pending = '';
      }
    };
    let position = 0;
    while (position < part.length) {
      const term = longestTermAt(part, position, matcher);
      if (term) {
        flush();
        out.push(termToken(term));
        terms.push(term);
        position += term.length;
      } else {
        const char = String.fromCodePoint(part.codePointAt(position)!);
        pending += char;
        position += char.length;
      }
    }
    flush();
  }
  return { pagefind: out.join(' '), terms, rest };
}

function longestTermAt(text: string, start: number, matcher: TermMatcher): string | undefined {
  let node: TrieNode | undefined = matcher.root;
  let found: string | undefined;
  let end = start;
  while (node && end < text.length) {
    const char = String.fromCodePoint(text.codePointAt(end)!);
    node = node.next.get(char);
    end += char.length;
    if (node?.term !== undefined) found = node.term;
  }
  return found;
}
