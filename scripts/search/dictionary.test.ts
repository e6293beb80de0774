import { describe, expect, test } from 'vitest';
import { loadKnowledgeBase } from '../knowledge/index.ts';
import { loadSearchTerms, parseTermList, selectSearchTerms, vocabularyTerms } from './dictionary.ts';

describe('selectSearchTerms', () => {
  test('keeps all-Han terms of three or more characters, and two-character ones the segmenter splits', () => {
    const segmenter = { segment: (text: string) => (text === '人才' ? [{ segment: '人才' }] : [...text].map((segment) => ({ segment }))) };
    expect(selectSearchTerms(['人才', '创客', '人才引进', 'R&D', '科技局X', '人', ' 蓝火计划 ', '人才引进'], { segmenter })).toEqual(['人才引进', '创客', '蓝火计划']);
  });

  test('normalises full-width forms before checking', () => {
    expect(selectSearchTerms(['Ｒ＆Ｄ经费'])).toEqual([]);
  });
});

test('parseTermList drops comments and blank lines', () => {
  expect(parseTermList('# heading\n人才引进  # talent\n\n  蓝火计划\r\n')).toEqual(['人才引进', '蓝火计划']);
});

test('vocabularyTerms takes names, terms and aliases', () => {
  const kb = {
    themes: [{ name: '人才', terms: [{ term: '人才引进', weight: 1 }] }],
    instruments: [],
    indicators: [{ name: '研发经费投入强度', terms: [{ term: '研发经费', weight: 1 }] }],
    glossary: [{ name: '蓝火计划', aliases: ['蓝火'] }],
    agencies: [],
  } as unknown as Parameters<typeof vocabularyTerms>[0];
  expect(vocabularyTerms(kb)).toEqual(['人才', '人才引进', '研发经费投入强度', '研发经费', '蓝火计划', '蓝火']);
});

test('the project dictionary holds the terms of the search issue', () => {
  const terms = new Set(loadSearchTerms(loadKnowledgeBase()));
  for (const term of ['知识产权质押', '科技特派员', '研发经费', '高新技术企业', '产学研', '人才引进', '创客空间', '蓝火计划']) expect(terms.has(term), term).toBe(true);
});
