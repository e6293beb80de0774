import { describe, expect, test } from 'vitest';
import type { DocumentRecord, Paragraph, Section } from '../../src/lib/schema.ts';
import { instrumentEntrySchema, type InstrumentEntry } from '../../src/lib/vocabulary.ts';
import { defaultKnowledgeBase } from './index.ts';
import { matchInstruments, tagInstruments } from './instruments.ts';

type Doc = Pick<DocumentRecord, 'title' | 'sections' | 'paragraphs'>;

function paragraph(id: string, text: string, sectionPath: string[] = [], kind: Paragraph['kind'] = 'paragraph'): Paragraph {
  return { id, text, line: 1, sectionPath, kind, truncated: false, themes: [], instruments: [] };
}

function section(id: string, title: string, children: Section[] = []): Section {
  return { id, title, depth: 1, line: 1, children };
}

function doc(paragraphs: Paragraph[], sections: Section[] = []): Doc {
  return { title: '测试文件', sections, paragraphs };
}

/** A small hand-written vocabulary, so the mechanics are tested apart from the project's word lists. */
const tiny: InstrumentEntry[] = [
  { slug: 'funding', type: 'supply', name: '资金投入', nameEn: 'Funding', terms: [{ term: '专项资金', weight: 2 }, { term: '资金', weight: 0.75 }], exclude: ['资金监管局'] },
  { slug: 'financial-support', type: 'environment', name: '金融支持', nameEn: 'Finance', terms: [{ term: '贷款', weight: 1 }, { term: '金融', weight: 1 }, { term: '科技金融', weight: 2 }], exclude: ['金融办'] },
  { slug: 'public-services', type: 'supply', name: '公共服务', nameEn: 'Public services', terms: [{ term: '公共服务平台', weight: 2 }], exclude: [] },
  { slug: 'infrastructure', type: 'supply', name: '基础设施', nameEn: 'Infrastructure', terms: [{ term: '平台', weight: 1.5 }], exclude: [] },
  {
    slug: 'goal-planning',
    type: 'environment',
    name: '目标规划',
    nameEn: 'Goals',
    terms: [{ term: '目标', weight: 1 }],
    patterns: [{ pattern: '到\\s*20\\d{2}\\s*年', weight: 1.5, note: '' }],
    exclude: [],
  },
  { slug: 'procurement', type: 'demand', name: '政府采购', nameEn: 'Procurement', terms: [{ term: '首购', weight: 3 }], exclude: [] },
].map((e) => instrumentEntrySchema.parse(e));

const vocabulary = defaultKnowledgeBase().instruments;

describe('tagInstruments with the project vocabulary', () => {
  test('every tool of the three types is loaded from content/instruments', () => {
    const types = new Set(vocabulary.map((e) => e.type));
    expect([...types].sort()).toEqual(['demand', 'environment', 'supply']);
    expect(vocabulary.map((e) => e.slug).sort()).toEqual(
      [
        'talent-training', 'funding', 'infrastructure', 'public-services', 'technical-support',
        'goal-planning', 'financial-support', 'tax-incentives', 'regulation', 'ip-protection', 'strategic-measures',
        'procurement', 'demonstration', 'outsourcing', 'trade', 'overseas',
      ].sort(),
    );
  });

  test.each([
    ['supply', 'talent-training', '大力引进高层次人才,加强职业教育和技能培训。', ['高层次人才', '职业教育', '技能培训']],
    ['supply', 'funding', '市财政每年安排专项资金,对研发活动给予后补助。', ['专项资金', '后补助']],
    ['supply', 'infrastructure', '支持企业建设重点实验室和工程技术研究中心,加快孵化器建设。', ['重点实验室', '工程技术研究中心', '孵化器']],
    ['supply', 'public-services', '建设一批公共技术服务平台,发展科技中介机构。', ['公共技术服务平台']],
    ['supply', 'technical-support', '组织关键共性技术攻关,推进技术转移。', ['关键共性技术', '攻关', '技术转移']],
    ['environment', 'goal-planning', '到2025年,高新技术企业达到500家以上。', ['到2025年', '达到500', '500家以上']],
    ['environment', 'financial-support', '建立科技金融风险补偿机制,扩大科技信贷规模。', ['科技金融', '风险补偿', '信贷']],
    ['environment', 'tax-incentives', '落实研发费用加计扣除和高新技术企业税收优惠政策。', ['加计扣除', '税收优惠']],
    ['environment', 'regulation', '深化行政审批制度改革,加强事中事后监管。', ['行政审批', '制度改革', '监管']],
    ['environment', 'ip-protection', '加强知识产权保护,严厉打击专利侵权行为。', ['知识产权', '专利', '侵权']],
    ['environment', 'strategic-measures', '成立工作领导小组,将科技创新纳入考核,对先进单位予以表彰。', ['领导小组', '考核', '表彰']],
    ['demand', 'procurement', '加大政府采购力度,落实首台(套)重大技术装备首购政策。', ['政府采购', '首台(套)', '首购']],
    ['demand', 'demonstration', '实施一批示范工程,推进新能源汽车推广应用试点。', ['示范工程', '推广应用', '试点']],
    ['demand', 'outsourcing', '通过政府购买服务和服务外包方式委托企业实施。', ['购买服务', '服务外包']],
    ['demand', 'trade', '支持企业扩大高新技术产品出口,发展跨境电子商务。', ['出口', '跨境电子商务']],
    ['demand', 'overseas', '鼓励企业设立海外研发中心,深化国际科技合作。', ['海外', '国际科技合作']],
  ])('%s instrument %s is found with its terms: %s', (type, tool, text, terms) => {
    const { byParagraph } = tagInstruments(doc([paragraph('p-1', text)]), vocabulary);
    const hit = byParagraph.get('p-1')?.find((h) => h.tool === tool);
    expect(hit, JSON.stringify(byParagraph.get('p-1'))).toBeDefined();
    expect(hit?.type).toBe(type);
    expect(hit?.terms).toEqual(expect.arrayContaining(terms));
  });

  test.each([
    ['a preamble', '为贯彻落实上级精神,结合我市实际,特制定本方案。'],
    ['a responsibility line naming finance and tax bureaus', '牵头单位:市财政局;责任单位:市金融工作办、市国税局、人民银行市中心支行等。'],
    ['party-building narrative', '把党的政治建设摆在首位,持续巩固拓展主题教育成果,不断提高党员干部政治判断力。'],
    ['an outcome, not a measure', '开发一批具有自主知识产权的新产品,形成示范效应。'],
    ['full-width punctuation only', ':;,。、!?'],
    ['an empty paragraph', ''],
  ])('no instrument on %s', (_, text) => {
    const { byParagraph } = tagInstruments(doc([paragraph('p-1', text)]), vocabulary);
    expect(byParagraph.get('p-1')).toBeUndefined();
  });

  test('a paragraph may carry several types and tools, strongest first', () => {
    const text = '设立科技成果转化专项资金,建立科技金融风险补偿机制,对首购的创新产品给予支持。';
    const hits = tagInstruments(doc([paragraph('p-1', text)]), vocabulary).byParagraph.get('p-1') ?? [];
    expect(new Set(hits.map((h) => h.type))).toEqual(new Set(['supply', 'environment', 'demand']));
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('an attachment line is not tagged, even when it names a target', () => {
    const { byParagraph } = tagInstruments(doc([paragraph('p-1', '附件:1.到2020年工作目标分解表', [], 'attachment')]), vocabulary);
    expect(byParagraph.size).toBe(0);
  });
});

describe('tagInstruments mechanics (hand-written vocabulary)', () => {
  test('the longest term at a position wins: 公共服务平台 is a public service, not a platform', () => {
    expect(matchInstruments('建设公共服务平台', tiny).map((m) => [tiny[m.tool]?.slug, m.term])).toEqual([['public-services', '公共服务平台']]);
    expect(matchInstruments('建设研发平台', tiny).map((m) => [tiny[m.tool]?.slug, m.term])).toEqual([['infrastructure', '平台']]);
  });

  test.each([
    ['an exclusion voids its own tool', '市金融办负责', 'financial-support', false],
    ['an exclusion covering a term in the middle', '资金监管局牵头', 'funding', false],
    ['the bare term still counts', '发展科技金融', 'financial-support', true],
  ])('%s', (_, text, tool, expected) => {
    const hit = tagInstruments(doc([paragraph('p-1', text)]), tiny, { minScore: 1 }).byParagraph.get('p-1')?.some((h) => h.tool === tool) ?? false;
    expect(hit).toBe(expected);
  });

  test('repeats add less each time', () => {
    const once = tagInstruments(doc([paragraph('p-1', '申请贷款')]), tiny, { minScore: 0 }).byParagraph.get('p-1')?.[0];
    const thrice = tagInstruments(doc([paragraph('p-1', '贷款、贷款、贷款')]), tiny, { minScore: 0 }).byParagraph.get('p-1')?.[0];
    expect(once?.score).toBe(1);
    expect(thrice?.score).toBe(1.75);
    expect(thrice?.terms).toEqual(['贷款']);
  });

  test('patterns record the words they matched', () => {
    const hit = tagInstruments(doc([paragraph('p-1', '到 2030 年完成')]), tiny).byParagraph.get('p-1')?.[0];
    expect(hit).toEqual({ type: 'environment', tool: 'goal-planning', score: 1.5, terms: ['到 2030 年'] });
  });

  test('a heading tips the balance for a weak paragraph and is recorded as §term', () => {
    const sections = [section('s-1', '三、强化科技金融支持')];
    const under = tagInstruments(doc([paragraph('p-1', '鼓励银行发放贷款。', ['s-1'])], sections), tiny).byParagraph.get('p-1');
    const alone = tagInstruments(doc([paragraph('p-1', '鼓励银行发放贷款。')], sections), tiny).byParagraph.get('p-1');
    expect(alone).toBeUndefined();
    expect(under).toEqual([{ type: 'environment', tool: 'financial-support', score: 2, terms: ['贷款', '§科技金融'] }]);
  });

  test('headings further out pass down less than the nearest one', () => {
    const sections = [section('s-1', '科技金融', [section('s-2', '(一)其他事项')])];
    const score = (path: string[]) => tagInstruments(doc([paragraph('p-1', '其他', path)], sections), tiny, { minScore: 0 }).byParagraph.get('p-1')?.[0]?.score;
    expect(score(['s-1'])).toBe(1);
    expect(score(['s-1', 's-2'])).toBe(0.5);
  });

  test('a heading alone never tags a paragraph (headingCap below minScore)', () => {
    const sections = [section('s-1', '科技金融 科技金融 科技金融 专项资金')];
    const { byParagraph } = tagInstruments(doc([paragraph('p-1', '牵头单位:市科技局', ['s-1'])], sections), tiny);
    expect(byParagraph.size).toBe(0);
  });

  test('the document profile counts paragraphs per tool, most used first, then by type', () => {
    const paragraphs = [
      paragraph('p-1', '设立专项资金,对首购产品予以支持'),
      paragraph('p-2', '安排专项资金'),
      paragraph('p-3', '落实首购政策'),
      paragraph('p-4', '到2030年'),
      paragraph('p-5', '专项资金、科技金融'),
    ];
    expect(tagInstruments(doc(paragraphs), tiny).instruments).toEqual([
      { type: 'supply', tool: 'funding', paragraphs: 3 },
      { type: 'demand', tool: 'procurement', paragraphs: 2 },
      { type: 'environment', tool: 'financial-support', paragraphs: 1 },
      { type: 'environment', tool: 'goal-planning', paragraphs: 1 },
    ]);
  });

  test('an empty vocabulary tags nothing', () => {
    const result = tagInstruments(doc([paragraph('p-1', '设立专项资金')]), []);
    expect(result.byParagraph.size).toBe(0);
    expect(result.instruments).toEqual([]);
  });

  test('the input document is left unchanged', () => {
    const input = doc([paragraph('p-1', '设立专项资金', ['s-1'])], [section('s-1', '科技金融')]);
    const before = structuredClone(input);
    tagInstruments(input, tiny);
    expect(input).toEqual(before);
  });
});
