/**
 * Counting and ordering of documents for the overview pages.
 */
import type { ThemeAggregate } from './aggregate.ts';
import type { Frontmatter } from './schema.ts';
import type { ThemeEntry } from './vocabulary.ts';

/** One row of a count table; `key` is null for documents that lack the value. */
export interface CountRow<K> {
  key: K | null;
  count: number;
}

/** Counts items by key, most frequent first, ties by key (Chinese collation), missing keys last. */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string | null): CountRow<string>[] {
  const counts = tally(items, keyOf);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => compareMissingLast(a.key, b.key, () => b.count - a.count || collator.compare(a.key!, b.key!)));
}

/** Counts documents per year, newest year first, unknown years last. */
export function countByYear(docs: readonly Pick<Frontmatter, 'year'>[]): CountRow<number>[] {
  const counts = tally(docs, (d) => d.year);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => compareMissingLast(a.key, b.key, () => b.key! - a.key!));
}

/** Documents ordered newest year first (unknown years last), then by title. */
export function sortDocuments<T extends Pick<Frontmatter, 'year' | 'title'>>(docs: readonly T[]): T[] {
  return [...docs].sort(
    (a, b) => compareMissingLast(a.year, b.year, () => b.year! - a.year!) || collator.compare(a.title, b.title),
  );
}

/** Totals shown on the home page. */
export interface CorpusSummary {
  total: number;
  byProvince: CountRow<string>[];
  byYear: CountRow<number>[];
  byType: CountRow<string>[];
}

/** Summarises documents by named province, year and type; inferred places are not counted as fact. */
export function summarize(docs: readonly Pick<Frontmatter, 'year' | 'docType' | 'region'>[]): CorpusSummary {
  return {
    total: docs.length,
    byProvince: countBy(docs, (d) => d.region.province),
    byYear: countByYear(docs),
    byType: countBy(docs, (d) => d.docType),
  };
}

/** A topic with its counts, as the home page and /themes/ show it. */
export interface ThemeCard {
  slug: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  documents: number;
  paragraphs: number;
}

/**
 * Cards for every theme of the vocabulary, in vocabulary order, followed by
 * slugs that occur in the data but are missing from the vocabulary (named by
 * their slug, so a stale tag is visible rather than hidden).
 */
export function themeCards(
  vocabulary: readonly Pick<ThemeEntry, 'slug' | 'name' | 'nameEn' | 'description' | 'descriptionEn'>[],
  aggregates: ReadonlyMap<string, Pick<ThemeAggregate, 'documentCount' | 'paragraphCount'>>,
): ThemeCard[] {
  const known = new Set(vocabulary.map((t) => t.slug));
  const cards: ThemeCard[] = vocabulary.map((t) => ({
    slug: t.slug,
    name: t.name,
    nameEn: t.nameEn,
    description: t.description,
    descriptionEn: t.descriptionEn,
    documents: aggregates.get(t.slug)?.documentCount ?? 0,
    paragraphs: aggregates.get(t.slug)?.paragraphCount ?? 0,
  }));
  const extra = [...aggregates.keys()].filter((slug) => !known.has(slug)).sort();
  for (const slug of extra) {
    const a = aggregates.get(slug)!;
    cards.push({ slug, name: slug, nameEn: slug, description: '', descriptionEn: '', documents: a.documentCount, paragraphs: a.paragraphCount });
  }
  return cards;
}

const collator = new Intl.Collator('zh-CN');

function tally<T, K>(items: readonly T[], keyOf: (item: T) => K | null): Map<K | null, number> {
  const counts = new Map<K | null, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function compareMissingLast<K>(a: K | null, b: K | null, compare: () => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare();
}
