import { describe, expect, test } from 'vitest';
import { pagerWindow } from './pager.ts';
import { documentsPageHref, pageOfDocuments } from './documents-listing.ts';
import { frontmatterSchema } from './schema.ts';

describe('pagerWindow', () => {
  test.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 10, [1, 2, 3, null, 10]],
    [6, 10, [1, null, 4, 5, 6, 7, 8, 9, 10]],
    [6, 20, [1, null, 4, 5, 6, 7, 8, null, 20]],
    [10, 10, [1, null, 8, 9, 10]],
    [4, 10, [1, 2, 3, 4, 5, 6, null, 10]],
  ])('page %i of %i', (current, total, expected) => {
    expect(pagerWindow(current, total)).toEqual(expected);
  });

  test('a 120-page listing shows at most 8 numbers on any page', () => {
    for (let page = 1; page <= 120; page++) expect(pagerWindow(page, 120).filter((p) => p !== null).length).toBeLessThanOrEqual(8);
  });
});

describe('pageOfDocuments', () => {
  const docs = Array.from({ length: 1201 }, (_, i) =>
    frontmatterSchema.parse({ id: `doc-${i}`, title: `文件${i}`, year: 2000 + (i % 20), chars: 1, source: { file: 'x.txt', startLine: 1, endLine: 1, sha256: 'a'.repeat(64) } }),
  );

  test('splits the sorted documents into pages, newest first, each document once', () => {
    const pages = [1, 2, 3].map((page) => pageOfDocuments(docs, page));
    expect(pages.map((p) => p.docs.length)).toEqual([500, 500, 201]);
    expect(pages[0]?.pages).toBe(3);
    expect(pages[0]?.docs[0]?.year).toBe(2019);
    expect(pages[2]?.docs.at(-1)?.year).toBe(2000);
    expect(new Set(pages.flatMap((p) => p.docs.map((d) => d.id))).size).toBe(1201);
  });

  test('an empty corpus is one empty page', () => {
    expect(pageOfDocuments([], 1)).toMatchObject({ docs: [], total: 0, pages: 1 });
  });

  test('page links', () => {
    expect(documentsPageHref(1)).toBe('/documents/');
    expect(documentsPageHref(3)).toBe('/documents/page/3/');
  });
});
