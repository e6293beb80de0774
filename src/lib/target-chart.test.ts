import { describe, expect, it } from 'vitest';
import { makeDoc, makeTarget } from './atlas-fixtures.ts';
import { chartPlaceName, targetChartData } from './target-chart.ts';

describe('targetChartData', () => {
  it('labels each bar with the place and target year, links the quote, and caps the number of bars', () => {
    const doc = makeDoc('d', { code: '210300' });
    const rows = [2025, null, 2030].map((targetYear, i) => ({ doc, target: makeTarget({ indicator: 'x', value: 10 - i, unit: '家', paragraphId: `p-${i}`, targetYear }) }));
    const bars = targetChartData(rows, 2);
    expect(bars.map((b) => [b.label, b.value, b.href])).toEqual([
      ['鞍山市 · 2025年', 10, '/documents/d/#p-0'],
      ['鞍山市 · 年份未标明', 9, '/documents/d/#p-1'],
    ]);
    expect(new Set(bars.map((b) => b.key)).size).toBe(2);
  });
});

describe('chartPlaceName', () => {
  it('names the most specific named unit, marks an inferred place, or says not stated', () => {
    expect(chartPlaceName(makeDoc('a', { code: '110105' }))).toBe('朝阳区');
    expect(chartPlaceName(makeDoc('b', { inferredCode: '210300' }))).toBe('鞍山市（推断）');
    expect(chartPlaceName(makeDoc('c'))).toBe('地区未标明');
  });
});
