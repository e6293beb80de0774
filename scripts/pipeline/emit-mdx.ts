/**
 * Stage 8 — emit: a document record → an MDX page, built as an mdast tree
 * and serialized with `mdast-util-to-markdown` + `mdast-util-mdx`, so
 * escaping is the library's job. Paragraphs that begin with `import`/`export`
 * are escaped too, and every page is parsed back: any ESM, expression, raw
 * HTML or JSX the pipeline did not insert itself, or any text that does not
 * come back exactly, makes the page unusable (an error, never a live page).
 */
import type { Paragraph as MdParagraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown, frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown, mdxToMarkdown } from 'mdast-util-mdx';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toMarkdown, type Unsafe } from 'mdast-util-to-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';
import { stringify as stringifyYaml } from 'yaml';
import type { Frontmatter } from '../../src/lib/schema.ts';
import type { StructuredBlock } from './structure.ts';

/** JSX elements the pipeline may insert, with the attributes it sets. */
const ALLOWED_ELEMENTS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
const ALLOWED_ATTRIBUTES = new Set(['id', 'data-line', 'data-kind', 'scope']);

/** `import`/`export` at the start of a line would be ESM in MDX: escape their first letter as a character reference. */
const UNSAFE_ESM: Unsafe[] = [
  { character: 'i', atBreak: true, after: 'mport\\b' },
  { character: 'e', atBreak: true, after: 'xport\\b' },
];

export class UnsafeMdxError extends Error {}

/** Serializes a page and verifies it parses back to exactly what was built. */
export function emitMdx(frontmatterData: Frontmatter, blocks: readonly StructuredBlock[]): string {
  const body = blocks.flatMap(blockToNodes);
  const tree: Root = {
    type: 'root',
    children: [{ type: 'yaml', value: stringifyFrontmatter(frontmatterData) }, ...body],
  };
  const mdx = toMarkdown(tree, {
    extensions: [mdxToMarkdown(), frontmatterToMarkdown(['yaml'])],
    unsafe: UNSAFE_ESM,
    bullet: '-',
    rule: '-',
  });
  verifyMdx(mdx, expectedTexts(blocks));
  return mdx;
}

/**
 * YAML for the frontmatter with every string double-quoted: Astro reads
 * frontmatter with a YAML 1.1 parser that would turn a bare `2022-11-15` or
 * `0o17` into a date or a number.
 */
export function stringifyFrontmatter(data: Frontmatter): string {
  return stringifyYaml(data, { lineWidth: 0, aliasDuplicateObjects: false, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }).trimEnd();
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function attrs(values: Record<string, string | number | undefined>): MdxJsxAttribute[] {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ({ type: 'mdxJsxAttribute', name, value: String(value) }));
}

function flow(name: string, attributes: MdxJsxAttribute[], children: MdxJsxFlowElement['children']): MdxJsxFlowElement {
  return { type: 'mdxJsxFlowElement', name, attributes, children };
}

function para(value: string): MdParagraph {
  return { type: 'paragraph', children: [text(value)] };
}

function blockToNodes(block: StructuredBlock): RootContent[] {
  if (block.kind === 'heading') {
    const element: MdxJsxTextElement = {
      type: 'mdxJsxTextElement',
      name: `h${Math.min((block.depth ?? 1) + 1, 6)}`,
      attributes: attrs({ id: block.id, 'data-line': block.line }),
      children: [text(block.text)],
    };
    return [{ type: 'paragraph', children: [element] }];
  }
  if (block.kind === 'table') {
    const header = flow('thead', [], [flow('tr', [], (block.header ?? []).map((cell) => flow('th', attrs({ scope: 'col' }), [para(cell)])))]);
    const rows = (block.rows ?? []).map((row) => {
      const width = block.header?.length ?? row.cells.length;
      const cells = [...row.cells, ...Array<string>(Math.max(0, width - row.cells.length)).fill('')];
      return flow('tr', attrs({ id: row.id, 'data-line': row.line }), cells.map((cell) => flow('td', [], cell === '' ? [] : [para(cell)])));
    });
    const caption = block.text === '' ? [] : [flow('caption', [], [para(block.text)])];
    return [flow('table', attrs({ id: block.id, 'data-line': block.line }), [...caption, header, flow('tbody', [], rows)])];
  }
  return [flow('div', attrs({ id: block.id, 'data-line': block.line, 'data-kind': block.kind }), [para(block.text)])];
}

/** Texts in document order, as the parsed page must give them back. */
function expectedTexts(blocks: readonly StructuredBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.kind !== 'table') return [block.text];
    return [...(block.text === '' ? [] : [block.text]), ...(block.header ?? []), ...(block.rows ?? []).flatMap((r) => r.cells.filter((c) => c !== ''))];
  });
}

interface AnyNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: AnyNode[];
}

/** Parses the MDX back and rejects anything the pipeline did not put there. */
export function verifyMdx(mdx: string, expected: readonly string[]): void {
  let tree: AnyNode;
  try {
    tree = fromMarkdown(mdx, {
      extensions: [mdxjs(), frontmatter(['yaml'])],
      mdastExtensions: [mdxFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
    }) as AnyNode;
  } catch (error) {
    throw new UnsafeMdxError('generated MDX does not parse', { cause: error });
  }
  const texts: string[] = [];
  const leaves = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'caption', 'th', 'td']);
  const visit = (node: AnyNode, leaf: string[] | null): void => {
    switch (node.type) {
      case 'root':
      case 'yaml':
        break;
      case 'paragraph':
        if (!leaf && !(node.children?.length === 1 && node.children[0]?.type === 'mdxJsxTextElement')) {
          throw new UnsafeMdxError('unexpected bare paragraph outside the generated elements');
        }
        break;
      case 'text':
        if (!leaf) throw new UnsafeMdxError('unexpected text outside the generated elements');
        leaf.push(String(node.value));
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        if (!node.name || !ALLOWED_ELEMENTS.has(node.name)) throw new UnsafeMdxError(`unexpected JSX element <${node.name ?? ''}>`);
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== 'mdxJsxAttribute' || !attribute.name || !ALLOWED_ATTRIBUTES.has(attribute.name) || typeof attribute.value !== 'string') {
            throw new UnsafeMdxError(`unexpected JSX attribute on <${node.name}>`);
          }
        }
        const own = leaves.has(node.name) ? [] : leaf;
        for (const child of node.children ?? []) visit(child, own);
        if (own && own !== leaf && own.length > 0) texts.push(own.join(''));
        return;
      }
      default:
        throw new UnsafeMdxError(`unexpected ${node.type} node in generated MDX`);
    }
    for (const child of node.children ?? []) visit(child, leaf);
  };
  visit(tree, null);
  const actual = texts;
  const wanted = expected.filter((t) => t !== '');
  if (actual.length !== wanted.length || actual.some((t, i) => t !== wanted[i])) {
    const at = actual.findIndex((t, i) => t !== wanted[i]);
    throw new UnsafeMdxError(`generated MDX does not give back the source text (first difference in block ${at + 1})`);
  }
}
