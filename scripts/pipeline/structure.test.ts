/**
 * structure: body lines → headings, paragraphs, list items, attachment lines
 * and tables, with stable ids. Lines come from seed excerpts through the real
 * normalize stage (structure runs on a document body, so no title here).
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { normalizeText } from './normalize.ts';
import { shortHash, structureBody, type StructuredDocument } from './structure.ts';

function structure(text: string, path = 'seeds/x.txt'): { doc: StructuredDocument; file: VFile } {
  const file = new VFile({ path });
  const lines = normalizeText(text, file);
  return { doc: structureBody(lines, file), file };
}

function blocks(doc: StructuredDocument): [string, number, number | undefined][] {
  return doc.blocks.map((b) => [b.kind, b.line, b.depth]);
}

function messages(file: VFile, ruleId: string): [number | undefined, number | undefined, boolean | null | undefined][] {
  return file.messages.filter((m) => m.ruleId === ruleId).map((m) => [m.line, m.column, m.fatal]);
}

/** Seed 001 lines 81–108: the attachment list and its two tables, flattened one cell per line. */
const SEED_001_TABLES = [
  '附件:1.本溪市创新驱动(2015年—2020年)工作目标分解表',
  '&&&&& 2.本溪市创新驱动(2015年—2020年)工作任务分解表',
  '&&&&&&&本溪市创新驱动(2015年—2020年)工作目标分解表',
  '牵头落实部门',
  '到2020年,迈入全省创新驱动发展城市行列,把我市打造成国家自主创新示范区的重要区域。支撑“十三五”规划目标全面实现,将我市建成以绿色钢都、中国药都和枫叶之都著称,具有可持续发展和极具核心竞争力的数字化健康城市。',
  '全面建设极具市场竞争力的绿色钢都。继续实施“163”钢都发展战略,大力发展精品板材和钢铁制品深加工产业,让信息化助推钢铁产业发展再上新水平,实现钢铁产业年销售收入2000亿元,将绿色钢都建设成为全省乃至全国传统产业转型升级的典范。',
  '市经济和信息化委',
  '重点发展极具产业竞争力的中国药都。全力实施“173”药都发展战略,做大做强医药健康战略性新兴产业,围绕中国药都建设实现“规模化、国际化、城市化”总体要求,把中国药都打造成产值超1000亿元的医药健康产业集群和具有人才、研发、生产制造、医疗优势的健康新城。',
  '本溪高新区管委会',
  '积极打造极具品牌竞争力的枫叶之都。以改革为动力,大力实施“十百千万”旅游发展战略,围绕健全旅游产业链条现代服务业发展,培育旅游消费热点,抓好“智慧旅游”工程,优化旅游公共服务功能,提升旅游业整体竞争力,完成投资1000亿元,实现旅游收入年增长15%以上,推动本溪旅游由观光游览型向观光休闲度假型转变。',
  '市旅游发展委',
  '本溪市创新驱动(2015年—2020年)工作任务分解表',
  '(一)实施企业做强做优工程,强化企业自主创新能力',
  '&&&&1.选择支持30户有实力、有潜力的大型企业,通过委托研发和购买知识产权,加速创新资源向企业集聚,提升企业的自主创新能力。',
  '市经济和信息化委',
  '市科技产权局、市财政局',
  '&&&&2.选择50户科技型中小企业,综合运用各种有效手段,支持开展自主品牌建设,鼓励有条件的中小企业建立企业技术中心。',
  '市经济和信息化委',
  '市科技产权局、市财政局',
  '&&&&3.2020年,市级以上实验室、工程(技术)研究中心、企业技术中心等达到50家以上。鼓励和引导企业加大研发投入,研发投入占主营业务收入的比重达到1.5%以上,研发人员占比达到40%以上。',
  '市经济和信息化委',
  '市科技产权局、市发展改革委',
  '&&&&4.建设沈阳药科大学和辽宁科技学院大学科技园,形成医药和新一代信息技术为主的创新创业一条街,构建极客、车库咖啡、创客和创变空间,积极鼓励和支持我市开展大众创业、万众创新,引导中小微企业参与科技创新活动。',
  '市经济和信息化委',
  '市科技产权局、市财政局、市人社局、本溪高新区管委会',
  '&&&&5.加快建立一批开放性公共科技服务平台,为中小微企业的研发、设计、试验等提供服务。到2020年,创新型小微企业达到200家。',
  '市经济和信息化委',
  '市科技产权局',
].join('\n');

describe('structureBody: headings', () => {
  test('depth follows the order numbering styles first appear: 一、 → (一) → 1.', () => {
    const text = [
      '一、总体要求', // 1
      '1.总体思路', // 2
      '实施创新驱动发展战略、打好“三创”发展战役,就是把创新驱动作为城市发展的核心。', // 3
      '二、基本原则', // 4
      '(一)坚持制度创新原则', // 5
      '通过改革破除一切体制机制障碍,着力解决制约我市实施创新驱动发展战略的体制机制问题。', // 6
      '(二)坚持科技引领原则', // 7
      '三、发展目标', // 8
    ].join('\n');
    // 1. appears before (一) in this text, so it is the second level here.
    expect(blocks(structure(text).doc)).toEqual([
      ['heading', 1, 1],
      ['heading', 2, 2],
      ['paragraph', 3, undefined],
      ['heading', 4, 1],
      ['heading', 5, 3],
      ['paragraph', 6, undefined],
      ['heading', 7, 3],
      ['heading', 8, 1],
    ]);
  });

  test('seed 001 (本溪): 一、 → (一) → 1. with the section tree and paragraph paths', () => {
    const text = [
      '四、重点任务', // 1
      '(一)实施企业做强做优工程,强化企业自主创新能力', // 2
      '通过实施“331”工程,充分发挥企业在创新驱动中的主体作用,激发企业创新活力,提升全市产业发展水平。', // 3
      '1.提高大型企业创新资源整合能力,发挥大型企业创新龙头作用。选择支持30户有实力、有潜力的大型企业,通过委托研发和购买知识产权,加速创新资源向企业集聚。', // 4
      '(二)实施人才引进培养工程,抢占创新驱动人才制高点', // 5
      '五、保障措施', // 6
    ].join('\n');
    const { doc } = structure(text);
    expect(blocks(doc)).toEqual([
      ['heading', 1, 1],
      ['heading', 2, 2],
      ['paragraph', 3, undefined],
      ['list-item', 4, undefined],
      ['heading', 5, 2],
      ['heading', 6, 1],
    ]);
    expect(doc.sections.map((s) => [s.title, s.depth, s.line, s.children.map((c) => c.line)])).toEqual([
      ['四、重点任务', 1, 1, [2, 5]],
      ['五、保障措施', 1, 6, []],
    ]);
    const [top] = doc.sections;
    const [first] = top?.children ?? [];
    expect(doc.paragraphs.map((p) => [p.line, p.kind, p.sectionPath])).toEqual([
      [3, 'paragraph', [top?.id, first?.id]],
      [4, 'list-item', [top?.id, first?.id]],
    ]);
  });

  test.each([
    ['a long numbered line (seed 001 line 41)', '1.提高大型企业创新资源整合能力,发挥大型企业创新龙头作用。选择支持30户有实力、有潜力的大型企业,通过委托研发和购买知识产权,加速创新资源向企业集聚,提升企业自主创新能力。', 'list-item'],
    ['a short numbered sentence (seed 002 line 33)', '1、明确责任和工作目标。', 'list-item'],
    ['a numbered line ending in ; ', '(一)加强组织领导;', 'list-item'],
    ['一是… (seed 003 line 5)', '一是实施现代产业体系发展行动。培育战略性新兴产业,每年设立3亿元专项资金。', 'list-item'],
    ['第一条 short', '第一条 总则', 'list-item'],
    ['第一条 with text', '第一条 为规范科技计划项目管理,根据有关法律法规,制定本办法。', 'list-item'],
    ['a marker alone', '一、', 'list-item'],
    ['第一章', '第一章 总则', 'heading'],
    ['full-width period 1．', '1．总体思路', 'heading'],
    ['circled number', '①加强科技创新平台建设', 'heading'],
    ['no marker', '总体思路与主要目标', 'paragraph'],
  ])('%s → %s', (_name, line, kind) => {
    const { doc } = structure(line);
    expect(doc.blocks.map((b) => b.kind)).toEqual([kind]);
  });

  test('a heading longer than maxHeadingLength is a list item; the limit is an option', () => {
    const line = '(一)实施企业做强做优工程,强化企业自主创新能力';
    expect(structure(line).doc.blocks[0]?.kind).toBe('heading');
    const file = new VFile();
    expect(structureBody(normalizeText(line, file), file, { maxHeadingLength: 10 }).blocks[0]?.kind).toBe('list-item');
  });

  test('full-width brackets (一) are a heading like (一)', () => {
    // BUG (patterns.ts HEADING_MARKERS cn-paren): `[((]` and `[))]` hold the ASCII bracket twice,
    // so the usual full-width `（一）` is not numbering at all and becomes a paragraph.
    const { doc } = structure(['一、总体要求', '（一）坚持制度创新原则'].join('\n'));
    expect(blocks(doc)).toEqual([
      ['heading', 1, 1],
      ['heading', 2, 2],
    ]);
  });
});

describe('structureBody: hard-wrapped and cut paragraphs', () => {
  test('seed 002 lines 78–79: a line cut at a fixed width is joined with the next, with joined-line info', () => {
    const first = '3、突出战略高新技术领域突破,抢占未来竞争制高点。借鉴国际经验,建立省级层面的产业技术研究院,进一步统筹配置全省产业创新资源,建立健全产业研发创新体系,使之成为产业发';
    const second = '展的战略智库、孵化高科技中小企业的摇篮和重大产业技术的策源地,努力赢取未来发展主动权。';
    const { doc, file } = structure(`${first}\n${second}\n4、突出产业高端跨越,着力提升产业核心竞争力。`);
    expect(doc.blocks.map((b) => [b.kind, b.line, b.text])).toEqual([
      ['list-item', 1, first + second],
      ['list-item', 3, '4、突出产业高端跨越,着力提升产业核心竞争力。'],
    ]);
    expect(doc.blocks[0]?.truncated).toBe(false);
    expect(messages(file, 'joined-line')).toEqual([[2, 1, undefined]]);
    expect(messages(file, 'truncated-paragraph')).toEqual([]);
  });

  test.each([
    ['a heading', '二、主要目标'],
    ['an attachment line', '附件:1.本溪市创新驱动工作目标分解表'],
    ['an agency line', '市经济和信息化委'],
    ['a line starting with punctuation', '“十三五”期间实现发明专利申请量和授权量平均增长20%以上。'],
  ])('a cut line is not joined with %s', (_name, next) => {
    const cut = '围绕发展创新型经济,促进转型升级这一目标,深化江苏省科技特派员、教育部“蓝火计划”两项试点,推进';
    const { doc, file } = structure(`${cut}\n${next}`);
    expect(doc.blocks).toHaveLength(2);
    expect(messages(file, 'joined-line')).toEqual([]);
  });

  test('seed 001 lines 157–159 style: a long agency cell is not joined with a paragraph after it', () => {
    const agencies = '市发展改革委、市经济和信息化委、市科技产权局、市食品药品监管局、市卫生局、市政府金融办';
    const next = '为进一步做好相关工作,现将有关事项补充说明如下,请各有关单位认真贯彻执行。';
    const { doc, file } = structure(`${agencies}\n${next}`);
    expect(doc.blocks.map((b) => b.text)).toEqual([agencies, next]);
    expect(messages(file, 'joined-line')).toEqual([]);
  });

  test('a short heading is never joined with the paragraph under it', () => {
    const { doc } = structure('(一)围绕发展创新型经济,促进经济结构转型升级\n以创新引领经济转型升级,不断提升区域创新能力。');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });

  test('seed 000 line 13 style: a paragraph ending in U+FFFD is truncated, with a warning near its end', () => {
    const line = '以邓小平理论和“三个代表”重要思想为指导,深入贯彻落实科学发展观,以致力推动产业振兴、经济发展方式\ufffd';
    const { doc, file } = structure(`\u3000\u3000${line}\n二、提升自主创新能力工作的主要任务`);
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', line: 1, truncated: true });
    expect(doc.paragraphs[0]?.truncated).toBe(true);
    expect(doc.truncatedParagraphs).toBe(1);
    // Column of the last ten characters of the line, which starts at column 3.
    expect(messages(file, 'truncated-paragraph')).toEqual([[1, 3 + line.length - 10, false]]);
    expect(file.messages.find((m) => m.ruleId === 'truncated-paragraph')?.reason).toContain('U+FFFD');
  });

  test('seed 003 line 15 style: a paragraph cut mid-sentence (no final punctuation) is truncated', () => {
    const line = '一是实施现代产业体系发展行动。培育战略性新兴产业,每年设立3亿元专项资金,大力实施品牌战略,增强产品开发能力,提高产品附加值,推动';
    const { doc, file } = structure(line);
    expect(doc.blocks[0]).toMatchObject({ kind: 'list-item', truncated: true });
    expect(messages(file, 'truncated-paragraph')).toEqual([[1, 1 + line.length - 10, false]]);
    expect(file.messages.find((m) => m.ruleId === 'truncated-paragraph')?.reason).toContain('no sentence-final punctuation');
  });

  test.each([
    ['。', '以创新引领经济转型升级,不断提升区域创新能力,推动经济增长由投资驱动为主逐步转向创新驱动为主。'],
    ['a colon', '根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:'],
    ['a closing bracket', '培育壮大10个支撑产业发展的产业集群。(市科技局、发改局牵头负责,经贸局及市直有关部门配合)'],
    ['a closing quote', '会议强调:“要把增强企业创新能力作为实施省科技创新工程的首要任务,引导创新要素向企业集聚。”'],
    ['a short line without punctuation', '工作要点'],
  ])('not truncated: ends with %s', (_name, line) => {
    const { doc, file } = structure(line);
    expect(doc.blocks[0]?.truncated).toBe(false);
    expect(messages(file, 'truncated-paragraph')).toEqual([]);
  });

  test.each([
    ['full-width ！', '坚持以企业为主体，以市场为导向，加快构建产学研深度融合的技术创新体系！'],
    ['full-width ？', '如何进一步发挥企业在技术创新决策、研发投入、科研组织和成果转化中的主体作用？'],
    ['full-width ）', '培育壮大10个支撑产业发展的产业集群。（市科技局、发改局牵头负责，经贸局配合）'],
  ])('not truncated: ends with %s', (_name, line) => {
    // BUG (patterns.ts TERMINAL_PUNCT): `[。!?;!?;…:::)\])”」』"'》]` has the ASCII forms twice
    // and lacks ！？；：）, so complete sentences in full-width punctuation are reported as cut.
    const { doc } = structure(line);
    expect(doc.blocks[0]?.truncated).toBe(false);
  });
});

describe('structureBody: attachments and flattened tables (seed 001 lines 81–108)', () => {
  test('attachment lines, then one table per 分解表 with rows [task, lead, cooperating]', () => {
    const { doc } = structure(SEED_001_TABLES);
    expect(doc.blocks.map((b) => [b.kind, b.line, b.text])).toEqual([
      ['attachment', 1, '附件:1.本溪市创新驱动(2015年—2020年)工作目标分解表'],
      ['attachment', 2, '2.本溪市创新驱动(2015年—2020年)工作任务分解表'],
      ['table', 3, '本溪市创新驱动(2015年—2020年)工作目标分解表'],
      ['table', 12, '本溪市创新驱动(2015年—2020年)工作任务分解表'],
    ]);
    const [, , goals, tasks] = doc.blocks;
    expect(goals?.header).toEqual(['内容', '牵头落实部门']);
    expect(goals?.rows?.map((r) => [r.line, r.cells.length, r.cells[1] ?? null])).toEqual([
      [5, 1, null],
      [6, 2, '市经济和信息化委'],
      [8, 2, '本溪高新区管委会'],
      [10, 2, '市旅游发展委'],
    ]);
    expect(tasks?.header).toEqual(['内容', '牵头单位', '配合单位']);
    expect(tasks?.rows?.map((r) => [r.line, ...r.cells.map((c) => c.slice(0, 12))])).toEqual([
      [13, '(一)实施企业做强做优工'],
      [14, '1.选择支持30户有实力', '市经济和信息化委', '市科技产权局、市财政局'],
      [17, '2.选择50户科技型中小', '市经济和信息化委', '市科技产权局、市财政局'],
      [20, '3.2020年,市级以上', '市经济和信息化委', '市科技产权局、市发展改革'],
      [23, '4.建设沈阳药科大学和辽', '市经济和信息化委', '市科技产权局、市财政局、'],
      [26, '5.加快建立一批开放性公', '市经济和信息化委', '市科技产权局'],
    ]);
    // The debris `&&&&` in front of the task lines is gone from the cells.
    expect(tasks?.rows?.[1]?.cells[0]).toBe('1.选择支持30户有实力、有潜力的大型企业,通过委托研发和购买知识产权,加速创新资源向企业集聚,提升企业的自主创新能力。');
  });

  test('table rows become table-row paragraphs with their cells and unique ids', () => {
    const { doc } = structure(SEED_001_TABLES);
    const rows = doc.paragraphs.filter((p) => p.kind === 'table-row');
    expect(rows).toHaveLength(10);
    expect(rows[2]).toMatchObject({ line: 8, cells: ['重点发展极具产业竞争力的中国药都。全力实施“173”药都发展战略,做大做强医药健康战略性新兴产业,围绕中国药都建设实现“规模化、国际化、城市化”总体要求,把中国药都打造成产值超1000亿元的医药健康产业集群和具有人才、研发、生产制造、医疗优势的健康新城。', '本溪高新区管委会'], truncated: false });
    expect(rows[2]?.text).toBe(rows[2]?.cells?.join(' | '));
    expect(doc.paragraphs.filter((p) => p.kind === 'attachment').map((p) => p.line)).toEqual([1, 2]);
    const ids = doc.paragraphs.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^p-[0-9a-z]+(?:-\d+)?$/u);
    for (const block of doc.blocks.filter((b) => b.kind === 'table')) expect(block.id).toMatch(/^t-[0-9a-z]+$/u);
  });
});

describe('structureBody: stable, unique ids', () => {
  const A = '通过改革破除一切体制机制障碍,着力解决制约我市实施创新驱动发展战略的体制机制问题。';
  const B = '以国际化视野,引进高端人才、一流企业、一流项目,通过产学研联盟,同步发展钢铁、生物医药和健康旅游产业。';
  const C = '充分发挥市场配置资源的决定性作用,释放企业发展活力,加速推进两化融合发展,把原有企业做大做强。';

  test('a paragraph keeps its p- id when another paragraph is inserted before it', () => {
    const before = structure([A, B].join('\n')).doc.paragraphs;
    const after = structure([C, A, '二、基本原则', B].join('\n')).doc.paragraphs;
    expect(after.find((p) => p.text === A)?.id).toBe(before.find((p) => p.text === A)?.id);
    expect(after.find((p) => p.text === B)?.id).toBe(before.find((p) => p.text === B)?.id);
    expect(before.find((p) => p.text === A)?.id).not.toBe(before.find((p) => p.text === B)?.id);
  });

  test('the id does not depend on the line number or the indent', () => {
    const one = structure(A).doc.paragraphs[0]?.id;
    const two = structure(`\n\n\u3000\u3000${A}`).doc.paragraphs[0]?.id;
    expect(two).toBe(one);
  });

  test('the same text twice gets p-x and p-x-2', () => {
    const ids = structure([A, A].join('\n')).doc.paragraphs.map((p) => p.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
  });

  test('section ids are unique even for repeated headings, and stable across insertions', () => {
    const text = ['一、总体要求', '(一)指导思想', A, '二、主要任务', '(一)指导思想', B, '(一)指导思想', C].join('\n');
    const { doc } = structure(text);
    const ids = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^s-[0-9a-z]+$/u);
    const inserted = structure([C, text].join('\n')).doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.id);
    expect(inserted).toEqual(ids);
  });

  test('shortHash is ASCII base-36 of the requested length and depends on the text', () => {
    expect(shortHash('科技工作要点', 7)).toMatch(/^[0-9a-z]{7}$/u);
    expect(shortHash('科技工作要点', 7)).toBe(shortHash('科技工作要点', 7));
    expect(shortHash('科技工作要点', 7)).not.toBe(shortHash('科技工作要點', 7));
  });

  test('empty body → nothing', () => {
    const { doc, file } = structure('');
    expect(doc).toEqual({ blocks: [], sections: [], paragraphs: [], truncatedParagraphs: 0 });
    expect(file.messages).toEqual([]);
  });
});
