/**
 * places: place mentions in titles and lines, resolved to one region with
 * GB/T 2260 codes; ambiguous names are settled only by context.
 */
import { describe, expect, test } from 'vitest';
import { findPlaceMentions, inferPrefectureFromAbbreviation, onSameChain, regionOfCode, resolvePlaces } from './places.ts';

describe('findPlaceMentions + resolvePlaces', () => {
  test.each([
    ['嵊州市实施十大行动争创省创新型试点城市', [[0, '嵊州市', 'county']], '330683', 'county'], // 003:3
    ['湘西自治州科学技术局', [[0, '湘西自治州', 'prefecture']], '433100', 'prefecture'], // 002:3
    ['2009年多拉特乡科技工作要点', [[5, '多拉特乡', 'township']], '654224200', 'township'], // 002:18
    ['江苏省2013年全省科技工作要点', [[0, '江苏省', 'province']], '320000', 'province'], // 002:72
    ['中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', [[2, '青岛市', 'prefecture'], [6, '青岛市', 'prefecture']], '370200', 'prefecture'], // 001:3
  ])('%s', (text, mentions, code, level) => {
    const found = findPlaceMentions(text);
    expect(found.map((m) => [m.index, m.text, m.level])).toEqual(mentions);
    for (const m of found) expect(text.slice(m.index, m.index + m.text.length)).toBe(m.text);
    expect(resolvePlaces(found)).toMatchObject({ code, level });
  });

  test.each([
    ['提升创新力工作方案'], // 000:7
    ['我市按照省委、省政府的决策部署'], // 003:4
    ['由市人民政府市长*任组长'], // 004:99
    [''],
  ])('no place: %s', (text) => {
    expect(findPlaceMentions(text)).toEqual([]);
    expect(resolvePlaces([])).toMatchObject({ level: 'unknown', code: null });
  });

  test('an ambiguous name (朝阳区: Beijing or Changchun) stays unknown without context', () => {
    const mentions = findPlaceMentions('朝阳区科技工作要点');
    expect(mentions[0]?.codes.sort()).toEqual(['110105', '220104']);
    expect(resolvePlaces(mentions).level).toBe('unknown');
  });

  test('context from the body settles an ambiguous name but never adds detail the source lacks', () => {
    const region = resolvePlaces(findPlaceMentions('朝阳区科技工作要点'), findPlaceMentions('推进北京市科技创新中心建设'));
    expect(region).toMatchObject({ province: '北京市', county: '朝阳区', code: '110105', level: 'county' });
    const province = resolvePlaces(findPlaceMentions('江苏省科技工作要点'), findPlaceMentions('常熟市'));
    expect(province).toMatchObject({ code: '320000', level: 'province', county: null });
  });
});

describe('regionOfCode', () => {
  test.each([
    ['210500', { province: '辽宁省', city: '本溪市', county: null, level: 'prefecture' }],
    ['330683', { province: '浙江省', city: '绍兴市', county: '嵊州市', level: 'county' }],
    ['', { province: null, city: null, level: 'unknown', code: null }],
    ['999999', { province: null, level: 'unknown', code: null }],
  ])('%s', (code, expected) => {
    expect(regionOfCode(code)).toMatchObject(expected);
  });
});

describe('inferPrefectureFromAbbreviation', () => {
  test('潭 (seed 004: 潭市发, 在潭工作) is 湘潭 or 鹰潭; a Hunan hint leaves 湘潭', () => {
    expect(inferPrefectureFromAbbreviation('潭', []).sort()).toEqual(['360600', '430300']);
    expect(inferPrefectureFromAbbreviation('潭', ['430000'])).toEqual(['430300']);
  });

  test('a character shared by many prefectures says nothing', () => {
    expect(inferPrefectureFromAbbreviation('州', [])).toEqual([]);
  });
});

describe('onSameChain', () => {
  test.each([
    ['430300', '430302', true],
    ['430000', '430300', true],
    ['654224200', '654224', true],
    ['430300', '360600', false],
    ['110105', '220104', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(onSameChain(a, b)).toBe(expected);
    expect(onSameChain(b, a)).toBe(expected);
  });
});
