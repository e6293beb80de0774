import { describe, expect, it } from 'vitest';
import { UNKNOWN_REGION, type DocType } from './schema.ts';
import { countBy, countByYear, sortDocuments, summarize, themeCards } from './corpus-stats.ts';

const doc = (title: string, year: number | null, province: string | null, docType: DocType = '实施方案') => ({
  title,
  year,
  docType,
  region: { ...UNKNOWN_REGION, province },
});

describe('countBy', () => {
  it('orders by count, then key, with missing keys last', () => {
    const rows = countBy(['b', 'a', null, 'b', 'a', 'c', null, null], (x) => x);
    expect(rows).toEqual([
      { key: 'a', count: 2 },
      { key: 'b', count: 2 },
      { key: 'c', count: 1 },
      { key: null, count: 3 },
    ]);
  });
});

describe('countByYear', () => {
  it('orders newest first with unknown years last', () => {
    expect(countByYear([{ year: 2004 }, { year: null }, { year: 2015 }, { year: 2004 }])).toEqual([
      { key: 2015, count: 1 },
      { key: 2004, count: 2 },
      { key: null, count: 1 },
    ]);
  });
});

describe('sortDocuments', () => {
  it('puts newer years first, unknown years last, then orders by title', () => {
    const docs = [doc('乙', 2010, null), doc('甲', null, null), doc('丙', 2015, null), doc('甲', 2010, null)];
    expect(sortDocuments(docs).map((d) => `${d.year}${d.title}`)).toEqual(['2015丙', '2010甲', '2010乙', 'null甲']);
  });

  it('does not mutate its input', () => {
    const docs = [doc('乙', 2010, null), doc('甲', 2015, null)];
    sortDocuments(docs);
    expect(docs[0]!.title).toBe('乙');
  });
});

describe('summarize', () => {
  it('counts named provinces only, plus years and types', () => {
    const summary = summarize([doc('a', 2015, '辽宁省'), doc('b', 2004, null, '办法'), doc('c', 2015, '辽宁省')]);
    expect(summary.total).toBe(3);
    expect(summary.byProvince).toEqual([{ key: '辽宁省', count: 2 }, { key: null, count: 1 }]);
    expect(summary.byYear).toEqual([{ key: 2015, count: 2 }, { key: 2004, count: 1 }]);
    expect(summary.byType).toEqual([{ key: '实施方案', count: 2 }, { key: '办法', count: 1 }]);
  });
});

describe('themeCards', () => {
  it('follows the vocabulary order, then adds slugs found only in the data', () => {
    const vocabulary = [
      { slug: 'talent', name: '人才', nameEn: 'Talent', description: '', descriptionEn: '' },
      { slug: 'finance', name: '金融', nameEn: 'Finance', description: '', descriptionEn: '' },
    ];
    const aggregates = new Map([
      ['finance', { documentCount: 2, paragraphCount: 5 }],
      ['stale', { documentCount: 1, paragraphCount: 1 }],
    ]);
    expect(themeCards(vocabulary, aggregates).map((c) => [c.slug, c.name, c.documents, c.paragraphs])).toEqual([
      ['talent', '人才', 0, 0],
      ['finance', '金融', 2, 5],
      ['stale', 'stale', 1, 1],
    ]);
  });
});
