import { describe, expect, it } from 'vitest';
import { estimateTextWidth, formatNumber, formatQuantity, formatTargetValue, layoutBarChart } from './chart.ts';

describe('layoutBarChart', () => {
  const data = [
    { key: 'a', label: '甲市 · 2020年', value: 100 },
    { key: 'b', label: '乙市 · 2025年', value: 50 },
    { key: 'c', label: '丙县', value: 0 },
  ];
  const chart = layoutBarChart(data, { width: 360 });

  it('scales bars from zero, in the order given, inside the drawing', () => {
    expect(chart.bars.map((b) => b.key)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = chart.bars;
    expect(a!.x).toBe(chart.left);
    expect(a!.width).toBeCloseTo(2 * b!.width, 0);
    expect(c!.width).toBe(0);
    for (const bar of chart.bars) expect(bar.x + bar.width).toBeLessThanOrEqual(chart.right);
    expect(chart.height).toBeGreaterThan(chart.plotBottom);
    expect(chart.bars.map((bar) => bar.y)).toEqual([...chart.bars.map((bar) => bar.y)].sort((x, y) => x - y));
  });

  it('has round ticks from zero to the largest value, and no zero line when all values are positive', () => {
    expect(chart.ticks[0]).toEqual({ x: chart.left, label: '0' });
    expect(chart.ticks.at(-1)!.label).toBe('100');
    expect(chart.zeroX).toBeNull();
  });

  it('puts the value label inside a bar that reaches the end, after a short one', () => {
    expect(chart.bars[0]!.valueInside).toBe(true);
    expect(chart.bars[0]!.valueAnchor).toBe('end');
    expect(chart.bars[1]!.valueInside).toBe(false);
    expect(chart.bars[1]!.valueAnchor).toBe('start');
  });

  it('draws negative values left of a zero line', () => {
    const mixed = layoutBarChart([{ key: 'up', label: 'up', value: 10 }, { key: 'down', label: 'down', value: -5 }]);
    expect(mixed.zeroX).not.toBeNull();
    const down = mixed.bars[1]!;
    expect(down.x + down.width).toBeCloseTo(mixed.zeroX!, 0);
  });

  it('copes with no data and with all-zero data', () => {
    expect(layoutBarChart([]).bars).toEqual([]);
    expect(layoutBarChart([{ key: 'z', label: 'z', value: 0 }]).bars[0]!.width).toBe(0);
  });
});

describe('formatting', () => {
  it.each([
    [2.77, '2.77'],
    [1234, '1,234'],
    [15000, '1.5万'],
    [300000000, '3亿'],
    [-20000, '-2万'],
  ])('formatNumber(%s) = %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('joins value and unit, and says comparator and measure', () => {
    expect(formatQuantity(3e9, '元')).toBe('30亿元');
    expect(formatTargetValue({ value: 2.5, unit: '%', comparator: 'gte', measure: 'level' })).toBe('≥ 2.5%');
    expect(formatTargetValue({ value: 15, unit: '%', comparator: 'eq', measure: 'annual-growth' })).toBe('年均增长 15%');
    expect(formatTargetValue({ value: 100, unit: '家', comparator: 'approx', measure: 'level' })).toBe('约 100家');
  });

  it('estimates Chinese characters wider than digits', () => {
    expect(estimateTextWidth('本溪', 10)).toBe(20);
    expect(estimateTextWidth('12', 10)).toBe(12);
  });
});
