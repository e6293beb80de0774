/**
 * The source view of a document: its stretch of the seed file, line by line,
 * each line marked as kept in the body, used as title or header, or removed
 * (page chrome, repeated paragraph). The classification is not guessed from
 * the page: the seed is run again through the same first stages as ingest
 * (decode → normalize → split → strip boilerplate → dedupe), so the view
 * shows exactly what those stages decided.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { decodeBytes } from '../../scripts/pipeline/decode.ts';
import { dedupeParagraphs } from '../../scripts/pipeline/dedupe.ts';
import { normalizeText } from '../../scripts/pipeline/normalize.ts';
import { EMPTY_SIDECAR, parseSidecar, type Sidecar } from '../../scripts/pipeline/sidecar.ts';
import { splitDocuments } from '../../scripts/pipeline/split.ts';
import { stripBoilerplate } from '../../scripts/pipeline/strip-boilerplate.ts';
import type { CleanSegment, TextLine } from '../../scripts/pipeline/types.ts';
import type { Source } from './schema.ts';

/** What happened to a line of the seed. */
export const LINE_STATUSES = ['kept', 'trimmed', 'title', 'header', 'boilerplate', 'duplicate', 'dropped', 'outside', 'blank'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Bilingual label and short explanation of each status. */
export const LINE_STATUS_LABELS: Record<LineStatus, { zh: string; en: string; removed: boolean }> = {
  kept: { zh: '保留', en: 'kept', removed: false },
  trimmed: { zh: '部分删除', en: 'partly removed', removed: false },
  title: { zh: '标题', en: 'title', removed: false },
  header: { zh: '文头', en: 'header', removed: false },
  boilerplate: { zh: '删除：网页杂项', en: 'removed as boilerplate', removed: true },
  duplicate: { zh: '删除：重复段落', en: 'removed as duplicate', removed: true },
  dropped: { zh: '删除：清理后为空', en: 'removed in cleaning', removed: true },
  outside: { zh: '属于同一文件的另一文件', en: 'another document in the file', removed: false },
  blank: { zh: '空行', en: 'blank', removed: false },
};

/** One row of the view: a logical line (a physical line split at space runs gives several). */
export interface SourceRow {
  /** 1-based physical line in the seed. */
  line: number;
  /** 1-based column where this piece starts. */
  column: number;
  /** True for the first row of its physical line (it carries the `L<line>` anchor). */
  first: boolean;
  status: LineStatus;
  /** Text as the pipeline read it (the raw line for `dropped` and `blank`). */
  text: string;
  /** For `trimmed`: the part removed from the end of `text` (`text` then holds the kept part). */
  removedTail: string;
  /** Sub-rule for removed lines (`ad`, `nav`, `footer`, `page-meta` …). */
  rule: string | null;
  /** Anchor on the document page of the paragraph or heading that starts on this row. */
  anchor: string | null;
}

/** A paragraph or heading anchor of the document and its first source line. */
export interface LineAnchor {
  id: string;
  line: number;
}

export interface ClassifyInput {
  /** Physical lines of the decoded seed. */
  physical: readonly string[];
  /** Every logical line of the file after normalisation. */
  lines: readonly TextLine[];
  /** The document's segment after stripping and de-duplication. */
  segment: Pick<CleanSegment, 'lines' | 'titleLine' | 'compilationHeading' | 'removed' | 'body'>;
  /** First and last line to show at least (the record's range). */
  range: { startLine: number; endLine: number };
  /** Paragraph and heading anchors in document order. */
  anchors?: readonly LineAnchor[];
}

const keyOf = (line: Pick<TextLine, 'line' | 'column'>): string => `${line.line}:${line.column}`;

/** Classifies every line from the start of the document's segment (or range) to its end. */
export function classifySourceLines(input: ClassifyInput): SourceRow[] {
  const { segment } = input;
  const inSegment = new Set(segment.lines.map(keyOf));
  const body = new Set(segment.body.map(keyOf));
  const removed = new Map<string, { rule: string; fragment?: string }[]>();
  for (const entry of segment.removed) {
    const list = removed.get(keyOf(entry.line));
    const item = entry.fragment === undefined ? { rule: entry.rule } : { rule: entry.rule, fragment: entry.fragment };
    if (list) list.push(item);
    else removed.set(keyOf(entry.line), [item]);
  }
  const titles = new Set([segment.titleLine, segment.compilationHeading].filter((l) => l !== null).map(keyOf));

  const classify = (line: TextLine): Pick<SourceRow, 'status' | 'text' | 'removedTail' | 'rule'> => {
    const key = keyOf(line);
    const plain = { text: line.text, removedTail: '', rule: null };
    if (!inSegment.has(key)) return { ...plain, status: 'outside' };
    if (titles.has(key)) return { ...plain, status: 'title' };
    const reasons = removed.get(key) ?? [];
    if (reasons.some((r) => r.rule === 'header')) return { ...plain, status: 'header' };
    if (reasons.some((r) => r.rule === 'duplicate-paragraph')) return { ...plain, status: 'duplicate', rule: 'duplicate-paragraph' };
    const whole = reasons.find((r) => r.fragment === undefined || r.fragment === line.text);
    if (whole) return { ...plain, status: 'boilerplate', rule: whole.rule };
    const part = reasons.find((r) => r.fragment !== undefined && line.text.endsWith(r.fragment));
    if (part?.fragment !== undefined) {
      return { status: 'trimmed', text: line.text.slice(0, line.text.length - part.fragment.length), removedTail: part.fragment, rule: part.rule };
    }
    return { ...plain, status: body.has(key) ? 'kept' : 'dropped' };
  };

  const first = segment.lines.reduce((min, l) => Math.min(min, l.line), input.range.startLine);
  const last = segment.lines.reduce((max, l) => Math.max(max, l.line), input.range.endLine);
  const byLine = new Map<number, TextLine[]>();
  for (const line of input.lines) {
    if (line.line < first || line.line > last) continue;
    const list = byLine.get(line.line);
    if (list) list.push(line);
    else byLine.set(line.line, [line]);
  }

  const rows: SourceRow[] = [];
  for (let n = first; n <= last; n++) {
    const pieces = (byLine.get(n) ?? []).sort((a, b) => a.column - b.column);
    if (pieces.length === 0) {
      const raw = input.physical[n - 1] ?? '';
      const blank = raw.trim() === '';
      rows.push({ line: n, column: 1, first: true, status: blank ? 'blank' : 'dropped', text: blank ? '' : raw, removedTail: '', rule: blank ? null : 'normalize', anchor: null });
      continue;
    }
    pieces.forEach((piece, i) => rows.push({ line: n, column: piece.column, first: i === 0, ...classify(piece), anchor: null }));
  }
  return attachAnchors(rows, input.anchors ?? []);
}

/** Gives each anchor to the first kept row of its line not yet taken (pieces of one line go in order). */
function attachAnchors(rows: SourceRow[], anchors: readonly LineAnchor[]): SourceRow[] {
  const free = new Map<number, number[]>();
  rows.forEach((row, index) => {
    if (row.status !== 'kept' && row.status !== 'trimmed') return;
    const list = free.get(row.line);
    if (list) list.push(index);
    else free.set(row.line, [index]);
  });
  const out = rows.map((row) => ({ ...row }));
  for (const anchor of [...anchors].sort((a, b) => a.line - b.line)) {
    const index = free.get(anchor.line)?.shift();
    const row = index === undefined ? undefined : out[index];
    if (row) row.anchor = anchor.id;
  }
  return out;
}

/** How many rows have each status. */
export function countStatuses(rows: readonly SourceRow[]): Record<LineStatus, number> {
  const counts = Object.fromEntries(LINE_STATUSES.map((s) => [s, 0])) as Record<LineStatus, number>;
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** A source view ready to render, or why there is none. */
export type SourceView =
  | { ok: true; rows: SourceRow[]; encoding: string }
  | { ok: false; reason: 'missing' | 'changed' | 'undecodable' | 'not-found' };

/** Folder holding the seed files: `ATLAS_SEEDS_DIR`, else `./seeds`. */
export function seedsDir(): string {
  return process.env.ATLAS_SEEDS_DIR || './seeds';
}

const hashes = new Map<string, string | null>();
/** SHA-256 of a seed file (null when missing), read once per file and build. */
function seedHash(path: string): string | null {
  if (!hashes.has(path)) hashes.set(path, existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null);
  return hashes.get(path) ?? null;
}

/** True when the seed of a source is there and unchanged since ingest: the source page is built (and linked) only then. */
export function hasSourceView(source: Pick<Source, 'file' | 'sha256'>, dir: string = seedsDir()): boolean {
  return seedHash(join(dir, ...source.file.split('/'))) === source.sha256;
}

interface SeedStages {
  sha256: string;
  encoding: string;
  physical: string[];
  lines: TextLine[];
  segments: CleanSegment[];
}

/** The last seed read: documents of one file are rendered one after another, so one entry is enough. */
let last: { path: string; stages: SeedStages } | undefined;

function readSeed(dir: string, file: string): SeedStages | null {
  const path = join(dir, ...file.split('/'));
  if (last?.path === path) return last.stages;
  let stages: SeedStages | null = null;
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    const decoded = decodeBytes(bytes);
    if (decoded.ok) {
      // Diagnostics were reported at ingest; this run only needs the decisions.
      const vfile = new VFile({ path: file });
      const lines = normalizeText(decoded.text, vfile);
      const sidecar = readSidecar(path);
      const segments = splitDocuments(lines, vfile, { forceSplitAt: sidecar.split, forbidSplitAt: sidecar.noSplit }).map((segment) =>
        dedupeParagraphs(stripBoilerplate(segment, vfile), vfile),
      );
      stages = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        encoding: decoded.encoding,
        physical: decoded.text.split(/\r\n|\r|\n|\u2028|\u2029/u),
        lines,
        segments,
      };
    } else {
      stages = { sha256: createHash('sha256').update(bytes).digest('hex'), encoding: '', physical: [], lines: [], segments: [] };
    }
  }
  if (stages) last = { path, stages };
  return stages;
}

function readSidecar(seedPath: string): Sidecar {
  const stem = seedPath.replace(/\.[^./]+$/u, '');
  const path = [`${stem}.meta.yaml`, `${stem}.meta.yml`].find((p) => existsSync(p));
  return path ? parseSidecar(readFileSync(path, 'utf8'), new VFile({ path })) : EMPTY_SIDECAR;
}

/** The segment holding most of the record's lines. */
function findSegment(segments: readonly CleanSegment[], source: Pick<Source, 'startLine' | 'endLine'>): CleanSegment | null {
  let best: CleanSegment | null = null;
  let bestCount = 0;
  for (const segment of segments) {
    const count = segment.lines.filter((l) => l.line >= source.startLine && l.line <= source.endLine).length;
    if (count > bestCount) [best, bestCount] = [segment, count];
  }
  return best;
}

/** Reads a document's seed and classifies its lines; refuses when the seed is missing or no longer the file that was ingested. */
export function loadSourceView(source: Source, anchors: readonly LineAnchor[] = [], dir: string = seedsDir()): SourceView {
  const stages = readSeed(dir, source.file);
  if (!stages) return { ok: false, reason: 'missing' };
  if (stages.sha256 !== source.sha256) return { ok: false, reason: 'changed' };
  if (stages.lines.length === 0) return { ok: false, reason: 'undecodable' };
  const segment = findSegment(stages.segments, source);
  if (!segment) return { ok: false, reason: 'not-found' };
  const rows = classifySourceLines({ physical: stages.physical, lines: stages.lines, segment, range: source, anchors });
  return { ok: true, rows, encoding: stages.encoding };
}
