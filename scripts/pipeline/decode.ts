/**
 * Stage 1 — decode: bytes → text. UTF-8 (with or without BOM), UTF-16 LE/BE
 * (BOM, or detected from NUL-byte patterns), GB18030/GBK and other legacy
 * encodings detected with `chardet` and decoded with `iconv-lite`.
 * Binary or undecodable input yields a fatal diagnostic instead of text.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Options {
  /** How much of the file to sample for binary / UTF-16 detection. */
  sampleBytes: number;
  /** Largest share of U+FFFD / control characters tolerated in decoded text. */
  maxJunkRatio: number;
}

export const defaultOptions: Options = { sampleBytes: 64 * 1024, maxJunkRatio: 0.05 };

/** A problem found while decoding that does not stop the file: reported as a warning at its line. */
export interface DecodeIssue {
  ruleId: 'mixed-encoding';
  /** 1-based line of the seed where the problem starts. */
  line: number;
  reason: string;
}

export type DecodeResult =
  | { ok: true; text: string; encoding: string; bom: boolean; notes: string[]; issues: DecodeIssue[] }
  | { ok: false; ruleId: 'binary-file' | 'undecodable' | 'empty-file'; reason: string };

/** Decodes a seed file's bytes into a string, detecting its encoding. */
export function decodeBytes(bytes: Uint8Array, options: Partial<Options> = {}): DecodeResult {
  const settings = { ...defaultOptions, ...options };
  if (bytes.length === 0) {
    return { ok: false, ruleId: 'empty-file', reason: 'Unexpected empty file, expected policy text' };
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return finish(buffer.subarray(3), 'utf-8', true, settings, []);
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return finish(buffer.subarray(2), 'utf-16le', true, settings, []);
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return finish(buffer.subarray(2), 'utf-16be', true, settings, []);
  }

  const sample = buffer.subarray(0, settings.sampleBytes);
  const utf16 = guessUtf16WithoutBom(sample);
  if (utf16) return finish(buffer, utf16, false, settings, [`no byte-order mark; NUL-byte pattern says ${utf16}`]);

  if (countNul(sample) > 0) {
    return { ok: false, ruleId: 'binary-file', reason: 'Unexpected NUL bytes, expected a text file (this looks binary)' };
  }

  const utf8 = tryUtf8(buffer);
  if (utf8 !== null) return finish(buffer, 'utf-8', false, settings, []);
  // UTF-8 with damage here and there (a cut character, a stray byte) or with lines in a legacy encoding
  // (a page pasted together from two sources) is read line by line; only a file with no good UTF-8
  // line is read as a whole in a legacy encoding.
  const mixed = decodeByLine(buffer, settings);
  if (mixed) return mixed;

  const legacy = detectLegacy(buffer, sample);
  if (!legacy) {
    return { ok: false, ruleId: 'undecodable', reason: 'Unexpected bytes: no known encoding decodes this file' };
  }
  return finish(buffer, legacy.encoding, false, settings, [`not valid UTF-8; detected ${legacy.detected || 'unknown'}`]);
}

/** The legacy encoding that decodes bytes with the least junk (by default chardet's guess first, then GB18030, Big5). */
function detectLegacy(buffer: Buffer, sample: Buffer, order?: string[]): { encoding: string; detected: string } | null {
  const detected = (chardet.detect(sample) ?? '').toLowerCase();
  // Chinese web text that is not UTF-8 is overwhelmingly GB2312/GBK/GB18030; GB18030 is a superset of both.
  const candidates = unique(order ?? [normaliseEncodingName(detected), 'gb18030', 'big5']).filter((name) =>
    iconv.encodingExists(name),
  );
  let best: { encoding: string; junk: number } | null = null;
  for (const encoding of candidates) {
    const text = iconv.decode(buffer, encoding);
    const junk = junkRatio(text);
    if (!best || junk < best.junk || (junk === best.junk && cjkRatio(text) > 0)) best = { encoding, junk };
    if (junk === 0 && cjkRatio(text) > 0.2) break;
  }
  return best ? { encoding: best.encoding, detected } : null;
}

/**
 * Decodes a file that is not valid UTF-8 one line at a time (CR and LF are the same bytes in UTF-8, GBK,
 * GB18030 and Big5): valid UTF-8 lines as UTF-8; a line invalid at only a few places as UTF-8 with U+FFFD
 * there (a cut character, a stray byte); a line invalid nearly everywhere, whose bytes decode cleanly in
 * a legacy encoding, in that encoding, with a `mixed-encoding` issue. Returns null when no line is Chinese
 * text in valid UTF-8 (the file as a whole is then in a legacy encoding) or when the result is junk.
 */
function decodeByLine(buffer: Buffer, settings: Options): Extract<DecodeResult, { ok: true }> | null {
  type Kind = 'ascii' | 'utf-8' | 'damaged' | 'legacy';
  const lines: { bytes: Buffer; kind: Kind; text: string }[] = [];
  let utf8Han = 0;
  for (let start = 0; start < buffer.length; ) {
    let end = start;
    while (end < buffer.length && buffer[end] !== 0x0a && buffer[end] !== 0x0d) end++;
    // The line break ends the line: LF, CR, or CR LF as one.
    end = Math.min(buffer.length, end + (buffer[end] === 0x0d && buffer[end + 1] === 0x0a ? 2 : 1));
    const bytes = buffer.subarray(start, end);
    start = end;
    if (isAscii(bytes)) {
      lines.push({ bytes, kind: 'ascii', text: bytes.toString('latin1') });
      continue;
    }
    const valid = tryUtf8(bytes);
    if (valid !== null) {
      utf8Han += valid.match(/\p{Script=Han}/gu)?.length ?? 0;
      lines.push({ bytes, kind: 'utf-8', text: valid });
      continue;
    }
    const lenient = bytes.toString('utf8');
    const invalid = lenient.match(/\ufffd/gu)?.length ?? 0;
    const nonAscii = lenient.match(/[^\u0000-\u007f]/gu)?.length ?? 0;
    lines.push({ bytes, kind: invalid <= Math.max(2, nonAscii * 0.1) ? 'damaged' : 'legacy', text: lenient });
  }
  // A pure legacy-encoded file can hold a line that happens to be valid UTF-8 (GBK 一 = D2 BB is U+04BB):
  // only real Chinese text in UTF-8 makes this a UTF-8 file.
  if (utf8Han < 2) return null;

  const legacyBytes = Buffer.concat(lines.filter((l) => l.kind === 'legacy').map((l) => l.bytes));
  // Chinese first: chardet's guess on a few lines is unreliable (Shift_JIS reads GBK as kanji without junk).
  const legacy = legacyBytes.length > 0 ? detectLegacy(legacyBytes, legacyBytes, ['gb18030', 'big5']) : null;
  const issues: DecodeIssue[] = [];
  const pieces: string[] = [];
  let replaced = 0;
  let lineNumber = 1;
  let run: { line: number; encoding: string; last: number } | null = null;
  for (const line of lines) {
    let text = line.text;
    let encoding = '';
    if (line.kind === 'legacy' && legacy) {
      const decoded = iconv.decode(line.bytes, legacy.encoding);
      if (junkRatio(decoded) === 0) [text, encoding] = [decoded, legacy.encoding];
    }
    if (encoding === '') replaced += text.match(/\ufffd/gu)?.length ?? 0;
    // One issue per run of lines in the other encoding (blank lines between them do not end a run).
    if (encoding !== '') {
      if (run && run.encoding !== encoding) (issues.push(mixedIssue(run)), (run = null));
      run ??= { line: lineNumber, encoding, last: lineNumber };
      run.last = lineNumber;
    } else if (run && line.kind !== 'ascii') {
      issues.push(mixedIssue(run));
      run = null;
    }
    pieces.push(text);
    lineNumber += text.match(/\r\n|\r|\n|\u2028|\u2029/gu)?.length ?? 0;
  }
  if (run) issues.push(mixedIssue(run));
  const text = pieces.join('');
  if (text.trim() === '' || junkRatio(text) > settings.maxJunkRatio) return null;
  const notes = [
    ...issues.map((issue) => `line ${issue.line} in ${legacy?.encoding.toUpperCase() ?? ''}`),
    ...(replaced > 0 ? [`${replaced} invalid UTF-8 sequence(s) replaced by U+FFFD`] : []),
  ];
  return { ok: true, text, encoding: issues.length > 0 ? `utf-8+${legacy?.encoding ?? ''}` : 'utf-8', bom: false, notes, issues };
}

function mixedIssue(run: { line: number; encoding: string; last: number }): DecodeIssue {
  const lines = run.line === run.last ? `line ${run.line}` : `lines ${run.line}–${run.last}`;
  const name = run.encoding.toUpperCase();
  return {
    ruleId: 'mixed-encoding',
    line: run.line,
    reason: `Unexpected ${name} bytes in a UTF-8 file (${lines}), expected one encoding per file; decoded as ${name}`,
  };
}

function isAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

function finish(
  buffer: Buffer,
  encoding: string,
  bom: boolean,
  settings: Options,
  notes: string[],
): DecodeResult {
  const text = encoding === 'utf-8' ? buffer.toString('utf8') : iconv.decode(buffer, encoding);
  if (text.trim() === '') {
    return { ok: false, ruleId: 'empty-file', reason: 'Unexpected blank file, expected policy text' };
  }
  const junk = junkRatio(text);
  if (junk > settings.maxJunkRatio) {
    const share = (junk * 100).toFixed(1);
    return looksBinary(text)
      ? { ok: false, ruleId: 'binary-file', reason: `Unexpected binary content (${share}% control or invalid characters as ${encoding}), expected text` }
      : { ok: false, ruleId: 'undecodable', reason: `Unexpected undecodable text (${share}% invalid characters as ${encoding}), expected UTF-8, UTF-16 or GB18030` };
  }
  return { ok: true, text, encoding, bom, notes, issues: [] };
}

function tryUtf8(buffer: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
}

function countNul(sample: Buffer): number {
  let n = 0;
  for (const byte of sample) if (byte === 0) n++;
  return n;
}

/**
 * UTF-16 without a BOM: ASCII shows NUL bytes on one side of each pair, and
 * CJK text decodes to mostly CJK characters. Both byte orders are scored; a
 * decode is accepted only when it is clean (binary junk decodes to surrogates,
 * controls and private-use characters).
 */
function guessUtf16WithoutBom(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (sample.length < 4) return null;
  const even = sample.length - (sample.length % 2);
  const nul = countNul(sample);
  if (nul === 0 && tryUtf8(sample.subarray(0, even)) !== null) return null;
  let best: { encoding: 'utf-16le' | 'utf-16be'; score: number } | null = null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = iconv.decode(sample.subarray(0, even), encoding);
    const privateUse = (text.match(/[\ue000-\uf8ff]/gu)?.length ?? 0) / Math.max(1, text.length);
    const score = cjkRatio(text) + asciiPrintableRatio(text);
    if (junkRatio(text) < 0.02 && privateUse < 0.02 && score > 0.9 && (!best || score > best.score)) best = { encoding, score };
  }
  return best?.encoding ?? null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/gu;

function junkRatio(text: string): number {
  if (text.length === 0) return 0;
  return (text.match(CONTROL)?.length ?? 0) / text.length;
}

function looksBinary(text: string): boolean {
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/gu)?.length ?? 0;
  return controls > text.length * 0.01;
}

function cjkRatio(text: string): number {
  if (text.length === 0) return 0;
  return (text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/gu)?.length ?? 0) / text.length;
}

function asciiPrintableRatio(text: string): number {
  if (text.length === 0) return 0;
  return (text.match(/[\t\n\r\u0020-\u007e]/gu)?.length ?? 0) / text.length;
}

function normaliseEncodingName(name: string): string {
  if (name === 'gb2312' || name === 'gbk') return 'gb18030';
  if (name === 'iso-8859-1' || name === 'windows-1252' || name === '') return 'gb18030';
  return name;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
