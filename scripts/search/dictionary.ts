/**
 * The search dictionary: multi-character terms that get whole-term tokens
 * (see `terms.ts`). Collected from the knowledge vocabularies and the
 * search-only list `extra-terms.txt`; Node only (reads files).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { isHan } from './terms.ts';

/** The search-only term list shipped with this module. */
export const EXTRA_TERMS_FILE = fileURLToPath(new URL('./extra-terms.txt', import.meta.url));

/** Terms of a plain-text list: one per line, `#` comments and blank lines ignored. */
export function parseTermList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Every name, term and alias of the vocabularies, in a stable order. */
export function vocabularyTerms(kb: Pick<KnowledgeBase, 'themes' | 'instruments' | 'indicators' | 'glossary' | 'agencies'>): string[] {
  const out: string[] = [];
  for (const entry of [...kb.themes, ...kb.instruments, ...kb.indicators]) {
    out.push(entry.name, ...entry.terms.map((t) => t.term));
  }
  for (const entry of [...kb.glossary, ...kb.agencies]) out.push(entry.name, ...entry.aliases);
  return out;
}

export interface DictionaryOptions {
  /** Segmenter that stands in for the browser's query segmentation (default: `Intl.Segmenter('zh', word)`). */
  segmenter?: { segment(text: string): Iterable<{ segment: string }> };
}

/**
 * The terms worth a token, sorted and unique: all-Han terms of three or more
 * characters, and two-character ones the query segmenter would split (a
 * two-character word it keeps whole is already one word for Pagefind).
 */
export function selectSearchTerms(candidates: Iterable<string>, options: DictionaryOptions = {}): string[] {
  const segmenter = options.segmenter ?? new Intl.Segmenter('zh', { granularity: 'word' });
  const out = new Set<string>();
  for (const raw of candidates) {
    const term = raw.normalize('NFKC').trim();
    const chars = [...term];
    if (chars.length < 2 || !chars.every(isHan)) continue;
    if (chars.length === 2 && [...segmenter.segment(term)].length === 1) continue;
    out.add(term);
  }
  return [...out].sort();
}

/** The dictionary for a knowledge base plus the search-only list. */
export function loadSearchTerms(kb: KnowledgeBase, extraFile: string = EXTRA_TERMS_FILE): string[] {
  return selectSearchTerms([...vocabularyTerms(kb), ...parseTermList(readFileSync(extraFile, 'utf8'))]);
}
