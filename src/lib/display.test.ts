import { describe, expect, it, test } from 'vitest';
import { DOC_TYPES, INSTRUMENT_TYPES, RELATION_REASONS, UNKNOWN_REGION } from './schema.ts';
import {
  agencyHref,
  describeReason,
  describeTarget,
  DOC_TYPE_EN,
  documentHref,
  fieldLabel,
  formatPeriod,
  formatPlace,
  formatQuantity,
  formatYears,
  glossaryHref,
  INSTRUMENT_TYPE_LABELS,
  placeParts,
  RELATION_LABELS,
  shortHash,
  sourceHref,
  themeHref,
} from './display.ts';

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

describe('site paths', () => {
  test.each([
    [sourceHref('benxi-2015'), '/documents/benxi-2015/source/'],
    [themeHref('rd-investment'), '/themes/rd-investment/'],
    [agencyHref('shi-kejiju'), '/agencies/shi-kejiju/'],
    [glossaryHref('xinghuo'), '/glossary/xinghuo/'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('instrument and relation labels', () => {
  test('every instrument type and relation reason has Chinese and English names', () => {
    for (const type of INSTRUMENT_TYPES) expect(INSTRUMENT_TYPE_LABELS[type].zh).toMatch(/型$/u);
    for (const reason of RELATION_REASONS) expect(RELATION_LABELS[reason].en).toMatch(/\w/u);
    expect(RELATION_LABELS.themes).toEqual({ zh: '共同主题', en: 'shared themes' });
  });
});

describe('formatQuantity / describeTarget', () => {
  test.each([
    [100, '100'],
    [2.77, '2.77'],
    [12000000, '1200万'],
    [150000000, '1.5亿'],
    [33333, '3.33万'],
    [0, '0'],
  ])('%d → %s', (value, expected) => {
    expect(formatQuantity(value)).toBe(expected);
  });

  test('levels, growth and unknown years', () => {
    const base = { indicatorLabel: '全社会研发经费支出占GDP比重', comparator: 'gte' as const, value: 2.5, unit: '%', measure: 'level' as const, targetYear: 2020 };
    expect(describeTarget(base)).toBe('全社会研发经费支出占GDP比重 ≥ 2.5%（2020年）');
    expect(describeTarget({ ...base, measure: 'annual-growth', comparator: 'eq', value: 15, targetYear: null })).toBe('全社会研发经费支出占GDP比重 年均增长 15%');
    expect(describeTarget({ ...base, indicatorLabel: '技术合同成交额', measure: 'growth', comparator: 'approx', value: 200000000, unit: '元' })).toBe('技术合同成交额 增长 ≈ 2亿元（2020年）');
  });
});

describe('formatYears', () => {
  test.each([
    [['2016', '2017', '2018'], '2016—2018年'],
    [['2016'], '2016年'],
    [['2016', '2018'], '2016、2018年'],
    [['2018', '2016', '2017'], '2016—2018年'],
    [['2015–2016'], '2015—2016年'],
    [['2015-2020'], '2015—2020年'],
    [[], ''],
    [['某年'], '某年'],
  ])('%j → %s', (years, expected) => {
    expect(formatYears(years)).toBe(expected);
  });
});

describe('describeReason', () => {
  const names = { theme: (slug: string) => ({ talent: '人才', ip: '知识产权' })[slug] ?? slug, program: (slug: string) => ({ xinghuo: '星火计划' })[slug] ?? slug };
  test.each([
    ['themes', ['talent', 'ip'], '人才、知识产权'],
    ['programs', ['xinghuo', 'unknown'], '星火计划、unknown'],
    ['place', ['本溪市', '辽宁省'], '本溪市、辽宁省'],
    ['period', ['2015–2016'], '2015—2016年'],
    ['citation', ['cites'], '本文引用该文 this document cites it'],
    ['citation', ['cited-by'], '该文引用本文 it cites this document'],
  ] as const)('%s %j', (kind, shared, expected) => {
    expect(describeReason(kind, shared, names)).toBe(expected);
  });
});
