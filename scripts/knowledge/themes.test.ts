import { describe, expect, test } from 'vitest';
import type { DocumentRecord, Paragraph, Section } from '../../src/lib/schema.ts';
import { themeEntrySchema, type ThemeEntry } from '../../src/lib/vocabulary.ts';
import { loadKnowledgeBase } from './index.ts';
import { compileThemes, scoreText, tagThemes } from './themes.ts';

/** A small vocabulary written for these tests (not the project's). */
const vocabulary: ThemeEntry[] = [
  {
    slug: 'talent',
    name: '人才',
    nameEn: 'Talent',
    order: 1,
    terms: ['人才', { term: '高层次人才', weight: 1.5 }],
    exclude: ['人才济济'],
  },
  {
    slug: 'finance',
    name: '科技金融',
    nameEn: 'Finance',
    order: 2,
    terms: ['融资', { term: '知识产权质押', weight: 1.5 }, { term: 'R&D基金', weight: 2 }],
  },
  {
    slug: 'ip',
    name: '知识产权',
    nameEn: 'IP',
    order: 3,
    terms: ['知识产权', { term: '专利', weight: 0.75 }],
    patterns: [{ pattern: '专利[^,,。]{0,4}申请', weight: 0.5, note: '专利申请' }],
  },
  {
    slug: 'governance',
    name: '组织保障与考核',
    nameEn: 'Governance',
    order: 4,
    terms: [{ term: '考核', weight: 1.5 }, { term: '领导小组', weight: 1.5 }],
  },
].map((entry) => themeEntrySchema.parse(entry));

const section = (id: string, title: string, children: Section[] = [], depth = 1): Section => ({ id, title, depth, line: 1, children });
let counter = 0;
const paragraph = (text: string, sectionPath: string[] = [], kind: Paragraph['kind'] = 'paragraph'): Paragraph => ({
  id: `p-${(counter++).toString(36)}`,
  text,
  line: 1,
  sectionPath,
  kind,
  truncated: false,
  themes: [],
  instruments: [],
});
const doc = (paragraphs: Paragraph[], sections: Section[] = []): Pick<DocumentRecord, 'title' | 'sections' | 'paragraphs'> => ({ title: '测试文件', sections, paragraphs });

describe('scoreText', () => {
  test.each<[string, string, Record<string, [number, string[]]>]>([
    ['the longest term of a theme wins at a position', '引进高层次人才', { talent: [1.5, ['高层次人才']] }],
    ['a term inside an exclude phrase does not count', '本地人才济济', {}],
    ['only the occurrence outside the exclude phrase counts', '人才济济,仍需引进人才', { talent: [1, ['人才']] }],
    ['one phrase may signal two themes, each with its own longest term', '开展知识产权质押融资', { finance: [2.5, ['知识产权质押', '融资']], ip: [1, ['知识产权']] }],
    ['repeats count with diminishing returns, capped at twice the weight', '人才、人才、人才、人才、人才', { talent: [2, ['人才']] }],
    ['a pattern adds its own weight and records the matched text', '鼓励专利申请', { ip: [1.25, ['专利', '专利申请']] }],
    ['terms match regardless of ASCII case and are recorded as written', '设立r&d基金', { finance: [2, ['r&d基金']] }],
    ['full-width punctuation does not stop a match', '考核。领导小组', { governance: [3, ['考核', '领导小组']] }],
    ['empty text has no themes', '', {}],
  ])('%s', (_name, text, expected) => {
    const result = scoreText(text, vocabulary);
    expect(Object.fromEntries([...result].map(([slug, e]) => [slug, [e.score, e.terms.map((t) => t.term)]]))).toEqual(expected);
  });

  test('compiles a vocabulary once per array', () => {
    expect(compileThemes(vocabulary)).toBe(compileThemes(vocabulary));
    expect(compileThemes([...vocabulary])).not.toBe(compileThemes(vocabulary));
  });
});

describe('tagThemes: paragraphs', () => {
  test.each([
    ['a paragraph below the threshold gets nothing', '引进人才', {}, []],
    ['one strong term reaches the threshold', '引进高层次人才', {}, [{ theme: 'talent', score: 1.5, terms: ['高层次人才'] }]],
    ['a lower threshold admits weaker evidence', '引进人才', { minScore: 1 }, [{ theme: 'talent', score: 1, terms: ['人才'] }]],
    [
      'a theme far weaker than the strongest is dropped',
      '高层次人才、高层次人才,人才、人才,知识产权质押',
      { relativeScore: 0.5 },
      [{ theme: 'talent', score: 3.75, terms: ['高层次人才', '人才'] }],
    ],
    [
      'hits are sorted by score, ties by theme order',
      '开展考核,引进高层次人才',
      {},
      [
        { theme: 'talent', score: 1.5, terms: ['高层次人才'] },
        { theme: 'governance', score: 1.5, terms: ['考核'] },
      ],
    ],
    ['table rows are tagged like paragraphs', '设立领导小组 | 市科技局', {}, [{ theme: 'governance', score: 1.5, terms: ['领导小组'] }]],
  ])('%s', (_name, text, options, expected) => {
    const p = paragraph(text, [], text.includes(' | ') ? 'table-row' : 'paragraph');
    expect(tagThemes(doc([p]), vocabulary, options).byParagraph.get(p.id)).toEqual(expected);
  });

  test.each([
    ['the nearest heading passes down half its score', ['s-a'], 0.5, { theme: 'talent', score: 1.75, terms: ['人才', '§高层次人才'] }],
    ['a heading two levels up passes down a quarter', ['s-a', 's-b'], 0.5, { theme: 'talent', score: 1.38, terms: ['人才', '§高层次人才'] }],
    ['a stronger inherit factor passes down more', ['s-a'], 1, { theme: 'talent', score: 2.5, terms: ['人才', '§高层次人才'] }],
  ])('heading inheritance: %s', (_name, sectionPath, inheritFactor, expected) => {
    const sections = [section('s-a', '一、高层次人才', [section('s-b', '(一)工作安排', [], 2)])];
    const p = paragraph('选派人才到企业服务', sectionPath);
    expect(tagThemes(doc([p], sections), vocabulary, { minScore: 1, inheritFactor }).byParagraph.get(p.id)).toEqual([expected]);
  });

  test('a heading alone can give its paragraphs a theme', () => {
    const sections = [section('s-a', '一、高层次人才引进与人才培养')];
    const p = paragraph('每年举办两次专场活动', ['s-a']);
    expect(tagThemes(doc([p], sections), vocabulary, { minScore: 1 }).byParagraph.get(p.id)).toEqual([
      { theme: 'talent', score: 1.25, terms: ['§高层次人才', '§人才'] },
    ]);
  });

  test('paragraphs from the first attachment line on do not inherit the heading above them', () => {
    const sections = [section('s-a', '五、考核与领导小组')];
    const body = paragraph('定期通报进展', ['s-a']);
    const attachment = paragraph('附件:工作任务分解表', ['s-a'], 'attachment');
    const row = paragraph('引进高层次人才 | 市人社局', ['s-a'], 'table-row');
    const tagging = tagThemes(doc([body, attachment, row], sections), vocabulary, { minScore: 1 });
    expect(tagging.byParagraph.get(body.id)?.map((h) => h.theme)).toEqual(['governance']);
    expect(tagging.byParagraph.get(attachment.id)).toEqual([]);
    expect(tagging.byParagraph.get(row.id)).toEqual([{ theme: 'talent', score: 1.5, terms: ['高层次人才'] }]);
  });
});

describe('tagThemes: sections and the document', () => {
  const sections = [section('s-t', '一、人才工作'), section('s-f', '二、其他工作')];
  const paragraphs = [
    paragraph('引进高层次人才', ['s-t']),
    paragraph('开展知识产权质押融资', ['s-f']),
    paragraph('拓宽融资渠道,扩大融资规模', ['s-f']),
    paragraph('按时报送材料', ['s-f']),
  ];
  const tagging = tagThemes(doc(paragraphs, sections), vocabulary);

  test.each([
    ['a heading counts double for its section, plus its paragraphs', 's-t', [{ theme: 'talent', score: 3.5, terms: ['人才', '高层次人才'] }]],
    [
      'a section carries what enough of its paragraphs carry',
      's-f',
      // ip is found in one paragraph but carried by none: it stays out.
      [{ theme: 'finance', score: 4, terms: ['融资', '知识产权质押'] }],
    ],
  ])('%s', (_name, id, expected) => {
    expect(tagging.bySection.get(id)).toEqual(expected);
  });

  test('the profile sums paragraph scores and counts paragraphs, strongest first', () => {
    expect(tagging.themeProfile).toEqual([
      { theme: 'finance', score: 4, paragraphs: 2 },
      { theme: 'talent', score: 2, paragraphs: 1 },
    ]);
  });

  test.each([
    ['by paragraphs or by share of the score (talent has a third of it)', {}, ['finance', 'talent']],
    ['themes need enough paragraphs when the score share is not enough', { documentMinScoreShare: 0.5 }, ['finance']],
    ['a lower paragraph count admits more', { documentMinParagraphs: 1, documentMinScoreShare: 0.5 }, ['finance', 'talent']],
    ['a high share keeps only the dominant theme', { documentMinParagraphs: 1, documentMinShare: 0.6, documentMinScoreShare: 0.5 }, ['finance']],
  ])('document themes: %s', (_name, options, expected) => {
    expect(tagThemes(doc(paragraphs, sections), vocabulary, options).themes).toEqual(expected);
  });

  test('a tiny document still has its strongest theme', () => {
    expect(tagThemes(doc([paragraph('引进高层次人才')]), vocabulary).themes).toEqual(['talent']);
  });

  test('an empty vocabulary gives no themes anywhere', () => {
    const none = tagThemes(doc(paragraphs, sections), []);
    expect([...none.byParagraph.values()].flat()).toEqual([]);
    expect([...none.bySection.values()].flat()).toEqual([]);
    expect(none.themes).toEqual([]);
    expect(none.themeProfile).toEqual([]);
  });

  test('a document without paragraphs gives no themes', () => {
    const empty = tagThemes(doc([], sections), vocabulary);
    expect(empty.themes).toEqual([]);
    expect(empty.bySection.get('s-t')).toEqual([{ theme: 'talent', score: 2, terms: ['人才'] }]);
  });
});

describe('the committed theme vocabulary', () => {
  const kb = loadKnowledgeBase();
  test('loads fifteen themes in their order, without diagnostics', () => {
    expect(kb.themes.map((t) => t.order)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(kb.files.filter((f) => f.path.includes('/themes/')).flatMap((f) => f.messages.map((m) => `${f.path}: ${m.reason}`))).toEqual([]);
  });

  test.each([
    ['引进高层次人才和创新团队,完善人才评价', 'talent'],
    ['建立科技型中小企业贷款风险补偿机制,发展创业投资', 'finance'],
    ['加强知识产权保护,提高发明专利拥有量', 'ip'],
    ['全社会研发经费支出占生产总值比重达到2.5%', 'rd-investment'],
    ['加大高新技术企业培育力度,强化企业创新主体地位', 'enterprises'],
    ['建设重点实验室和工程技术研究中心等创新平台', 'platforms'],
    ['培育战略性新兴产业集群,推动高新区发展', 'industry'],
    ['完善技术市场,促进科技成果转化', 'commercialization'],
    ['建设科技企业孵化器和众创空间', 'entrepreneurship'],
    ['推进农业科技园区建设,深化科技特派员农村科技服务', 'agriculture'],
    ['深化产学研合作,组建产业技术创新战略联盟', 'collaboration'],
    ['实施民生科技工程,推进节能减排和生态环境保护', 'livelihood'],
    ['推进制造业信息化和“互联网+”行动', 'digital'],
    ['成立领导小组,加强督查考核', 'governance'],
    ['开展科普活动,加强科技宣传', 'outreach'],
  ])('“%s” is %s', (text, slug) => {
    const p = paragraph(text);
    expect(tagThemes(doc([p]), kb.themes).byParagraph.get(p.id)?.[0]?.theme).toBe(slug);
  });

  test.each([
    ['agency names do not signal themes', '牵头单位:市金融工作办;责任单位:市经济和信息化委、市农业局、市委宣传部、人民银行'],
    ['a qualifier alone does not make a paragraph about IP', '开发一批具有自主知识产权的新产品'],
  ])('%s', (_name, text) => {
    const p = paragraph(text);
    expect(tagThemes(doc([p]), kb.themes).byParagraph.get(p.id)).toEqual([]);
  });
});
