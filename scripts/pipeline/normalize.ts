/**
 * Stage 2 — normalize: text → logical lines. Unifies line endings, removes
 * HTML-entity debris (`&&&&`, `&#年`, `&nbsp;`), zero-width, control and
 * private-use characters, folds white space (incl. U+3000 and NBSP), splits
 * pages flattened onto one physical line at runs of spaces, and gives every
 * line a simplified-script copy for matching (pages keep the original).
 * Chinese punctuation is kept as it is.
 */
import { decodeHTMLStrict } from 'entities';
import * as OpenCC from 'opencc-js';
import type { VFile } from 'vfile';
import { report } from './diagnostics.ts';
import type { TextLine } from './types.ts';

export interface Options {
  /** Physical lines at least this long are split at runs of two or more spaces. */
  flattenedMinLength: number;
}

export const defaultOptions: Options = { flattenedMinLength: 100 };

const WHITESPACE_RUN = /[\s\u00a0\u3000\u2000-\u200a\u202f\u205f]{2,}/gu;
const WHITESPACE = /[\s\u00a0\u3000\u2000-\u200a\u202f\u205f]+/gu;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;
const PRIVATE_USE = /[\ue000-\uf8ff]|[\udb80-\udbff][\udc00-\udfff]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

let toSimplified: ((text: string) => string) | null = null;

/** Converts traditional-script text to simplified with OpenCC (Taiwan/Hong Kong variants → mainland). */
export function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return toSimplified(text);
}

/** Splits decoded text into normalised logical lines, reporting what it cleaned. */
export function normalizeText(text: string, file: VFile, options: Partial<Options> = {}): TextLine[] {
  const settings = { ...defaultOptions, ...options };
  const physical = text.split(/\r\n|\r|\n|\u2028|\u2029/u);
  const lines: TextLine[] = [];
  let traditionalLines = 0;
  let firstTraditional: TextLine | null = null;

  physical.forEach((raw, index) => {
    const lineNumber = index + 1;
    const padded = padDebris(raw);
    if (padded !== raw && /&#(?![0-9xX])|&{2,}/u.test(raw)) {
      report(file, 'info', 'Removed HTML-entity debris (`&&&`, `&#`)', 'entity-debris', { line: lineNumber, column: 1, length: raw.length });
    }
    const pieces =
      padded.length >= settings.flattenedMinLength ? splitAtSpaceRuns(padded) : [{ text: padded, offset: 0 }];
    if (pieces.length > 2) {
      report(
        file,
        'info',
        `Split a flattened line into ${pieces.length} lines at runs of spaces`,
        'flattened-line',
        { line: lineNumber, column: 1, length: raw.length },
      );
    }
    for (const piece of pieces) {
      const cleaned = cleanPiece(piece.text, lineNumber, piece.offset, file);
      if (cleaned.text === '') continue;
      const match = matchCopy(cleaned.text);
      const line: TextLine = {
        text: cleaned.text,
        match,
        line: lineNumber,
        column: piece.offset + cleaned.lead + 1,
        replacementChar: cleaned.text.includes('\ufffd'),
      };
      if (match !== cleaned.text) {
        traditionalLines++;
        firstTraditional ??= line;
      }
      lines.push(line);
    }
  });

  if (firstTraditional !== null) {
    const first: TextLine = firstTraditional;
    report(
      file,
      'info',
      `Recognised traditional script on ${traditionalLines} line(s); matching uses a simplified copy, pages show the original`,
      'traditional-script',
      { line: first.line, column: first.column, length: first.text.length },
    );
  }
  return lines;
}

/** Replaces entity debris with the same number of spaces, so columns stay true. */
function padDebris(raw: string): string {
  return raw
    .replace(/&nbsp;?/giu, (m) => ' '.repeat(m.length))
    .replace(/&#(?![0-9xX])/gu, '  ')
    .replace(/&{2,}/gu, (m) => ' '.repeat(m.length))
    .replace(/(^|\s)&(?=\s|$)/gu, (_m, before: string) => `${before} `);
}

function splitAtSpaceRuns(text: string): { text: string; offset: number }[] {
  const pieces: { text: string; offset: number }[] = [];
  let start = 0;
  for (const run of text.matchAll(WHITESPACE_RUN)) {
    const at = run.index;
    if (at > start) pieces.push({ text: text.slice(start, at), offset: start });
    start = at + run[0].length;
  }
  if (start < text.length) pieces.push({ text: text.slice(start), offset: start });
  return pieces;
}

function cleanPiece(
  text: string,
  lineNumber: number,
  offset: number,
  file: VFile,
): { text: string; lead: number } {
  let value = text;
  if (/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iu.test(value)) value = decodeHTMLStrict(value);
  value = value.replace(ZERO_WIDTH, '');
  for (const hit of value.matchAll(CONTROL)) {
    report(file, 'warning', `Unexpected control character U+${hex(hit[0])}, expected text; removed`, 'control-character', {
      line: lineNumber,
      column: offset + hit.index + 1,
      length: 1,
    });
  }
  value = value.replace(CONTROL, ' ');
  for (const hit of value.matchAll(PRIVATE_USE)) {
    report(
      file,
      'warning',
      `Unexpected private-use character U+${hex(hit[0])} (a web font icon or lost glyph), expected text; removed`,
      'private-use-character',
      { line: lineNumber, column: offset + hit.index + 1, length: 1 },
    );
  }
  value = value.replace(PRIVATE_USE, '');
  if (LONE_SURROGATE.test(value)) {
    report(file, 'warning', 'Unexpected lone surrogate, expected a whole character; replaced with U+FFFD', 'invalid-character', {
      line: lineNumber,
      column: offset + 1,
    });
    value = value.replace(LONE_SURROGATE, '\ufffd');
  }
  const lead = value.length - value.trimStart().length;
  value = value.replace(WHITESPACE, ' ').trim();
  return { text: value, lead };
}

/** A simplified copy of the same length (OpenCC phrase conversions that change length fall back to per-character). */
function matchCopy(text: string): string {
  if (/^[\u0000-\u2e7f]*$/u.test(text)) return text;
  const converted = simplify(text);
  if (converted.length === text.length) return converted;
  return Array.from(text, (ch) => {
    const one = simplify(ch);
    return one.length === ch.length ? one : ch;
  }).join('');
}

function hex(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
