import { describe, expect, test } from 'vitest';
import { pagefindFilters, pagefindSort, parseState, resultHref, serializeState, withQuery } from './url-state.ts';

describe('parseState / serializeState', () => {
  test('reads query, filters, sort and loose matching, ignoring unknown parameters', () => {
    const state = parseState('?q=%E4%BA%BA%E6%89%8D%E5%BC%95%E8%BF%9B&province=%E5%B1%B1%E4%B8%9C%E7%9C%81&year=2015&foo=1&sort=year-asc&match=loose');
    expect(state).toEqual({ q: '人才引进', filters: { province: '山东省', year: '2015' }, sort: 'year-asc', loose: true });
    expect(parseState(serializeState(state))).toEqual(state);
  });

  test.each([
    ['', { q: '', filters: {}, sort: 'year-desc', loose: false }],
    ['?q=%20%20', { q: '', filters: {}, sort: 'year-desc', loose: false }],
    ['?q=x&sort=bogus', { q: 'x', filters: {}, sort: 'relevance', loose: false }],
    ['?theme=&city=%E8%8B%8F%E5%B7%9E%E5%B8%82', { q: '', filters: { city: '苏州市' }, sort: 'year-desc', loose: false }],
  ])('%s', (search, expected) => {
    expect(parseState(search)).toEqual(expected);
  });

  test('leaves defaults out of the URL', () => {
    expect(serializeState({ q: '', filters: {}, sort: 'year-desc', loose: true })).toBe('');
    expect(serializeState({ q: '创新', filters: { theme: 'talent' }, sort: 'relevance', loose: false })).toBe('q=%E5%88%9B%E6%96%B0&theme=talent');
  });
});

test('withQuery switches between relevance and newest first as a query appears or goes', () => {
  const browsing = parseState('');
  const searching = withQuery(browsing, ' 人才引进 ');
  expect(searching).toMatchObject({ q: '人才引进', sort: 'relevance' });
  expect(withQuery(searching, '')).toMatchObject({ q: '', sort: 'year-desc' });
  expect(withQuery({ ...searching, sort: 'year-asc', loose: true }, '专利')).toMatchObject({ sort: 'year-asc', loose: false });
});

test('pagefindSort and pagefindFilters', () => {
  expect(pagefindSort(parseState('q=x'))).toEqual({});
  expect(pagefindSort(parseState(''))).toEqual({ year: 'desc' });
  expect(pagefindSort(parseState('sort=year-asc'))).toEqual({ yearAsc: 'asc' });
  const state = parseState('province=%E6%B5%99%E6%B1%9F%E7%9C%81&year=2010');
  expect(pagefindFilters(state)).toEqual({ province: ['浙江省'], year: ['2010'] });
  expect(pagefindFilters(state, 'year')).toEqual({ province: ['浙江省'] });
});

test('resultHref appends one highlight parameter per string', () => {
  expect(resultHref('/documents/a/', [])).toBe('/documents/a/');
  expect(resultHref('/documents/a/', ['人才引进', 'R&D'])).toBe('/documents/a/?highlight=%E4%BA%BA%E6%89%8D%E5%BC%95%E8%BF%9B&highlight=R%26D');
});
