/**
 * normalize: decoded text → logical lines. Columns must stay true to the
 * seed file (diagnostics and evidence point at them), so every case checks
 * the column where the cleaned line starts, not just its text.
 */
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { normalizeText, simplify } from './normalize.ts';

function run(text: string, path = 'seeds/x.txt'): { lines: ReturnType<typeof normalizeText>; file: VFile } {
  const file = new VFile({ path });
  return { lines: normalizeText(text, file), file };
}

function messages(file: VFile, ruleId: string): { line: number | undefined; column: number | undefined; fatal: boolean | null | undefined }[] {
  return file.messages.filter((m) => m.ruleId === ruleId).map((m) => ({ line: m.line, column: m.column, fatal: m.fatal }));
}

function shape(lines: ReturnType<typeof normalizeText>): [string, number, number][] {
  return lines.map((l) => [l.text, l.line, l.column]);
}

/** Seed 001 line 6 (a whole page flattened onto one line): its first 261 characters. */
const SEED_001_LINE_6 =
  '  为全面贯彻落实中央、省实施创新驱动发展战略的部署要求,现就大力实施创新驱动发展战略,全力打好“三创”(创新、创业、创客)发展战役,加快打造创新之城、创业之都、创客之岛,提出如下意见。  一、总体要求  1.总体思路  实施创新驱动发展战略、打好“三创”发展战役,就是把创新驱动作为城市发展的核心,以科技为要、人才为本、教育为基、文化为魂,推动以科技创新为核心的全面创新,破除一切制约创新的思想障碍和制度藩篱,激发全社会创新活力和创造潜能,营造大众创业、万众创新的政策环境和制度环境,加快汇聚起经济社会发展的强大新动能。';

describe('normalizeText: HTML-entity debris', () => {
  test.each([
    // [seed line as scraped, cleaned text, column where it starts]
    ['发布时间:日&&&&&&来源:本溪市政务公开办&&&&&&点击:3401', '发布时间:日 来源:本溪市政务公开办 点击:3401', 1],
    ['本溪市创新驱动实施方案&#年&#年)', '本溪市创新驱动实施方案 年 年)', 1],
    ['&&&&&&&本溪市创新驱动(2015年—2020年)工作目标分解表', '本溪市创新驱动(2015年—2020年)工作目标分解表', 8],
    ['&&&&1.选择支持30户有实力、有潜力的大型企业。', '1.选择支持30户有实力、有潜力的大型企业。', 5],
    ['&&&市旅游发展委', '市旅游发展委', 4],
    ['&&&&& 2.本溪市创新驱动(2015年—2020年)工作任务分解表', '2.本溪市创新驱动(2015年—2020年)工作任务分解表', 7],
    ['市经济和信息化委、市服务业委、 &&市智慧办、各县(区)政府', '市经济和信息化委、市服务业委、 市智慧办、各县(区)政府', 1],
  ])('%s → %s at column %i', (raw, text, column) => {
    const { lines, file } = run(`第一行\n${raw}`);
    expect(shape(lines)[1]).toEqual([text, 2, column]);
    expect(lines[1]?.text).not.toMatch(/&/u);
    expect(messages(file, 'entity-debris')).toEqual([{ line: 2, column: 1, fatal: undefined }]);
  });

  test.each([
    ['R&D in prose (seed 000 line 15)', 'R&D投入占全市生产总值比重力争超过全国平均水平'],
    ['a single ampersand between words', '科技&金融结合试点'],
  ])('keeps a real ampersand: %s', (_name, raw) => {
    const { lines, file } = run(raw);
    expect(lines[0]?.text).toBe(raw);
    expect(messages(file, 'entity-debris')).toEqual([]);
  });

  test('a lone & standing between spaces is debris', () => {
    expect(run('市科技局 & 市财政局').lines[0]?.text).toBe('市科技局 市财政局');
  });
});

describe('normalizeText: real HTML entities', () => {
  test.each([
    ['&nbsp; between label and value', '制发机关:&nbsp;&nbsp;湘西州科学技术局', '制发机关: 湘西州科学技术局', 1],
    ['&nbsp; without its semicolon', '发布日期:&nbsp2016年7月8日', '发布日期: 2016年7月8日', 1],
    ['leading &nbsp; moves the column', '&nbsp;&nbsp;为贯彻落实全省科技工作会议精神。', '为贯彻落实全省科技工作会议精神。', 13],
    ['&lt; and &gt;', '第&lt;一&gt;条 科技&amp;金融', '第<一>条 科技&金融', 1],
    ['numeric references', '&#20013;&#x56FD;科技', '中国科技', 1],
    ['&ldquo; &rdquo; quotes', '打好&ldquo;三创&rdquo;发展战役', '打好“三创”发展战役', 1],
  ])('%s', (_name, raw, text, column) => {
    expect(shape(run(raw).lines)).toEqual([[text, 1, column]]);
  });

  test('an encoded leading space (&#12288;) keeps the column of the first visible character', () => {
    // BUG (normalize.ts cleanPiece): entities are decoded before the leading white space is
    // measured, so `&#12288;&#12288;` (16 characters in the file) counts as 2 and the line
    // is placed at column 3 instead of 17.
    expect(shape(run('&#12288;&#12288;一、总体要求').lines)).toEqual([['一、总体要求', 1, 17]]);
  });
});

describe('normalizeText: white space', () => {
  test.each([
    ['ideographic spaces (U+3000) as indent', '\u3000\u3000为贯彻落实全省科技工作会议精神。', '为贯彻落实全省科技工作会议精神。', 3],
    ['NBSP inside a line', '发布日期:\u00a02016年7月8日', '发布日期: 2016年7月8日', 1],
    ['mixed U+3000, NBSP, tab inside', '湘西自治州\u3000\u00a0\t科学技术局', '湘西自治州 科学技术局', 1],
    ['trailing spaces dropped', '一、总体思路   \u3000', '一、总体思路', 1],
    ['tab indent', '\t(一)坚持制度创新原则', '(一)坚持制度创新原则', 2],
  ])('%s', (_name, raw, text, column) => {
    expect(shape(run(raw).lines)).toEqual([[text, 1, column]]);
  });

  test('empty and whitespace-only lines produce no logical line but keep the numbering', () => {
    const { lines } = run('本溪市创新驱动实施方案\n\n\u3000\u3000\n\u00a0\n一、总体思路');
    expect(shape(lines)).toEqual([
      ['本溪市创新驱动实施方案', 1, 1],
      ['一、总体思路', 5, 1],
    ]);
  });

  test('empty input gives no lines and no messages', () => {
    const { lines, file } = run('');
    expect(lines).toEqual([]);
    expect(file.messages).toEqual([]);
  });
});

describe('normalizeText: flattened pages (seed 001 line 6)', () => {
  test('splits at runs of spaces into logical lines with 1-based columns in the physical line', () => {
    const { lines, file } = run(`中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见\n制发机关:\n发布日期:\n\n\n${SEED_001_LINE_6}`);
    const six = lines.filter((l) => l.line === 6);
    expect(six.map((l) => [l.text.slice(0, 8), l.column])).toEqual([
      ['为全面贯彻落实中', 3],
      ['一、总体要求', 96],
      ['1.总体思路', 104],
      ['实施创新驱动发展', 112],
    ]);
    // Each logical line is found at its column in the physical line.
    for (const line of six) expect(SEED_001_LINE_6.slice(line.column - 1, line.column - 1 + line.text.length)).toBe(line.text);
    expect(messages(file, 'flattened-line')).toEqual([{ line: 6, column: 1, fatal: undefined }]);
  });

  test('a short line with a run of spaces is not split (seed 001 line 149)', () => {
    const raw = '市经济和信息化委、市服务业委、  市智慧办、各县(区)政府';
    expect(shape(run(raw).lines)).toEqual([['市经济和信息化委、市服务业委、 市智慧办、各县(区)政府', 1, 1]]);
  });

  test('a long line without runs of spaces stays one line', () => {
    const raw = '第'.repeat(10) + '一'.repeat(150) + '。';
    const { lines, file } = run(raw);
    expect(lines).toHaveLength(1);
    expect(messages(file, 'flattened-line')).toEqual([]);
  });

  test('the threshold is an option', () => {
    const { lines } = (() => {
      const file = new VFile({ path: 'seeds/x.txt' });
      return { lines: normalizeText('一、总体要求  1.总体思路  2.基本原则', file, { flattenedMinLength: 10 }) };
    })();
    expect(shape(lines)).toEqual([
      ['一、总体要求', 1, 1],
      ['1.总体思路', 1, 9],
      ['2.基本原则', 1, 17],
    ]);
  });
});

describe('normalizeText: invisible and broken characters', () => {
  test.each([
    // seed 004 line 19: an icon-font glyph after the heading
    ['(一)通过全国科技进步考核阶段(2004年3月-2005年6月)\ue621', '(一)通过全国科技进步考核阶段(2004年3月-2005年6月)', 33, 'E621'],
    // seed 004 line 25
    ['3、组织申报2005年1-2月\ue621。创建工作领导小组全面检查各责任单位考核指标的落实情况。', '3、组织申报2005年1-2月。创建工作领导小组全面检查各责任单位考核指标的落实情况。', 16, 'E621'],
  ])('private-use character in %s is removed with a warning at its column', (raw, text, column, code) => {
    const { lines, file } = run(`第一行\n${raw}`, 'seeds/科技先进城市创建工作实施方案.txt');
    expect(lines[1]?.text).toBe(text);
    const found = file.messages.filter((m) => m.ruleId === 'private-use-character');
    expect(found.map((m) => [m.line, m.column, m.fatal])).toEqual([[2, column, false]]);
    expect(found[0]?.reason).toContain(`U+${code}`);
    expect(found[0]?.file).toBe('seeds/科技先进城市创建工作实施方案.txt');
  });

  test('a supplementary private-use character (plane 15, U+F0000) is removed with a warning', () => {
    // BUG (normalize.ts PRIVATE_USE): the pattern `[\udb80-\udbff][\udc00-\udfff]` is compiled
    // with the `u` flag, where a class of surrogates only matches lone surrogates, never the
    // halves of a pair, so U+F0000–U+10FFFF icon glyphs stay in the text unreported.
    // Expected: removed like U+E621, with the warning at column 3. (Fix: `[\u{F0000}-\u{10FFFF}]`.)
    const { lines, file } = run('科技\u{F0000}工作要点');
    expect(lines[0]?.text).toBe('科技工作要点');
    expect(messages(file, 'private-use-character')).toEqual([{ line: 1, column: 3, fatal: false }]);
  });

  test.each([
    ['BEL', '科技\u0007工作要点', 3, '0007'],
    ['NUL', '科技工作\u0000要点', 5, '0000'],
    ['form feed', '\u000c一、总体要求', 1, '000C'],
    ['C1 control', '湘西州\u0085科学技术局', 4, '0085'],
  ])('control character %s is removed with a warning at its column', (_name, raw, column, code) => {
    const { lines, file } = run(raw);
    expect(lines[0]?.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u);
    expect(lines[0]?.text.replace(/ /gu, '')).toBe(raw.replace(/[\u0000-\u001f\u0085]/gu, ''));
    const found = file.messages.filter((m) => m.ruleId === 'control-character');
    expect(found.map((m) => [m.line, m.column, m.fatal])).toEqual([[1, column, false]]);
    expect(found[0]?.reason).toContain(`U+${code}`);
  });

  test('zero-width characters and soft hyphens vanish silently', () => {
    const { lines, file } = run('科技\u200b工作\u00ad要点\u2060');
    expect(lines[0]?.text).toBe('科技工作要点');
    expect(file.messages).toEqual([]);
  });

  test.each([
    ['a cut character at the end (seed 000 style)', '以致力推动产业振兴、经济发展方式\ufffd', true],
    ['no U+FFFD', '以致力推动产业振兴、经济发展方式转变。', false],
  ])('replacementChar: %s', (_name, raw, expected) => {
    expect(run(raw).lines[0]?.replacementChar).toBe(expected);
  });

  test('a lone surrogate becomes U+FFFD with an invalid-character warning', () => {
    const { lines, file } = run('第二行\n科技\ud800工作要点');
    expect(lines[1]).toMatchObject({ text: '科技\ufffd工作要点', replacementChar: true });
    expect(messages(file, 'invalid-character')).toEqual([{ line: 2, column: 3, fatal: false }]);
  });
});

describe('normalizeText: traditional script', () => {
  test('text keeps the original, match is simplified and the same length', () => {
    const raw = '科學技術局關於加強科技創新平台建設的通知';
    const { lines, file } = run(`第一篇:2011年全州科技工作要点\n\u3000${raw}`);
    const line = lines[1];
    expect(line?.text).toBe(raw);
    expect(line?.match).toBe('科学技术局关于加强科技创新平台建设的通知');
    expect(line?.match.length).toBe(raw.length);
    expect(messages(file, 'traditional-script')).toEqual([{ line: 2, column: 2, fatal: undefined }]);
  });

  test('match stays the same length even when OpenCC changes length (per-character fallback)', () => {
    for (const raw of ['臺灣省資訊科技發展規劃', '於是乎著手於軟體開發']) {
      const line = run(raw).lines[0];
      expect(line?.match.length).toBe(raw.length);
    }
  });

  test('simplified text gets match === text and no traditional-script message', () => {
    const raw = '我市按照省委、省政府的决策部署,实施十大创新行动,积极开展省创新试点城市创建活动。';
    const { lines, file } = run(raw);
    expect(lines[0]?.match).toBe(raw);
    expect(messages(file, 'traditional-script')).toEqual([]);
  });

  test('simplified 显著 / 著称 (seed 003 line 4, seed 001 line 31) is not mistaken for traditional script', () => {
    // BUG (normalize.ts matchCopy/simplify): OpenCC `tw → cn` rewrites 著 to 着 in words
    // that mainland text also writes with 著, so plain simplified lines (创新能力显著增强,
    // 枫叶之都著称) get a `match` copy with 显着/着称 and a `traditional-script` message.
    const raw = '创新资源有效集聚,创新能力显著增强,以绿色钢都、中国药都和枫叶之都著称。';
    const { lines, file } = run(raw);
    expect(lines[0]?.match).toBe(raw);
    expect(messages(file, 'traditional-script')).toEqual([]);
  });

  test('simplify converts a traditional phrase', () => {
    expect(simplify('關於進一步加強科技創新的實施意見')).toBe('关于进一步加强科技创新的实施意见');
  });
});

describe('normalizeText: line endings', () => {
  test.each([
    ['LF', '一、总体思路\n二、基本原则\n三、发展目标'],
    ['CRLF', '一、总体思路\r\n二、基本原则\r\n三、发展目标'],
    ['lone CR (old Mac)', '一、总体思路\r二、基本原则\r三、发展目标'],
    ['mixed', '一、总体思路\r\n二、基本原则\r三、发展目标'],
    ['Unicode line separator', '一、总体思路\u2028二、基本原则\u2029三、发展目标'],
  ])('%s gives three lines numbered 1–3', (_name, raw) => {
    expect(shape(run(raw).lines)).toEqual([
      ['一、总体思路', 1, 1],
      ['二、基本原则', 2, 1],
      ['三、发展目标', 3, 1],
    ]);
  });

  test('CRLF + blank lines count like the seed file (seed 004 lines 1–7)', () => {
    const raw = '科技先进城市创建工作实施方案\r\n\r\n时间:2022-11-15 02:12:00\r\n\r\n导语:科技先进城市创建工作实施方案一文来源于网友上传。\r\n\r\n科技先进城市创建工作实施方案\r\n';
    expect(run(raw).lines.map((l) => l.line)).toEqual([1, 3, 5, 7]);
  });

  test('no line keeps a CR', () => {
    for (const line of run('甲\r\n乙\r丙\n').lines) expect(line.text).not.toMatch(/\r/u);
  });
});

describe('normalizeText: hostile lines', () => {
  /** Sentences of a plan, each ending in 。, numbered so none repeats. */
  const sentences = (count: number): string => Array.from({ length: count }, (_, i) => `第${i + 1}项任务是推动产业集群的企业加大研发投入。`).join('');

  test('a line longer than maxLineLength is split after each sentence end, columns true, nothing lost', () => {
    const raw = sentences(1000); // about 24,000 characters without a line break
    const { lines, file } = run(`标题\n${raw}`);
    const two = lines.filter((l) => l.line === 2);
    expect(two).toHaveLength(1000);
    expect(two.map((l) => l.text).join('')).toBe(raw);
    for (const line of two) expect(raw.slice(line.column - 1, line.column - 1 + line.text.length)).toBe(line.text);
    const found = file.messages.filter((m) => m.ruleId === 'long-line');
    expect(found.map((m) => [m.line, m.column, m.fatal])).toEqual([[2, 1, false]]);
    expect(found[0]?.reason).toBe(`Unexpected ${raw.length} characters without a line break, expected paragraphs of at most 10000; split after sentence ends into 1000 lines`);
  });

  test('a line at or under the limit is left alone', () => {
    const raw = sentences(10);
    const file = new VFile({ path: 'seeds/x.txt' });
    expect(normalizeText(raw, file, { maxLineLength: raw.length })).toHaveLength(1);
    expect(file.messages).toEqual([]);
  });

  test('a stretch without sentence ends is cut at the limit, never inside a surrogate pair', () => {
    const file = new VFile({ path: 'seeds/x.txt' });
    const raw = `科技${'𠀀'.repeat(6)}工作`; // 𠀀 is two UTF-16 units
    const lines = normalizeText(raw, file, { maxLineLength: 5 });
    expect(lines.map((l) => l.text)).toEqual(['科技𠀀', '𠀀𠀀', '𠀀𠀀', '𠀀工作']);
    expect(lines.map((l) => l.column)).toEqual([1, 5, 9, 13]);
    expect(lines.every((l) => !l.replacementChar)).toBe(true);
  });

  test('an entity in a line of 300,000 characters is decoded (no spread of every character onto the stack)', () => {
    const file = new VFile({ path: 'seeds/x.txt' });
    const raw = `${'科'.repeat(300_000)}&lt;b&gt;`;
    const [line] = normalizeText(raw, file, { maxLineLength: Number.POSITIVE_INFINITY });
    expect(line?.text.endsWith('<b>')).toBe(true);
    expect(line?.text).toHaveLength(300_003);
  });

  test.each([
    ['right-to-left override and pop (Trojan source)', '关于加强科研诚信建设的\u202e见意施实\u202c', '关于加强科研诚信建设的见意施实', [12, 17]],
    ['isolates', '为加强\u2066科研诚信\u2069建设', '为加强科研诚信建设', [4, 9]],
    ['marks', '科研\u200f诚信\u200e档案', '科研诚信档案', [3, 6]],
  ])('bidirectional controls (%s) are removed with a control-character warning at each', (_name, raw, text, columns) => {
    const { lines, file } = run(raw);
    expect(lines[0]?.text).toBe(text);
    const found = file.messages.filter((m) => m.ruleId === 'control-character');
    expect(found.map((m) => [m.line, m.column, m.fatal])).toEqual(columns.map((column) => [1, column, false]));
    expect(found[0]?.reason).toMatch(/^Unexpected bidirectional control character U\+[0-9A-F]{4} /u);
  });

  test('a line that needs no cleaning keeps its text and columns, without a column map', () => {
    const { lines, file } = run('第一条 为规范科技计划管理，制定本办法。');
    expect(lines).toEqual([{ text: '第一条 为规范科技计划管理，制定本办法。', match: '第一条 为规范科技计划管理，制定本办法。', line: 1, column: 1, replacementChar: false }]);
    expect(file.messages).toEqual([]);
  });
});
