/**
 * Items of the RSS feed: the newest documents by year of issue. Documents
 * carry a year, never a day, so items have no pubDate (an invented date would
 * be a fact the text does not state).
 */
import type { RSSFeedItem } from '@astrojs/rss';
import { compareDocuments, type AtlasDocument } from './aggregate.ts';
import { documentHref, formatPlace, DOC_TYPE_EN } from './display.ts';

/** How many documents the feed carries. */
export const FEED_SIZE = 50;

/** Feed items, newest year first; each says place, year and type in its description. */
export function feedItems(documents: readonly AtlasDocument[], size = FEED_SIZE): RSSFeedItem[] {
  return [...documents]
    .sort(compareDocuments)
    .slice(0, size)
    .map((doc) => ({
      title: doc.title,
      link: documentHref(doc.id),
      description: [
        formatPlace(doc.region) ?? (doc.inferredRegion ? `推断：${formatPlace(doc.inferredRegion) ?? ''}` : '地区未标明'),
        doc.year !== null ? `${doc.year}年` : '年份未标明',
        `${doc.docType}（${DOC_TYPE_EN[doc.docType]}）`,
      ].join(' · '),
      categories: doc.themes,
    }));
}
