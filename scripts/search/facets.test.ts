import { expect, test } from 'vitest';
import { facetValueLabel, orderFacetValues } from './facets.ts';

test('facetValueLabel: given labels, document types, instrument types, years, names', () => {
  expect(facetValueLabel('theme', 'talent', { theme: { talent: { zh: '人才', en: 'Talent' } } })).toEqual({ zh: '人才', en: 'Talent' });
  expect(facetValueLabel('theme', 'unknown')).toEqual({ zh: 'unknown' });
  expect(facetValueLabel('docType', '意见')).toEqual({ zh: '意见', en: 'Opinions' });
  expect(facetValueLabel('instrument', 'supply')).toEqual({ zh: '供给型', en: 'Supply-side' });
  expect(facetValueLabel('year', '2015')).toEqual({ zh: '2015年' });
  expect(facetValueLabel('province', '山东省')).toEqual({ zh: '山东省' });
});

test('orderFacetValues: years newest first, others by count; empty values out unless selected', () => {
  expect(orderFacetValues('year', { '2009': 1, '2015': 3, '2011': 0 })).toEqual([['2015', 3], ['2009', 1]]);
  expect(orderFacetValues('province', { 浙江省: 1, 江苏省: 4, 山东省: 1, 辽宁省: 0 }, '辽宁省')).toEqual([['江苏省', 4], ['山东省', 1], ['浙江省', 1], ['辽宁省', 0]]);
  expect(orderFacetValues('city', {}, '苏州市')).toEqual([['苏州市', 0]]);
});
