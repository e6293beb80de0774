import { describe, expect, test } from 'vitest';
import {
  ETHNIC_GROUPS,
  findPlaceMentions,
  findPrefecturesByAbbreviation,
  getDivisionChain,
  getDivisionIndex,
  getHierarchy,
  getRegionByCode,
  listPlaceAliases,
  resolveDivision,
  resolveRegion,
  shortenPlaceName,
  slugifyName,
  slugifyPlace,
} from './divisions.ts';

const unit = (code: string) => {
  const found = getDivisionIndex().byCode.get(code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
};
const codesOf = (text: string) => findPlaceMentions(text).map((m) => m.units.map((u) => u.code));

describe('getDivisionIndex', () => {
  test.each([
    ['110000', '北京市', 'province', null],
    ['110105', '朝阳区', 'county', '110000'], // municipality: district directly under the province
    ['433100', '湘西土家族苗族自治州', 'prefecture', '430000'],
    ['429004', '仙桃市', 'county', '420000'], // 省直辖县级行政区划 placeholder skipped
    ['654224', '托里县', 'county', '654200'],
    ['654224200', '多拉特乡', 'township', '654224'],
  ])('%s is %s (%s) under %s', (code, name, level, parentCode) => {
    expect(unit(code)).toMatchObject({ name, level, parentCode, kind: 'regular' });
  });

  test.each([
    ['430371', 'zone'], // 湖南湘潭高新技术产业园区
    ['130101', 'placeholder'], // 市辖区
    ['429000', 'placeholder'], // 湖北省-自治区直辖县级行政区划
  ])('%s is kept as a %s', (code, kind) => {
    expect(unit(code).kind).toBe(kind);
  });

  test('municipalities and special regions have no prefecture level', () => {
    const municipalities = getDivisionIndex()
      .units.filter((u) => u.municipality)
      .map((u) => u.name);
    expect(municipalities).toEqual(['北京市', '天津市', '上海市', '重庆市', '香港特别行政区', '澳门特别行政区']);
  });

  test('getDivisionChain lists real ancestors, province first', () => {
    expect(getDivisionChain('654224200').map((u) => u.name)).toEqual(['新疆维吾尔自治区', '塔城地区', '托里县', '多拉特乡']);
    expect(getDivisionChain('999999')).toEqual([]);
  });

  test('names 55 minority ethnic groups', () => {
    expect(new Set(ETHNIC_GROUPS).size).toBe(55);
  });
});

describe('shortenPlaceName and aliases', () => {
  test.each([
    ['广西壮族自治区', 'province', '广西'],
    ['新疆维吾尔自治区', 'province', '新疆'],
    ['内蒙古自治区', 'province', '内蒙古'],
    ['香港特别行政区', 'province', '香港'],
    ['湘西土家族苗族自治州', 'prefecture', '湘西'],
    ['巴音郭楞蒙古自治州', 'prefecture', '巴音郭楞'],
    ['大兴安岭地区', 'prefecture', '大兴安岭'],
    ['阿拉善盟', 'prefecture', '阿拉善'],
    ['双江拉祜族佤族布朗族傣族自治县', 'county', '双江'],
    ['龙胜各族自治县', 'county', '龙胜'],
    ['东乡族自治县', 'county', '东乡'],
    ['鄂伦春自治旗', 'county', '鄂伦春'],
    ['浦东新区', 'county', '浦东'],
    ['神农架林区', 'county', '神农架'],
    ['嵊州市', 'county', '嵊州'],
    ['城区', 'county', '城区'], // never a one-character short name
    ['音河达斡尔鄂温克民族乡', 'township', '音河'],
    ['多拉特乡', 'township', '多拉特'],
  ] as const)('%s → %s', (name, level, short) => {
    expect(shortenPlaceName(name, level)).toBe(short);
  });

  test.each([
    ['433100', ['湘西土家族苗族自治州', '湘西', '湘西州', '湘西自治州']],
    ['370200', ['青岛市', '青岛']],
    ['330683', ['嵊州市']], // counties: full name only
    ['500240', ['石柱土家族自治县', '石柱县', '石柱自治县']],
    ['430371', ['湖南湘潭高新技术产业园区']], // zone: no aliases
    ['130101', []], // 市辖区
  ])('aliases of %s', (code, aliases) => {
    expect(listPlaceAliases(unit(code)).map((a) => a.text)).toEqual(aliases);
  });
});

describe('findPlaceMentions', () => {
  test.each([
    ['湘西自治州科学技术局', '湘西自治州', 'suffixed', ['433100']],
    ['本溪市科技局', '本溪市', 'full', ['210500']],
    ['青岛', '青岛', 'short', ['370200']],
    ['嵊州市实施十大行动', '嵊州市', 'full', ['330683']],
    ['常熟市', '常熟市', 'full', ['320581']],
    ['多拉特乡', '多拉特乡', 'full', ['654224200']],
    ['江苏省', '江苏省', 'full', ['320000']],
    ['全州县科技局', '全州县', 'full', ['450324']],
    ['吉林', '吉林', 'short', ['220000', '220200']], // province and prefecture share the short name
    ['通州区', '通州区', 'full', ['110112', '320612']], // same county name in 北京 and 南通
  ])('%s → %s (%s)', (text, match, form, codes) => {
    const [mention, ...rest] = findPlaceMentions(text);
    expect(rest).toEqual([]);
    expect(mention).toMatchObject({ offset: 0, text: match, form });
    expect(mention?.units.map((u) => u.code)).toEqual(codes);
  });

  test.each([
    '2011年全州科技工作要点', // 全州 = the whole prefecture, not 全州县
    'xx市科技局',
    'XX县人民政府',
    '**市科学技术局',
    '海峡两岸()农业合作试验区',
    '隆重庆祝', // not 重庆
    '黄河北岸', // not 河北
    '推进新城区建设', // 新城区 as a generic word
    '城郊乡村振兴', // 城郊乡 + 村
    '提高县级财政', // not 高县
    '各位来宾', // 来宾 is also a word
    '乡镇(街道)',
    '全省全市本县我区',
  ])('%s has no place', (text) => {
    expect(findPlaceMentions(text)).toEqual([]);
  });

  test('counties only match by full name, prefectures and provinces also by short name', () => {
    expect(codesOf('常熟和嵊州')).toEqual([]);
    expect(codesOf('江苏南京')).toEqual([['320000'], ['320100']]);
  });

  test('longest match wins', () => {
    expect(findPlaceMentions('湘潭县').map((m) => m.text)).toEqual(['湘潭县']);
    expect(findPlaceMentions('大兴安岭地区').map((m) => m.text)).toEqual(['大兴安岭地区']);
    expect(findPlaceMentions('上海东部').map((m) => m.text)).toEqual(['上海']);
  });

  test('reports offsets of every mention', () => {
    const mentions = findPlaceMentions('新疆维吾尔自治区塔城地区托里县多拉特乡');
    expect(mentions.map((m) => [m.offset, m.text])).toEqual([
      [0, '新疆维吾尔自治区'],
      [8, '塔城地区'],
      [12, '托里县'],
      [15, '多拉特乡'],
    ]);
  });

  test('an enclosing unit written right before narrows candidates and admits generic short names', () => {
    expect(codesOf('北京市通州区')).toEqual([['110000'], ['110112']]);
    expect(codesOf('马鞍山市和县')).toEqual([['340500'], ['340523']]);
    expect(codesOf('广西来宾市')).toEqual([['450000'], ['451300']]);
    expect(codesOf('阳泉市城区')).toEqual([['140300'], ['140302']]);
  });

  test('ambiguous township names keep every candidate', () => {
    const [mention] = findPlaceMentions('城关镇');
    expect(mention?.units.length).toBeGreaterThan(50);
    expect(mention?.units.every((u) => u.level === 'township' && u.name.startsWith('城关'))).toBe(true);
    expect(mention?.units.map((u) => u.name)).toContain('城关回族镇'); // 城关回族镇 is also written 城关镇
  });

  test('levels option restricts the candidates', () => {
    expect(findPlaceMentions('吉林', { levels: ['prefecture'] })[0]?.units.map((u) => u.code)).toEqual(['220200']);
    expect(findPlaceMentions('嵊州市', { levels: ['province', 'prefecture'] })).toEqual([]);
  });
});

describe('resolveRegion', () => {
  test.each([
    ['湘西自治州科学技术局', { province: '湖南省', city: '湘西土家族苗族自治州', county: null, level: 'prefecture', code: '433100' }],
    ['本溪市', { province: '辽宁省', city: '本溪市', level: 'prefecture', code: '210500' }],
    ['青岛', { province: '山东省', city: '青岛市', level: 'prefecture', code: '370200' }],
    ['嵊州市', { province: '浙江省', city: '绍兴市', county: '嵊州市', level: 'county', code: '330683' }],
    ['常熟市', { province: '江苏省', city: '苏州市', county: '常熟市', level: 'county', code: '320581' }],
    [
      '多拉特乡',
      { province: '新疆维吾尔自治区', city: '塔城地区', county: '托里县', township: '多拉特乡', level: 'township', code: '654224200' },
    ],
    ['江苏省', { province: '江苏省', city: null, county: null, level: 'province', code: '320000' }],
    ['北京市海淀区', { province: '北京市', city: '北京市', county: '海淀区', level: 'county', code: '110108' }],
    ['仙桃市', { province: '湖北省', city: null, county: '仙桃市', level: 'county', code: '429004' }],
    ['吉林', { province: '吉林省', city: null, level: 'province', code: '220000' }],
    ['吉林省吉林市', { province: '吉林省', city: '吉林市', level: 'prefecture', code: '220200' }],
    ['2011年全州科技工作要点', { province: null, level: 'unknown', code: null }],
    ['xx市科技局', { level: 'unknown', code: null }],
    ['海峡两岸()农业合作试验区', { level: 'unknown', code: null }],
    ['通州区', { level: 'unknown', code: null }], // two 通州区, nothing to choose by
  ])('%s', (text, expected) => {
    expect(resolveRegion([text])).toMatchObject(expected);
  });

  test('an ambiguous county resolves inside the province named elsewhere in the text', () => {
    const text = '江苏省科学技术厅印发……支持通州区建设创新型县(市)';
    expect(resolveRegion(findPlaceMentions(text))).toMatchObject({
      province: '江苏省',
      city: '南通市',
      county: '通州区',
      code: '320612',
    });
    expect(resolveRegion(['北京市科委', '通州区'])).toMatchObject({ province: '北京市', code: '110112' });
  });

  test('a county inside the named prefecture wins over the prefecture', () => {
    expect(resolveRegion(['绍兴市科技局', '嵊州市'])).toMatchObject({ code: '330683', city: '绍兴市' });
  });

  test('places listed under one province resolve to that province', () => {
    expect(resolveRegion(['江苏省', '南京', '苏州', '无锡'])).toMatchObject({ level: 'province', code: '320000' });
    expect(resolveRegion(['南京', '苏州'])).toMatchObject({ level: 'province', code: '320000' });
  });

  test('weights let the caller favour the title', () => {
    const [title] = findPlaceMentions('南京市科技局');
    const [body] = findPlaceMentions('苏州');
    if (!title || !body) throw new Error('mentions expected');
    expect(resolveDivision([{ ...title, weight: 3 }, body])?.code).toBe('320100');
  });

  test('getRegionByCode and getHierarchy', () => {
    expect(getRegionByCode('330683')).toEqual({
      province: '浙江省',
      city: '绍兴市',
      county: '嵊州市',
      township: null,
      level: 'county',
      code: '330683',
    });
    expect(getHierarchy('654224200')).toEqual({
      province: '新疆维吾尔自治区',
      city: '塔城地区',
      county: '托里县',
      township: '多拉特乡',
    });
    expect(getHierarchy('000000')).toBeNull();
  });
});

describe('findPrefecturesByAbbreviation', () => {
  test.each([
    ['潭', '湖南省', ['湘潭市']],
    ['潭', '43', ['湘潭市']],
    ['潭', undefined, ['鹰潭市', '湘潭市']],
    ['湘', undefined, ['湘潭市', '湘西土家族苗族自治州']],
    ['潭市', undefined, []],
  ])('%s in %s', (char, province, names) => {
    expect(findPrefecturesByAbbreviation(char, province).map((u) => u.name)).toEqual(names);
  });
});

describe('slugifyPlace', () => {
  test.each([
    ['370200', 'qingdao'],
    ['433100', 'xiangxi'],
    ['654224200', 'duolate'],
    ['330683', 'shengzhou'],
    ['110000', 'beijing'],
  ])('%s → %s', (code, slug) => {
    expect(slugifyPlace(getRegionByCode(code))).toBe(slug);
  });

  test('falls back to names and returns null for unknown regions', () => {
    expect(slugifyPlace({ province: '湖南省', city: '湘潭市', county: null, township: null, level: 'prefecture', code: null })).toBe(
      'xiangtan',
    );
    expect(slugifyPlace(resolveRegion(['xx市']))).toBeNull();
    expect(slugifyName('吕梁')).toBe('lvliang');
  });
});
