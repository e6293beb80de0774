/**
 * Property test of the whole text path, seed bytes → record → MDX page → what Astro renders:
 * for arbitrary text (CJK, policy numbering, compilation markers, control characters, lone
 * surrogates, `{}<>`, backticks, `import`/`export` at line starts, HTML/JSX/Markdown syntax)
 *
 * - ingestion never throws and never reports an internal error or an unsafe page;
 * - every page passes the pipeline's own check (`verifyMdx`) and compiles with satteri, the
 *   MDX compiler `@astrojs/mdx` 8 runs (`mdxToJs`, with the site's features: no GFM, no smart
 *   punctuation), after Astro's own frontmatter reader has read back exactly the record;
 * - evaluating the compiled page gives, for every paragraph element and table row, exactly
 *   the paragraph text of the record, and for every heading the section title;
 * - that text comes from the input: it is made of pieces of the normalised seed lines (no
 *   escape characters, entities or markup the pipeline invented).
 *
 * The seed is fixed, so a failure is reproducible; fast-check prints the shrunk counterexample.
 */
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { decodeHTMLStrict } from 'entities';
import fc from 'fast-check';
import { evaluate, mdxToJs } from 'satteri';
import { describe, expect, test } from 'vitest';
import { linkCorpus, loadKnowledgeBase } from '../scripts/knowledge/index.ts';
import { replaceFrontmatter, verifyMdx } from '../scripts/pipeline/emit-mdx.ts';
import { ingestSeed } from '../scripts/pipeline/index.ts';
import { frontmatterSchema, withoutPageDetail, type DocumentRecord, type Section } from '../src/lib/schema.ts';

/** The parser features `astro.config.mjs` gives `@astrojs/mdx` (`gfm: false, smartypants: false`). */
const SITE_FEATURES = { gfm: false, smartPunctuation: false } as const;
const RUNS = Number(process.env.ATLAS_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.ATLAS_PROPERTY_SEED ?? 20_240_517);
/** Replays one failure: set the `seed` and `path` fast-check printed. */
const PATH = process.env.ATLAS_PROPERTY_PATH;

const knowledge = loadKnowledgeBase();

// ---------------------------------------------------------------------------------------------
// Arbitraries: seed texts that look like scraped policy pages, laced with hostile characters.

const CJK = '创新科技企业人才政策资金项目建设发展推进实施加快支持市县区局委办年度目标任务平台成果转化知识产权研发投入高新技术园区服务体系机制改革完善重点工作要点意见方案办法通知决定规划一二三四五六七八九十百千万亿元家件个人项第篇条章节附件表单牵头配合单位负责落实考核到达以上增长率力争';
const PUNCT = '。，、；：？！“”‘’《》（）【】—…·,.;:?!()[]';

/** Hostile fragments: MDX, JSX, HTML, Markdown and entity syntax, odd characters. */
const HOSTILE = [
  '{', '}', '<', '>', '`', '``', '```', '~~~', '{1+1}', '{process.exit(1)}', '{/* c */}', '{...props}',
  '<Foo />', '<Foo bar={x}>', '</Foo>', '<div>', '</div>', '<>', '</>', '<a:b />', '<x.y />', '<br>', '<br/>',
  '<script>alert(1)</script>', '<style>p{}</style>', '<img src=x onerror=alert(1)>', '<!-- c -->', '<!--', '-->',
  '<ParagraphLinks paragraph="p-x" />', '<mark className="target">', '<h2 id="s-x">', '<https://a.cn>',
  'import', 'export', 'import a from "b"', 'export const x = 1', 'export default function F() {}', 'import{a}from"b"',
  '# ', '## ', '###### ', '> ', '- ', '* ', '+ ', '1. ', '1) ', '***', '---', '___', '===', '* * *',
  '[a](b)', '![i](x.png)', '[a]: b', '[^1]', '[^1]: n', 'https://example.org/a_b', 'www.example.org', 'a@b.cn',
  '\\', '\\{', '\\<', '*a*', '_a_', '**b**', '__b__', '~~s~~', '~s~', '^s^', '$x$', '$$', ':::', '[[w]]',
  '| a | b |', '|---|---|', '&amp;', '&lt;', '&#123;', '&#x7B;', '&nbsp;', '&#', '&&&', '&copy', ' & ',
  '"', "'", '...', '--', '---', '(c)', '<=', '=>', '->', '#1', '!', '?', '=', '    ', '\t', '\u3000', '\u00a0',
  '\u200b', '\u200e', '\u202e', '\ufeff', '\u00ad', '\ufffd', '😀', '𠀀', 'é', 'e\u0301', '\ue000', '\u2028',
];
const CONTROL = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c));
const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const cjk = fc.string({ unit: fc.constantFrom(...CJK), minLength: 1, maxLength: 24 });
const fragment = fc.oneof(
  { weight: 6, arbitrary: cjk },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...PUNCT), minLength: 1, maxLength: 2 }) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: CONTROL },
  { weight: 1, arbitrary: LONE_SURROGATE },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20_000 }).map(String) },
);
const sentence = fc.tuple(fc.array(fragment, { minLength: 1, maxLength: 10 }), fc.constantFrom('。', '；', '', '：', '!')).map(([parts, end]) => parts.join('') + end);

const NUMBERING = ['一、', '二、', '十一、', '(一)', '（二）', '1.', '2．', '3、', '(1)', '①', '第一条 ', '第二章 ', 'A.'];
const numbered = fc.tuple(fc.constantFrom(...NUMBERING), fc.oneof(cjk, sentence)).map(([n, t]) => n + t);
const title = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: cjk }, fragment), { minLength: 1, maxLength: 4 }), fc.constantFrom('实施意见', '实施方案', '工作要点', '管理办法', '通知', '若干意见', '规划'))
  .map(([t, e]) => `关于${t.join('')}的${e}`);
/** Quantitative targets: the knowledge layer wraps them in `<mark>` inside the paragraph element. */
const target = fc
  .tuple(fc.integer({ min: 2000, max: 2035 }), cjk, fc.integer({ min: 1, max: 9999 }), fc.constantFrom('家', '亿元', '%', '件', '人'), fc.option(fragment, { nil: '' }))
  .map(([y, what, n, unit, tail]) => `到${y}年,${what}${tail}达到${n}${unit}以上${tail},研发经费投入年均增长${n % 30}%。`);
/** An attachment table flattened one cell per line: title, header cells, task lines each followed by agency cells. */
const table = fc
  .tuple(cjk, fc.array(fc.tuple(fc.oneof(sentence, numbered), fc.constantFrom('市科技局', '市财政局、市发改委', '各县区人民政府', '')), { minLength: 1, maxLength: 4 }))
  .map(([name, rows]) => ['附件', `${name}任务分解表`, '序号', ...rows.flatMap(([task, agency]) => (agency ? [task, agency] : [task]))].join('\n'));
/** A sentence hard-wrapped at a fixed width (the structure stage joins it back). */
const wrapped = fc.tuple(fc.string({ unit: fc.constantFrom(...CJK), minLength: 40, maxLength: 60 }), sentence).map(([a, b]) => `${a}\n${CJK[0]}${b}`);
const compilation = fc.tuple(fc.constantFrom('一', '二', '三', '十'), fc.integer({ min: 1990, max: 2030 }), cjk).map(([n, y, t]) => `第${n}篇:${y}年${t}工作要点`);
const chrome = fc.constantFrom('首页 > 新闻中心 > 政策文件', '来源：市科技局', '发布时间：2020-01-01 08:00', '打印本页 关闭窗口', '【字体：大 中 小】', '附件：', '附件1：任务分解表', '各县区人民政府,市直各单位:');
/** Lines that MDX would read as ESM if they reached it unescaped. */
const esm = fc.tuple(fc.constantFrom('import', 'export', 'import ', 'export ', 'import{a}from"b"', 'export const x = 1', 'export default ', 'import(', 'exports', 'importer'), fc.option(sentence, { nil: '' })).map(([k, t]) => k + t);
const line = fc.oneof(
  { weight: 5, arbitrary: sentence },
  { weight: 1, arbitrary: esm },
  { weight: 2, arbitrary: target },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: wrapped },
  { weight: 3, arbitrary: numbered },
  { weight: 1, arbitrary: title },
  { weight: 1, arbitrary: compilation },
  { weight: 1, arbitrary: chrome },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.tuple(fc.array(fc.oneof(cjk, fragment), { minLength: 6, maxLength: 30 })).map(([p]) => p.join('  ')) },
);
/** A seed file: usually a title first, then lines, joined by one kind of line ending. */
const seedText = fc
  .tuple(fc.option(title, { freq: 4, nil: '' }), fc.array(line, { minLength: 1, maxLength: 24 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([head, lines, eol]) => [head, ...lines].join(eol));

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom';
/** UTF-8 turns lone surrogates into U+FFFD before the pipeline sees them; UTF-16 carries them through to normalisation. */
const encoding = fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le-bom');

function encode(text: string, how: Encoding): Uint8Array {
  if (how === 'utf-8') return new TextEncoder().encode(text);
  if (how === 'utf-8-bom') return new TextEncoder().encode(`\ufeff${text}`);
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// What Astro renders: evaluate the compiled page with a runtime that returns a plain element tree.

interface Element {
  type: unknown;
  props: Record<string, unknown>;
}
type Rendered = Element | string | number | boolean | null | undefined | Rendered[];

const jsx = (type: unknown, props: unknown): Element => ({ type, props: props as Record<string, unknown> });

function render(body: string): Rendered {
  const exports = evaluate(body, { features: SITE_FEATURES, Fragment: 'Fragment', jsx, jsxs: jsx, elementAttributeNameCase: 'html' });
  if (exports instanceof Promise) throw new Error('synchronous evaluation expected');
  const content = exports.default as (props: object) => Rendered;
  return content({ components: { ParagraphLinks: 'ParagraphLinks' } });
}

function isElement(node: Rendered): node is Element {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function childrenOf(node: Rendered): Rendered[] {
  if (Array.isArray(node)) return node;
  if (!isElement(node)) return [];
  const children = node.props.children as Rendered;
  return children === undefined ? [] : Array.isArray(children) ? children : [children];
}

/** Visible text of a subtree (the `ParagraphLinks` placeholder renders links, not paragraph text). */
function textOf(node: Rendered): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (isElement(node) && node.type === 'ParagraphLinks') return '';
  return childrenOf(node).map(textOf).join('');
}

/** Every element below a node, in document order. */
function descendants(node: Rendered, out: Element[] = []): Element[] {
  for (const child of childrenOf(node)) {
    if (isElement(child)) out.push(child);
    descendants(child, out);
  }
  return out;
}

/** Every element with an `id`, in document order. */
function elementsWithId(node: Rendered, out: Element[] = []): Element[] {
  if (isElement(node) && typeof node.props.id === 'string') out.push(node);
  for (const child of childrenOf(node)) elementsWithId(child, out);
  return out;
}

function flatSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatSections(s.children)]);
}

/** The texts of the leaf elements (paragraph divs, headings, captions, cells) in document order, as `verifyMdx` wants them. */
function leafTexts(node: Rendered, out: string[] = []): string[] {
  if (isElement(node) && ['div', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'th', 'td'].includes(String(node.type))) {
    const text = textOf(node);
    if (text !== '') out.push(text);
    return out;
  }
  for (const child of childrenOf(node)) leafTexts(child, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// An independent model of what normalisation keeps of a line, to check texts come from the input.

function modelLines(input: string): string[] {
  const clean = (text: string): string =>
    Array.from(text, (ch) => (/^[\ud800-\udfff]$/u.test(ch) ? '\ufffd' : ch))
      .join('')
      .replace(/[\s\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u001f\u007f-\u009f]/gu, '');
  // Entities are decoded, unless entity debris (`&&&`) swallowed their `&`: both readings are allowed.
  return input
    .split(/\r\n|\r|\n|\u2028|\u2029/u)
    .flatMap((raw) => [clean(raw), clean(raw.replace(/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/giu, (entity) => decodeHTMLStrict(entity)))]);
}

/** True when `text` is a run of pieces each found inside one model line (greedy longest piece). */
function madeOfInputPieces(text: string, lines: readonly string[]): boolean {
  const target = text.replace(/\s/gu, '');
  let at = 0;
  while (at < target.length) {
    let best = 0;
    for (const source of lines) {
      let length = best + 1;
      while (at + length <= target.length && source.includes(target.slice(at, at + length))) length++;
      best = Math.max(best, length - 1);
    }
    if (best === 0) return false;
    at += best;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

interface Checked {
  documents: number;
  paragraphs: number;
  /** Paragraphs holding MDX syntax characters, starting with `import`/`export`, holding U+FFFD. */
  hostile: number;
  esm: number;
  replacement: number;
  /** Target quotes wrapped in `<mark>`. */
  marked: number;
}

/** Runs the whole path on one seed text and asserts every property; returns what it looked at. */
function checkSeed(input: string, how: Encoding = 'utf-8'): Checked {
  const result = ingestSeed({ path: 'property.txt', bytes: encode(input, how), knowledge });
  const problems = result.file.messages.filter((m) => m.ruleId === 'internal-error' || m.ruleId === 'mdx-unsafe');
  expect(problems.map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([]);
  // Cross-document links rewrite the frontmatter, as `ingestCorpus` does before writing.
  const linked = linkCorpus(result.documents.map((d) => d.record));
  const model = modelLines(input);
  const seen: Checked = { documents: result.documents.length, paragraphs: 0, hostile: 0, esm: 0, replacement: 0, marked: 0 };
  result.documents.forEach((built, index) => {
    const record = linked[index] as DocumentRecord;
    const { paragraphs: _paragraphs, ...rest } = record;
    const frontmatter = frontmatterSchema.parse(rest);
    const mdx = replaceFrontmatter(built.mdx, frontmatter);

    // Astro's frontmatter reader (js-yaml, YAML 1.1) gives back exactly the record's metadata.
    const { frontmatter: read, content } = parseFrontmatter(mdx, { frontmatter: 'empty-with-spaces' });
    expect(frontmatterSchema.parse(read)).toEqual(frontmatterSchema.parse(withoutPageDetail(frontmatter)));

    // Compiles with the site's MDX compiler; the pipeline's own check agrees on every leaf text.
    expect(() => mdxToJs(content, { features: SITE_FEATURES, jsxImportSource: 'astro', elementAttributeNameCase: 'html' })).not.toThrow();
    const tree = render(content);
    verifyMdx(mdx, leafTexts(tree));

    // Every paragraph, list item, attachment line and table row renders as exactly its text.
    const rendered = elementsWithId(tree);
    const byId = new Map(rendered.map((element) => [element.props.id as string, element]));
    expect(byId.size, 'element ids are unique').toBe(rendered.length);
    for (const paragraph of record.paragraphs) {
      const element = byId.get(paragraph.id);
      expect(element, `element #${paragraph.id}`).toBeDefined();
      if (!element) continue;
      if (paragraph.kind === 'table-row') {
        const cells = childrenOf(element).filter((c): c is Element => isElement(c) && c.type === 'td').map(textOf);
        while (cells.at(-1) === '') cells.pop();
        expect(cells, paragraph.id).toEqual(paragraph.cells);
      } else {
        expect(element.type).toBe('div');
        expect(textOf(element), paragraph.id).toBe(paragraph.text);
        // The page was not silently emitted without its extras: the ¶/theme placeholder, and a mark per stated target.
        const links = descendants(element).filter((e) => e.type === 'ParagraphLinks');
        expect(links.map((e) => e.props.paragraph), paragraph.id).toEqual([paragraph.id]);
        const quotes = record.targets.filter((t) => t.paragraphId === paragraph.id && t.quote !== '' && paragraph.text.includes(t.quote));
        const marks = descendants(element).filter((e) => e.type === 'mark');
        if (quotes.length > 0) expect(marks.length, `targets marked in ${paragraph.id}`).toBeGreaterThan(0);
        for (const mark of marks) expect(quotes.map((t) => t.quote), paragraph.id).toContain(textOf(mark));
        seen.marked += marks.length;
      }
      for (const piece of paragraph.cells ?? [paragraph.text]) {
        expect(madeOfInputPieces(piece, model), `text of ${paragraph.id} comes from the input: ${JSON.stringify(piece)}`).toBe(true);
      }
      seen.paragraphs++;
      if (/[{}<>`]/u.test(paragraph.text)) seen.hostile++;
      if (/^(?:import|export)\b/u.test(paragraph.text)) seen.esm++;
      if (paragraph.text.includes('\ufffd')) seen.replacement++;
    }
    for (const section of flatSections(record.sections)) {
      const element = byId.get(section.id);
      expect(String(element?.type), section.id).toMatch(/^h[2-6]$/u);
      expect(textOf(element), section.id).toBe(section.title);
    }
    const expectedIds = new Set([...record.paragraphs.map((p) => p.id), ...flatSections(record.sections).map((s) => s.id)]);
    const extra = rendered.map((e) => e.props.id as string).filter((id) => !expectedIds.has(id) && !id.startsWith('t-'));
    expect(extra, 'no element ids beyond the record').toEqual([]);
  });
  return seen;
}

describe('the whole text path on arbitrary input', () => {
  test('hostile seed text: no throw, pages compile, rendered text equals the record', () => {
    const seen: Checked = { documents: 0, paragraphs: 0, hostile: 0, esm: 0, replacement: 0, marked: 0 };
    fc.assert(
      fc.property(seedText, encoding, (input, how) => {
        if (PATH) console.log('[property] input', JSON.stringify(input).replace(/[^\x20-\x7e]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), how);
        const checked = checkSeed(input, how);
        for (const key of Object.keys(seen) as (keyof Checked)[]) seen[key] += checked[key];
      }),
      { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH, endOnFailure: true } : {}) },
    );
    // The generator must actually reach the emitter, not only produce inputs that are dropped as chrome.
    expect(seen.documents).toBeGreaterThan(RUNS / 2);
    expect(seen.paragraphs).toBeGreaterThan(RUNS * 2);
    console.log(`[property] ${RUNS} seeds → ${JSON.stringify(seen)}`);
    expect(seen.hostile).toBeGreaterThan(RUNS / 2);
    expect(seen.esm).toBeGreaterThan(RUNS / 50);
    expect(seen.replacement).toBeGreaterThan(RUNS / 50);
    expect(seen.marked).toBeGreaterThan(RUNS / 10);
  });

  test.each([
    ['import at line starts', '关于加快科技创新的实施意见\nimport a from "b"\nexport const x = 1\n一、总体要求\nimport{a}from"b"各单位要抓好落实。'],
    ['MDX expressions and JSX', '关于人才的若干意见\n{process.exit(1)} 为加快<Foo bar={x}>人才</Foo>引进,特制定本意见。\n(一)<ParagraphLinks paragraph="p-x" />要求\n1.{/* c */}<>落实</>到位。'],
    ['control characters and lone surrogates', '关于科技金融的实施意见\n为加快\ud800科技金融发展\u0007,支持\udfff企业融资,提出如下意见。\n一、\u0001总体\u0085要求\n按照全面推进科技金融结合的总体部署,建立科技金融服务体系,加大科技信贷投入,完善风险分担机制,提高企业融资能力。\n为深入推进科技特派员制度,加快农业科技成果转化,结合我市实际,提出如下实施意见。'],
    ['Markdown syntax', '关于平台建设的通知\n# 标题\n> 引用\n- 列表 * 强调 * __粗__ ~~删~~\n    缩进代码\n```\n围栏\n```\n[链接](javascript:alert(1)) ![图](x.png)\n***\n| a | b |\n|---|---|'],
    ['entities and backslashes', '关于知识产权的管理办法\n第一条 &amp;&lt;&#123;\\{\\<\\\\ 为规范管理,制定本办法。\n第二条 &&& &# &nbsp;本办法自发布之日起施行。'],
  ])('%s', (_name, input) => {
    for (const how of ['utf-8', 'utf-16le-bom'] as const) expect(checkSeed(input, how).paragraphs, how).toBeGreaterThan(0);
  });
});
