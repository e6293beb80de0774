/**
 * Stage 8 — emit: a document record → an MDX page, built as an mdast tree
 * and serialized with `mdast-util-to-markdown` + `mdast-util-mdx`, so
 * escaping is the library's job. Paragraphs that begin with `import`/`export`
 * are escaped too, and every page is parsed back: any ESM, expression, raw
 * HTML or JSX the pipeline did not insert itself, or any text that does not
 * come back exactly, makes the page unusable (an error, never a live page).
 *
 * Knowledge-layer pages also get, inside each paragraph element, the targets
 * it states wrapped in `<mark className="target">`, and after the text a
 * `<ParagraphLinks paragraph themes />` placeholder that the document
 * page fills at build time (¶ self-link, theme chips to the topic pages: which
 * topic page lists a paragraph is only known once the whole corpus is in).
 * Both are checked as strictly as the rest: fixed class, no children, the
 * placeholder's attributes must repeat those of the paragraph it sits in.
 */
import type { Paragraph as MdParagraph, PhrasingContent, Root, RootContent } from 'mdast';
import { mdxToMarkdown } from 'mdast-util-mdx';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toMarkdown, type Unsafe } from 'mdast-util-to-markdown';
import { mdxToMdast } from 'satteri';
import { withoutPageDetail, type Frontmatter, type Target } from '../../src/lib/schema.ts';
import { describeTarget } from '../../src/lib/display.ts';
import type { StructuredBlock } from './structure.ts';

/** JSX elements the pipeline may insert, with the attributes it sets. */
const ALLOWED_ELEMENTS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
const ALLOWED_ATTRIBUTES = new Set(['id', 'data-line', 'data-kind', 'data-themes', 'scope']);

/** `import`/`export` at the start of a line would be ESM in MDX: escape their first letter as a character reference. */
const UNSAFE_ESM: Unsafe[] = [
  { character: 'i', atBreak: true, after: 'mport\\b' },
  { character: 'e', atBreak: true, after: 'xport\\b' },
];

export class UnsafeMdxError extends Error {}

export interface EmitOptions {
  /** Theme slugs of a paragraph or table row, written as `data-themes` on its element. */
  themesOf?: (id: string) => readonly string[];
  /**
   * Adds to each paragraph element `<mark>`s around its targets (from the frontmatter) and the
   * `<ParagraphLinks>` placeholder. Default: on when `themesOf` is given, i.e. for knowledge-layer pages.
   */
  paragraphLinks?: boolean;
  /**
   * Pages with more blocks than this are written without marks and placeholders (default 5000; real
   * documents have a few hundred). A 5 MB seed of 100,000 numbered targets otherwise runs the
   * parse-back check out of memory.
   */
  maxLinkedBlocks?: number;
}

/** Name of the placeholder component the document page provides (`<Content components={{ ParagraphLinks }} />`). */
export const PARAGRAPH_LINKS = 'ParagraphLinks';
const TARGET_CLASS = 'target';

/** Serializes a page and verifies it parses back to exactly what was built. */
export function emitMdx(frontmatterData: Frontmatter, blocks: readonly StructuredBlock[], options: EmitOptions = {}): string {
  const themesOf = options.themesOf ?? (() => []);
  const links = (options.paragraphLinks ?? options.themesOf !== undefined) && blocks.length <= (options.maxLinkedBlocks ?? 5000);
  const plain: Decorations = { themesOf, links: null };
  if (links) {
    // The page, not the MDX, knows the document id: ingest may still rename a document on an id collision.
    const decorated: Decorations = { themesOf, links: { targets: targetsByParagraph(frontmatterData.targets) } };
    try {
      return serialize(frontmatterData, blocks, decorated);
    } catch (error) {
      // Links and marks are extras: a page whose text does not survive them is written without them (still verified).
      if (!(error instanceof UnsafeMdxError)) throw error;
    }
  }
  return serialize(frontmatterData, blocks, plain);
}

interface Decorations {
  themesOf: (id: string) => readonly string[];
  links: { targets: ReadonlyMap<string, readonly Target[]> } | null;
}

function serialize(frontmatterData: Frontmatter, blocks: readonly StructuredBlock[], decorations: Decorations): string {
  const tree: Root = { type: 'root', children: blocks.flatMap((block) => blockToNodes(block, decorations)) };
  const body = toMarkdown(tree, { extensions: [mdxToMarkdown()], unsafe: UNSAFE_ESM, bullet: '-', rule: '-' });
  // Only the body is parsed back: the frontmatter is JSON, whose every line starts with a space or a bracket,
  // so no line of it can close the frontmatter early, and a long plan's targets need not be tokenized again.
  verifyMdx(body, expectedTexts(blocks));
  return `---\n${stringifyFrontmatter(frontmatterData)}\n---\n${body === '' ? '' : `\n${body}`}`;
}

function targetsByParagraph(targets: readonly Target[]): Map<string, Target[]> {
  const map = new Map<string, Target[]>();
  for (const target of targets) {
    const list = map.get(target.paragraphId);
    if (list) list.push(target);
    else map.set(target.paragraphId, [target]);
  }
  return map;
}

/** Replaces a page's frontmatter (after corpus-level fields such as cited-by are known). */
export function replaceFrontmatter(mdx: string, data: Frontmatter): string {
  const end = mdx.indexOf('\n---\n', 3);
  if (!mdx.startsWith('---\n') || end < 0) throw new UnsafeMdxError('page without frontmatter');
  return `---\n${stringifyFrontmatter(data)}${mdx.slice(end)}`;
}

/**
 * The frontmatter as JSON, which is YAML: every string stays a quoted string
 * (Astro reads frontmatter with a YAML 1.1 parser that would turn a bare
 * `2022-11-15` or `0o17` into a date or a number), and a long plan's hundreds
 * of targets serialize in milliseconds instead of seconds. One line per
 * top-level field, without the detail fields.
 */
export function stringifyFrontmatter(data: Frontmatter): string {
  const fields = Object.entries(withoutPageDetail(data));
  return `{\n${fields.map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')}\n}`;
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

/** Theme slugs as an attribute value, or undefined (no attribute) when there are none. */
function themeAttribute(themes: readonly string[]): string | undefined {
  return themes.length > 0 ? themes.join(' ') : undefined;
}

/** The paragraph text with each target's quote (first occurrence, no overlaps) wrapped in `<mark>`. */
function markTargets(value: string, targets: readonly Target[]): PhrasingContent[] {
  const spans = targets
    .map((target) => ({ target, start: target.quote === '' ? -1 : value.indexOf(target.quote) }))
    .filter((span) => span.start >= 0)
    .sort((a, b) => a.start - b.start || b.target.quote.length - a.target.quote.length);
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const { target, start } of spans) {
    if (start < at) continue;
    if (start > at) out.push(text(value.slice(at, start)));
    out.push({
      type: 'mdxJsxTextElement',
      name: 'mark',
      attributes: attrs({ className: TARGET_CLASS, title: describeTarget(target) }),
      children: [text(target.quote)],
    });
    at = start + target.quote.length;
  }
  if (at < value.length || out.length === 0) out.push(text(value.slice(at)));
  return out;
}

/** The placeholder for the paragraph's ¶ link and theme chips, filled in by the document page. */
function paragraphLinks(id: string, themes: readonly string[]): MdxJsxFlowElement {
  return flow(PARAGRAPH_LINKS, attrs({ paragraph: id, themes: themeAttribute(themes) }), []);
}

function blockToNodes(block: StructuredBlock, { themesOf, links }: Decorations): RootContent[] {
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
      const targets = links?.targets.get(row.id) ?? [];
      const cell = (value: string): MdParagraph => (targets.length > 0 ? { type: 'paragraph', children: markTargets(value, targets) } : para(value));
      return flow('tr', attrs({ id: row.id, 'data-line': row.line, 'data-themes': themeAttribute(themesOf(row.id)) }), cells.map((value) => flow('td', [], value === '' ? [] : [cell(value)])));
    });
    const caption = block.text === '' ? [] : [flow('caption', [], [para(block.text)])];
    return [flow('table', attrs({ id: block.id, 'data-line': block.line }), [...caption, header, flow('tbody', [], rows)])];
  }
  const themes = themesOf(block.id);
  const element = attrs({ id: block.id, 'data-line': block.line, 'data-kind': block.kind, 'data-themes': themeAttribute(themes) });
  if (!links) return [flow('div', element, [para(block.text)])];
  const paragraph: MdParagraph = { type: 'paragraph', children: markTargets(block.text, links.targets.get(block.id) ?? []) };
  return [flow('div', element, [paragraph, paragraphLinks(block.id, themes)])];
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
    // The parser Astro compiles the page with (@astrojs/mdx 8 → satteri), with the site's features
    // (astro.config.mjs: gfm and smartypants off): a check by any other parser could pass a page that
    // the site reads differently. It is also ~10x faster and leaner than micromark on long pages.
    tree = mdxToMdast(mdx, { features: { gfm: false, smartPunctuation: false, frontmatter: true }, position: false }) as AnyNode;
  } catch (error) {
    throw new UnsafeMdxError('generated MDX does not parse', { cause: error });
  }
  const texts: string[] = [];
  const leaves = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'caption', 'th', 'td']);
  /** `leaf` collects the text of the generated element `owner` (a paragraph div, heading, caption or cell). */
  const visit = (node: AnyNode, leaf: string[] | null, owner: AnyNode | null): void => {
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
        const paragraph = owner?.name === 'div' ? stringAttributes(owner) : undefined;
        if (node.name === 'mark') {
          // Targets are marked in paragraphs and in the cells of table rows.
          if (!leaf || (paragraph === undefined && owner?.name !== 'td')) throw new UnsafeMdxError('unexpected <mark> outside a paragraph');
          verifyMark(node, leaf);
          return;
        }
        if (node.name === PARAGRAPH_LINKS) {
          if (paragraph === undefined || node.type !== 'mdxJsxFlowElement') throw new UnsafeMdxError(`unexpected <${PARAGRAPH_LINKS}> outside a paragraph`);
          verifyParagraphLinks(node, paragraph);
          return;
        }
        if (!node.name || !ALLOWED_ELEMENTS.has(node.name)) throw new UnsafeMdxError(`unexpected JSX element <${node.name ?? ''}>`);
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== 'mdxJsxAttribute' || !attribute.name || !ALLOWED_ATTRIBUTES.has(attribute.name) || typeof attribute.value !== 'string') {
            throw new UnsafeMdxError(`unexpected JSX attribute on <${node.name}>`);
          }
        }
        const own = leaves.has(node.name) ? [] : leaf;
        for (const child of node.children ?? []) visit(child, own, own === leaf ? owner : node);
        if (own && own !== leaf && own.length > 0) texts.push(own.join(''));
        return;
      }
      default:
        throw new UnsafeMdxError(`unexpected ${node.type} node in generated MDX`);
    }
    for (const child of node.children ?? []) visit(child, leaf, owner);
  };
  visit(tree, null, null);
  const actual = texts;
  const wanted = expected.filter((t) => t !== '');
  if (actual.length !== wanted.length || actual.some((t, i) => t !== wanted[i])) {
    const at = actual.findIndex((t, i) => t !== wanted[i]);
    throw new UnsafeMdxError(`generated MDX does not give back the source text (first difference in block ${at + 1})`);
  }
}

/** The attributes of an element as a plain record; anything but literal string values is rejected. */
function stringAttributes(node: AnyNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name || typeof attribute.value !== 'string' || Object.hasOwn(out, attribute.name)) {
      throw new UnsafeMdxError(`unexpected JSX attribute on <${node.name ?? ''}>`);
    }
    out[attribute.name] = attribute.value;
  }
  return out;
}

function hasOnly(attributes: Record<string, string>, allowed: readonly string[]): boolean {
  return Object.keys(attributes).every((name) => allowed.includes(name));
}

/** `<mark className="target" title="…">text</mark>` inside a paragraph: its text is paragraph text. */
function verifyMark(node: AnyNode, leaf: string[]): void {
  const attributes = stringAttributes(node);
  if (attributes.className !== TARGET_CLASS || !hasOnly(attributes, ['className', 'title'])) throw new UnsafeMdxError('unexpected attributes on <mark>');
  for (const child of node.children ?? []) {
    if (child.type !== 'text') throw new UnsafeMdxError(`unexpected ${child.type} inside <mark>`);
    leaf.push(String(child.value));
  }
}

/** `<ParagraphLinks paragraph themes />`: no children, and the paragraph's own id and themes. */
function verifyParagraphLinks(node: AnyNode, paragraph: Record<string, string>): void {
  const attributes = stringAttributes(node);
  const ok =
    hasOnly(attributes, ['paragraph', 'themes']) &&
    attributes.paragraph === paragraph.id &&
    attributes.themes === paragraph['data-themes'] &&
    (node.children ?? []).length === 0;
  if (!ok) throw new UnsafeMdxError(`unexpected attributes or content on <${PARAGRAPH_LINKS}>`);
}
