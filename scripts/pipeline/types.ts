/**
 * What each stage hands to the next, declared in one place so the order of
 * the pipeline reads as a chain of types: SeedInput → DecodedText →
 * TextLine[] → Segment[] → CleanSegment → StructuredDocument → DocumentRecord.
 */
import type { VFile } from 'vfile';

/** One logical line of text after normalisation, with its place in the seed file. */
export interface TextLine {
  /** Normalised text as it will be shown. */
  text: string;
  /** Simplified-script copy of `text` used for matching rules (same length as `text`). */
  match: string;
  /** 1-based line in the seed file. */
  line: number;
  /** 1-based column in that line where this logical line starts. */
  column: number;
  /** True when the line holds U+FFFD (text cut mid-character). */
  replacementChar: boolean;
  /** 0-based place in the seed line of each UTF-16 unit of `text`, when not simply `column - 1 + index`. */
  offsets?: number[];
}

/** 1-based column in the seed line of the character at `index` of a line's text. */
export function columnAt(line: TextLine, index: number): number {
  const mapped = line.offsets?.[Math.min(index, line.offsets.length - 1)];
  return mapped === undefined ? line.column + index : mapped + 1 + Math.max(0, index - (line.offsets?.length ?? 0) + 1);
}

/** Why a line was dropped from a document body. */
export interface RemovedLine {
  line: TextLine;
  /** Rule that removed it (`boilerplate-removed` sub-rule such as `ad`, `nav`, `footer`, `page-title`). */
  rule: string;
  /** Which part of the line was removed, when only a fragment was (`_百度文库` suffix). */
  fragment?: string;
}

/** Metadata-bearing page chrome kept aside for evidence (page dates, 来源 lines). */
export interface PageMetaLine {
  line: TextLine;
  /** `page-date`, `source`, `publish-date`, `issuer-field` … */
  kind: string;
  /** The value after the label (`2022-11-15 02:12:00`, `江苏省科技厅`). */
  value: string;
}

/** A stretch of a seed file holding one document, as found by the split stage. */
export interface Segment {
  /** Position of the segment in its file (0-based). */
  index: number;
  /** All lines of the segment, in order (nothing removed yet). */
  lines: TextLine[];
  /** Compilation heading such as `第二篇:2008年科技工作要点`, if the file is a compilation. */
  compilationHeading: TextLine | null;
  /** The line chosen as the document's own title, if any. */
  titleLine: TextLine | null;
  /** Title-like lines before the title (template page titles): removed as `page-title`. */
  pageTitleLines: TextLine[];
}

/** A segment after boilerplate stripping and de-duplication. */
export interface CleanSegment extends Segment {
  /** Lines that make up the body, in order. */
  body: TextLine[];
  removed: RemovedLine[];
  pageMeta: PageMetaLine[];
  /** Lines of the title block between the title and the body: subtitle period, issuer, number, date. */
  header: TextLine[];
}

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table' | 'attachment';

/** A structural block of a document body. */
export interface Block {
  kind: BlockKind;
  /** Text shown (for tables: the table title, possibly empty). */
  text: string;
  /** First source line. */
  line: number;
  column: number;
  /** Heading depth (1 = top) for headings. */
  depth?: number;
  /** Table rows (cells) for tables, each with its source line. */
  rows?: { cells: string[]; line: number }[];
  /** Table header cells. */
  header?: string[];
  truncated?: boolean;
}

/** Per-file context handed along the pipeline. */
export interface FileContext {
  /** Path relative to the seeds folder, `/`-separated. */
  path: string;
  /** Diagnostics sink (vfile messages). */
  file: VFile;
  sha256: string;
  encoding: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Path of the seed (or sidecar) relative to the seeds folder. */
    seedPath: string;
  }
}
