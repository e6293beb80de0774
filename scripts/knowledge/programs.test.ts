import { describe, expect, test } from 'vitest';
import { paragraphSchema, type Section } from '../../src/lib/schema.ts';
import { glossaryEntrySchema, type GlossaryEntry } from '../../src/lib/vocabulary.ts';
import { findPrograms, slugifyLocalProgram } from './programs.ts';

const entry = (fields: Record<string, unknown>): GlossaryEntry => glossaryEntrySchema.parse({ nameEn: 'x', ...fields });

const GLOSSARY: GlossaryEntry[] = [
  entry({ slug: 'spark', name: '星火计划', aliases: ['星火科技计划'] }),
  entry({ slug: 'thousand-talents', name: '千人计划', aliases: ['青年千人计划'] }),
  entry({ slug: 'program-863', name: '863计划', patterns: [{ pattern: '(?<![0-9])863”?计划' }] }),
  entry({ slug: 'high-tech-enterprise', name: '高新技术企业认定', aliases: ['高新技术企业'], patterns: [{ pattern: '(?<![提升增抬])高企(?!业)' }] }),
  entry({ slug: 'incubator', name: '科技企业孵化器', aliases: ['孵化器'], exclude: ['孵化器材'] }),
  entry({ slug: 'mass-entrepreneurship', name: '大众创业、万众创新', patterns: [{ pattern: '“双创”' }] }),
];

let line = 0;
const para = (text: string) => {
  line += 1;
  return paragraphSchema.parse({ id: `p-${line.toString(36)}y`, text, line });
};
const doc = (texts: string[], title = '某某工作要点', sections: Section[] = []) => ({ title, sections, paragraphs: texts.map(para) });
const found = (text: string, options = {}) => findPrograms(doc([text]), GLOSSARY, options).map((m) => [m.slug, m.name, m.variants]);

describe('findPrograms: glossary entries', () => {
  test.each([
    ['the name', '大力实施星火计划。', [['spark', '星火计划', ['星火计划']]]],
    ['an alias', '实施星火科技计划。', [['spark', '星火计划', ['星火科技计划']]]],
    ['the longest spelling wins: 青年千人计划 is one mention', '引进“青年千人计划”人才2名。', [['thousand-talents', '千人计划', ['青年千人计划']]]],
    ['a pattern', '承担“863”计划项目。', [['program-863', '863计划', ['863”计划']]]],
    ['a number inside a longer number is not the program', '编号1863计划书。', []],
    ['高企 as a program', '服务高企认定成效明显。', [['high-tech-enterprise', '高新技术企业认定', ['高企']]]],
    ['提高企业 is not 高企', '提高企业的信息化水平。', []],
    ['an excluded phrase', '采购孵化器材一批。', []],
    ['the quoted short form only', '持续打造“双创”升级版,落实双创人才政策。', [['mass-entrepreneurship', '大众创业、万众创新', ['“双创”']]]],
    ['full-width text with nothing to find', '加强科技创新，提升自主创新能力。', []],
  ])('%s', (_, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('counts every mention, records paragraphs once, sorts by count then slug', () => {
    const d = doc(['实施星火计划和千人计划,深化星火计划。', '推进孵化器建设。', '千人计划专家。']);
    const [a, b, c] = d.paragraphs;
    expect(findPrograms(d, GLOSSARY).map((m) => [m.slug, m.count, m.paragraphIds])).toEqual([
      ['spark', 2, [a?.id]],
      ['thousand-talents', 2, [a?.id, c?.id]],
      ['incubator', 1, [b?.id]],
    ]);
  });

  test('the title and headings count, without a paragraph id', () => {
    const sections: Section[] = [{ id: 's-1', title: '一、实施星火计划', depth: 1, line: 2, children: [{ id: 's-2', title: '(一)建设孵化器', depth: 2, line: 3, children: [] }] }];
    const d = doc(['推进星火计划。'], '关于实施星火计划的意见', sections);
    expect(findPrograms(d, GLOSSARY).map((m) => [m.slug, m.count, m.paragraphIds])).toEqual([
      ['spark', 3, [d.paragraphs[0]?.id]],
      ['incubator', 1, []],
    ]);
  });

  test('an empty document or glossary gives nothing, and the input is not changed', () => {
    expect(findPrograms(doc([]), GLOSSARY)).toEqual([]);
    expect(findPrograms(doc(['实施星火计划。']), [])).toEqual([]);
    const d = doc(['实施星火计划。']);
    const before = structuredClone(d);
    findPrograms(d, GLOSSARY);
    expect(d).toEqual(before);
  });
});

describe('findPrograms: quoted local initiatives', () => {
  test.each([
    ['a numbered initiative', '通过实施“331”工程,激发企业活力。', [['local-331-gongcheng', '“331”工程', ['“331”工程']]]],
    ['a quoted full name', '加快实施“千帆计划”,开展试点。', [['local-qianfanjihua', '千帆计划', ['“千帆计划”']]]],
    ['words between the name and 工程', '推进“创业中国”某市示范工程。', [['local-chuangyezhongguo-moushishifangongcheng', '“创业中国”某市示范工程', ['“创业中国”某市示范工程']]]],
    ['a three-year action plan', '开展“专利清零”三年行动计划。', [['local-zhuanliqingling-sannianxingdongjihua', '“专利清零”三年行动计划', ['“专利清零”三年行动计划']]]],
    ['a quoted slogan list is not a name', '采取“走出去、请进来”计划。', []],
    ['等 before 工程: an example, not a name', '实施“某市制造2025”等重大工程。', []],
    ['a strategy or a five-year plan is not an initiative', '实施“163”发展战略,编制“十三五”规划。', []],
    ['too many words between', '落实“6+1”科技创新平台新一轮建设计划。', []],
    ['a quoted glossary name stays the glossary entry', '中组部“千人计划”人才。', [['thousand-talents', '千人计划', ['千人计划']]]],
  ])('%s', (_, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('an unclosed quote and a long text are read without trouble', () => {
    expect(found(`“${'创新'.repeat(50_000)}实施星火计划。`)).toEqual([['spark', '星火计划', ['星火计划']]]);
  });

  test('local: false reports glossary entries only', () => {
    expect(found('实施“331”工程和星火计划。', { local: false })).toEqual([['spark', '星火计划', ['星火计划']]]);
  });

  test('maxLocalGap bounds the words between name and program word', () => {
    expect(found('推进“创业中国”某市示范工程。', { maxLocalGap: 2 })).toEqual([]);
  });
});

describe('slugifyLocalProgram', () => {
  test.each([
    ['“331”工程', 'local-331-gongcheng'],
    ['千帆计划', 'local-qianfanjihua'],
    ['英才211计划', 'local-yingcai-211-jihua'],
    ['“绿色”行动', 'local-lvse-xingdong'],
  ])('%s → %s', (name, slug) => {
    expect(slugifyLocalProgram(name)).toBe(slug);
  });

  test('long names are cut and keep a hash, so that two long names stay apart', () => {
    const a = slugifyLocalProgram('推进文化科技融合发展与现代服务业协同创新三年行动计划');
    const b = slugifyLocalProgram('推进文化科技融合发展与现代服务业协同创新五年行动计划');
    expect(a.length).toBeLessThanOrEqual(55);
    expect(a).toMatch(/^local-[a-z0-9-]+-[a-z0-9]{6}$/u);
    expect(a).not.toBe(b);
  });
});
