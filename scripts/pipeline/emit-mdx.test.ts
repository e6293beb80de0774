/**
 * emit-mdx: hostile text in a document must come back as plain text, never
 * as code, markup or ESM. Every generated page is parsed here independently
 * of `verifyMdx`, and `verifyMdx` itself is checked on hand-written pages.
 */
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { frontmatterSchema, withoutPageDetail, type Frontmatter } from '../../src/lib/schema.ts';
import { emitMdx, UnsafeMdxError, verifyMdx } from './emit-mdx.ts';
import type { StructuredBlock } from './structure.ts';

function page(title = '本溪市创新驱动实施方案(2015年—2020年)'): Frontmatter {
  return frontmatterSchema.parse({
    id: 'benxi-2015-chuangxin-qudong-shishi-fangan',
    title,
    docType: '实施方案',
    year: 2015,
    period: { start: 2015, end: 2020 },
    chars: 120,
    source: { file: '001_本溪.txt', startLine: 14, endLine: 162, sha256: 'a'.repeat(64) },
    evidence: [{ field: 'title', phrase: title, line: 16, column: 1, rule: 'title-line' }],
  });
}

interface Parsed {
  yaml: unknown;
  elements: { name: string; attributes: Record<string, string>; text: string }[];
}

const LEAVES = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'caption', 'th', 'td']);

/** Parses MDX as Astro would, and lists the generated elements with their plain text; anything else fails. */
function parseMdx(mdx: string): Parsed {
  const tree = fromMarkdown(mdx, {
    extensions: [mdxjs(), frontmatter(['yaml'])],
    mdastExtensions: [mdxFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  const parsed: Parsed = { yaml: null, elements: [] };
  const textOf = (node: Nodes): string => {
    if (node.type === 'text') return node.value;
    if (node.type === 'paragraph') return node.children.map(textOf).join('');
    throw new Error(`unexpected ${node.type} inside a generated element`);
  };
  const visit = (node: Nodes): void => {
    if (node.type === 'root') return node.children.forEach(visit);
    if (node.type === 'yaml') {
      parsed.yaml = parseYaml(node.value);
      return;
    }
    if (node.type === 'paragraph' && node.children.length === 1) return visit(node.children[0] as Nodes);
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      const attributes: Record<string, string> = {};
      for (const attribute of node.attributes) {
        if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.value !== 'string') throw new Error(`unexpected attribute on <${name}>`);
        attributes[attribute.name] = attribute.value;
      }
      if (LEAVES.has(name)) {
        parsed.elements.push({ name, attributes, text: node.children.map((c) => textOf(c as Nodes)).join('') });
      } else {
        parsed.elements.push({ name, attributes, text: '' });
        node.children.forEach((c) => visit(c as Nodes));
      }
      return;
    }
    throw new Error(`unexpected ${node.type} in the page`);
  };
  visit(tree);
  return parsed;
}

function blocksWith(text: string): StructuredBlock[] {
  return [
    { kind: 'heading', id: 's-1xdhrv', text, line: 19, depth: 1 },
    { kind: 'paragraph', id: 'p-2tphfpy', text, line: 20 },
    { kind: 'list-item', id: 'p-789d9gc', text, line: 41 },
    { kind: 'attachment', id: 'p-17tja0v', text, line: 81 },
    {
      kind: 'table',
      id: 't-2mp023',
      text,
      line: 92,
      header: ['内容', '牵头单位', '配合单位'],
      rows: [
        { id: 'p-1abc', cells: [text, '市经济和信息化委', text], line: 94 },
        { id: 'p-2abc', cells: ['5.加快建立一批开放性公共科技服务平台。'], line: 106 },
      ],
    },
  ];
}

/** Hostile or markup-like texts, as scraped pages can hold them. */
const HOSTILE: string[] = [
  '{process.exit(1)}',
  '<script>alert(1)</script>',
  'import fs from "node:fs"',
  'export const x = 1',
  'export default {}',
  'importance of R&D',
  'export的产品',
  '<Foo>',
  '<Foo />',
  '</div>',
  '<div id="p-x">',
  '<h2 id="x">标题</h2>',
  '{',
  '}',
  '<',
  '>',
  '{/* 注释 */}',
  '`rm -rf /`',
  '```js',
  '---',
  '***',
  '===',
  'title: x',
  '# heading',
  '## 二级标题',
  '1. list',
  '1) 列表',
  '- 列表',
  '* 重点',
  '+ 加',
  '> quote',
  '| 内容 | 牵头单位 |',
  '[link](javascript:alert(1))',
  '![图](x.png)',
  '<https://www.gov.cn>',
  'https://www.gov.cn/zhengce/content.htm',
  '*强调* __粗体__ ~~删除~~',
  '[^1]',
  '<!-- comment -->',
  '&amp;',
  '&#x69;mport',
  '&nbsp;',
  '\\',
  '\\{',
  'a\\nb',
  '"引号" \'单引号\'',
  '$x$ % @ ^ ~',
  '一、总体要求',
  '(一)坚持制度创新原则',
  '（一）坚持制度创新原则：｛全角｝＜全角＞',
  '为贯彻落实《中共中央 国务院关于深化体制机制改革加快实施创新驱动发展战略的若干意见》,特制定本实施方案。',
];

describe('emitMdx: hostile text comes back as the exact text', () => {
  test.each(HOSTILE)('%s', (text) => {
    const mdx = emitMdx(page(), blocksWith(text));
    const parsed = parseMdx(mdx);
    const leaves = parsed.elements.filter((e) => LEAVES.has(e.name) && (e.name !== 'td' || e.text !== ''));
    expect(leaves.map((e) => [e.name, e.text])).toEqual([
      ['h2', text],
      ['div', text],
      ['div', text],
      ['div', text],
      ['caption', text],
      ['th', '内容'],
      ['th', '牵头单位'],
      ['th', '配合单位'],
      ['td', text],
      ['td', '市经济和信息化委'],
      ['td', text],
      ['td', '5.加快建立一批开放性公共科技服务平台。'],
    ]);
    expect(mdx).not.toMatch(/^(?:import|export)\b/mu);
  });

  test.each(HOSTILE.slice(0, 25))('as the title in the frontmatter: %s', (title) => {
    const parsed = parseMdx(emitMdx(page(title), []));
    expect(parsed.yaml).toMatchObject({ title, evidence: [{ phrase: title }] });
  });
});

describe('emitMdx: structure of the page', () => {
  test('ids, source lines and kinds are attributes of the generated elements', () => {
    const parsed = parseMdx(emitMdx(page(), blocksWith('正文')));
    expect(parsed.elements.filter((e) => e.name === 'div').map((e) => e.attributes)).toEqual([
      { id: 'p-2tphfpy', 'data-line': '20', 'data-kind': 'paragraph' },
      { id: 'p-789d9gc', 'data-line': '41', 'data-kind': 'list-item' },
      { id: 'p-17tja0v', 'data-line': '81', 'data-kind': 'attachment' },
    ]);
    expect(parsed.elements.find((e) => e.name === 'table')?.attributes).toEqual({ id: 't-2mp023', 'data-line': '92' });
    expect(parsed.elements.filter((e) => e.name === 'tr' && e.attributes.id).map((e) => e.attributes)).toEqual([
      { id: 'p-1abc', 'data-line': '94' },
      { id: 'p-2abc', 'data-line': '106' },
    ]);
  });

  test('a short table row is padded with empty cells to the header width', () => {
    const parsed = parseMdx(emitMdx(page(), blocksWith('正文')));
    const cells = parsed.elements.filter((e) => e.name === 'td').map((e) => e.text);
    expect(cells).toEqual(['正文', '市经济和信息化委', '正文', '5.加快建立一批开放性公共科技服务平台。', '', '']);
  });

  test.each([
    [1, 'h2'],
    [2, 'h3'],
    [4, 'h5'],
    [5, 'h6'],
    [6, 'h6'],
  ])('a heading of depth %i is <%s>', (depth, name) => {
    const parsed = parseMdx(emitMdx(page(), [{ kind: 'heading', id: 's-1', text: '一、总体要求', line: 1, depth }]));
    expect(parsed.elements.map((e) => e.name)).toEqual([name]);
  });

  test('no blocks → frontmatter only, and it round-trips', () => {
    const data = page();
    const parsed = parseMdx(emitMdx(data, []));
    expect(parsed.elements).toEqual([]);
    expect(parsed.yaml).toEqual(JSON.parse(JSON.stringify(withoutPageDetail(data))));
  });
});

const DIV = '<div id="p-1" data-line="1" data-kind="paragraph">\n  正文\n</div>\n';

describe('verifyMdx: hand-written pages', () => {
  test.each([
    ['a page as the pipeline writes it', `---\ntitle: x\n---\n\n${DIV}`, ['正文']],
    ['a heading', '<h2 id="s-1" data-line="1">一、总体要求</h2>\n', ['一、总体要求']],
    ['an escaped brace', '<div id="p-1" data-line="1" data-kind="paragraph">\n  \\{process.exit(1)}\n</div>\n', ['{process.exit(1)}']],
  ])('accepts %s', (_name, mdx, expected) => {
    expect(() => verifyMdx(mdx, expected)).not.toThrow();
  });

  test.each([
    ['ESM import', `import fs from "node:fs"\n\n${DIV}`],
    ['ESM export', `export const x = 1\n\n${DIV}`],
    ['a flow expression', `{process.exit(1)}\n\n${DIV}`],
    ['an expression inside a div', '<div id="p-1" data-line="1" data-kind="paragraph">\n  {process.exit(1)}\n</div>\n'],
    ['an inline expression', '<div id="p-1" data-line="1" data-kind="paragraph">\n  正文{1}\n</div>\n'],
    ['an unknown component', `<Foo>\n  正文\n</Foo>\n`],
    ['a script element', `<script>alert(1)</script>\n\n${DIV}`],
    ['a link element inside a div', '<div id="p-1" data-line="1" data-kind="paragraph">\n  <a href="javascript:alert(1)">正文</a>\n</div>\n'],
    ['an unknown attribute', '<div id="p-1" onclick="alert(1)">\n  正文\n</div>\n'],
    ['a style attribute', '<div id="p-1" style="display:none">\n  正文\n</div>\n'],
    ['an attribute expression', '<div id={x}>\n  正文\n</div>\n'],
    ['a spread attribute', '<div {...props}>\n  正文\n</div>\n'],
    ['raw text outside the elements', `正文\n\n${DIV}`],
    ['a markdown heading outside', `# 标题\n\n${DIV}`],
    ['a markdown list outside', `- 列表\n\n${DIV}`],
    ['a code block outside', `\`\`\`\n代码\n\`\`\`\n\n${DIV}`],
    ['emphasis inside a div', '<div id="p-1" data-line="1" data-kind="paragraph">\n  **正文**\n</div>\n'],
    ['a markdown link inside a div', '<div id="p-1" data-line="1" data-kind="paragraph">\n  [正文](javascript:alert(1))\n</div>\n'],
    ['an HTML comment (not MDX)', `<!-- 注释 -->\n\n${DIV}`],
    ['an unclosed element', '<div id="p-1">\n  正文\n'],
  ])('rejects %s', (_name, mdx) => {
    expect(() => verifyMdx(mdx, ['正文'])).toThrow(UnsafeMdxError);
  });

  test.each([
    ['different text', ['别的正文']],
    ['more blocks expected', ['正文', '第二段']],
    ['fewer blocks expected', []],
  ])('rejects a page that does not give back the source text: %s', (_name, expected) => {
    expect(() => verifyMdx(DIV, expected)).toThrow(UnsafeMdxError);
  });
});
