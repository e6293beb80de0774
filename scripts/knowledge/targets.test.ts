import { describe, expect, test } from 'vitest';
import type { DocumentRecord, Paragraph, Section, Target } from '../../src/lib/schema.ts';
import { loadKnowledgeBase } from './index.ts';
import { extractTargets, matchIndicator, normalizeQuantity, parseChineseNumber } from './targets.ts';

const { indicators } = loadKnowledgeBase();

type Doc = Pick<DocumentRecord, 'title' | 'year' | 'period' | 'sections' | 'paragraphs'>;

const paragraph = (text: string, over: Partial<Paragraph> = {}): Paragraph => ({
  id: 'p-test',
  text,
  line: 1,
  sectionPath: [],
  kind: 'paragraph',
  truncated: false,
  themes: [],
  instruments: [],
  ...over,
});

const doc = (texts: string[], over: Partial<Doc> = {}): Doc => ({
  title: '关于加快科技创新的实施意见',
  year: 2015,
  period: null,
  sections: [],
  paragraphs: texts.map((t, i) => paragraph(t, { id: `p-${i}`, line: i + 1 })),
  ...over,
});

const extract = (text: string, over: Partial<Doc> = {}): Target[] => extractTargets(doc([text], over), indicators);
const brief = (t: Target) => ({ indicator: t.indicator, value: t.value, unit: t.unit, comparator: t.comparator, measure: t.measure, targetYear: t.targetYear });

describe('normalizeQuantity', () => {
  test.each([
    ['2000', '亿', '元', { value: 2e11, unit: '元', upper: null }],
    ['170', '万', '人', { value: 1.7e6, unit: '人', upper: null }],
    ['1,200', '万', '元', { value: 1.2e7, unit: '元', upper: null }],
    ['1.45', undefined, '%', { value: 1.45, unit: '%', upper: null }],
    ['2.5', undefined, '％', { value: 2.5, unit: '%', upper: null }],
    ['10', undefined, '名', { value: 10, unit: '人', upper: null }],
    ['30', '万', '人次', { value: 3e5, unit: '人次', upper: null }],
    ['3', undefined, '百分点', { value: 3, unit: '个百分点', upper: null }],
  ] as const)('%s %s%s', (n, mult, unit, expected) => {
    expect(normalizeQuantity(n, mult, unit)).toEqual(expected);
  });

  test('a range keeps its upper end', () => {
    expect(normalizeQuantity('1', undefined, '家', '2')).toEqual({ value: 1, upper: 2, unit: '家' });
  });
});

describe('parseChineseNumber', () => {
  test.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['百', 100],
    ['一百二十', 120],
    ['两千五百', 2500],
    ['三万', 30000],
    ['一亿', 1e8],
    ['二十家', Number.NaN],
  ])('%s → %d', (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });
});

describe('the five forms of the issue', () => {
  test('到2016年…比重达到2.77%: the year comes from an earlier sentence of the paragraph', () => {
    const [t] = extract('到2016年，建成一批创新创业载体。全社会研发经费占生产总值比重达到2.77%。');
    expect(t && brief(t)).toEqual({ indicator: 'rd-intensity', value: 2.77, unit: '%', comparator: 'eq', measure: 'level', targetYear: 2016 });
  });

  test('力争2006年全市专利申请量达600件以上', () => {
    const [t] = extract('加大专利奖励力度，力争2006年全市专利申请量达600件以上。');
    expect(t).toMatchObject({ indicator: 'patent-applications', value: 600, unit: '件', comparator: 'gte', targetYear: 2006, scope: '全市', indicatorLabel: '专利申请量' });
    expect(t?.quote).toBe('力争2006年全市专利申请量达600件以上');
  });

  test('2004年-2006年…分别达到1.45%、1.50%和1.60%: one target per year', () => {
    const ts = extract('2004年-2006年市本级科技三项费用占财政支出的比例分别达到1.45%、1.50%和1.60%。', { year: 2004 });
    expect(ts.map((t) => [t.value, t.targetYear, t.indicator, t.scope])).toEqual([
      [1.45, 2004, 'fiscal-st-share', '市本级'],
      [1.5, 2005, 'fiscal-st-share', '市本级'],
      [1.6, 2006, 'fiscal-st-share', '市本级'],
    ]);
  });

  test('年均增长12%以上: an annual growth rate', () => {
    const [t] = extract('全市专利授权量年均增长12%以上。');
    expect(t && brief(t)).toEqual({ indicator: 'patent-grants', value: 12, unit: '%', comparator: 'gte', measure: 'annual-growth', targetYear: null });
  });

  test('由目前的10家增加到20家以上: baseline and target, the indicator named in the clause before', () => {
    const ts = extract('到2010年，全省重点实验室和工程技术研究中心，要由目前的10家增加到20家以上。', { year: 2008 });
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ indicator: 'labs-and-centres', value: 20, unit: '家', comparator: 'gte', targetYear: 2010, baseline: { value: 10, unit: '家', year: null }, scope: '全省' });
    expect(ts[0]?.quote).toBe('全省重点实验室和工程技术研究中心，要由目前的10家增加到20家以上');
  });
});

describe('more target forms', () => {
  test.each([
    ['从…的…提高到…的… (baseline with a year)', '国家高新技术企业数量从2015年的120家提高到2020年的300家。', { indicator: 'high-tech-enterprises', value: 300, unit: '家', targetYear: 2020, baseline: { value: 120, unit: '家', year: 2015 } }],
    ['Chinese numeral after an explicit verb', '到2020年，众创空间数量增加到二十家。', { indicator: 'maker-spaces', value: 20, unit: '家', targetYear: 2020 }],
    ['过百家', '到2018年高校孵化科技型企业过百家。', { value: 100, unit: '家', comparator: 'gt', targetYear: 2018 }],
    ['个百分点 is a growth', '科技进步贡献率提高5个百分点。', { indicator: 'st-contribution-rate', value: 5, unit: '个百分点', measure: 'growth' }],
    ['新增 is a growth', '新增国家级科技企业孵化器3家。', { indicator: 'incubators', value: 3, unit: '家', measure: 'growth' }],
    ['突破 with 亿元', '技术合同成交额突破50亿元。', { indicator: 'tech-contract-turnover', value: 5e9, unit: '元', comparator: 'gt' }],
    ['万人', '人才资源总量达到120万人。', { indicator: 'talent-total', value: 1.2e6, unit: '人' }],
    ['左右', '每万人发明专利拥有量达到8件左右。', { indicator: 'invention-patents-per-10k', value: 8, comparator: 'approx' }],
    ['不低于 and 强度', '全社会研发投入强度不低于2.5%。', { indicator: 'rd-intensity', value: 2.5, comparator: 'gte' }],
    ['年均增长 of R&D spending', 'R&D经费支出年均增长15%以上。', { indicator: 'rd-expenditure', value: 15, measure: 'annual-growth', comparator: 'gte' }],
    ['share of fiscal spending', '财政科技支出占一般公共预算支出比重达到3%。', { indicator: 'fiscal-st-share', value: 3 }],
    ['以内', '城镇登记失业率控制在4.5%以内。', { indicator: 'other', value: 4.5, comparator: 'lte' }],
    ['rank: 前N位', '发明专利授权量保持全省前3位。', { value: 3, unit: '位', comparator: 'lte' }],
    ['range gives the lower end', '新建3-5个产业技术创新战略联盟。', { indicator: 'industry-alliances', value: 3, comparator: 'gte', measure: 'growth' }],
    ['full-width percent', '高新技术产业产值占规模以上工业产值比重达到45％。', { indicator: 'high-tech-output-share', value: 45, unit: '%' }],
    ['“十三五”末', '“十三五”末，科技型中小企业达到5000家。', { indicator: 'st-smes', value: 5000, targetYear: 2020 }],
  ])('%s', (_name, text, expected) => {
    const ts = extract(text, { year: null });
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject(expected);
  });

  test('a baseline’s year (由2015年的, 比2015年) is not the target year', () => {
    const ts = extract('R&D经费占GDP的比重由2015年的1.8%提高到2.5%，科技进步贡献率比2015年提高5个百分点。', { year: 2016, period: { start: 2016, end: 2020 } });
    expect(ts.map((t) => [t.indicator, t.value, t.targetYear, t.baseline])).toEqual([
      ['rd-intensity', 2.5, 2020, { value: 1.8, unit: '%', year: 2015 }],
      ['st-contribution-rate', 5, 2020, null],
    ]);
  });

  test('a value with no phrase of its own continues the previous target’s indicator', () => {
    const ts = extract('研发经费支出年均增长20%，达到30亿元。');
    expect(ts.map((t) => [t.indicator, t.indicatorLabel, t.value, t.unit, t.measure])).toEqual([
      ['rd-expenditure', '研发经费支出', 20, '%', 'annual-growth'],
      ['rd-expenditure', '研发经费支出', 3e9, '元', 'level'],
    ]);
  });

  test('fiscal S&T spending growth and training quotas', () => {
    expect(extract('市财政科技投入每年增长15%以上。').map(brief)).toEqual([
      { indicator: 'fiscal-st-spending', value: 15, unit: '%', comparator: 'gte', measure: 'annual-growth', targetYear: null },
    ]);
    expect(extract('培训农民1万人次。').map((t) => [t.value, t.unit])).toEqual([[1e4, '人次']]);
  });

  test('a list after one verb: every item is a target, each named by its own noun', () => {
    const ts = extract('到2020年，拥有院士工作站3家、博士后工作站8家、国家级孵化器2家。');
    expect(ts.map((t) => [t.indicatorLabel, t.indicator, t.value])).toEqual([
      ['院士工作站', 'expert-workstations', 3],
      ['博士后工作站', 'expert-workstations', 8],
      ['国家级孵化器', 'incubators', 2],
    ]);
  });

  test('a list of shares after one comparator takes the first item’s indicator', () => {
    const ts = extract('一般企业技术开发费占销售收入的比例不低于1.5%，高新技术企业不低于5%。');
    expect(ts.map((t) => [t.indicator, t.value, t.comparator])).toEqual([
      ['enterprise-rd-intensity', 1.5, 'gte'],
      ['enterprise-rd-intensity', 5, 'gte'],
    ]);
  });

  test('a goals paragraph: bare numbers are targets', () => {
    const ts = extract('主要目标：高新技术企业10家；专利申请量2000件。');
    expect(ts.map((t) => [t.indicator, t.value])).toEqual([
      ['high-tech-enterprises', 10],
      ['patent-applications', 2000],
    ]);
  });

  test('a paragraph under a goals heading: bare numbers are targets', () => {
    const sections: Section[] = [{ id: 's-goal', title: '二、发展目标', depth: 1, line: 1, children: [] }];
    const ts = extractTargets(doc([], { sections, paragraphs: [paragraph('省级工程技术研究中心15家。', { sectionPath: ['s-goal'] })] }), indicators);
    expect(ts.map((t) => [t.indicator, t.value])).toEqual([['labs-and-centres', 15]]);
  });

  test('an annual work plan: an unmarked target is for its year; 每年 is recurring (no year)', () => {
    const ts = extract('全年新认定高新技术企业10家。每年引进高层次人才50名。', { title: '2015年全县科技工作要点', year: 2015 });
    expect(ts.map((t) => [t.value, t.targetYear, t.measure])).toEqual([
      [10, 2015, 'growth'],
      [50, null, 'level'],
    ]);
  });

  test('a plan with a period: an unmarked target is for the period’s end', () => {
    const [t] = extract('高新技术企业达到500家。', { period: { start: 2016, end: 2020 } });
    expect(t?.targetYear).toBe(2020);
  });

  test('N年内 counts from the year of issue', () => {
    const [t] = extract('力争三年内新建重点实验室5家。', { year: 2018 });
    expect(t).toMatchObject({ value: 5, targetYear: 2021 });
  });

  test('the threshold of counted things is not a target; the count is', () => {
    const ts = extract('培育年销售收入超10亿元企业5家、超50亿元企业2家。');
    expect(ts.map((t) => [t.value, t.unit])).toEqual([
      [5, '家'],
      [2, '家'],
    ]);
  });
});

describe('numbers that are not targets', () => {
  test.each([
    ['a past figure with 已', '2010年，全市高新技术企业已达到120家。'],
    ['去年', '去年全市专利申请量达到3000件。'],
    ['a year before the year of issue', '2012年，全省高新技术产业产值增长15%。'],
    ['a year-on-year report', '全市高新技术产业产值同比增长15%。'],
    ['money allocated', '市财政每年安排科技专项资金500万元。'],
    ['money set up as a fund', '设立3亿元科技成果转化引导基金。'],
    ['entities selected for a measure', '选择20家企业开展知识产权试点。'],
    ['entities supported', '择优支持100名青年科技人才。'],
    ['participants organised', '每年组织50家以上企业参加产学研对接活动。'],
    ['a count of a list just enumerated', '围绕电子信息、生物医药等5个重点领域开展攻关。'],
    ['structure in Chinese numerals', '实施十大工程，打造七个创新平台。'],
    ['a rule parameter of an incentive', '用于奖励科研负责人的比例不低于转化收益的50%。'],
    ['a document number and quoted name', '根据《关于实施“千人计划”的通知》(科发〔2015〕12号)制定本办法。'],
    ['a date', '于2015年3月召开全市科技大会。'],
    ['events held', '每年召开2次以上联席会议。'],
    ['a duration', '通过三年努力，用5年时间完成改革。'],
    ['a standard name', '推广ISO9001质量管理体系认证。'],
    ['a numbered task title', '2.培育壮大10个产业集群。围绕电子、机械等产业推进集群发展。'],
    ['a status at a date (截至)', '截至2012年底，全市拥有科技企业孵化器15家。'],
    ['a report with 同比 later in the sentence', '技术市场合同交易额实现18.5亿元，同比增长12.3%。'],
    ['a present count', '全市现有高新技术企业85家，占全省的10%。'],
    ['a condition on who qualifies', '对研发投入超过500万元的企业，按10%给予补助。'],
    ['a subsidy amount', '对新认定的国家高新技术企业给予10万元奖励。'],
    ['a noun that looks like a verb (孵化器)', '目前共有科技企业孵化器12家。'],
  ])('%s', (_name, text) => {
    const paragraphs = [paragraph(text, { kind: /^\d+\./u.test(text) ? 'list-item' : 'paragraph' })];
    expect(extractTargets(doc([], { title: '2013年全省科技工作要点', year: 2013, paragraphs }), indicators)).toEqual([]);
  });

  test('a review: only sentences with a future marker hold targets', () => {
    const ts = extract('全年新增高新技术企业30家。明年力争新增高新技术企业40家。', { title: '2014年科技工作总结', year: 2014 });
    expect(ts.map((t) => t.value)).toEqual([40]);
  });

  test('a review section of a plan holds no targets', () => {
    const sections: Section[] = [{ id: 's-review', title: '一、2012年工作回顾', depth: 1, line: 1, children: [] }];
    const paragraphs = [paragraph('新增高新技术企业30家，专利授权量达到5000件。', { sectionPath: ['s-review'] })];
    expect(extractTargets(doc([], { sections, paragraphs }), indicators)).toEqual([]);
  });

  test('empty and number-free paragraphs give nothing', () => {
    expect(extract('')).toEqual([]);
    expect(extract('加强科技创新，推动高质量发展。')).toEqual([]);
  });
});

describe('matchIndicator', () => {
  test.each([
    ['全社会研发经费支出占GDP比重', '%', 'level', 'rd-intensity'],
    ['企业研发投入占主营业务收入的比重', '%', 'level', 'enterprise-rd-intensity'],
    ['R&D经费投入', '%', 'growth', 'rd-expenditure'],
    ['发明专利申请量和授权量', '%', 'annual-growth', 'invention-patents'],
    ['专利申请量和授权量', '件', 'level', 'patent-applications'],
    ['每万人有效发明专利拥有量', '件', 'level', 'invention-patents-per-10k'],
    ['高新技术企业主营业务收入', '%', 'annual-growth', 'high-tech-output'],
    ['高新技术企业', '家', 'level', 'high-tech-enterprises'],
    ['高新技术企业', '%', 'level', null],
    ['研发人员占比', '%', 'level', null],
  ] as const)('%s (%s, %s) → %s', (phrase, unit, measure, expected) => {
    expect(matchIndicator(phrase, unit, measure, indicators)).toBe(expected);
  });

  test('the same vocabulary array is compiled once and gives the same answers', () => {
    expect(matchIndicator('技术合同成交额', '元', 'level', indicators)).toBe(matchIndicator('技术合同成交额', '元', 'level', indicators));
  });
});

describe('output contract', () => {
  test('targets are returned in text order with the paragraph id, line and a verbatim quote', () => {
    const d = doc(['高新技术企业达到50家。', '到2020年，技术合同成交额超过10亿元，专利申请量达到800件。']);
    const ts = extractTargets(d, indicators);
    expect(ts.map((t) => [t.paragraphId, t.line, t.value])).toEqual([
      ['p-0', 1, 50],
      ['p-1', 2, 1e9],
      ['p-1', 2, 800],
    ]);
    for (const t of ts) expect(d.paragraphs.find((p) => p.id === t.paragraphId)?.text).toContain(t.quote);
  });

  test('the record is not changed', () => {
    const d = doc(['高新技术企业达到50家。']);
    const before = JSON.stringify(d);
    extractTargets(d, indicators);
    expect(JSON.stringify(d)).toBe(before);
  });
});
