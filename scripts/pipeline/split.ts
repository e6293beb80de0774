/**
 * Stage 3 — split: one seed file → one segment per document. Boundaries are
 * compilation markers (`第二篇:…`) and title lines that follow running prose
 * (a second document pasted below the first). Within a segment, the title is
 * the last title-like line before the body; earlier ones are template page
 * titles. Sidecar corrections can force or forbid a boundary at a line.
 */
import type { VFile } from 'vfile';
import { classifyChrome } from './boilerplate-rules.ts';
import { report } from './diagnostics.ts';
import { ATTACHMENT, COMPILATION_MARKER, DATE_LINE, DOC_NUMBER_LINE, headingMarker, isProse, isTitleCandidate } from './patterns.ts';
import type { Segment, TextLine } from './types.ts';

export interface Options {
  /** Seed lines where a new document must start (from a sidecar). */
  forceSplitAt: readonly number[];
  /** Seed lines where no new document may start (from a sidecar). */
  forbidSplitAt: readonly number[];
}

export const defaultOptions: Options = { forceSplitAt: [], forbidSplitAt: [] };


/** Splits a file's lines into document segments and picks each one's title line. */
export function splitDocuments(lines: readonly TextLine[], file: VFile, options: Partial<Options> = {}): Segment[] {
  const settings = { ...defaultOptions, ...options };
  const starts = findBoundaries(lines, settings);
  const segments: Segment[] = [];
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? (starts[k + 1] ?? lines.length) : lines.length;
    const chunk = lines.slice(start, end);
    if (chunk.length === 0) return;
    segments.push(makeSegment(chunk, segments.length));
  });

  // A prefix before the first compilation marker that holds no prose is the compilation's page chrome.
  const first = segments[0];
  const second = segments[1];
  if (first && second && !first.compilationHeading && second.compilationHeading && !first.lines.some(isBody)) {
    second.lines = [...first.lines, ...second.lines];
    second.pageTitleLines = [...first.pageTitleLines, ...(first.titleLine ? [first.titleLine] : []), ...second.pageTitleLines];
    segments.shift();
    segments.forEach((segment, index) => (segment.index = index));
  }

  for (const segment of segments) {
    // A stretch of page chrome only is dropped later (no-documents / chrome-only): it lacks no title.
    if (!segment.titleLine && !segment.compilationHeading && segment.lines.some((l) => classifyChrome(l.match) === null)) {
      const at = segment.lines[0];
      if (at) report(file, 'warning', 'Unexpected document without a title line, expected a short title above the text', 'missing-title', { line: at.line, column: at.column, length: at.text.length });
    }
  }
  return segments;
}

function findBoundaries(lines: readonly TextLine[], settings: Options): number[] {
  const starts = [0];
  let sawProse = false;
  let inAttachment = false;
  lines.forEach((line, i) => {
    if (i === 0) {
      sawProse = isBody(line);
      return;
    }
    const forced = settings.forceSplitAt.includes(line.line) && line.line !== lines[i - 1]?.line;
    const forbidden = settings.forbidSplitAt.includes(line.line);
    const marker = COMPILATION_MARKER.test(line.match);
    // Cheap tests first: most lines of a long file are not after prose, and title tests run regexes.
    const title = sawProse && !inAttachment && isTitleCandidate(line.match);
    if (!forbidden && (forced || marker || title)) {
      starts.push(i);
      sawProse = false;
      inAttachment = false;
      return;
    }
    if (ATTACHMENT.test(line.match)) inAttachment = true;
    if (isBody(line)) sawProse = true;
  });
  return starts;
}

/** Running prose of the document: not chrome, and Chinese (a line of code or markup above the title is not the text). */
function isBody(line: TextLine): boolean {
  return isProse(line.match) && HAN.test(line.match) && classifyChrome(line.match) === null;
}

const HAN = /\p{Script=Han}/u;

function makeSegment(chunk: TextLine[], index: number): Segment {
  const head = chunk[0];
  const compilationHeading = head && COMPILATION_MARKER.test(head.match) ? head : null;
  const candidates: TextLine[] = [];
  let fallback: TextLine | null = null;
  for (const line of chunk) {
    if (line === compilationHeading) continue;
    if (classifyChrome(line.match) !== null) continue;
    if (isBody(line) || headingMarker(line.match)) break;
    if (isTitleCandidate(line.match)) candidates.push(line);
    else if (fallback === null && isShortHeadline(line.match)) fallback = line;
  }
  let titleLine = candidates.at(-1) ?? null;
  const pageTitleLines = candidates.slice(0, -1);
  // News and other pages whose headline has no document-type ending: the first short line before the body.
  if (!titleLine && fallback) titleLine = fallback;
  return { index, lines: chunk, compilationHeading, titleLine, pageTitleLines };
}

function isShortHeadline(text: string): boolean {
  if (DOC_NUMBER_LINE.test(text) || DATE_LINE.test(text)) return false;
  return text.length >= 6 && text.length <= 60 && !/[。;；!！?？,，]/u.test(text) && !/^[^(（]{1,8}[:：]/u.test(text);
}
