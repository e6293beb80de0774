import { expect, test } from 'vitest';
import { UNKNOWN_REGION } from '../../src/lib/schema.ts';
import { pagefindFields, sanitizeValue } from './fields.ts';

test('filters, metadata and sort keys of a placed, dated document', () => {
  const fields = pagefindFields({
    title: '关于人才引进的意见',
    region: { province: '江苏省', city: '苏州市', county: '常熟市', township: null, level: 'county', code: '320581' },
    year: 2010,
    docType: '意见',
    themes: ['talent', 'ip', 'talent'],
    instruments: [
      { type: 'supply', tool: 'funding', paragraphs: 2 },
      { type: 'supply', tool: 'talent-training', paragraphs: 1 },
      { type: 'demand', tool: 'procurement', paragraphs: 1 },
    ],
  });
  expect(fields).toEqual({
    filters: { province: ['江苏省'], city: ['苏州市'], year: ['2010'], docType: ['意见'], theme: ['talent', 'ip'], instrument: ['supply', 'demand'] },
    meta: { title: '关于人才引进的意见', place: '江苏省 › 苏州市 › 常熟市', year: '2010' },
    sort: { year: '2010', yearAsc: '2010' },
  });
});

test('an undated, unplaced document still sorts (last either way) and has no empty filters', () => {
  const fields = pagefindFields({ title: 'a,b', region: UNKNOWN_REGION, year: null, docType: '其他', themes: [], instruments: [] });
  expect(fields).toEqual({ filters: { docType: ['其他'] }, meta: { title: 'a，b' }, sort: { year: '0', yearAsc: '9999' } });
});

test('sanitizeValue keeps Pagefind from splitting a value', () => {
  expect(sanitizeValue(' 关于A,B\n的通知 ')).toBe('关于A，B 的通知');
});
