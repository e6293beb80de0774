/**
 * split: a file's logical lines → one segment per document, each with its
 * title line, compilation heading and template page titles. Inputs are
 * excerpts of the seed files, run through the real normalize stage.
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { normalizeText } from './normalize.ts';
import { splitDocuments, type Options } from './split.ts';
import type { Segment } from './types.ts';

function split(text: string, options: Partial<Options> = {}): { segments: Segment[]; file: VFile } {
  const file = new VFile({ path: 'seeds/x.txt' });
  const lines = normalizeText(text, file);
  return { segments: splitDocuments(lines, file, options), file };
}

function summary(segments: Segment[]): { from: number | undefined; to: number | undefined; heading: number | null; title: string | null; titleLine: number | null; pageTitles: number[] }[] {
  return segments.map((s) => ({
    from: s.lines[0]?.line,
    to: s.lines.at(-1)?.line,
    heading: s.compilationHeading?.line ?? null,
    title: s.titleLine?.text ?? null,
    titleLine: s.titleLine?.line ?? null,
    pageTitles: s.pageTitleLines.map((l) => l.line),
  }));
}

/** Seed 002, the first lines of each of its five parts (line numbers of this excerpt in comments). */
const SEED_002 = [
  '第一篇:2011年全州科技工作要点', // 1
  '2011年全州科技工作要点', // 2
  '湘西自治州科学技术局', // 3
  '根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:', // 4
  '一、总体思路与主要目标', // 5
  '总体思路:按照科学发展观的要求,以支撑“四化两型”和“创新型湘西”建设为主线,紧密结合产业结构优化升级和民生改善。', // 6
  '第二篇:2008年科技工作要点', // 7
  '2009年多拉特乡科技工作要点', // 8
  '2009年我乡科技工作以党的十七大精神为指导,围绕县委、县政府制定的社会经济发展目标和市科技工作管理目标。', // 9
  '第三篇:2010年科技工作要点(参考)', // 10
  '2010年科技工作要点', // 11
  '一、指导思想', // 12
  '围绕发展创新型经济,促进转型升级这一目标,深化江苏省科技特派员、教育部“蓝火计划”两项试点。', // 13
  '第四篇:江苏省2013年全省科技工作要点', // 14
  '2013年全省科技工作要点', // 15
  '发布时间:2013-03-03浏览次数:640【字体调整:大 中 小】', // 16
  '2013年,全省科技工作以全面落实国家和省科技创新大会各项任务为重点,攻坚克难,真抓实干。', // 17
  '来源:江苏省科技厅', // 18
  '第五篇:科学技术局2021年全市科技工作要点范文', // 19
  '科学技术局2021年全市科技工作要点范文', // 20
  '2021年是“十四五”规划开局之年,是进入新发展阶段、开启全面建设社会主义现代化国家新征程的第一年。', // 21
  '来源:网络整理 免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。', // 22
].join('\n');

/** Seed 001 lines 1–19: page title, title, empty fields, prose, ads, page title with debris, meta, title, period. */
const SEED_001 = [
  '如何深入推进企业创新驱动发展战略略实施方案', // 1
  '', // 2
  '中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', // 3
  '制发机关:', // 4
  '发布日期:', // 5
  '  为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略,全力打好“三创”(创新、创业、创客)发展战役,加快打造创新之城、创业之都、创客之岛,提出如下意见。  一、总体要求  1.总体思路', // 6
  '两大类热门资源免费畅读', // 7
  '续费一年阅读会员,立省24元!', // 8
  '如何实施创新驱动发展战略', // 9
  '阅读已结束,下载文档到电脑', // 10
  '想免费下载本文?', // 11
  '定制HR最喜欢的简历', // 12
  '你可能喜欢综合服务政策专栏', // 13
  '本溪市创新驱动实施方案&#年&#年)', // 14
  '发布时间:日&&&&&&来源:本溪市政务公开办&&&&&&点击:3401', // 15
  '本溪市创新驱动实施方案', // 16
  '  (2015年—2020年)', // 17
  '为贯彻落实《中共中央 国务院关于深化体制机制改革加快实施创新驱动发展战略的若干意见》,抓住全球新一轮科技革命和产业变革新机遇,特制定本实施方案。', // 18
  '一、总体思路', // 19
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
  '以邓小平理论和“三个代表”重要思想为指导,深入贯彻落实科学发展观,坚持“自主创新,重点跨越,支撑发展,引领未来”的科技工作指导方针。',
].join('\n');

/** Seed 004 lines 1–11. */
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
].join('\n');

/** Seed 003 lines 1–5: a news page whose headline has no document-type ending. */
const SEED_003 = [
  '新闻动态',
  '您当前位置:首页 - 新闻动态',
  '嵊州市实施十大行动争创省创新型试点城市',
  '我市按照省委、省政府的决策部署,实施十大创新行动,积极开展省创新试点城市创建活动,力争建成区域创新体系比较完善的创新型城市。',
  '一是实施现代产业体系发展行动。培育战略性新兴产业,每年设立3亿元专项资金,重点发展先进装备制造、新材料等战略性新兴产业。',
].join('\n');

describe('splitDocuments: compilations (seed 002)', () => {
  test('第一篇…第五篇 give five segments, each with its heading and its own title', () => {
    const { segments, file } = split(SEED_002);
    expect(summary(segments)).toEqual([
      { from: 1, to: 6, heading: 1, title: '2011年全州科技工作要点', titleLine: 2, pageTitles: [] },
      { from: 7, to: 9, heading: 7, title: '2009年多拉特乡科技工作要点', titleLine: 8, pageTitles: [] },
      { from: 10, to: 13, heading: 10, title: '2010年科技工作要点', titleLine: 11, pageTitles: [] },
      { from: 14, to: 18, heading: 14, title: '2013年全省科技工作要点', titleLine: 15, pageTitles: [] },
      { from: 19, to: 22, heading: 19, title: '科学技术局2021年全市科技工作要点范文', titleLine: 20, pageTitles: [] },
    ]);
    expect(segments.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(segments[0]?.compilationHeading?.text).toBe('第一篇:2011年全州科技工作要点');
    expect(file.messages.filter((m) => m.ruleId === 'missing-title')).toEqual([]);
  });

  test.each([
    ['ASCII colon', '第二篇:2008年科技工作要点'],
    ['full-width colon', '第二篇：2008年科技工作要点'],
    ['enumeration comma', '第二篇、2008年科技工作要点'],
    ['no separator', '第二篇 2008年科技工作要点'],
    ['big numeral', '第十二篇:2008年科技工作要点'],
  ])('a compilation marker with %s starts a segment even without prose before it', (_name, marker) => {
    const { segments } = split(['第一篇:2011年全州科技工作要点', '2011年全州科技工作要点', '一、总体思路', marker, '2009年多拉特乡科技工作要点'].join('\n'));
    expect(summary(segments).map((s) => [s.heading, s.titleLine])).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  test('page chrome above 第一篇 joins the first document instead of being one', () => {
    const { segments } = split(['美章网 资料文库 科技工作要点范文', '科技工作要点范文', SEED_002].join('\n'));
    expect(segments).toHaveLength(5);
    expect(summary(segments)[0]).toEqual({ from: 1, to: 8, heading: 3, title: '2011年全州科技工作要点', titleLine: 4, pageTitles: [2] });
  });
});

describe('splitDocuments: a second document pasted after prose (seed 001)', () => {
  test('two segments with the right titles and template page titles', () => {
    const { segments } = split(SEED_001);
    expect(summary(segments)).toEqual([
      { from: 1, to: 13, heading: null, title: '中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', titleLine: 3, pageTitles: [1] },
      { from: 14, to: 19, heading: null, title: '本溪市创新驱动实施方案', titleLine: 16, pageTitles: [14] },
    ]);
  });

  test('a sidecar can forbid those boundaries', () => {
    const { segments } = split(SEED_001, { forbidSplitAt: [14, 16] });
    expect(segments).toHaveLength(1);
  });

  test('a sidecar can force a boundary where no title is', () => {
    const { segments } = split(SEED_004, { forceSplitAt: [9] });
    expect(summary(segments).map((s) => [s.from, s.to])).toEqual([
      [1, 7],
      [9, 11],
    ]);
  });

  test('no split at a title-like line inside an attachment (附件)', () => {
    const text = [
      '本溪市创新驱动实施方案',
      '为贯彻落实《中共中央 国务院关于深化体制机制改革加快实施创新驱动发展战略的若干意见》,特制定本实施方案。',
      '附件:1.本溪市创新驱动工作目标分解表',
      '本溪市科技创新平台建设实施方案',
      '到2020年,迈入全省创新驱动发展城市行列,把我市打造成国家自主创新示范区的重要区域。',
    ].join('\n');
    expect(split(text).segments).toHaveLength(1);
  });
});

describe('splitDocuments: template page titles above the real title', () => {
  test('seed 000 lines 1–13: the 范文 page title is a page title, the plain one is the title', () => {
    expect(summary(split(SEED_000).segments)).toEqual([
      { from: 1, to: 13, heading: null, title: '提升创新力工作方案', titleLine: 7, pageTitles: [3] },
    ]);
  });

  test('seed 004 lines 1–11: the same title twice, around page metadata and a 导语', () => {
    expect(summary(split(SEED_004).segments)).toEqual([
      { from: 1, to: 11, heading: null, title: '科技先进城市创建工作实施方案', titleLine: 7, pageTitles: [1] },
    ]);
  });
});

describe('splitDocuments: headlines and missing titles', () => {
  test('seed 003: a news headline without a document-type ending is the title', () => {
    const { segments, file } = split(SEED_003);
    expect(summary(segments)).toEqual([{ from: 1, to: 5, heading: null, title: '嵊州市实施十大行动争创省创新型试点城市', titleLine: 3, pageTitles: [] }]);
    expect(file.messages.filter((m) => m.ruleId === 'missing-title')).toEqual([]);
  });

  test('prose only → one segment without a title and a missing-title warning at its first line', () => {
    const text = '\n\u3000\u3000我市按照省委、省政府的决策部署,实施十大创新行动,积极开展省创新试点城市创建活动,力争建成创新型城市。';
    const { segments, file } = split(text);
    expect(summary(segments)).toEqual([{ from: 2, to: 2, heading: null, title: null, titleLine: null, pageTitles: [] }]);
    const warnings = file.messages.filter((m) => m.ruleId === 'missing-title');
    expect(warnings.map((m) => [m.line, m.column, m.fatal])).toEqual([[2, 3, false]]);
  });

  test.each([
    ['a document number', '湘政发〔2016〕12号'],
    ['a date', '二〇一六年七月八日'],
  ])('%s above the text is not taken as a news headline', (_name, line) => {
    // BUG (split.ts isShortHeadline): the fallback for titles without a document-type ending
    // takes any short line without punctuation, so a 发文字号 or a date becomes the title.
    // Expected: no title (and a missing-title warning).
    const { segments } = split([line, '为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略提出如下意见。'].join('\n'));
    expect(segments[0]?.titleLine).toBeNull();
  });

  test('empty input → no segments, no messages', () => {
    const { segments, file } = split('');
    expect(segments).toEqual([]);
    expect(file.messages).toEqual([]);
  });

  // After prose, none of these lines may start a new document.
  test.each([
    ['numbered 一、', '一、市科技局关于加强科技特派员工作的意见'],
    ['numbered (一)', '(一)关于进一步加强科技创新的实施意见'],
    ['numbered 1.', '1.关于印发科技创新平台建设实施方案的通知'],
    ['article 第一条', '第一条 为规范科技计划管理,制定本办法'],
    ['sentence end 。', '现将《科技创新平台建设实施方案》印发给你们,请认真贯彻执行的通知。'],
    ['semicolon', '制定出台科技服务业发展实施意见;落实科技计划管理办法'],
    ['quoted title 《', '《关于支持省加快建设海峡西岸经济区的若干意见》'],
    ['label prefix', '主要目标:全面落实创新驱动实施方案'],
  ])('a title-like line with %s is not a boundary', (_name, line) => {
    const text = [
      '2010年科技工作要点',
      '围绕发展创新型经济,促进转型升级这一目标,深化江苏省科技特派员、教育部“蓝火计划”两项试点。',
      line,
      '以创新引领经济转型升级,不断提升区域创新能力,推动经济增长由投资驱动为主逐步转向创新驱动为主。',
    ].join('\n');
    const { segments } = split(text);
    expect(summary(segments)).toEqual([{ from: 1, to: 4, heading: null, title: '2010年科技工作要点', titleLine: 1, pageTitles: [] }]);
  });

  // Full-width punctuation (，：（）；！？) is what most Chinese policy pages use; the seeds happen
  // to use ASCII. BUG (patterns.ts, and every rule file): the character classes meant to hold both
  // forms, such as `[::]`, `[((]`, `[;;]`, `[!!??]`, hold the ASCII character twice, so full-width
  // numbering, labels and sentence punctuation are not recognised and these lines become titles.
  test.each([
    ['full-width label prefix', '工作要点：全面落实创新驱动实施方案'],
    ['full-width numbering (一)', '（一）关于进一步加强科技创新的实施意见'],
    ['full-width semicolon', '现将有关事项通知如下；特此通知'],
  ])('a title-like line with %s is not a boundary', (_name, line) => {
    const text = [
      '2010年科技工作要点',
      '围绕发展创新型经济，促进转型升级这一目标，深化江苏省科技特派员、教育部“蓝火计划”两项试点。',
      line,
      '以创新引领经济转型升级，不断提升区域创新能力，推动经济增长由投资驱动为主逐步转向创新驱动为主。',
    ].join('\n');
    expect(split(text).segments).toHaveLength(1);
  });

  test('a title with its period in full-width brackets after prose starts a new document', () => {
    // Same BUG: TITLE_TAIL only strips `(…)` in ASCII, so `…规划（2016—2020年）` ends in `）`,
    // has no document type, and the second document is glued to the first.
    const text = [
      '2010年科技工作要点',
      '围绕发展创新型经济，促进转型升级这一目标，深化江苏省科技特派员、教育部“蓝火计划”两项试点。',
      '青岛市科技创新“十三五”规划（2016—2020年）',
      '为深入实施创新驱动发展战略，加快建设国家东部沿海重要的创新中心，制定本规划。',
    ].join('\n');
    expect(summary(split(text).segments).map((s) => s.titleLine)).toEqual([1, 3]);
  });
});

describe('splitDocuments: hostile lines', () => {
  test('lines of code above the title are not a document of their own (no prose without Chinese)', () => {
    const text = [
      'import pwn from "data:text/javascript,globalThis.__pwned=1"',
      'export const frontmatter = { title: "pwned" }; globalThis.__pwned = 2, done',
      '<Pwned onLoad={() => alert(1)} />{globalThis.__pwned = 3}',
      '关于加强青年科技人才培养工作的实施意见',
      '为加强青年科技人才培养，完善人才评价激励机制，结合本地实际，提出如下实施意见。',
      'export default function Page() { globalThis.__pwned = 4 } 各单位要定期报送工作进展情况。',
    ].join('\n');
    const { segments, file } = split(text);
    expect(summary(segments)).toEqual([{ from: 1, to: 6, heading: null, title: '关于加强青年科技人才培养工作的实施意见', titleLine: 4, pageTitles: [] }]);
    expect(file.messages.filter((m) => m.ruleId === 'missing-title')).toEqual([]);
  });

  test('a stretch of page chrome only gets no missing-title warning (no-documents says it later)', () => {
    const text = ['当前位置：首页 > 政策法规', '发布时间：2021-03-15 09:30:00', '版权所有：某某科技信息网 ICP备12345678号'].join('\n');
    const { segments, file } = split(text);
    expect(segments).toHaveLength(1);
    expect(file.messages.filter((m) => m.ruleId === 'missing-title')).toEqual([]);
  });

  test('200,000 short lines are one segment, split in well under a second per 10,000 lines', () => {
    const lines = ['科技项目清单汇总表的公布办法', ...Array.from({ length: 200_000 }, (_, i) => `项目${i + 1}`)];
    const started = performance.now();
    const { segments } = split(lines.join('\n'));
    expect(segments).toHaveLength(1);
    expect(segments[0]?.titleLine?.line).toBe(1);
    expect(segments[0]?.lines).toHaveLength(200_001);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
