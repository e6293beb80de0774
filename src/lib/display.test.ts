import { describe, expect, it } from 'vitest';
import { DOC_TYPES, UNKNOWN_REGION } from './schema.ts';
import { DOC_TYPE_EN, documentHref, fieldLabel, formatPeriod, formatPlace, placeParts, shortHash } from './display.ts';

describe('placeParts / formatPlace', () => {
  it('lists named levels outermost first', () => {
    const region = { ...UNKNOWN_REGION, province: '辽宁省', city: '本溪市', level: 'prefecture' as const };
    expect(placeParts(region)).toEqual(['辽宁省', '本溪市']);
    expect(formatPlace(region)).toBe('辽宁省 › 本溪市');
  });

  it('skips gaps and a municipality repeated at city level', () => {
    expect(placeParts({ ...UNKNOWN_REGION, province: '北京市', city: '北京市', county: '海淀区' })).toEqual(['北京市', '海淀区']);
    expect(placeParts({ ...UNKNOWN_REGION, province: '浙江省', county: '嵊州市', township: '甘霖镇' })).toEqual(['浙江省', '嵊州市', '甘霖镇']);
  });

  it('returns null for an unknown place', () => {
    expect(formatPlace(UNKNOWN_REGION)).toBeNull();
  });
});

describe('formatPeriod', () => {
  it('formats ranges and single years', () => {
    expect(formatPeriod({ start: 2015, end: 2020 })).toBe('2015—2020年');
    expect(formatPeriod({ start: 2016, end: 2016 })).toBe('2016年');
    expect(formatPeriod(null)).toBeNull();
  });
});

describe('labels', () => {
  it('has an English gloss for every document type', () => {
    for (const type of DOC_TYPES) expect(DOC_TYPE_EN[type]).toMatch(/\w/);
  });

  it('falls back to the raw field name', () => {
    expect(fieldLabel('region')).toEqual({ zh: '地区', en: 'Place' });
    expect(fieldLabel('themes')).toEqual({ zh: 'themes', en: 'themes' });
  });

  it('builds short hashes and document paths', () => {
    expect(shortHash('a'.repeat(64))).toBe('a'.repeat(12));
    expect(documentHref('benxi-2015')).toBe('/documents/benxi-2015/');
  });
});
