import { describe, expect, it } from 'vitest';
import { getPlaceChain, getPlaceUnit, getPlaceUnits, placeHref, regionHref } from './place-index.ts';
import { getRegionByCode } from './divisions.ts';

describe('getPlaceUnits', () => {
  const units = getPlaceUnits();
  const slugs = [...units.values()].map((u) => u.slug);

  it('gives every province, prefecture and county a unique URL-safe slug', () => {
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each([
    ['a unique short name keeps its bare pinyin', '210300', 'anshan'],
    ['a province outranks a county of the same pinyin (新疆 / 新绛)', '650000', 'xinjiang'],
    ['the official romanisation separates 陕西 from 山西', '610000', 'shaanxi'],
    ['山西 keeps the plain pinyin', '140000', 'shanxi'],
    ['two prefectures sharing a pinyin both take their province (苏州 / 宿州)', '320500', 'jiangsu-suzhou'],
    ['… the other one too', '341300', 'anhui-suzhou'],
    ['a county named like its prefecture takes the prefecture as prefix', '430321', 'xiangtan-xiangtan'],
    ['the prefecture keeps the bare name', '430300', 'xiangtan'],
  ])('%s', (_name, code, slug) => {
    expect(units.get(code)?.slug).toBe(slug);
  });

  it('leaves out placeholders such as 市辖区', () => {
    expect([...units.values()].some((u) => u.name === '市辖区')).toBe(false);
  });
});

describe('getPlaceChain', () => {
  it('runs province → prefecture → county, and stops at the county for a township', () => {
    const township = getRegionByCode('654224200');
    expect(township.level).toBe('township');
    expect(getPlaceChain(township).map((u) => u.level)).toEqual(['province', 'prefecture', 'county']);
    expect(getPlaceUnit(township)?.code).toBe('654224');
  });

  it('puts a municipal district right under its municipality', () => {
    expect(getPlaceChain({ code: '110105' }).map((u) => u.name)).toEqual(['北京市', '朝阳区']);
  });

  it('is empty without a code, or for an unknown code', () => {
    expect(getPlaceChain({ code: null })).toEqual([]);
    expect(getPlaceChain({ code: '999999' })).toEqual([]);
    expect(regionHref({ code: null })).toBeNull();
  });
});

describe('placeHref', () => {
  it('is a directory path under /regions/', () => {
    expect(placeHref({ slug: 'anshan' })).toBe('/regions/anshan/');
    expect(regionHref({ code: '210300' })).toBe('/regions/anshan/');
  });
});
