/**
 * patterns: shared recognisers of Chinese policy text — document types,
 * titles, heading numbering, agency lists, Chinese numerals. Titles and
 * lines are copied from the seeds wherever one exists.
 */
import { describe, expect, test } from 'vitest';
import {
  COMPILATION_MARKER,
  docTypeOfTitle,
  headingMarker,
  isAgencyList,
  isPlausibleYear,
  isProse,
  isTitleCandidate,
  parseChineseNumber,
  parseChineseYear,
  stripTemplateSuffix,
} from './patterns.ts';

describe('docTypeOfTitle', () => {
  test.each([
    ['中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', '意见', '意见'], // 001:3
    ['本溪市创新驱动实施方案(2015年—2020年)', '实施方案', '实施方案'], // 001:16–17
    ['本溪市创新驱动实施方案 年 年)', '实施方案', '实施方案'], // 001:14 after debris removal
    ['提升创新力工作方案范文', '工作方案', '工作方案'], // 000:3
    ['科学技术局2021年全市科技工作要点范文', '工作要点', '工作要点'], // 002:86
    ['2010年科技工作要点(参考)', '工作要点', '工作要点'], // 002:45
    ['科技先进城市创建工作实施方案', '实施方案', '实施方案'], // 004:7
    ['关于支持省加快建设海峡西岸经济区的若干意见', '意见', '若干意见'], // 000:13
    ['关于深化科技体制改革加快创新驱动发展的实施意见', '实施意见', '实施意见'],
    ['关于加快科技服务业发展的指导意见', '意见', '指导意见'],
    ['关于开展2016年度科技特派员选认工作的通知', '通知', '通知'],
    ['湘西州科技计划项目管理办法(试行)', '办法', '管理办法'],
    ['省引进高层次创业创新人才暂行办法', '办法', '暂行办法'], // 000:71
    ['青岛市知识产权战略行动计划(年)', '行动计划', '行动计划'], // 001:6
    ['青岛市“十三五”科技创新规划', '规划', '规划'],
    ['科技创新三年行动计划(2016—2020年)', '行动计划', '行动计划'],
    ['关于创建全国科技进步先进城市的决定', '决定', '决定'], // 004:9
    ['关于促进科技成果转化的若干规定(征求意见稿)', '规定', '规定'],
    ['2013年全省科技工作要点', '工作要点', '工作要点'],
    ['科技工作要点模板', '工作要点', '工作要点'],
  ])('%s → %s (ending %s)', (title, docType, ending) => {
    expect(docTypeOfTitle(title)).toEqual({ docType, ending });
  });

  test.each([
    ['嵊州市实施十大行动争创省创新型试点城市'], // 003:3, a news headline
    ['如何实施创新驱动发展战略'], // 001:9
    ['两大类热门资源免费畅读'],
    [''],
  ])('no document type: %s', (title) => {
    expect(docTypeOfTitle(title)).toBeNull();
  });

  test.each([
    ['本溪市创新驱动实施方案（2015年—2020年）', '实施方案'],
    ['湘西州科技计划项目管理办法（试行）', '办法'],
    ['2010年科技工作要点（参考）', '工作要点'],
  ])('full-width brackets: %s → %s', (title, docType) => {
    // BUG (patterns.ts TITLE_TAIL): `[((][^()()]{0,20}[))]` has the ASCII brackets twice and no
    // （）, so a trailing full-width parenthetical hides the document type.
    expect(docTypeOfTitle(title)?.docType).toBe(docType);
  });
});

describe('docTypeOfTitle on hostile titles', () => {
  test.each([
    ['关于公布第12345678901234567890123456789012345678901234567890批科技项目的通知', '通知'],
    ['关于公布2016201720182019202020212022202320242025年度科技计划项目', null],
    [`关于${'1'.repeat(100_000)}项`, null],
    [`科技工作要点${' 2015 - 2020 年'.repeat(1000)}`, '工作要点'],
  ])('a run of digits is read in linear time: %#', (title, docType) => {
    // The regex this replaces backtracked exponentially on runs of digits: 20 digits took 18 s.
    const started = performance.now();
    expect(docTypeOfTitle(title)?.docType ?? null).toBe(docType);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test.each([
    ['科技工作要点2016(试行)', '工作要点'],
    ['管理办法(试行)2015-2020', '办法'],
    ['实施方案 (2015年—2020年) 全文', '实施方案'],
    ['实施方案(2015-2020', '实施方案'],
  ])('trailing notes and years in any order: %s → %s', (title, docType) => {
    expect(docTypeOfTitle(title)?.docType).toBe(docType);
  });
});

describe('stripTemplateSuffix', () => {
  test.each([
    ['提升创新力工作方案范文', '提升创新力工作方案'],
    ['科学技术局2021年全市科技工作要点范文', '科学技术局2021年全市科技工作要点'],
    ['2010年科技工作要点(参考)', '2010年科技工作要点'],
    ['科技工作要点范文大全', '科技工作要点'],
    ['科技工作要点模板', '科技工作要点'],
    ['本溪市创新驱动实施方案', '本溪市创新驱动实施方案'],
    ['本溪市创新驱动实施方案(2015年—2020年)', '本溪市创新驱动实施方案(2015年—2020年)'],
  ])('%s → %s', (title, stripped) => {
    expect(stripTemplateSuffix(title)).toBe(stripped);
  });
});

describe('isTitleCandidate', () => {
  test.each([
    ['中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见'],
    ['本溪市创新驱动实施方案'],
    ['2011年全州科技工作要点'],
    ['提升创新力工作方案范文'],
    ['2009年多拉特乡科技工作要点'],
  ])('a title: %s', (line) => {
    expect(isTitleCandidate(line)).toBe(true);
  });

  test.each([
    ['numbering 一、', '一、提升自主创新能力工作的实施方案'],
    ['numbering (一)', '(一)关于进一步加强科技创新的实施意见'],
    ['numbering 1.', '1.实施3个高新技术产业带发展规划'],
    ['numbering 一是', '一是实施现代产业体系发展行动计划'],
    ['article 第一条', '第一条 本办法'],
    ['sentence punctuation 。', '现将有关事项通知。特此通知'],
    ['sentence punctuation ;', '现印发实施方案;请认真贯彻落实方案'],
    ['sentence punctuation ?', '想免费下载本文?免费下载工作方案'],
    ['a quoted title', '《关于支持省加快建设海峡西岸经济区的若干意见》'],
    ['a label', '工作要点:全面落实创新驱动实施方案'],
    ['too short', '方案'],
    ['too long', `${'科技'.repeat(45)}实施方案`],
    ['no document type', '嵊州市实施十大行动争创省创新型试点城市'],
  ])('not a title: %s', (_name, line) => {
    expect(isTitleCandidate(line)).toBe(false);
  });
});

describe('headingMarker', () => {
  test.each([
    ['第一章 总则', 'chapter', '第一章 '],
    ['第二部分 主要任务', 'part', '第二部分 '],
    ['一、总体要求', 'cn-dun', '一、'],
    ['十一、营造有利于创新创业的良好氛围', 'cn-dun', '十一、'],
    ['(一)坚持制度创新原则', 'cn-paren', '(一)'],
    ['(一)、继续完善我乡农村科技服务体系建设', 'cn-paren', '(一)、'],
    ['1.总体思路', 'arabic', '1.'],
    ['1、加大产学研结合创新力度', 'arabic', '1、'],
    ['12．加强科技特派员区域合作', 'arabic', '12．'],
    ['(1)加强组织领导', 'arabic-paren', '(1)'],
    ['①加强组织领导', 'circled', '①'],
    ['一是实施现代产业体系发展行动', 'shi', '一是'],
    ['第一条 为规范管理', 'article', '第一条 '],
  ])('%s → %s', (line, style, marker) => {
    expect(headingMarker(line)).toEqual({ style, marker });
  });

  test.each([
    ['a decimal number', '3.2020年,市级以上实验室'],
    ['a year', '2011年是“十二五”的开局之年'],
    ['no marker', '总体思路:按照科学发展观的要求'],
    ['empty', ''],
  ])('no marker: %s', (_name, line) => {
    expect(headingMarker(line)).toBeNull();
  });
});

describe('COMPILATION_MARKER', () => {
  test.each([
    ['第一篇:2011年全州科技工作要点', true],
    ['第五篇:科学技术局2021年全市科技工作要点范文', true],
    ['第十二篇 2013年全省科技工作要点', true],
    ['第一条 为规范管理', false],
    ['第一章 总则', false],
    ['第三次厅州会商', false],
  ])('%s → %s', (line, expected) => {
    expect(COMPILATION_MARKER.test(line)).toBe(expected);
  });
});

describe('isAgencyList', () => {
  test.each([
    ['市经济和信息化委'], // 001:87
    ['本溪高新区管委会'], // 001:89
    ['市科技产权局、市财政局'], // 001:96
    ['市发展改革委、市科技产权局、市教育局、市财政局、各县(区)政府'], // 001:127
    ['市经济和信息化委、市服务业委、 市智慧办、各县(区)政府'], // 001:149
    ['市科技局、市人力资源社会保障局、市总工会、团市委、市妇联、市科协等'],
    ['湘西自治州科学技术局'], // 002:3
    ['中共青岛市委、青岛市人民政府'],
    ['市政府金融办'], // 001:136
  ])('agencies: %s', (line) => {
    expect(isAgencyList(line)).toBe(true);
  });

  test.each([
    ['a heading', '一、总体要求'],
    ['a table header', '牵头落实部门'],
    ['a responsibility note', '市科技局牵头负责,市经贸局配合'],
    ['a title', '提升创新力工作方案'],
    ['a sentence', '市科技局、市财政局。'],
    ['empty', ''],
    ['only separators', '、 、'],
  ])('not agencies: %s', (_name, line) => {
    expect(isAgencyList(line)).toBe(false);
  });
});

describe('isProse', () => {
  test.each([
    ['根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:', true],
    ['2011年全州科技工作要点', false],
    ['市发展改革委、市科技产权局', false],
  ])('%s → %s', (line, expected) => {
    expect(isProse(line)).toBe(expected);
  });
});

describe('Chinese numerals', () => {
  test.each([
    ['二〇一六', 2016],
    ['二零零四', 2004],
    ['二〇二一', 2021],
    ['一九四九', 1949],
  ])('parseChineseYear(%s) = %i', (text, year) => {
    expect(parseChineseYear(text)).toBe(year);
  });

  test.each([['2016'], ['二〇一'], ['二〇一六年'], ['二〇一十'], ['']])('parseChineseYear(%s) = null', (text) => {
    expect(parseChineseYear(text)).toBeNull();
  });

  test.each([
    ['十三', 13],
    ['二十', 20],
    ['十', 10],
    ['二十三', 23],
    ['十四', 14],
    ['五', 5],
    ['一百', 100],
    ['一百零五', 105],
    ['两百', 200],
    ['12', 12],
  ])('parseChineseNumber(%s) = %i', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  test.each([['十三x'], ['abc'], ['十三年']])('parseChineseNumber(%s) = null', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });

  test('parseChineseNumber of an empty string is null, not 0', () => {
    // BUG (patterns.ts parseChineseNumber): the loop never runs and `total + current` is 0.
    expect(parseChineseNumber('')).toBeNull();
  });

  test.each([
    [1948, false],
    [1949, true],
    [2016, true],
    [2100, true],
    [2101, false],
  ])('isPlausibleYear(%i) = %s', (year, expected) => {
    expect(isPlausibleYear(year)).toBe(expected);
  });
});
