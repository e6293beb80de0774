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

export type DecodeResult =
  | { ok: true; text: string; encoding: string; bom: boolean; notes: string[] }
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
  // A stray invalid byte in UTF-8 text (a cut character) must not turn the whole file into GB18030 mojibake:
  // legacy-encoded Chinese read as UTF-8 is invalid at nearly every character, UTF-8 with damage only here and there.
  const lenient = buffer.toString('utf8');
  const invalid = lenient.match(/\ufffd/gu)?.length ?? 0;
  if (invalid > 0 && invalid <= Math.max(1, lenient.length * 0.002) && cjkRatio(lenient) > 0.1) {
    return finish(buffer, 'utf-8', false, { ...settings, maxJunkRatio: 1 }, [`${invalid} invalid UTF-8 sequence(s) replaced by U+FFFD`]);
  }

  const detected = (chardet.detect(sample) ?? '').toLowerCase();
  // Chinese web text that is not UTF-8 is overwhelmingly GB2312/GBK/GB18030; GB18030 is a superset of both.
  const candidates = unique([normaliseEncodingName(detected), 'gb18030', 'big5']).filter((name) =>
    iconv.encodingExists(name),
  );
  let best: { encoding: string; junk: number } | null = null;
  for (const encoding of candidates) {
    const text = iconv.decode(buffer, encoding);
    const junk = junkRatio(text);
    if (!best || junk < best.junk || (junk === best.junk && cjkRatio(text) > 0)) best = { encoding, junk };
    if (junk === 0 && cjkRatio(text) > 0.2) break;
  }
  if (!best) {
    return { ok: false, ruleId: 'undecodable', reason: 'Unexpected bytes: no known encoding decodes this file' };
  }
  return finish(buffer, best.encoding, false, settings, [`not valid UTF-8; detected ${detected || 'unknown'}`]);
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
  return { ok: true, text, encoding, bom, notes };
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
