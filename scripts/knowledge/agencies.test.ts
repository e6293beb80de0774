import { describe, expect, test } from 'vitest';
import { paragraphSchema, type DocumentRecord, type Section } from '../../src/lib/schema.ts';
import { agencyEntrySchema, type AgencyEntry } from '../../src/lib/vocabulary.ts';
import { extractAgencies, normalizeAgency, readClause, splitAgencyList } from './agencies.ts';

const entry = (slug: string, name: string, nameEn: string, aliases: string[] = [], flags: Partial<AgencyEntry> = {}): AgencyEntry =>
  agencyEntrySchema.parse({ slug, name, nameEn, aliases, ...flags });

const VOCABULARY: AgencyEntry[] = [
  entry('keji-ju', '科技局', 'Science and Technology Bureau', ['科学技术局']),
  entry('keji-wei', '科委', 'Science and Technology Commission', ['科学技术委员会'], { needsPrefix: true }),
  entry('keji-ting', '科技厅', 'Department of Science and Technology'),
  entry('keji-bu', '科技部', 'Ministry of Science and Technology', ['科学技术部'], { central: true }),
  entry('fagai-wei', '发改委', 'Development and Reform Commission', ['发展改革委', '发展和改革委员会']),
  entry('fagai-ju', '发改局', 'Development and Reform Bureau', ['发展和改革局']),
  entry('jingmao-ju', '经贸局', 'Economic and Trade Bureau'),
  entry('jingxin-wei', '经信委', 'Economic and Information Technology Commission', ['经济和信息化委']),
  entry('caizheng-ju', '财政局', 'Finance Bureau'),
  entry('renshi-ju', '人事局', 'Personnel Bureau'),
  entry('renshe-ju', '人社局', 'Human Resources and Social Security Bureau', ['人力资源和社会保障局', '人力资源社会保障局']),
  entry('jiaoyu-ju', '教育局', 'Education Bureau'),
  entry('taiban', '台办', 'Taiwan Affairs Office', [], { needsPrefix: true }),
  entry('haiyang-yuye-ju', '海洋与渔业局', 'Ocean and Fisheries Bureau'),
  entry('shichang-jianguan-ju', '市场监管局', 'Market Regulation Administration', ['市场监督管理局']),
  entry('jinrong-ban', '金融办', 'Financial Affairs Office', ['金融工作办']),
  entry('renmin-yinhang', '人民银行', "People's Bank of China", ['中国人民银行']),
  entry('yinjian-ju', '银监局', 'Banking Regulatory Bureau', [], { central: true }),
  entry('haiguan', '海关', 'Customs', [], { central: true, needsPrefix: true }),
  entry('zuzhi-bu', '组织部', 'Organization Department', [], { needsPrefix: true }),
  entry('kexie', '科协', 'Association for Science and Technology', [], { needsPrefix: true }),
  entry('tuanwei', '团委', 'Communist Youth League Committee', [], { needsPrefix: true }),
  entry('zhengfu', '政府', "People's Government", ['人民政府'], { needsPrefix: true }),
  entry('guowuyuan', '国务院', 'State Council', [], { central: true }),
];

describe('normalizeAgency', () => {
  test.each([
    ['a long form becomes the short name', '市科学技术局', '市科技局', 'shi-keji-ju'],
    ['no level prefix', '科技局', '科技局', 'keji-ju'],
    ['a long form of a commission', '市发展改革委', '市发改委', 'shi-fagai-wei'],
    ['parenthesised levels', '各县(区)政府', '各县区政府', 'gexianqu-zhengfu'],
    ['full-width parentheses', '各县（区）人民政府', '各县区政府', 'gexianqu-zhengfu'],
    ['相关 reads as 有关', '相关乡镇人民政府', '有关乡镇政府', 'youguanxiangzhen-zhengfu'],
    ['a Youth League committee keeps its form', '团市委', '团市委', 'shi-tuanwei'],
    ['a central-bank branch', '中国人民银行市支行', '市人民银行', 'shi-renmin-yinhang'],
    ['a central-bank branch named by its city', '人民银行成都市中心支行', '市人民银行', 'shi-renmin-yinhang'],
    ['a place name keeps only its level', '成都市科学技术局', '市科技局', 'shi-keji-ju'],
    ['a province name keeps only its level', '四川省科技厅', '省科技厅', 'sheng-keji-ting'],
    ['a central body drops its place', '成都银监局', '银监局', 'yinjian-ju'],
    ['a central body drops 国家', '国家科技部', '科技部', 'keji-bu'],
    ['a Party committee department', '市委组织部', '市委组织部', 'shiwei-zuzhi-bu'],
    ['政府 before a body is dropped', '市政府金融办', '市金融办', 'shi-jinrong-ban'],
    ['市场 is part of the name, not a level', '市场监督管理局', '市场监管局', 'shichang-jianguan-ju'],
    ['市 before 市场监管局 is a level', '市市场监督管理局', '市市场监管局', 'shi-shichang-jianguan-ju'],
    ['an anonymised place', 'xx市科委', '市科委', 'shi-keji-wei'],
    ['a body outside the vocabulary keeps its name', '市经合办', '市经合办', 'shi-jingheban'],
    ['a court outside the vocabulary', '市中级法院', '市中级法院', 'shi-zhongjifayuan'],
    ['spaces and a trailing 等', ' 市财政局等', '市财政局', 'shi-caizheng-ju'],
  ])('%s: %s → %s', (_, raw, name, slug) => {
    const result = normalizeAgency(raw, VOCABULARY);
    expect(result?.name).toBe(name);
    expect(result?.slug).toBe(slug);
  });

  test('the entry gives the English name; a body outside the vocabulary has none', () => {
    expect(normalizeAgency('市科学技术局', VOCABULARY)?.nameEn).toBe('Science and Technology Bureau');
    expect(normalizeAgency('市经合办', VOCABULARY)?.nameEn).toBeNull();
  });

  test.each([
    ['a generic department', '市直有关部门'],
    ['research institutes', '科研院所'],
    ['a university', '四川大学'],
    ['a firm', '企业'],
    ['farms and townships', '有关乡镇场'],
    ['a bare Party committee', '市委'],
    ['a phrase, not a name', '加快推进科技创新服务体系建设的有关工作领导小组办公室和科技局'],
    ['empty', ''],
  ])('not an agency: %s (%s)', (_, raw) => {
    expect(normalizeAgency(raw, VOCABULARY)).toBeNull();
  });

  test('a common word needs a level: 政府 alone is bare, 市政府 is not', () => {
    expect(normalizeAgency('政府', VOCABULARY)?.bare).toBe(true);
    expect(normalizeAgency('市人民政府', VOCABULARY)).toMatchObject({ name: '市政府', bare: false });
    expect(normalizeAgency('成都海关', VOCABULARY)).toMatchObject({ name: '海关', bare: false });
  });
});

describe('splitAgencyList', () => {
  test.each([
    ['a list with 及 and farms', '市发改局、经贸局、人事局及有关乡、镇、场', ['市发改局', '经贸局', '人事局', '有关乡镇场']],
    ['等部门以及 and 乡、镇', '卫生局、农业局、海洋与渔业局等部门以及各乡、镇人民政府', ['卫生局', '农业局', '海洋与渔业局', '各乡镇人民政府']],
    ['和 inside names stays', '市经济和信息化委、市人力资源和社会保障局', ['市经济和信息化委', '市人力资源和社会保障局']],
    ['full-width and ASCII commas, parentheses kept', '市科技局，市财政局,各县(区)政府', ['市科技局', '市财政局', '各县(区)政府']],
    ['和 between two agencies', '外经贸局和相关乡、镇人民政府', ['外经贸局', '相关乡镇人民政府']],
    ['a trailing 等', '市科技局、市财政局等', ['市科技局', '市财政局']],
  ])('%s', (_, text, items) => {
    expect(splitAgencyList(text)).toEqual(items);
  });
});

describe('readClause', () => {
  const read = (text: string) => {
    const r = readClause(text, VOCABULARY);
    return r && { lead: r.lead.map((n) => n.name), cooperating: r.cooperating.map((n) => n.name), byRemit: r.byRemit };
  };
  test.each([
    ['lead and cooperating, the level lent to bare names', '市科技局牵头负责,市发改局、经贸局配合', ['市科技局'], ['市发改局', '市经贸局'], false],
    ['by remit, with 等', '市发改局、科技局等按职能分工负责', ['市发改局', '市科技局'], [], true],
    ['by remit with no named agency', '各有关部门按职能分工负责', [], [], true],
    ['a first group without a role word leads', '市发改局,市台办、财政局配合', ['市发改局'], ['市台办', '市财政局'], false],
    ['labels: 责任单位 cooperates after a lead', '牵头单位:市科技局;责任单位:市财政局、市教育局等。', ['市科技局'], ['市财政局', '市教育局'], false],
    ['full-width colon, 责任单位 alone leads', '责任单位：市科技局、市财政局', ['市科技局', '市财政局'], [], false],
    ['会同: the first leads', '市科技局会同市财政局负责', ['市科技局'], ['市财政局'], false],
    ['an unlabelled group continues the label before it', '牵头单位:市科技局;责任单位:市财政局,各县(区)政府等', ['市科技局'], ['市财政局', '各县区政府'], false],
    ['the first level is lent across groups', '市科技局、发改局牵头负责,经贸局及市直有关部门配合', ['市科技局', '市发改局'], ['市经贸局'], false],
  ])('%s', (_, text, lead, cooperating, byRemit) => {
    expect(read(text)).toEqual({ lead, cooperating, byRemit });
  });

  test.each([
    ['a date range', '2004年3-6月'],
    ['no agency, no remit', '由企业牵头'],
    ['no role word', '市科技局、市财政局'],
  ])('not a responsibility clause: %s', (_, text) => {
    expect(readClause(text, VOCABULARY)).toBeNull();
  });
});

describe('extractAgencies', () => {
  let line = 0;
  const para = (text: string, fields: Record<string, unknown> = {}) => {
    line += 1;
    return paragraphSchema.parse({ id: `p-${line.toString(36)}x`, text, line, sectionPath: ['s-1'], ...fields });
  };
  const row = (...cells: string[]) => para(cells.join(' | '), { kind: 'table-row', cells });
  const SECTIONS: Section[] = [{ id: 's-1', title: '(一)加快科技成果转化', depth: 2, line: 1, children: [] }];
  const doc = (paragraphs: ReturnType<typeof para>[]): Pick<DocumentRecord, 'title' | 'issuer' | 'region' | 'sections' | 'paragraphs'> => ({
    title: '某某实施方案',
    issuer: null,
    region: { province: null, city: null, county: null, township: null, level: 'unknown', code: null },
    sections: SECTIONS,
    paragraphs,
  });

  test('a trailing clause: the task is the paragraph without it, the quote is the clause', () => {
    const p = para('1.培育一批高新技术企业。新认定高新技术企业20家以上。(市科技局牵头负责,市经贸局、财政局等配合)');
    const { responsibilities } = extractAgencies(doc([p]), VOCABULARY);
    expect(responsibilities).toEqual([
      {
        task: '1.培育一批高新技术企业。新认定高新技术企业20家以上。',
        paragraphId: p.id,
        line: p.line,
        lead: ['市科技局'],
        cooperating: ['市经贸局', '市财政局'],
        byRemit: false,
        quote: '(市科技局牵头负责,市经贸局、财政局等配合)',
      },
    ]);
  });

  test('two clauses in one paragraph assign the text before each', () => {
    const p = para('建设孵化器(市科技局负责);设立引导基金（市财政局牵头,市金融工作办配合）。');
    const { responsibilities } = extractAgencies(doc([p]), VOCABULARY);
    expect(responsibilities.map((r) => [r.task, r.lead, r.cooperating])).toEqual([
      ['建设孵化器', ['市科技局'], []],
      ['设立引导基金', ['市财政局'], ['市金融办']],
    ]);
  });

  test('list markers and asides in parentheses are not clauses', () => {
    const p = para('(二)鼓励名牌企业加大新产品(工艺、服务)的研发投入(2004年3-6月)。');
    expect(extractAgencies(doc([p]), VOCABULARY).responsibilities).toEqual([]);
  });

  test('a `牵头单位` line assigns the task item before it; a second line joins the first', () => {
    const task = para('4.强化知识产权保护运用。', { kind: 'list-item' });
    const leadLine = para('牵头单位：市科技局');
    const otherLine = para('责任单位：市财政局、市人力资源社会保障局等。');
    const next = para('5.其他工作。', { kind: 'list-item' });
    const { responsibilities, agencies } = extractAgencies(doc([task, leadLine, otherLine, next]), VOCABULARY);
    expect(responsibilities).toHaveLength(1);
    expect(responsibilities[0]).toMatchObject({ paragraphId: task.id, task: '4.强化知识产权保护运用。', lead: ['市科技局'], cooperating: ['市财政局', '市人社局'] });
    // Mentions point at the lines that name the agencies.
    expect(agencies.find((a) => a.name === '市人社局')?.paragraphIds).toEqual([otherLine.id]);
  });

  test('a `牵头单位` line opening a section assigns the section heading', () => {
    const leadLine = para('牵头单位:市教育局;责任单位:团市委、市妇联。');
    const { responsibilities } = extractAgencies(doc([leadLine]), VOCABULARY);
    expect(responsibilities[0]).toMatchObject({ paragraphId: leadLine.id, task: '(一)加快科技成果转化', lead: ['市教育局'], cooperating: ['团市委'] });
  });

  test('a labelled clause after the task in the same paragraph', () => {
    const p = para('6.建设科技服务平台。牵头部门:市科技局;责任部门:市经济和信息化委。');
    expect(extractAgencies(doc([p]), VOCABULARY).responsibilities[0]).toMatchObject({ task: '6.建设科技服务平台。', lead: ['市科技局'], cooperating: ['市经信委'] });
  });

  test('table rows: without a header the first agency cell leads, the second cooperates; heading rows are skipped', () => {
    const rows = [
      row('(一)实施企业培育工程'),
      row('1.支持30户大型企业加大研发投入。', '市经济和信息化委', '市科技局、市财政局'),
      row('2', '引进创新团队。', '市人社局(牵头)、市教育局'),
      row('3.建设公共技术平台。'),
    ];
    const { responsibilities } = extractAgencies(doc(rows), VOCABULARY);
    expect(responsibilities.map((r) => [r.paragraphId, r.task, r.lead, r.cooperating, r.quote])).toEqual([
      [rows[1]?.id, '1.支持30户大型企业加大研发投入。', ['市经信委'], ['市科技局', '市财政局'], '市经济和信息化委 | 市科技局、市财政局'],
      [rows[2]?.id, '引进创新团队。', ['市人社局', '市教育局'], [], '市人社局(牵头)、市教育局'],
    ]);
  });

  test('table rows follow a header row naming the columns', () => {
    const rows = [row('序号', '工作任务', '配合单位', '牵头单位'), row('1', '建设众创空间。', '市财政局', '市科技局')];
    const { responsibilities } = extractAgencies(doc(rows), VOCABULARY);
    expect(responsibilities.map((r) => [r.task, r.lead, r.cooperating])).toEqual([['建设众创空间。', ['市科技局'], ['市财政局']]]);
  });

  test('`由…牵头` inside a sentence assigns that sentence', () => {
    const p = para('2004年下半年,由市科技局会同市发展改革委牵头编制科技发展规划,并提请审议。其他工作另行安排。');
    expect(extractAgencies(doc([p]), VOCABULARY).responsibilities[0]).toMatchObject({
      task: '2004年下半年,由市科技局会同市发展改革委牵头编制科技发展规划,并提请审议。',
      lead: ['市科技局'],
      cooperating: ['市发改委'],
      quote: '由市科技局会同市发展改革委牵头',
    });
    expect(extractAgencies(doc([para('对市场导向明确的项目,由企业牵头,政府引导。')]), VOCABULARY).responsibilities).toEqual([]);
  });

  test.each([
    ['an agency as subject', '市人事局要采取有力措施,帮助企业引进人才。', ['市人事局']],
    ['national and provincial bodies', '邀请国家科技部、四川省科技厅的专家进行指导。', ['科技部', '省科技厅']],
    ['governments need a level', '围绕县委、县政府的目标,坚持政府引导、企业主体。', ['县政府']],
    ['部门 is not 部', '积极争取上级科技部门和机构编制部门支持。', []],
    ['学科协同 is not 科协', '推进学科协同创新。', []],
    ['issuers of cited titles are left out', '落实《省人民政府关于加快科技创新的意见》。', []],
    ['a central body by its place', '对接成都海关,推动海关通关便利化。', ['海关']],
    ['an anonymised place', '主动对接xx市科委,争取项目支持。', ['市科委']],
  ])('mentions in running text: %s', (_, text, names) => {
    expect(extractAgencies(doc([para(text)]), VOCABULARY).agencies.map((a) => a.name)).toEqual(names);
  });

  test('mentions: canonical name, spellings, counts and paragraphs, most involved first', () => {
    const a = para('1.任务甲。(市科学技术局牵头负责,市财政局配合)');
    const b = para('2.任务乙。(市财政局牵头负责,市科技局、市教育局配合)');
    const c = para('3.任务丙。(市财政局牵头负责)');
    const d = para('市科技局要做好服务。');
    const { agencies } = extractAgencies(doc([a, b, c, d]), VOCABULARY);
    expect(agencies.map((m) => [m.name, m.lead, m.cooperating, m.variants, m.paragraphIds])).toEqual([
      ['市财政局', 2, 1, ['市财政局'], [a.id, b.id, c.id]],
      ['市科技局', 1, 1, ['市科学技术局', '市科技局'], [a.id, b.id, d.id]],
      ['市教育局', 0, 1, ['市教育局'], [b.id]],
    ]);
    expect(agencies[1]).toMatchObject({ slug: 'shi-keji-ju', nameEn: 'Science and Technology Bureau' });
  });

  test('an empty document, and a document without agencies, give nothing', () => {
    expect(extractAgencies(doc([]), VOCABULARY)).toEqual({ responsibilities: [], agencies: [] });
    expect(extractAgencies(doc([para('加强科技创新。')]), [])).toEqual({ responsibilities: [], agencies: [] });
  });

  test('freeText: false keeps only the agencies of clauses', () => {
    const p = para('市人事局要引进人才。(市科技局负责)');
    expect(extractAgencies(doc([p]), VOCABULARY, { freeText: false }).agencies.map((a) => a.name)).toEqual(['市科技局']);
  });

  test.each([
    ['unbalanced parentheses', '((((加强科技创新(市科技局负责'],
    ['closing parentheses only', '加强科技创新)))市科技局负责))'],
    ['an empty table row', ''],
  ])('hostile text gives no responsibility: %s', (_, text) => {
    const p = text ? para(text) : para('', { kind: 'table-row', cells: [] });
    expect(extractAgencies(doc([p]), VOCABULARY).responsibilities).toEqual([]);
  });

  test('a text without full stops: the task of `由…牵头` is cut at 400 characters on either side', () => {
    const filler = '加强科技创新'.repeat(200);
    const p = para(`${filler}由市科技局牵头${filler}`);
    const [r] = extractAgencies(doc([p]), VOCABULARY).responsibilities;
    expect(r?.lead).toEqual(['市科技局']);
    expect(r?.task.length).toBe(400 + '由市科技局牵头'.length + 400);
  });

  test('the input record is not changed', () => {
    const record = doc([para('任务。(市科技局牵头,市财政局配合)')]);
    const before = structuredClone(record);
    extractAgencies(record, VOCABULARY);
    expect(record).toEqual(before);
  });
});
