/**
 * dedupe: paragraphs repeated within a document are dropped with a warning at
 * the repeat; short lines, agency lists and the body-vs-attachment split are
 * left alone. Segments come from seed excerpts through the real stages.
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { dedupeParagraphs } from './dedupe.ts';
import { normalizeText } from './normalize.ts';
import { splitDocuments } from './split.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';
import type { CleanSegment } from './types.ts';

function clean(text: string, file: VFile): CleanSegment {
  const [segment, ...rest] = splitDocuments(normalizeText(text, file), file);
  if (!segment || rest.length > 0) throw new Error('expected one segment');
  return stripBoilerplate(segment, file);
}

function dedupe(text: string, options: { minChars?: number } = {}): { segment: CleanSegment; before: CleanSegment; file: VFile } {
  const file = new VFile({ path: 'seeds/嵊州市新闻.txt' });
  const before = clean(text, file);
  return { segment: dedupeParagraphs(before, file, options), before, file };
}

function warnings(file: VFile): [number | undefined, number | undefined, boolean | null | undefined][] {
  return file.messages.filter((m) => m.ruleId === 'duplicate-paragraph').map((m) => [m.line, m.column, m.fatal]);
}

/** Seed 003 lines 5–6 (the page repeats lines 5–14 as lines 15–24). */
const ONE = '一是实施现代产业体系发展行动。培育战略性新兴产业,每年设立3亿元专项资金,重点发展先进装备制造、新材料、电子信息、生物医药等战略性新兴产业。';
const TWO = '二是企业创新主体地位培育行动。大力培育创新型企业,实施小微企业成长计划和春苗培育计划,加大对科技初创型企业创新扶持力度。';
const HEAD = ['新闻动态', '您当前位置:首页 - 新闻动态', '嵊州市实施十大行动争创省创新型试点城市'];

describe('dedupeParagraphs: repeated paragraphs', () => {
  test('seed 003: a repeated block is removed, with a warning at each repeat and a pointer to the first', () => {
    const { segment, file } = dedupe([...HEAD, ONE, TWO, ONE, TWO].join('\n'));
    expect(segment.body.map((l) => l.line)).toEqual([4, 5]);
    expect(segment.removed.filter((r) => r.rule === 'duplicate-paragraph').map((r) => r.line.line)).toEqual([6, 7]);
    expect(warnings(file)).toEqual([
      [6, 1, false],
      [7, 1, false],
    ]);
    const first = file.messages.find((m) => m.ruleId === 'duplicate-paragraph');
    expect(first?.reason).toContain('first at line 4');
    expect(first?.cause).toBeInstanceOf(Error);
    expect((first?.cause as Error).message).toBe('see seeds/嵊州市新闻.txt:4:1');
  });

  test('the warning points at the column where the repeat starts (indented repeat)', () => {
    const { file } = dedupe([...HEAD, ONE, `\u3000\u3000${ONE}`].join('\n'));
    expect(warnings(file)).toEqual([[5, 3, false]]);
  });

  test.each([
    ['full-width punctuation', ONE.replace(/,/gu, '，')],
    ['extra spaces', ONE.replace('。', '。 ')],
    ['traditional script', '一是實施現代產業體系發展行動。培育戰略性新興產業,每年設立3億元專項資金,重點發展先進裝備製造、新材料、電子信息、生物醫藥等戰略性新興產業。'],
  ])('a repeat that differs only by %s is still a repeat', (_name, repeat) => {
    const { segment, file } = dedupe([...HEAD, ONE, repeat].join('\n'));
    expect(segment.body.map((l) => l.line)).toEqual([4]);
    expect(warnings(file)).toEqual([[5, 1, false]]);
  });

  test('a paragraph that differs by a word is kept', () => {
    const { segment, file } = dedupe([...HEAD, ONE, ONE.replace('3亿元', '5亿元')].join('\n'));
    expect(segment.body.map((l) => l.line)).toEqual([4, 5]);
    expect(warnings(file)).toEqual([]);
  });
});

describe('dedupeParagraphs: what is never deduplicated', () => {
  test.each([
    ['a short heading', '(一)坚持制度创新原则'],
    ['a single agency (seed 001 lines 95, 98, 101…)', '市经济和信息化委'],
    ['an agency list longer than minChars (seed 001 lines 127, 129)', '市发展改革委、市科技产权局、市教育局、市财政局、各县(区)政府'],
    ['an agency list with 等', '市科技局、市人力资源社会保障局、市总工会、团市委、市妇联、市科协等'],
  ])('%s', (_name, line) => {
    const text = ['本溪市创新驱动实施方案', '一、总体思路', ONE, line, TWO, line, line].join('\n');
    const { segment, file } = dedupe(text);
    expect(segment.body.filter((l) => l.text === line).map((l) => l.line)).toEqual([4, 6, 7]);
    expect(warnings(file)).toEqual([]);
  });

  test('minChars is an option', () => {
    const text = ['本溪市创新驱动实施方案', '一、总体思路', '(一)坚持制度创新原则', ONE, '(一)坚持制度创新原则'].join('\n');
    expect(warnings(dedupe(text, { minChars: 5 }).file)).toEqual([[5, 1, false]]);
  });

  test('empty body → empty body, no messages', () => {
    const file = new VFile();
    const segment: CleanSegment = { index: 0, lines: [], compilationHeading: null, titleLine: null, pageTitleLines: [], body: [], removed: [], pageMeta: [], header: [] };
    expect(dedupeParagraphs(segment, file).body).toEqual([]);
    expect(file.messages).toEqual([]);
  });
});

describe('dedupeParagraphs: body and attachment are compared separately', () => {
  // Seed 001: the goal of the body (line 31) is restated in the attachment table (line 85).
  const GOAL = '到2020年,迈入全省创新驱动发展的城市行列,把我市打造成国家自主创新示范区的重要区域。';
  const GROUP = '(一)实施企业做强做优工程,强化企业自主创新能力';

  test('a body paragraph restated in the attachment is kept in both places', () => {
    const text = ['本溪市创新驱动实施方案', '三、发展目标', GOAL, '附件:1.本溪市创新驱动(2015年—2020年)工作目标分解表', GOAL].join('\n');
    const { segment, file } = dedupe(text);
    expect(segment.body.filter((l) => l.text === GOAL).map((l) => l.line)).toEqual([3, 5]);
    expect(warnings(file)).toEqual([]);
  });

  test('a repeat inside the attachment is removed (seed 001 line 109 repeats line 93)', () => {
    const text = [
      '本溪市创新驱动实施方案',
      GROUP,
      '附件:2.本溪市创新驱动(2015年—2020年)工作任务分解表',
      GROUP,
      '市经济和信息化委',
      GROUP,
    ].join('\n');
    const { segment, file } = dedupe(text);
    expect(segment.body.filter((l) => l.text === GROUP).map((l) => l.line)).toEqual([2, 4]);
    expect(warnings(file)).toEqual([[6, 1, false]]);
  });

  test('the input segment is not changed', () => {
    const { before } = dedupe([...HEAD, ONE, ONE].join('\n'));
    expect(before.body.map((l) => l.line)).toEqual([4, 5]);
    expect(before.removed.some((r) => r.rule === 'duplicate-paragraph')).toBe(false);
  });
});
