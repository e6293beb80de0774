import { describe, expect, it } from 'vitest';
import {
  agencyKind,
  buildAgencyIndex,
  buildPlaceIndex,
  buildProgramIndex,
  buildTargetIndex,
  buildThemeIndex,
  buildYearIndex,
  countYears,
  excerptSegments,
  groupThemeEntries,
  paginateRows,
  selectThemeParagraphs,
  sortTargetRows,
  splitTargetSeries,
  themeParagraphHref,
  type AtlasInput,
} from './aggregate.ts';
import { makeDoc, makeParagraph, makeTarget } from './atlas-fixtures.ts';
import { getPlaceUnits } from './place-index.ts';

const SHENZHEN = '440300';
const NANSHAN = '440305';
const GUANGDONG = '440000';
const ANSHAN = '210300';
const CHAOYANG_BJ = '110105';

function input(docs: ReturnType<typeof makeDoc>[], paragraphs: Record<string, ReturnType<typeof makeParagraph>[]> = {}): AtlasInput {
  return { documents: docs, paragraphs: new Map(Object.entries(paragraphs)) };
}

describe('selectThemeParagraphs', () => {
  const paragraphs = [
    makeParagraph('p-a', '人才一', [['talent', 1, ['人才']]]),
    makeParagraph('p-b', '人才二', [['talent', 5, ['人才']], ['finance', 2, ['金融']]]),
    makeParagraph('p-c', '人才三', [['talent', 3, ['人才']]]),
    makeParagraph('p-d', '人才四', [['talent', 3, ['人才']]]),
    makeParagraph('p-e', '无', []),
  ];

  it('keeps the highest scores per theme, ties to the earlier paragraph, shown in text order', () => {
    const selection = selectThemeParagraphs(paragraphs, { minScore: 0, perDocument: 2 });
    expect(selection.get('talent')!.listed.map((l) => l.paragraph.id)).toEqual(['p-b', 'p-c']);
    expect(selection.get('talent')!.total).toBe(4);
    expect(selection.get('finance')!.listed.map((l) => l.paragraph.id)).toEqual(['p-b']);
  });

  it('drops hits below the minimum score but still counts them', () => {
    const selection = selectThemeParagraphs(paragraphs, { minScore: 3, perDocument: 10 });
    expect(selection.get('talent')!.listed.map((l) => l.paragraph.id)).toEqual(['p-b', 'p-c', 'p-d']);
    expect(selection.get('talent')!.total).toBe(4);
    expect(selection.get('finance')!.listed).toEqual([]);
  });

  it('gives nothing for a document without paragraphs', () => {
    expect(selectThemeParagraphs([]).size).toBe(0);
  });
});

describe('buildThemeIndex', () => {
  const docs = [
    makeDoc('sz-2020', { code: SHENZHEN, year: 2020 }),
    makeDoc('ns-2021', { code: NANSHAN, year: 2021 }),
    makeDoc('as-2019', { code: ANSHAN, year: 2019 }),
    makeDoc('none', { year: null }),
  ];
  const paragraphs = {
    'sz-2020': [makeParagraph('p-1', '引进人才', [['talent', 2, ['人才']], ['finance', 1, ['金融']]])],
    'ns-2021': [makeParagraph('p-2', '人才公寓', [['talent', 1, ['人才']]])],
    'as-2019': [makeParagraph('p-3', '人才', [['talent', 1, ['人才']]])],
    none: [makeParagraph('p-4', '人才', [['talent', 1, ['人才']]]), makeParagraph('p-5', '金融', [['finance', 1, ['金融']]])],
  };

  it('orders documents by province code, prefecture, newest year, with unplaced documents last', () => {
    const index = buildThemeIndex(input(docs, paragraphs), { minScore: 0, perDocument: 5, pageSize: 100 });
    const talent = index.themes.get('talent')!;
    expect(talent.pages.flat().map((e) => e.doc.id)).toEqual(['as-2019', 'ns-2021', 'sz-2020', 'none']);
    expect(talent.documentCount).toBe(4);
    expect(talent.paragraphCount).toBe(4);
    expect(talent.cooccurring).toEqual([{ theme: 'finance', paragraphs: 1 }]);
    expect(talent.byYear).toEqual([
      { year: 2021, documents: 1 },
      { year: 2020, documents: 1 },
      { year: 2019, documents: 1 },
      { year: null, documents: 1 },
    ]);
  });

  it('paginates without splitting a document and links each listed paragraph to its page', () => {
    const index = buildThemeIndex(input(docs, paragraphs), { minScore: 0, perDocument: 5, pageSize: 2 });
    const talent = index.themes.get('talent')!;
    expect(talent.pages.map((page) => page.map((e) => e.doc.id))).toEqual([['as-2019', 'ns-2021'], ['sz-2020', 'none']]);
    expect(themeParagraphHref(index, 'talent', 'as-2019', 'p-3')).toBe('/themes/talent/#as-2019--p-3');
    expect(themeParagraphHref(index, 'talent', 'none', 'p-4')).toBe('/themes/talent/2/#none--p-4');
    expect(themeParagraphHref(index, 'talent', 'none', 'p-5')).toBeNull();
    expect(themeParagraphHref(index, 'ip', 'none', 'p-4')).toBeNull();
  });

  it('collects targets whose paragraph carries the theme', () => {
    const withTarget = makeDoc('t', { code: SHENZHEN, targets: [makeTarget({ indicator: 'rd-intensity', value: 3, unit: '%', paragraphId: 'p-9' })] });
    const index = buildThemeIndex(input([withTarget], { t: [makeParagraph('p-9', '研发投入强度达到3%', [['rd-investment', 2, ['研发']]])] }));
    expect(index.themes.get('rd-investment')!.targets.map((r) => r.target.value)).toEqual([3]);
  });

  it('ignores theme slugs that cannot be a URL segment', () => {
    const index = buildThemeIndex(input([docs[0]!], { 'sz-2020': [makeParagraph('p-1', 'x', [['Bad Slug/..', 1, []]])] }));
    expect([...index.themes.keys()]).toEqual([]);
  });

  it('is empty for an empty corpus', () => {
    const index = buildThemeIndex(input([]));
    expect(index.themes.size).toBe(0);
    expect(index.anchors.size).toBe(0);
  });
});

describe('groupThemeEntries', () => {
  it('groups consecutive entries by province, prefecture and year', () => {
    const docs = [makeDoc('a', { code: SHENZHEN, year: 2020 }), makeDoc('b', { code: NANSHAN, year: 2020 }), makeDoc('c', { code: SHENZHEN, year: 2019 })];
    const index = buildThemeIndex(input(docs, Object.fromEntries(docs.map((d) => [d.id, [makeParagraph('p-1', '人才', [['talent', 1, ['人才']]])]]))));
    const groups = groupThemeEntries(index.themes.get('talent')!.pages[0]!);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.province!.code).toBe(GUANGDONG);
    expect(groups[0]!.cities.map((c) => c.city!.code)).toEqual([SHENZHEN]);
    expect(groups[0]!.cities[0]!.years.map((y) => [y.year, y.entries.map((e) => e.doc.id)])).toEqual([
      [2020, ['a', 'b']],
      [2019, ['c']],
    ]);
  });
});

describe('buildPlaceIndex', () => {
  const docs = [
    makeDoc('city', { code: SHENZHEN, year: 2020, themes: ['talent'] }),
    makeDoc('district', { code: NANSHAN, year: 2021, themes: ['talent', 'finance'] }),
    makeDoc('guessed', { inferredCode: NANSHAN }),
    makeDoc('nowhere'),
    makeDoc('capital', { code: CHAOYANG_BJ, year: 2018 }),
  ];
  const index = buildPlaceIndex(docs);

  it('creates every ancestor, with documents and counts including the places within', () => {
    expect(index.provinces).toEqual(['110000', GUANGDONG]);
    const province = index.places.get(GUANGDONG)!;
    expect(province.documents.map((d) => d.id)).toEqual(['district', 'city']);
    expect(province.own).toBe(0);
    expect(province.children).toEqual([SHENZHEN]);
    expect(province.themes).toEqual([{ theme: 'talent', documents: 2 }, { theme: 'finance', documents: 1 }]);
    expect(province.byYear).toEqual([{ year: 2021, documents: 1 }, { year: 2020, documents: 1 }]);
    expect(index.places.get(SHENZHEN)!.own).toBe(1);
    expect(index.places.get(SHENZHEN)!.children).toEqual([NANSHAN]);
  });

  it('keeps inferred places apart from named ones', () => {
    const district = index.places.get(NANSHAN)!;
    expect(district.documents.map((d) => d.id)).toEqual(['district']);
    expect(district.inferred.map((d) => d.id)).toEqual(['guessed']);
    expect(index.places.get(GUANGDONG)!.inferred.map((d) => d.id)).toEqual(['guessed']);
  });

  it('puts municipal districts directly under the municipality, and lists documents without a place', () => {
    expect(index.places.get('110000')!.children).toEqual([CHAOYANG_BJ]);
    expect(index.unplaced.map((d) => d.id)).toEqual(['guessed', 'nowhere']);
  });
});

describe('buildYearIndex', () => {
  it('lists issued documents and documents whose plan period covers the year', () => {
    const docs = [
      makeDoc('plan', { year: 2016, period: { start: 2016, end: 2018 }, themes: ['talent'] }),
      makeDoc('notice', { year: 2017, code: ANSHAN }),
      makeDoc('undated'),
    ];
    const index = buildYearIndex(docs);
    expect(index.years.map((y) => [y.year, y.documents.map((d) => d.id), y.inForce.map((d) => d.id)])).toEqual([
      [2018, [], ['plan']],
      [2017, ['notice'], ['plan']],
      [2016, ['plan'], []],
    ]);
    expect(index.years.find((y) => y.year === 2017)!.provinces).toEqual([{ code: '210000', documents: 1 }]);
    expect(index.years.find((y) => y.year === 2016)!.themes).toEqual([{ theme: 'talent', documents: 1 }]);
    expect(index.undated.map((d) => d.id)).toEqual(['undated']);
  });

  it('caps a misread period at 50 years', () => {
    const index = buildYearIndex([makeDoc('odd', { year: null, period: { start: 1950, end: 2100 } })]);
    expect(index.years).toHaveLength(51);
  });
});

describe('countYears', () => {
  it('puts unknown years last', () => {
    expect(countYears([{ year: null }, { year: 2001 }, { year: 2003 }, { year: 2001 }])).toEqual([
      { year: 2003, documents: 1 },
      { year: 2001, documents: 2 },
      { year: null, documents: 1 },
    ]);
  });
});

describe('targets', () => {
  const docs = [
    makeDoc('a', { code: SHENZHEN, targets: [makeTarget({ indicator: 'high-tech-enterprises', value: 500, unit: '家', paragraphId: 'p-1', targetYear: 2025 })] }),
    makeDoc('b', {
      code: ANSHAN,
      targets: [
        makeTarget({ indicator: 'high-tech-enterprises', value: 800, unit: '家', paragraphId: 'p-2', targetYear: 2020 }),
        makeTarget({ indicator: 'high-tech-enterprises', value: 15, unit: '%', measure: 'annual-growth', paragraphId: 'p-3' }),
        makeTarget({ indicator: 'rd-intensity', value: 2.5, unit: '%', paragraphId: 'p-4', targetYear: null }),
      ],
    }),
  ];
  const index = buildTargetIndex(docs);

  it('indexes every target and groups by indicator, highest value first', () => {
    expect(index.rows).toHaveLength(4);
    expect(index.byIndicator.get('high-tech-enterprises')!.map((r) => r.target.value)).toEqual([15, 800, 500]);
  });

  it('splits an indicator into comparable series of one unit and measure', () => {
    const series = splitTargetSeries(index.byIndicator.get('high-tech-enterprises')!);
    expect(series.map((s) => [s.unit, s.measure, s.rows.map((r) => r.target.value)])).toEqual([
      ['家', 'level', [800, 500]],
      ['%', 'annual-growth', [15]],
    ]);
  });

  it('sorts by place code, by target year (unknown last) and by indicator', () => {
    expect(sortTargetRows(index.rows, 'place').map((r) => r.doc.id)).toEqual(['b', 'b', 'b', 'a']);
    expect(sortTargetRows(index.rows, 'year').map((r) => r.target.targetYear)).toEqual([2020, 2025, 2025, null]);
    expect(sortTargetRows(index.rows, 'indicator').map((r) => r.target.indicator)).toEqual([
      'high-tech-enterprises',
      'high-tech-enterprises',
      'high-tech-enterprises',
      'rd-intensity',
    ]);
  });
});

describe('agencies and programs', () => {
  const doc = makeDoc('x', {
    year: 2020,
    agencies: [
      { slug: 'kejiju', name: '市科技局', nameEn: 'Science Bureau', variants: ['市科学技术局'], lead: 1, cooperating: 0, paragraphIds: ['p-1'] },
      { slug: 'caizhengju', name: '市财政局', nameEn: null, variants: ['市财政局'], lead: 0, cooperating: 1, paragraphIds: ['p-1'] },
    ],
    responsibilities: [{ task: '设立基金', paragraphId: 'p-1', line: 3, lead: ['市科技局'], cooperating: ['市财政局', '未归并的单位'], byRemit: false, quote: '市科技局牵头' }],
    programs: [{ slug: 'torch', name: '火炬计划', variants: ['火炬计划', '火炬'], count: 3, paragraphIds: ['p-1'] }],
  });
  const other = makeDoc('y', { year: 2021, programs: [{ slug: 'torch', name: '火炬计划', variants: ['火炬计划'], count: 1, paragraphIds: ['p-7'] }] });

  it('collects agency mentions and the tasks each leads or supports', () => {
    const agencies = buildAgencyIndex([doc]);
    expect([...agencies.keys()].sort()).toEqual(['caizhengju', 'kejiju']);
    expect(agencies.get('kejiju')!.tasks.map((t) => t.role)).toEqual(['lead']);
    expect(agencies.get('caizhengju')!.tasks.map((t) => t.role)).toEqual(['cooperating']);
    expect(agencies.get('kejiju')!.variants).toEqual(['市科学技术局']);
  });

  it('finds the kind of a level-specific agency', () => {
    const kinds = new Set(['keji-ju', 'zhengfu']);
    expect(agencyKind('shi-keji-ju', kinds)).toBe('keji-ju');
    expect(agencyKind('suzhoushi-keji-ju', kinds)).toBe('keji-ju');
    expect(agencyKind('zhengfu', kinds)).toBe('zhengfu');
    expect(agencyKind('shi-weizhi-ju', kinds)).toBeNull();
    expect(agencyKind('weizhi', kinds)).toBeNull();
  });

  it('sums program mentions across documents, newest first', () => {
    const programs = buildProgramIndex([doc, other]);
    const torch = programs.get('torch')!;
    expect(torch.count).toBe(4);
    expect(torch.mentions.map((m) => m.doc.id)).toEqual(['y', 'x']);
    expect(torch.variants).toEqual(['火炬', '火炬计划']);
  });
});

describe('paginateRows', () => {
  it('splits into full pages and a last partial page, and gives one empty page for no rows', () => {
    expect(paginateRows([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginateRows([], 2)).toEqual([[]]);
  });
});

describe('excerptSegments', () => {
  const join = (segments: ReturnType<typeof excerptSegments>) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

  it.each([
    ['marks every occurrence, longest term first', '引进高层次人才和人才团队', ['人才', '高层次人才'], '引进[高层次人才]和[人才]团队'],
    ['ignores terms inherited from a heading', '加强服务保障', ['§人才'], '加强服务保障'],
    ['handles full-width punctuation and no match', '（一）总体要求。', ['创新'], '（一）总体要求。'],
    ['handles an empty paragraph', '', ['人才'], ''],
  ])('%s', (_name, text, terms, expected) => {
    expect(join(excerptSegments(text, terms))).toBe(expected);
  });

  it('cuts a long paragraph around the first match, with ellipses', () => {
    const text = `${'甲'.repeat(200)}人才${'乙'.repeat(200)}`;
    const result = join(excerptSegments(text, ['人才'], 40));
    expect(result.startsWith('…')).toBe(true);
    expect(result.endsWith('…')).toBe(true);
    expect(result).toContain('[人才]');
    expect(result.replace(/[…[\]]/g, '')).toHaveLength(40);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'𠀀'.repeat(100)}`;
    const result = excerptSegments(text, [], 41).map((s) => s.text).join('');
    expect(result).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
  });
});

describe('place units used by the fixtures', () => {
  it('exist in the division data', () => {
    for (const code of [SHENZHEN, NANSHAN, ANSHAN, CHAOYANG_BJ]) expect(getPlaceUnits().has(code)).toBe(true);
  });
});
