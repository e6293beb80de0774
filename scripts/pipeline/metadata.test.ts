/**
 * metadata: title, type, year, period, issuer, number, place and scrubbing,
 * each with evidence pointing at the exact phrase in the seed. Segments are
 * built from seed excerpts (and a few documents written like real ones)
 * with the real stages: normalize → split → strip → dedupe → structure.
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import type { Evidence } from '../../src/lib/schema.ts';
import { dedupeParagraphs } from './dedupe.ts';
import { extractMetadata, type ExtractedMeta } from './metadata.ts';
import { normalizeText } from './normalize.ts';
import { splitDocuments } from './split.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';
import { structureBody } from './structure.ts';

function extractAll(text: string): { metas: ExtractedMeta[]; file: VFile } {
  const file = new VFile({ path: 'seeds/政策文件.txt' });
  const segments = splitDocuments(normalizeText(text, file), file);
  const metas = segments.map((segment) => {
    const clean = dedupeParagraphs(stripBoilerplate(segment, file), file);
    return extractMetadata(clean, structureBody(clean.body, file), file);
  });
  return { metas, file };
}

function extract(text: string): { meta: ExtractedMeta; file: VFile } {
  const { metas, file } = extractAll(text);
  expect(metas).toHaveLength(1);
  const meta = metas[0];
  if (!meta) throw new Error('no document');
  return { meta, file };
}

/** The text at an evidence item's line and column in the source, as long as its phrase. */
function sourceAt(text: string, evidence: Evidence): string {
  const line = text.split(/\r\n|\r|\n/u)[evidence.line - 1] ?? '';
  return line.slice(evidence.column - 1, evidence.column - 1 + evidence.phrase.length);
}

function evidence(meta: ExtractedMeta, field: string): [string, string, number, number][] {
  return meta.evidence.filter((e) => e.field === field).map((e) => [e.rule, e.phrase, e.line, e.column]);
}

/** A notice signed and dated at the end (the usual layout of a 通知). */
const SIGNED = [
  '湘西自治州科学技术局关于加强科技创新平台建设的通知', // 1
  '各县市人民政府,州直各有关单位:为贯彻落实全省科技工作会议精神,现将有关事项通知如下。', // 2
  '一、加强组织领导。各单位要高度重视,切实加强对科技创新平台建设工作的领导,力争到2020年建成省级平台10个。', // 3
  '湘西自治州科学技术局', // 4
  '二〇一六年七月八日', // 5
].join('\n');

/** A document with its own number under the title. */
const NUMBERED = [
  '湖南省人民政府关于深入实施创新驱动发展战略的意见', // 1
  '湘政发〔2016〕12号', // 2
  '各市州人民政府,省政府各厅委、各直属机构:为深入实施创新驱动发展战略,加快建设创新型湖南,现提出如下意见。', // 3
  '一、总体要求。到2020年,全省研究与试验发展经费支出占地区生产总值的比重达到2.5%。', // 4
].join('\n');

/** Seed 004 lines 1–13 (the number in line 9 belongs to the document it implements). */
const SEED_004 = [
  '科技先进城市创建工作实施方案',
  '',
  '时间:2022-11-15 02:12:00',
  '',
  '导语:科技先进城市创建工作实施方案一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。',
  '',
  '科技先进城市创建工作实施方案',
  '',
  '为落实《中共市委市人民政府关于创建全国科技进步先进城市的决定》(潭市发〔2004〕6号),尽快将我市创建成全国科技进步先进城市,特制定本实施方案。',
  '',
  '一、创建目标',
  '',
  '力争通过4年努力,全面提高我市科技进步水平和经济增长质量,2005年通过国家科技部考核,2007年跨入全国科技进步先进城市行列。',
  '',
  '(一)成立机构。成立由市人民政府市长*任组长,市委副书记*、市人民政府副市长*任副组长的市创建全国科技进步先进城市工作领导小组。',
].join('\n');

/** Seed 001 lines 14–20 (本溪). */
const SEED_001_BENXI = [
  '本溪市创新驱动实施方案&#年&#年)',
  '发布时间:日&&&&&&来源:本溪市政务公开办&&&&&&点击:3401',
  '本溪市创新驱动实施方案',
  '  (2015年—2020年)',
  '为贯彻落实《中共中央 国务院关于深化体制机制改革加快实施创新驱动发展战略的若干意见》,抓住全球新一轮科技革命和产业变革新机遇,特制定本实施方案。',
  '一、总体思路',
  '以党的十八届三中、四中全会精神和习近平总书记系列重要讲话精神为指导,全面实施我市“1355”创新驱动发展战略,助推我市经济社会快速发展。',
].join('\n');

/** Seed 001 lines 3–6 (青岛), shortened. */
const SEED_001_QINGDAO = [
  '中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见',
  '制发机关:',
  '发布日期:',
  '为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略,提出如下意见。',
].join('\n');

/** Seed 002 lines 17–21 (a compilation heading that disagrees with the title under it). */
const SEED_002_PART_2 = [
  '第二篇:2008年科技工作要点',
  '2009年多拉特乡科技工作要点',
  '2009年我乡科技工作以党的十七大精神为指导,围绕县委、县政府制定的社会经济发展目标和市科技工作管理目标,大力实施科技计划。',
  '一、一个主题:全力推进科技创新,加快建设创新型。',
].join('\n');

/** Seed 002 lines 85–93 (anonymised with xx). */
const SEED_002_PART_5 = [
  '第五篇:科学技术局2021年全市科技工作要点范文',
  '科学技术局2021年全市科技工作要点范文',
  '2021年是“十四五”规划开局之年,是进入新发展阶段、开启全面建设社会主义现代化国家新征程的第一年。',
  '一、开展产业关键共性技术攻关,加快科技自立自强',
  '4.强化科技创新政策供给。贯彻落实《xx市全方位推动高质量发展超越科技创新行动计划》,研究出台科技创新行动计划配套政策措施。',
].join('\n');

/** Seed 003 lines 1–5. */
const SEED_003 = [
  '新闻动态',
  '您当前位置:首页 - 新闻动态',
  '嵊州市实施十大行动争创省创新型试点城市',
  '我市按照省委、省政府的决策部署,实施十大创新行动,积极开展省创新试点城市创建活动,力争建成创新型城市。',
  '一是实施现代产业体系发展行动。培育战略性新兴产业,每年设立3亿元专项资金,重点发展先进装备制造等战略性新兴产业。',
].join('\n');

/** Seed 000 lines 1–13. */
const SEED_000 = [
  '美章网 资料文库 提升创新力工作方案范文',
  '',
  '提升创新力工作方案范文',
  '',
  '本站小编为你精心准备了提升创新力工作方案参考范文,愿这些范文能点燃您思维的火花,激发您的写作灵感。欢迎深入阅读并收藏。',
  '',
  '提升创新力工作方案',
  '',
  '一、提升自主创新能力工作的指导思想和发展目标',
  '',
  '(一)指导思想',
  '',
  '以邓小平理论和“三个代表”重要思想为指导,深入贯彻落实科学发展观,到2013年,全市自主创新能力大幅度提升。',
  '',
  '1.积极打造台科技产业合作基地。扩大台农业科技交流合作,努力提升海峡两岸()农业合作实验区的科技水平。',
].join('\n');

describe('extractMetadata: year', () => {
  test('from a signature date in Chinese numerals 二〇一六年七月八日', () => {
    const { meta } = extract(SIGNED);
    expect(meta.year).toBe(2016);
    expect(evidence(meta, 'year')).toEqual([['issue-date', '二〇一六年七月八日', 5, 1]]);
  });

  test('from the document number under the title: 湘政发〔2016〕12号', () => {
    const { meta } = extract(NUMBERED);
    expect(meta.docNumber).toBe('湘政发〔2016〕12号');
    expect(meta.year).toBe(2016);
    expect(evidence(meta, 'docNumber')).toEqual([['doc-number', '湘政发〔2016〕12号', 2, 1]]);
    expect(evidence(meta, 'year')).toEqual([['doc-number', '湘政发〔2016〕12号', 2, 1]]);
  });

  test('seed 004: a number cited in the body is evidence, not the document number; page date ignored', () => {
    const { meta } = extract(SEED_004);
    expect(meta.docNumber).toBeNull();
    expect(evidence(meta, 'docNumber')).toEqual([['cited-number', '潭市发〔2004〕6号', 9, 33]]);
    // Written to implement the 2004 decision; the page's 2022 upload date is not the year.
    expect(meta.year).toBe(2004);
    expect(evidence(meta, 'year')).toEqual([
      ['page-date-ignored', '2022-11-15 02:12:00', 3, 4],
      ['implements-cited', '潭市发〔2004〕6号', 9, 33],
    ]);
  });

  test('a page date alone never becomes the year', () => {
    const text = [
      '科技工作要点',
      '发布时间:2013-03-03浏览次数:640【字体调整:大 中 小】',
      '全省科技工作以全面落实国家和省科技创新大会各项任务为重点,攻坚克难,真抓实干,努力在创新型省份建设上探新路。',
    ].join('\n');
    const { meta } = extract(text);
    expect(meta.year).toBeNull();
    expect(evidence(meta, 'year').map(([rule]) => rule)).toEqual(['page-date-ignored', 'absent']);
  });

  test('target years in the body (到2020年) are not the year', () => {
    const { meta } = extract(SEED_000);
    expect(meta.year).toBeNull();
    expect(evidence(meta, 'year')).toEqual([['absent', '提升创新力工作方案', 7, 1]]);
  });

  test('seed 002 part 2: the title year wins over the compilation heading, with a year-conflict warning', () => {
    const { meta, file } = extract(SEED_002_PART_2);
    expect(meta.year).toBe(2009);
    expect(evidence(meta, 'year')).toEqual([
      ['title-year', '2009年', 2, 1],
      ['year-conflict', '2008年', 1, 5],
    ]);
    const warnings = file.messages.filter((m) => m.ruleId === 'year-conflict');
    expect(warnings.map((m) => [m.line, m.column, m.fatal])).toEqual([[1, 5, false]]);
  });
});

describe('extractMetadata: period', () => {
  test('seed 001: (2015年—2020年) under the title → period and title, year from the period start', () => {
    const { meta } = extract(SEED_001_BENXI);
    expect(meta.title).toBe('本溪市创新驱动实施方案(2015年—2020年)');
    expect(meta.period).toEqual({ start: 2015, end: 2020 });
    expect(evidence(meta, 'period')).toEqual([['title-range', '2015年—2020年', 4, 4]]);
    expect(meta.year).toBe(2015);
  });

  test('a range in the title itself', () => {
    const { meta } = extract(['科技创新三年行动计划(2016—2018年)', '为加快建设创新型城市,推动经济高质量发展,制定本行动计划。'].join('\n'));
    expect(meta.period).toEqual({ start: 2016, end: 2018 });
    expect(meta.docType).toBe('行动计划');
  });

  test('“十三五”规划 in the title → 2016–2020', () => {
    // BUG (metadata.ts extractPeriod): `start = 1953 + 5 * (n - 1)` forgets the three years of
    // adjustment (1963–1965) between the 2nd and 3rd plans, so the 13th plan comes out as
    // 2013–2017 instead of 2016–2020 (every plan from the 3rd on is 3 years early).
    const { meta } = extract(['青岛市“十三五”科技创新规划', '为深入实施创新驱动发展战略,加快建设创新型城市,制定本规划。'].join('\n'));
    expect(meta.period).toEqual({ start: 2016, end: 2020 });
    expect(evidence(meta, 'period')).toEqual([['five-year-plan', '“十三五”', 1, 4]]);
  });

  test('no range, no plan → null', () => {
    expect(extract(SIGNED).meta.period).toBeNull();
  });
});

describe('extractMetadata: title, type and issuer', () => {
  test('seed 001: issuer from the title prefix 中共青岛市委青岛市人民政府关于…', () => {
    const { meta } = extract(SEED_001_QINGDAO);
    expect(meta.title).toBe('中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见');
    expect(meta.docType).toBe('意见');
    expect(meta.issuer).toBe('中共青岛市委、青岛市人民政府');
    expect(evidence(meta, 'issuer')).toEqual([['title-prefix', '中共青岛市委青岛市人民政府', 1, 1]]);
    expect(meta.region).toMatchObject({ level: 'prefecture', code: '370200', city: '青岛市' });
  });

  test('issuer from the line under the title (seed 002 part 1)', () => {
    const { meta } = extract(['第一篇:2011年全州科技工作要点', '2011年全州科技工作要点', '湘西自治州科学技术局', '根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:'].join('\n'));
    expect(meta.issuer).toBe('湘西自治州科学技术局');
    expect(evidence(meta, 'issuer')).toEqual([['issuer-line', '湘西自治州科学技术局', 3, 1]]);
    expect(meta.year).toBe(2011);
    expect(meta.region).toMatchObject({ level: 'prefecture', code: '433100' });
  });

  test('a template-site suffix is dropped from the title (seed 002 part 5)', () => {
    const { meta } = extract(SEED_002_PART_5);
    expect(meta.title).toBe('科学技术局2021年全市科技工作要点');
    expect(meta.docType).toBe('工作要点');
    expect(meta.year).toBe(2021);
  });

  test('seed 003: a news headline gets type 新闻 from the page section', () => {
    const { meta } = extract(SEED_003);
    expect(meta.title).toBe('嵊州市实施十大行动争创省创新型试点城市');
    expect(meta.docType).toBe('新闻');
    expect(evidence(meta, 'docType')).toEqual([['page-section', '新闻动态', 1, 1]]);
  });
});

describe('extractMetadata: region', () => {
  test('from the title: 嵊州市 (seed 003)', () => {
    const { meta } = extract(SEED_003);
    expect(meta.region).toMatchObject({ province: '浙江省', city: '绍兴市', county: '嵊州市', level: 'county', code: '330683' });
    expect(evidence(meta, 'region')).toEqual([['title', '嵊州市', 3, 1]]);
  });

  test('absent: a title without a place (seed 000) → unknown, with absent evidence', () => {
    const { meta } = extract(SEED_000);
    expect(meta.region.level).toBe('unknown');
    expect(meta.region.code).toBeNull();
    expect(evidence(meta, 'region').map(([rule]) => rule)).toEqual(['absent']);
  });

  test('seed 004: place only inferred from clues is kept apart from region', () => {
    // 潭 alone could be 湘潭 or 鹰潭; the province named in the body (seed 004 line 51) settles it.
    const text = `${SEED_004}\n\n2、抓好重点科技项目。围绕打造湖南先进制造业中心,重点发展机电、冶金、化纤纺织、新材料4大优势产业。\n\n1、充分激活现有人才。对在潭工作的骨干科技人才和重点学科带头人实行生活补贴。`;
    const { meta } = extract(text);
    expect(meta.region.level).toBe('unknown');
    expect(meta.inferredRegion).toMatchObject({ city: '湘潭市', inferred: true });
    expect(meta.inferredRegion?.clues.map((c) => [c.rule, c.phrase, c.line])).toEqual([
      ['doc-number-prefix', '潭市发〔2004〕6号', 9],
      ['abbreviation', '在潭', 19],
    ]);
    for (const clue of meta.inferredRegion?.clues ?? []) expect(sourceAt(text, clue)).toBe(clue.phrase);
  });

  test('seed 004 without the province: 潭 (湘潭 or 鹰潭) is a tie, so nothing is inferred', () => {
    const text = `${SEED_004}\n\n1、充分激活现有人才。对在潭工作的骨干科技人才和重点学科带头人实行生活补贴。`;
    expect(extract(text).meta.inferredRegion).toBeNull();
  });
});

describe('extractMetadata: anonymisation', () => {
  test.each([
    ['xx市 (seed 002 line 93)', SEED_002_PART_5, 'xx市'],
    ['海峡两岸() (seed 000 line 65)', SEED_000, '海峡两岸()'],
    ['市长* (seed 004 line 99)', SEED_004, '市长*'],
  ])('%s → anonymized', (_name, text, fragment) => {
    const { meta } = extract(text);
    expect(meta.anonymized).toBe(true);
    const found = meta.evidence.filter((e) => e.field === 'anonymized');
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((e) => e.phrase.includes(fragment))).toBe(true);
  });

  test.each([
    ['R&D and ISO9000', '加强R&D投入,推行ISO9000质量管理体系,开发CAD/CAM应用,组建1-2家国家级联盟。'],
    ['X-ray and multiplication', '引进X光检测设备,建设3×5公里产业走廊,发展“互联网+”新业态。'],
    ['brackets with content', '做强做大角美、池、滨海新城等3个高新技术产业集聚区(市发改局牵头负责)。'],
  ])('%s → not anonymized', (_name, line) => {
    const { meta } = extract(['提升创新力工作方案', line].join('\n'));
    expect(meta.anonymized).toBe(false);
  });
});

describe('extractMetadata: every evidence phrase is at its line and column in the source', () => {
  test.each([
    ['signed notice', SIGNED],
    ['numbered opinion', NUMBERED],
    ['seed 004', SEED_004],
    ['seed 001 本溪', SEED_001_BENXI],
    ['seed 001 青岛', SEED_001_QINGDAO],
    ['seed 002 part 2', SEED_002_PART_2],
    ['seed 002 part 5', SEED_002_PART_5],
    ['seed 003', SEED_003],
    ['seed 000', SEED_000],
  ])('%s', (_name, text) => {
    const { metas } = extractAll(text);
    for (const meta of metas) {
      for (const item of meta.evidence) expect({ ...item, found: sourceAt(text, item) }).toMatchObject({ found: item.phrase });
    }
  });

  test('the period-start year evidence of a “十三五” plan quotes text that is in the source', () => {
    // BUG (metadata.ts extractYear): the `period-start` evidence uses `String(period.start)` as
    // its phrase; when the period comes from “十三五” that number is nowhere in the line, so
    // the phrase (`2013`) is placed at the title's first column, where the text is `青岛`.
    const text = ['青岛市“十三五”科技创新规划', '为深入实施创新驱动发展战略,加快建设创新型城市,制定本规划。'].join('\n');
    const { meta } = extract(text);
    for (const item of meta.evidence) expect({ ...item, found: sourceAt(text, item) }).toMatchObject({ found: item.phrase });
  });

  test('evidence columns stay true after entity debris (seed 001 line 15 style)', () => {
    // BUG (normalize.ts cleanPiece + metadata.ts EvidenceLog): normalize pads `&&&&&&` with spaces
    // to keep columns, then folds every run of white space into one space; evidence columns are
    // `line.column + offset in the folded text`, so a phrase after the debris (here the 来源
    // body used as issuer and place) is placed 5 columns too far left in the seed file.
    const text = [
      '科技工作要点',
      '发布时间:2016-07-08&&&&&&来源:湘西自治州科学技术局&&&&&&点击:3401',
      '全州科技工作以全面落实全省科技创新大会各项任务为重点,攻坚克难,真抓实干,努力在创新型建设上探新路。',
    ].join('\n');
    const { meta } = extract(text);
    expect(meta.issuer).toBe('湘西自治州科学技术局');
    for (const item of meta.evidence) expect({ ...item, found: sourceAt(text, item) }).toMatchObject({ found: item.phrase });
  });
});

describe('extractMetadata: full-width punctuation', () => {
  test('a number in full-width brackets 湘政发（2016）12号 is the document number', () => {
    // BUG (metadata.ts DOC_NUMBER): `[〔[(【]` lacks the full-width `（`, a common way of
    // typing 〔〕 in 发文字号; with the ASCII-only header rule it is not found either.
    const { meta } = extract(['湖南省人民政府关于深入实施创新驱动发展战略的意见', '湘政发（2016）12号', '各市州人民政府，省政府各厅委、各直属机构：为深入实施创新驱动发展战略，现提出如下意见。'].join('\n'));
    expect(meta.docNumber).toBe('湘政发（2016）12号');
    expect(meta.year).toBe(2016);
  });
});
