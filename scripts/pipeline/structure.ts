/**
 * Stage 6 — structure: body lines → headings, paragraphs, list items,
 * attachment lines and tables. Joins lines hard-wrapped mid-sentence,
 * assigns heading depths by the order numbering styles first appear
 * (一、 → (一) → 1. …), rebuilds attachment tables flattened one cell per
 * line, flags cut paragraphs, and gives sections and paragraphs stable ids
 * derived from their own text (not their position).
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { Paragraph, Section } from '../../src/lib/schema.ts';
import { placeOf, report } from './diagnostics.ts';
import { ATTACHMENT, headingMarker, isAgencyList, TERMINAL_PUNCT } from './patterns.ts';
import type { TextLine } from './types.ts';

export interface Options {
  /** Numbered lines up to this length (and not ending a sentence) are headings; longer ones are list items. */
  maxHeadingLength: number;
  /** A line at least this long that does not end a sentence is joined with the next line. */
  minWrappedLength: number;
}

export const defaultOptions: Options = { maxHeadingLength: 50, minWrappedLength: 40 };

export interface StructuredBlock {
  kind: 'heading' | 'paragraph' | 'list-item' | 'attachment' | 'table';
  id: string;
  text: string;
  line: number;
  depth?: number;
  truncated?: boolean;
  /** Table: column labels and rows with their paragraph ids. */
  header?: string[];
  rows?: { id: string; cells: string[]; line: number }[];
}

export interface StructuredDocument {
  blocks: StructuredBlock[];
  sections: Section[];
  paragraphs: Paragraph[];
  truncatedParagraphs: number;
}

const ATTACHMENT_ITEM = /^\d{1,2}\s*[.、．]\s*\S.*(?:表|单|清单|目录|方案|办法|细则|指南)$/u;
const TABLE_TITLE = /(?:表|一览表|清单)$/u;
const TABLE_HEADER = /^(?:序号|任务|目标|内容|指标|牵头|责任|配合|完成时限|时间|备注)[\p{L}\s/、]*$/u;

/** Builds the block list, section tree and paragraph records of a document body. */
export function structureBody(lines: readonly TextLine[], file: VFile, options: Partial<Options> = {}): StructuredDocument {
  const settings = { ...defaultOptions, ...options };
  const joined = joinWrappedLines(lines, file, settings);
  const blocks: StructuredBlock[] = [];
  const styleDepth = new Map<string, number>();
  const ids = new IdAllocator();

  let i = 0;
  let inAttachment = false;
  while (i < joined.length) {
    const line = joined[i];
    if (!line) break;
    const text = line.text;
    if (ATTACHMENT.test(line.match) || (inAttachment && ATTACHMENT_ITEM.test(line.match) && !TABLE_TITLE.test(line.match.replace(ATTACHMENT_ITEM, '')) && blocks.at(-1)?.kind === 'attachment')) {
      inAttachment = true;
      blocks.push({ kind: 'attachment', id: ids.paragraph(text), text, line: line.line });
      i++;
      continue;
    }
    if (inAttachment && TABLE_TITLE.test(line.match) && line.text.length <= 60 && !/[。;；]/u.test(line.match)) {
      const table = readTable(joined, i, ids);
      blocks.push(table.block);
      i = table.next;
      continue;
    }
    const marker = headingMarker(line.match);
    const isHeading =
      marker !== null &&
      marker.style !== 'article' &&
      text.length <= settings.maxHeadingLength &&
      // A sentence end anywhere (`(六)推进…。选派…。(区…负责)`) makes it a task item, not a heading.
      !/[。;；!！?？]/u.test(text) &&
      text.length > marker.marker.length;
    if (isHeading) {
      let depth = styleDepth.get(marker.style);
      if (depth === undefined) {
        depth = Math.min(styleDepth.size + 1, 5);
        styleDepth.set(marker.style, depth);
      }
      blocks.push({ kind: 'heading', id: '', text, line: line.line, depth });
      i++;
      continue;
    }
    const truncated = line.replacementChar || (text.length >= 30 && !TERMINAL_PUNCT.test(text));
    blocks.push({
      kind: marker ? 'list-item' : 'paragraph',
      id: ids.paragraph(text),
      text,
      line: line.line,
      truncated,
    });
    if (truncated) {
      const why = line.replacementChar ? 'a character cut in half (U+FFFD)' : 'no sentence-final punctuation';
      report(file, 'warning', `Unexpected end of paragraph (${why}), expected a complete sentence; text may be cut`, 'truncated-paragraph', placeOf(line, Math.max(0, text.length - 10)));
    }
    i++;
  }

  const sections = buildSections(blocks);
  const paragraphs = collectParagraphs(blocks);
  return { blocks, sections, paragraphs, truncatedParagraphs: paragraphs.filter((p) => p.truncated).length };
}

/** Joins a line that stops mid-sentence with the line after it (pages hard-wrapped at a fixed width). */
function joinWrappedLines(lines: readonly TextLine[], file: VFile, settings: Options): TextLine[] {
  const out: TextLine[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    if (
      previous &&
      previous.text.length >= settings.minWrappedLength &&
      !TERMINAL_PUNCT.test(previous.text) &&
      !previous.replacementChar &&
      !headingMarker(line.match) &&
      !ATTACHMENT.test(line.match) &&
      !isAgencyList(line.match) &&
      // A list of agencies is a whole table cell, not a sentence cut in two (`市发改委、市财政局` + the next paragraph).
      !isAgencyList(previous.match) &&
      // Fixed-width wrapping cuts between two characters of a sentence: Han (or a digit) on both sides.
      /[\p{Script=Han}\d]$/u.test(previous.text) &&
      /^\p{Script=Han}/u.test(line.text) &&
      // A short numbered line is a heading, not a sentence cut in two.
      !(headingMarker(previous.match) && previous.text.length <= settings.maxHeadingLength)
    ) {
      report(file, 'info', `Joined line ${line.line} to the sentence it continues from line ${previous.line}`, 'joined-line', placeOf(line));
      out[out.length - 1] = {
        ...previous,
        text: previous.text + line.text,
        match: previous.match + line.match,
        replacementChar: previous.replacementChar || line.replacementChar,
        offsets: previous.offsets ?? previous.text.split('').map((_, k) => previous.column - 1 + k),
      };
      continue;
    }
    out.push(line);
  }
  return out;
}

/** Reads a flattened table: a title, optional header cells, then task lines each followed by agency cells. */
function readTable(lines: readonly TextLine[], start: number, ids: IdAllocator): { block: StructuredBlock; next: number } {
  const titleLine = lines[start];
  const title = titleLine?.text ?? '';
  const rows: { id: string; cells: string[]; line: number }[] = [];
  const headerCells: string[] = [];
  let i = start + 1;
  while (i < lines.length) {
    const line = lines[i];
    if (!line) break;
    if (TABLE_TITLE.test(line.match) && line.text.length <= 60 && !/[。;；]/u.test(line.match)) break;
    if (ATTACHMENT.test(line.match)) break;
    if (rows.length === 0 && TABLE_HEADER.test(line.match) && line.text.length <= 20) {
      headerCells.push(line.text);
      i++;
      continue;
    }
    const cells = [line.text];
    let j = i + 1;
    while (j < lines.length && cells.length < 3) {
      const next = lines[j];
      if (!next || !isAgencyList(next.match)) break;
      cells.push(next.text);
      j++;
    }
    rows.push({ id: '', cells, line: line.line });
    i = j;
  }
  const width = rows.reduce((max, r) => Math.max(max, r.cells.length), 1);
  const header = ['内容', '牵头单位', '配合单位'].slice(0, width);
  if (headerCells.length === 1 && width === 2) header[1] = headerCells[0] ?? '牵头单位';
  for (const row of rows) row.id = ids.paragraph(row.cells.join(' | '));
  return {
    block: { kind: 'table', id: ids.table(title, rows[0]?.cells[0] ?? ''), text: title, line: titleLine?.line ?? 1, header, rows },
    next: i,
  };
}

function buildSections(blocks: StructuredBlock[]): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const used = new Set<string>();
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    const depth = block.depth ?? 1;
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    const parentKey = stack.map((s) => s.title).join('\u0000');
    let id = `s-${shortHash(`${parentKey}\u0000${block.text}`, 6)}`;
    for (let n = 2; used.has(id); n++) id = `s-${shortHash(`${parentKey}\u0000${block.text}\u0000${n}`, 6)}`;
    used.add(id);
    block.id = id;
    const section: Section = { id, title: block.text, depth, line: block.line, children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(section);
    else roots.push(section);
    stack.push(section);
  }
  return roots;
}

function collectParagraphs(blocks: StructuredBlock[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const path: { id: string; depth: number }[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const depth = block.depth ?? 1;
      while (path.length > 0 && (path.at(-1)?.depth ?? 0) >= depth) path.pop();
      path.push({ id: block.id, depth });
      continue;
    }
    // Attachments (附件 and the tables after it) stand outside the body's sections.
    if (block.kind === 'attachment') path.length = 0;
    const sectionPath = path.map((p) => p.id);
    if (block.kind === 'table') {
      for (const row of block.rows ?? []) {
        paragraphs.push({ id: row.id, text: row.cells.join(' | '), line: row.line, sectionPath, kind: 'table-row', cells: row.cells, truncated: false, themes: [], instruments: [] });
      }
      continue;
    }
    paragraphs.push({
      id: block.id,
      text: block.text,
      line: block.line,
      sectionPath,
      kind: block.kind === 'list-item' ? 'list-item' : block.kind === 'attachment' ? 'attachment' : 'paragraph',
      truncated: block.truncated ?? false,
      themes: [],
      instruments: [],
    });
  }
  return paragraphs;
}

/** Hands out content-derived ids, disambiguating repeats in order (`p-abc`, `p-abc-2`). */
class IdAllocator {
  private readonly used = new Map<string, number>();

  paragraph(text: string): string {
    return this.unique(`p-${shortHash(text.replace(/\s/gu, ''), 7)}`);
  }

  table(title: string, firstCell: string): string {
    return this.unique(`t-${shortHash(`${title}\u0000${firstCell}`, 6)}`);
  }

  private unique(base: string): string {
    const count = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}

/** Base-36 prefix of a SHA-256 digest: short, stable, ASCII. */
export function shortHash(text: string, length: number): string {
  const digest = createHash('sha256').update(text).digest();
  return BigInt(`0x${digest.subarray(0, 12).toString('hex')}`).toString(36).padStart(length, '0').slice(0, length);
}
