/**
 * strip-boilerplate: a segment → body lines, removed lines with their rule,
 * page metadata kept as evidence, and the title's header block. Segments are
 * built from seed excerpts with the real normalize and split stages.
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { normalizeText } from './normalize.ts';
import { splitDocuments } from './split.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';
import type { CleanSegment } from './types.ts';

function strip(text: string, path = 'seeds/x.txt'): { segments: CleanSegment[]; file: VFile } {
  const file = new VFile({ path });
  const segments = splitDocuments(normalizeText(text, file), file).map((s) => stripBoilerplate(s, file));
  return { segments, file };
}

function only(text: string, path?: string): { segment: CleanSegment; file: VFile } {
  const { segments, file } = strip(text, path);
  expect(segments).toHaveLength(1);
  const segment = segments[0];
  if (!segment) throw new Error('no segment');
  return { segment, file };
}

function removed(segment: CleanSegment): [number, string, string][] {
  return segment.removed.map((r) => [r.line.line, r.rule, r.fragment ?? r.line.text]);
}

/** Seed 001 lines 14–19 and 163–173 (the second document of that file, shortened). */
const SEED_001_BENXI = [
  '本溪市创新驱动实施方案&#年&#年)', // 1
  '发布时间:日&&&&&&来源:本溪市政务公开办&&&&&&点击:3401', // 2
  '本溪市创新驱动实施方案', // 3
  '  (2015年—2020年)', // 4
  '为贯彻落实《中共中央 国务院关于深化体制机制改革加快实施创新驱动发展战略的若干意见》,抓住全球新一轮科技革命和产业变革新机遇,特制定本实施方案。', // 5
  '一、总体思路', // 6
  '主办:本溪市人民政府', // 7
  '责任主体:本溪市人民政府办公厅 承办:本溪政务网管理中心', // 8
  '辽ICP备号-1', // 9
  '', // 10
  '我要回帖', // 11
  '', // 12
  '更多关于 科技创新驱动发展战略 的文章', // 13
  '', // 14
  '\u00a0', // 15
  '', // 16
  '随机推荐', // 17
].join('\n');

describe('stripBoilerplate: chrome around a document', () => {
  test('seed 001 (本溪): page title, page metadata, period header, footers and ads are removed with their kind', () => {
    const { segment } = only(SEED_001_BENXI);
    expect(segment.titleLine?.line).toBe(3);
    expect(removed(segment)).toEqual([
      [1, 'page-title', '本溪市创新驱动实施方案 年 年)'],
      [2, 'page-meta', '发布时间:日 来源:本溪市政务公开办 点击:3401'],
      [7, 'footer', '主办:本溪市人民政府'],
      [8, 'footer', '责任主体:本溪市人民政府办公厅 承办:本溪政务网管理中心'],
      [9, 'footer', '辽ICP备号-1'],
      [11, 'ad', '我要回帖'],
      [13, 'ad', '更多关于 科技创新驱动发展战略 的文章'],
      [17, 'ad', '随机推荐'],
      [4, 'header', '(2015年—2020年)'],
    ]);
    expect(segment.header.map((l) => [l.line, l.column, l.text])).toEqual([[4, 3, '(2015年—2020年)']]);
    expect(segment.body.map((l) => l.line)).toEqual([5, 6]);
  });

  test('page metadata is kept aside as evidence with its value', () => {
    const { segment } = only(SEED_001_BENXI);
    expect(segment.pageMeta.map((m) => [m.line.line, m.kind, m.value])).toEqual([[2, 'source', '本溪市政务公开办']]);
  });

  test('each removal is reported as info at its line and column', () => {
    const { file } = only(SEED_001_BENXI, 'seeds/本溪市创新驱动实施方案.txt');
    const info = file.messages.filter((m) => m.ruleId === 'boilerplate-removed');
    expect(info.map((m) => [m.line, m.column, m.fatal])).toEqual([
      [1, 1, undefined],
      [2, 1, undefined],
      [7, 1, undefined],
      [8, 1, undefined],
      [9, 1, undefined],
      [11, 1, undefined],
      [13, 1, undefined],
      [17, 1, undefined],
    ]);
    expect(info[0]?.file).toBe('seeds/本溪市创新驱动实施方案.txt');
    expect(info[0]?.reason).toContain('template page title');
  });

  test('seed 004 lines 1–9: page date kept as evidence, 导语 removed, body starts at the text', () => {
    const text = [
      '科技先进城市创建工作实施方案',
      '',
      '时间:2022-11-15 02:12:00',
      '',
      '导语:科技先进城市创建工作实施方案一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。',
      '',
      '科技先进城市创建工作实施方案',
      '',
      '为落实《中共市委市人民政府关于创建全国科技进步先进城市的决定》(潭市发〔2004〕6号),尽快将我市创建成全国科技进步先进城市,特制定本实施方案。',
    ].join('\n');
    const { segment } = only(text);
    expect(removed(segment).map(([line, rule]) => [line, rule])).toEqual([
      [1, 'page-title'],
      [3, 'page-meta'],
      [5, 'disclaimer'],
    ]);
    expect(segment.pageMeta.map((m) => [m.line.line, m.kind, m.value])).toEqual([[3, 'page-date', '2022-11-15 02:12:00']]);
    expect(segment.header).toEqual([]);
    expect(segment.body.map((l) => l.line)).toEqual([9]);
  });

  test('seed 002 part 4: page date and 来源 both kept as evidence', () => {
    const text = [
      '第四篇:江苏省2013年全省科技工作要点',
      '2013年全省科技工作要点',
      '发布时间:2013-03-03浏览次数:640【字体调整:大 中 小】',
      '2013年,全省科技工作以全面落实国家和省科技创新大会各项任务为重点,攻坚克难,真抓实干。',
      '来源:江苏省科技厅',
    ].join('\n');
    const { segment } = only(text);
    expect(segment.pageMeta.map((m) => [m.line.line, m.kind, m.value])).toEqual([
      [3, 'page-date', '2013-03-03'],
      [5, 'source', '江苏省科技厅'],
    ]);
    expect(segment.body.map((l) => l.line)).toEqual([4]);
  });

  test('a short line between two chrome lines is part of the chrome (seed 001 line 9)', () => {
    const text = [
      '中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见',
      '为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略,提出如下意见。',
      '两大类热门资源免费畅读',
      '续费一年阅读会员,立省24元!',
      '如何实施创新驱动发展战略',
      '阅读已结束,下载文档到电脑',
    ].join('\n');
    const { segment } = only(text);
    expect(removed(segment)).toEqual([
      [3, 'ad', '两大类热门资源免费畅读'],
      [4, 'ad', '续费一年阅读会员,立省24元!'],
      [5, 'ad', '如何实施创新驱动发展战略'],
      [6, 'ad', '阅读已结束,下载文档到电脑'],
    ]);
    expect(segment.body.map((l) => l.line)).toEqual([2]);
  });

  test('the title repeated in the body (with a template suffix) is removed as repeated-title', () => {
    // Built by hand: the split stage would start a new document at a title after prose.
    const lines = normalizeText(
      [
        '提升创新力工作方案',
        '以邓小平理论和“三个代表”重要思想为指导,深入贯彻落实科学发展观,坚持自主创新的科技工作指导方针。',
        '提升创新力工作方案(范文)',
        '一、提升自主创新能力工作的指导思想和发展目标',
      ].join('\n'),
      new VFile(),
    );
    const segment = stripBoilerplate({ index: 0, lines, compilationHeading: null, titleLine: lines[0] ?? null, pageTitleLines: [] }, new VFile());
    expect(removed(segment)).toEqual([[3, 'repeated-title', '提升创新力工作方案(范文)']]);
    expect(segment.body.map((l) => l.line)).toEqual([2, 4]);
  });
});

describe('stripBoilerplate: body lines that mention chrome words are kept', () => {
  test.each([
    ['下载 in a long sentence', '各单位可登录市科技局网站下载申报书,填写后于6月30日前报送市科技局,逾期不予受理。'],
    ['来源 in a long sentence', '建立多元化科技投入体系,拓宽科技经费来源,引导社会资本投向科技创新,形成多渠道投入格局。'],
    ['资金来源 label', '资金来源:市财政科技专项资金和企业自筹资金,按照1:1比例配套。'],
  ])('%s', (_name, line) => {
    const text = ['2010年科技工作要点', '一、指导思想', line, '二、主要目标'].join('\n');
    const { segment } = only(text);
    expect(segment.body.map((l) => l.text)).toContain(line);
    expect(segment.removed).toEqual([]);
  });
});

describe('stripBoilerplate: site names glued to the text', () => {
  test('seed 004 line 83: …建设。公务员之家 → sentence kept, brand removed, info at the brand', () => {
    const line = '1、加大政府投入力度。建立市级科技发展资金,主要用于推动全市科技进步和科技创新服务中心建设。公务员之家';
    const text = ['科技先进城市创建工作实施方案', '(六)加大科技投入力度', '', `\u3000${line}`].join('\n');
    const { segment, file } = only(text);
    const kept = segment.body.find((l) => l.line === 4);
    expect(kept?.text).toBe('1、加大政府投入力度。建立市级科技发展资金,主要用于推动全市科技进步和科技创新服务中心建设。');
    expect(kept?.match).toBe(kept?.text);
    expect(kept?.column).toBe(2);
    expect(removed(segment)).toEqual([[4, 'site-brand', '公务员之家']]);
    const info = file.messages.filter((m) => m.ruleId === 'boilerplate-removed');
    expect(info.map((m) => [m.line, m.column])).toEqual([[4, 2 + line.indexOf('公务员之家')]]);
  });

  test('seed 001 line 6 end: …等。如何实施创新驱动发展战略_百度文库 → the 百度文库 page title is cut', () => {
    const tail = '牵头单位:市委宣传部;责任单位:市发展改革委、市经济信息化委、市科技局、市总工会、团市委、市妇联、市科协等。';
    const text = ['中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', '39.大力弘扬创新创业创客文化。在全社会倡导鼓励创新、宽容失败的城市观念。', `${tail}如何实施创新驱动发展战略_百度文库`].join('\n');
    const { segment } = only(text);
    expect(segment.body.map((l) => l.text).at(-1)).toBe(tail);
    expect(removed(segment)).toEqual([[3, 'site-brand', '如何实施创新驱动发展战略_百度文库']]);
  });
});

describe('stripBoilerplate: the header block under the title', () => {
  test('seed 002 part 1: the issuing body 湘西自治州科学技术局 is header, not body', () => {
    const text = [
      '第一篇:2011年全州科技工作要点',
      '2011年全州科技工作要点',
      '湘西自治州科学技术局',
      '根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:',
    ].join('\n');
    const { segment } = only(text);
    expect(segment.compilationHeading?.line).toBe(1);
    expect(segment.header.map((l) => l.text)).toEqual(['湘西自治州科学技术局']);
    expect(segment.body.map((l) => l.line)).toEqual([4]);
    expect(removed(segment)).toEqual([[3, 'header', '湘西自治州科学技术局']]);
  });

  test('number, issuer and date lines (发文字号, 〔〕) form the header, up to the first prose line', () => {
    const text = [
      '湖南省人民政府关于深入实施创新驱动发展战略的意见',
      '湘政发〔2016〕12号',
      '湖南省人民政府',
      '二〇一六年七月八日',
      '各市州人民政府,省政府各厅委、各直属机构:为深入实施创新驱动发展战略,现提出如下意见。',
      '(2015年—2020年)',
    ].join('\n');
    const { segment } = only(text);
    expect(segment.header.map((l) => l.line)).toEqual([2, 3, 4]);
    expect(segment.body.map((l) => l.line)).toEqual([5, 6]);
  });

  test.each([
    ['period', '(2016年—2020年)'],
    ['试行', '(试行)'],
    ['number with [ ]', '青科发[2015]3号'],
    ['number with 【 】', '青科发【2015】3号'],
    ['Arabic date', '2016年7月8日'],
    ['month only', '2016年7月'],
    ['agency list', '中共青岛市委、青岛市人民政府'],
  ])('a %s line under the title is header', (_name, line) => {
    const text = ['青岛市关于大力实施创新驱动发展战略的意见', line, '为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现提出如下意见。'].join('\n');
    expect(only(text).segment.header.map((l) => l.text)).toEqual([line]);
  });

  test('no title → no header, even for a header-like first line', () => {
    const lines = normalizeText(['湘政发〔2016〕12号', '为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略提出如下意见。'].join('\n'), new VFile());
    const segment = stripBoilerplate({ index: 0, lines, compilationHeading: null, titleLine: null, pageTitleLines: [] }, new VFile());
    expect(segment.header).toEqual([]);
    expect(segment.body.map((l) => l.line)).toEqual([1, 2]);
  });

  test('full-width period line (２０１５年—２０２０年) in full-width brackets is header', () => {
    // BUG (strip-boilerplate.ts HEADER_LINE): `^[((][^()()]{2,30}[))]$` only knows ASCII
    // brackets; `（2015年—2020年）` under a title stays in the body.
    const text = ['本溪市创新驱动实施方案', '（2015年—2020年）', '为贯彻落实中央精神，抓住全球新一轮科技革命和产业变革新机遇，特制定本实施方案。'].join('\n');
    expect(only(text).segment.header.map((l) => l.text)).toEqual(['（2015年—2020年）']);
  });
});

describe('stripBoilerplate: purity', () => {
  test('the input segment is not changed', () => {
    const file = new VFile({ path: 'seeds/x.txt' });
    const [segment] = splitDocuments(normalizeText(SEED_001_BENXI, file), file);
    if (!segment) throw new Error('no segment');
    const before = structuredClone(segment);
    stripBoilerplate(segment, file);
    expect(segment).toEqual(before);
  });
});
