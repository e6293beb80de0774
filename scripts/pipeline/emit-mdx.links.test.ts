/**
 * emit-mdx on knowledge-layer pages: each paragraph gets `<mark>`s around its
 * targets and a `<ParagraphLinks>` placeholder (filled by the document page
 * with the ¶ link and theme chips). The paragraph text must still come back
 * exactly, and `verifyMdx` accepts only what the pipeline writes.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { describe, expect, test } from 'vitest';
import { frontmatterSchema, type Frontmatter, type Target } from '../../src/lib/schema.ts';
import { emitMdx, UnsafeMdxError, verifyMdx } from './emit-mdx.ts';
import type { StructuredBlock } from './structure.ts';

const DOC_ID = 'benxi-2015-chuangxin-qudong-shishi-fangan';

function target(paragraphId: string, quote: string, extra: Partial<Target> = {}): Target {
  return {
    indicator: 'high-tech-enterprises',
    indicatorLabel: '高新技术企业',
    value: 100,
    unit: '家',
    comparator: 'gte',
    measure: 'level',
    baseline: null,
    targetYear: 2020,
    scope: null,
    paragraphId,
    line: 20,
    quote,
    ...extra,
  };
}

function page(targets: Target[] = []): Frontmatter {
  return frontmatterSchema.parse({
    id: DOC_ID,
    title: '本溪市创新驱动实施方案(2015年—2020年)',
    chars: 120,
    source: { file: '001_本溪.txt', startLine: 14, endLine: 162, sha256: 'a'.repeat(64) },
    targets,
  });
}

const options = (themes: Record<string, string[]>) => ({ themesOf: (id: string) => themes[id] ?? [] });

type Element = MdxJsxFlowElement | MdxJsxTextElement;
interface AnyNode {
  type: string;
  value?: unknown;
  children?: AnyNode[];
}

/** Every JSX element of the parsed page, depth first. */
function elements(mdx: string): Element[] {
  const tree = fromMarkdown(mdx, {
    extensions: [mdxjs(), frontmatter(['yaml'])],
    mdastExtensions: [mdxFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  }) as AnyNode;
  const out: Element[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') out.push(node as unknown as Element);
    node.children?.forEach(walk);
  };
  walk(tree);
  return out;
}

function attributesOf(element: Element): Record<string, string> {
  return Object.fromEntries(element.attributes.map((a) => [a.type === 'mdxJsxAttribute' ? a.name : '', String(a.value)]));
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return String(node.value);
  return (node.children ?? []).map(textOf).join('');
}

const PARAGRAPH = '到2020年,全市高新技术企业达到100家以上,专利申请量年均增长15%。';
const blocks: StructuredBlock[] = [
  { kind: 'heading', id: 's-1', text: '一、发展目标', line: 19, depth: 1 },
  { kind: 'paragraph', id: 'p-2tphfpy', text: PARAGRAPH, line: 20 },
  { kind: 'list-item', id: 'p-789d9gc', text: '(一)人才引进', line: 21 },
  { kind: 'table', id: 't-1', text: '', line: 30, header: ['内容'], rows: [{ id: 'p-1abc', cells: ['人才'], line: 31 }] },
];

describe('emitMdx with paragraph links', () => {
  test('a paragraph gets its targets marked and a placeholder with its id and themes', () => {
    const mdx = emitMdx(page([target('p-2tphfpy', '高新技术企业达到100家以上')]), blocks, options({ 'p-2tphfpy': ['talent', 'ip'], 'p-1abc': ['talent'] }));
    const all = elements(mdx);
    const placeholders = all.filter((e) => e.name === 'ParagraphLinks');
    expect(placeholders.map((e) => [e.type, attributesOf(e), e.children.length])).toEqual([
      ['mdxJsxFlowElement', { paragraph: 'p-2tphfpy', themes: 'talent ip' }, 0],
      ['mdxJsxFlowElement', { paragraph: 'p-789d9gc' }, 0],
    ]);
    const div = all.find((e) => e.name === 'div' && attributesOf(e).id === 'p-2tphfpy')!;
    expect(div.children.at(-1)).toBe(placeholders[0]);
    const marks = all.filter((e) => e.name === 'mark');
    expect(marks.map((m) => [textOf(m), attributesOf(m)])).toEqual([
      ['高新技术企业达到100家以上', { className: 'target', title: '高新技术企业 ≥ 100家（2020年）' }],
    ]);
    // Headings and table rows get neither (rows keep their themes on data-themes).
    expect(all.filter((e) => e.name === 'tr' && attributesOf(e).id === 'p-1abc').map(attributesOf)).toEqual([{ id: 'p-1abc', 'data-line': '31', 'data-themes': 'talent' }]);
  });

  test('a target in a table row is marked inside the cell that holds it', () => {
    const table: StructuredBlock[] = [
      { kind: 'table', id: 't-1', text: '', line: 30, header: ['指标', '目标值'], rows: [{ id: 'p-1abc', cells: ['高新技术企业', '达到100家'], line: 31 }] },
    ];
    const mdx = emitMdx(page([target('p-1abc', '100家'), target('p-1abc', '高新技术企业 达到')]), table, options({}));
    const cells = elements(mdx).filter((e) => e.name === 'td');
    expect(cells.map((c) => textOf(c))).toEqual(['高新技术企业', '达到100家']);
    expect(elements(mdx).filter((e) => e.name === 'mark').map((m) => textOf(m))).toEqual(['100家']);
    expect(() => verifyMdx('<table id="t-1" data-line="1"><tbody><tr id="p-1" data-line="1"><td>\n  <mark className="target">正文</mark>\n</td></tr></tbody></table>\n', ['正文'])).not.toThrow();
  });

  test('the paragraph text (without the link line) comes back exactly, marks included', () => {
    const mdx = emitMdx(page([target('p-2tphfpy', '100家以上'), target('p-2tphfpy', '年均增长15%', { measure: 'annual-growth', value: 15, unit: '%' })]), blocks, options({ 'p-2tphfpy': ['talent'] }));
    const div = elements(mdx).find((e) => e.name === 'div' && attributesOf(e).id === 'p-2tphfpy')!;
    const paragraph = div.children.find((c) => c.type === 'paragraph')!;
    expect(textOf(paragraph as AnyNode)).toBe(PARAGRAPH);
    expect(elements(mdx).filter((e) => e.name === 'mark').map((m) => attributesOf(m).title)).toEqual(['高新技术企业 ≥ 100家（2020年）', '高新技术企业 年均增长 ≥ 15%（2020年）']);
  });

  test.each([
    ['a quote that is not in the paragraph', [target('p-2tphfpy', '不在正文中')], 0],
    ['overlapping quotes (the first one wins)', [target('p-2tphfpy', '100家以上'), target('p-2tphfpy', '家以上,专利')], 1],
    ['a quote of another paragraph', [target('p-789d9gc', '100家以上')], 0],
    ['an empty quote', [target('p-2tphfpy', '')], 0],
  ])('%s', (_case, targets, count) => {
    const mdx = emitMdx(page(targets), blocks, options({}));
    expect(elements(mdx).filter((e) => e.name === 'mark')).toHaveLength(count);
  });

  test.each([
    '{process.exit(1)}',
    '<script>alert(1)</script>',
    'import fs from "node:fs"',
    'export const x = 1',
    '\\',
    'a\\',
    '*强调*',
    '<mark className="target">',
    '</mark>',
    '<a href="javascript:alert(1)">x</a>',
  ])('hostile text around and inside a mark stays text: %s', (hostile) => {
    const text = `${hostile}达到100家以上${hostile}`;
    const quote = `${hostile}达到100家`;
    const hostileBlocks: StructuredBlock[] = [{ kind: 'paragraph', id: 'p-1', text, line: 2 }];
    const mdx = emitMdx(page([target('p-1', quote)]), hostileBlocks, options({ 'p-1': ['talent'] }));
    const all = elements(mdx);
    expect(all.map((e) => e.name)).toEqual(['div', 'mark', 'ParagraphLinks']);
    expect(textOf(all.find((e) => e.name === 'mark')!)).toBe(quote);
    expect(textOf(all[0]!.children.find((c) => c.type === 'paragraph') as AnyNode)).toBe(text);
    expect(mdx).not.toMatch(/^(?:import|export)\b/mu);
  });

  test('without themesOf (or with paragraphLinks: false) the page is plain', () => {
    const decorated = (mdx: string) => elements(mdx).some((e) => e.name === 'ParagraphLinks' || e.name === 'mark');
    expect(decorated(emitMdx(page(), blocks))).toBe(false);
    expect(decorated(emitMdx(page([target('p-2tphfpy', '100家以上')]), blocks, { ...options({ 'p-2tphfpy': ['talent'] }), paragraphLinks: false }))).toBe(false);
  });

  test('a page with more blocks than maxLinkedBlocks is written plain', () => {
    const decorated = (mdx: string) => elements(mdx).some((e) => e.name === 'ParagraphLinks' || e.name === 'mark');
    const many = Array.from({ length: 4 }, (_, i): StructuredBlock => ({ kind: 'paragraph', id: `p-${i}`, text: '达到100家以上', line: i + 1 }));
    const targets = [target('p-0', '100家以上')];
    expect(decorated(emitMdx(page(targets), many, { ...options({}), maxLinkedBlocks: 4 }))).toBe(true);
    expect(decorated(emitMdx(page(targets), many, { ...options({}), maxLinkedBlocks: 3 }))).toBe(false);
  });

  test('a hostile theme slug stays a plain attribute value (the page validates slugs before linking)', () => {
    const mdx = emitMdx(page(), blocks, options({ 'p-2tphfpy': ['"/><script>', '{x}'] }));
    const placeholder = elements(mdx).find((e) => e.name === 'ParagraphLinks' && attributesOf(e).paragraph === 'p-2tphfpy')!;
    expect(attributesOf(placeholder).themes).toBe('"/><script> {x}');
  });
});

const OPEN = '<div id="p-1" data-line="1" data-kind="paragraph" data-themes="talent ip">\n  ';
const LINKS = '<ParagraphLinks paragraph="p-1" themes="talent ip" />';
const decorated = (paragraph: string, links = LINKS): string => `${OPEN}${paragraph}\n\n  ${links}\n</div>\n`;

describe('verifyMdx: placeholders and marks', () => {
  test.each([
    ['a paragraph with its placeholder', decorated('正文')],
    ['a marked target', decorated('正<mark className="target" title="目标">文</mark>')],
    ['a mark without title', decorated('<mark className="target">正文</mark>')],
    ['a placeholder of a paragraph without themes', '<div id="p-1" data-line="1" data-kind="paragraph">\n  正文\n\n  <ParagraphLinks paragraph="p-1" />\n</div>\n'],
  ])('accepts %s', (_name, mdx) => {
    expect(() => verifyMdx(mdx, ['正文'])).not.toThrow();
  });

  test.each([
    ['a placeholder for another paragraph', decorated('正文', LINKS.replace('paragraph="p-1"', 'paragraph="p-2"'))],
    ['a placeholder with other themes', decorated('正文', LINKS.replace('themes="talent ip"', 'themes="talent"'))],
    ['a placeholder without the paragraph’s themes', decorated('正文', LINKS.replace(' themes="talent ip"', ''))],
    ['a placeholder with a document attribute', decorated('正文', LINKS.replace(' />', ' document="x" />'))],
    ['a placeholder with another attribute', decorated('正文', LINKS.replace(' />', ' onclick="x()" />'))],
    ['a placeholder with an expression attribute', decorated('正文', LINKS.replace('paragraph="p-1"', 'paragraph={x}'))],
    ['a placeholder with a spread', decorated('正文', LINKS.replace(' />', ' {...props} />'))],
    ['a placeholder with children', decorated('正文', LINKS.replace(' />', '>x</ParagraphLinks>'))],
    ['a placeholder inside the text', `${OPEN}正文<ParagraphLinks paragraph="p-1" themes="talent ip" />\n</div>\n`],
    ['a placeholder outside a paragraph', `${LINKS}\n\n${OPEN}正文\n</div>\n`],
    ['a placeholder in a table cell', '<table id="t-1" data-line="1"><tbody><tr id="p-1" data-line="1"><td>\n  正文\n\n  <ParagraphLinks paragraph="p-1" />\n</td></tr></tbody></table>\n'],
    ['another component', decorated('正文', LINKS.replace(/ParagraphLinks/gu, 'Chips'))],
    ['a link', decorated('正文', '<a href="#p-1">¶</a>')],
    ['a mark with another class', decorated('<mark className="evil">正文</mark>')],
    ['a mark with an event handler', decorated('<mark className="target" onmouseover="x()">正文</mark>')],
    ['an element inside a mark', decorated('<mark className="target"><a href="#p-1">正文</a></mark>')],
    ['a mark outside a paragraph', '<mark className="target">正文</mark>\n'],
    ['a mark in a heading', '<h2 id="s-1" data-line="1"><mark className="target">正文</mark></h2>\n'],
    ['a mark in a table header', '<table id="t-1" data-line="1"><thead><tr><th scope="col">\n  <mark className="target">正文</mark>\n</th></tr></thead></table>\n'],
    ['a mark in a caption', '<table id="t-1" data-line="1"><caption>\n  <mark className="target">正文</mark>\n</caption></table>\n'],
  ])('rejects %s', (_name, mdx) => {
    expect(() => verifyMdx(mdx, ['正文'])).toThrow(UnsafeMdxError);
  });

  test('marked text counts as paragraph text', () => {
    expect(() => verifyMdx(decorated('正<mark className="target">文</mark>'), ['正'])).toThrow(UnsafeMdxError);
  });
});
