import { describe, expect, it } from 'vitest';
import { makeDoc } from './atlas-fixtures.ts';
import { feedItems } from './feed.ts';

describe('feedItems', () => {
  it('lists the newest documents first, with place, year and type, and no invented date', () => {
    const items = feedItems([makeDoc('old', { year: 2001, code: '210300' }), makeDoc('undated'), makeDoc('new', { year: 2020, themes: ['talent'] })], 2);
    expect(items.map((i) => i.link)).toEqual(['/documents/new/', '/documents/old/']);
    expect(items[1]!.description).toBe('辽宁省 › 鞍山市 · 2001年 · 其他（Other）');
    expect(items[0]!.categories).toEqual(['talent']);
    expect(items.every((i) => i.pubDate === undefined)).toBe(true);
  });
});
