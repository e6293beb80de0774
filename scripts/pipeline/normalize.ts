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
  /**
   * Logical lines longer than this (in UTF-16 units) are split after each sentence end, and where a
   * stretch this long has none, at this length: a page saved without line breaks is not one paragraph,
   * and later stages (knowledge, the page) are not built for paragraphs of a million characters.
   */
  maxLineLength: number;
}

export const defaultOptions: Options = { flattenedMinLength: 100, maxLineLength: 10_000 };

const WHITESPACE_RUN = /[\s\u00a0\u3000\u2000-\u200a\u202f\u205f]{2,}/gu;
const WHITESPACE_ONE = /^[\s\u00a0\u3000\u2000-\u200a\u202f\u205f]$/u;
const ZERO_WIDTH_ONE = /^[\u200b-\u200d\u2060\ufeff\u00ad]$/u;
const CONTROL_ONE = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]$/u;
const PRIVATE_USE_ONE = /^[\ue000-\uf8ff\u{f0000}-\u{10ffff}]$/u;
/** Bidirectional embedding, override, isolate and mark characters: invisible, and able to reorder what a reader sees. */
const BIDI_CONTROL_ONE = /^[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]$/u;
/** Where a sentence ends: a long line is split after these. */
const SENTENCE_END = /[。！？!?；]+/gu;

let toSimplified: ((text: string) => string) | null = null;

/** Converts traditional-script text to simplified with OpenCC's standard traditional → mainland table (not `tw`, which also rewrites simplified 著 to 着). */
export function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
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
    const spaced =
      padded.length >= settings.flattenedMinLength ? splitAtSpaceRuns(padded) : [{ text: padded, offset: 0 }];
    if (spaced.length > 2) {
      report(
        file,
        'info',
        `Split a flattened line into ${spaced.length} lines at runs of spaces`,
        'flattened-line',
        { line: lineNumber, column: 1, length: raw.length },
      );
    }
    const pieces = spaced.some((piece) => piece.text.length > settings.maxLineLength)
      ? spaced.flatMap((piece) => (piece.text.length > settings.maxLineLength ? splitLongPiece(piece, settings.maxLineLength) : [piece]))
      : spaced;
    if (pieces.length > spaced.length) {
      const longest = spaced.reduce((max, piece) => Math.max(max, piece.text.length), 0);
      report(
        file,
        'warning',
        `Unexpected ${longest} characters without a line break, expected paragraphs of at most ${settings.maxLineLength}; split after sentence ends into ${pieces.length} lines`,
        'long-line',
        { line: lineNumber, column: 1, length: raw.length },
      );
    }
    for (const piece of pieces) {
      const cleaned = cleanPiece(piece.text, lineNumber, piece.offset, file);
      if (cleaned.text === '') continue;
      const match = matchCopy(cleaned.text);
      const first = cleaned.offsets?.[0] ?? piece.offset;
      const line: TextLine = {
        text: cleaned.text,
        match,
        line: lineNumber,
        column: first + 1,
        replacementChar: cleaned.text.includes('\ufffd'),
      };
      // Keep the column map only where cleaning changed lengths (most lines map one to one).
      if (cleaned.offsets?.some((at, i) => at !== first + i)) line.offsets = cleaned.offsets;
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
    // Debris glued to an entity keeps the entity's own `&` (`&&&&amp;` → `   &amp;` → `&`, not `amp;`).
    .replace(/&{2,}(?=(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});)/giu, (m) => `${' '.repeat(m.length - 1)}&`)
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

/**
 * Splits an over-long piece after every sentence end; a stretch without one is cut every `max`
 * units (never between the two halves of a surrogate pair). Offsets stay those of the physical line.
 */
function splitLongPiece(piece: { text: string; offset: number }, max: number): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const push = (from: number, to: number): void => {
    for (let start = from; start < to; ) {
      let end = Math.min(to, start + max);
      if (end < to && /[\ud800-\udbff]/u.test(piece.text[end - 1] ?? '')) end--;
      out.push({ text: piece.text.slice(start, end), offset: piece.offset + start });
      start = end;
    }
  };
  let start = 0;
  for (const end of piece.text.matchAll(SENTENCE_END)) {
    const to = end.index + end[0].length;
    push(start, to);
    start = to;
  }
  push(start, piece.text.length);
  return out;
}

interface Cleaned {
  text: string;
  /** 0-based index in the physical line of each UTF-16 unit of `text`; null when the piece came through unchanged. */
  offsets: number[] | null;
}

/** A character that cleaning may change: entities, white space to fold, invisible, control, private-use or broken characters. */
const NEEDS_CLEANING = /[&\t\n\v\f\r\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ud800-\udfff\ue000-\uf8ff\ufeff\u{f0000}-\u{10ffff}]|^ | $| {2}/u;

/** Cleans one piece of a line, keeping for every character the place it came from. */
function cleanPiece(text: string, lineNumber: number, offset: number, file: VFile): Cleaned {
  // Most lines need nothing: skip the per-character work (200,000 lines, or a 1 MB line, add up).
  if (!NEEDS_CLEANING.test(text)) return { text, offsets: null };
  let chars = Array.from({ length: text.length }, (_, i) => ({ c: text[i] ?? '', at: offset + i }));
  // Indentation written as entities (`&#12288;&#12288;一、…`) is skipped like spaces.
  const indent = /^(?:[ \t\u00a0\u3000]|&#(?:12288|160|32);|&#x(?:3000|a0|20);|&(?:nbsp|emsp|ensp);)+/iu.exec(text)?.[0].length ?? 0;
  chars = chars.slice(indent);
  chars = decodeEntities(chars);
  chars = chars.filter(({ c }) => !ZERO_WIDTH_ONE.test(c));
  chars = chars.filter((ch) => {
    if (!BIDI_CONTROL_ONE.test(ch.c)) return true;
    report(file, 'warning', `Unexpected bidirectional control character U+${hex(ch.c)} (it can reorder the text a reader sees), expected text; removed`, 'control-character', { line: lineNumber, column: ch.at + 1, length: 1 });
    return false;
  });
  for (const ch of chars) {
    if (!CONTROL_ONE.test(ch.c)) continue;
    report(file, 'warning', `Unexpected control character U+${hex(ch.c)}, expected text; removed`, 'control-character', { line: lineNumber, column: ch.at + 1, length: 1 });
    ch.c = ' ';
  }
  const kept: typeof chars = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (!ch) continue;
    const next = chars[i + 1];
    const pair = next && /[\ud800-\udbff]/u.test(ch.c) && /[\udc00-\udfff]/u.test(next.c) ? ch.c + next.c : null;
    const unit = pair ?? ch.c;
    if (PRIVATE_USE_ONE.test(unit)) {
      report(file, 'warning', `Unexpected private-use character U+${hex(unit)} (a web font icon or lost glyph), expected text; removed`, 'private-use-character', { line: lineNumber, column: ch.at + 1, length: unit.length });
      if (pair) i++;
      continue;
    }
    if (pair && next) {
      kept.push(ch, next);
      i++;
      continue;
    }
    if (/[\ud800-\udfff]/u.test(ch.c)) {
      report(file, 'warning', 'Unexpected lone surrogate, expected a whole character; replaced with U+FFFD', 'invalid-character', { line: lineNumber, column: ch.at + 1, length: 1 });
      kept.push({ c: '\ufffd', at: ch.at });
      continue;
    }
    kept.push(ch);
  }
  // Fold white space to one space and trim, each space keeping the place of the first one it replaces.
  const folded: typeof chars = [];
  for (const ch of kept) {
    const space = WHITESPACE_ONE.test(ch.c);
    if (space && (folded.length === 0 || folded.at(-1)?.c === ' ')) continue;
    folded.push(space ? { c: ' ', at: ch.at } : ch);
  }
  while (folded.at(-1)?.c === ' ') folded.pop();
  return { text: folded.map((ch) => ch.c).join(''), offsets: folded.map((ch) => ch.at) };
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/giu;

/** Decodes HTML entities; the characters of an entity all point at its `&`. */
function decodeEntities(chars: { c: string; at: number }[]): { c: string; at: number }[] {
  const joined = chars.map((ch) => ch.c).join('');
  if (!joined.includes('&')) return chars;
  const out: { c: string; at: number }[] = [];
  let last = 0;
  for (const hit of joined.matchAll(ENTITY)) {
    const decoded = decodeHTMLStrict(hit[0]);
    if (decoded === hit[0]) continue;
    // A loop, not push(...slice): spreading a 1 MB line's characters overflows the call stack.
    for (let k = last; k < hit.index; k++) out.push(chars[k] as { c: string; at: number });
    const at = chars[hit.index]?.at ?? 0;
    for (const c of decoded) for (const unit of c.length === 2 ? [c[0] ?? '', c[1] ?? ''] : [c]) out.push({ c: unit, at });
    last = hit.index + hit[0].length;
  }
  for (let k = last; k < chars.length; k++) out.push(chars[k] as { c: string; at: number });
  return out;
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
