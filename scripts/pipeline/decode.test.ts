/**
 * decode: bytes → text. Each case starts from a known string (lines copied
 * from seeds/), encodes it the way a scraper or an old site would have, and
 * checks that decoding gives the very same string back, or the right refusal.
 */
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeBytes, type DecodeResult } from './decode.ts';

/** Seed 002 lines 1–4, with ASCII and full-width punctuation mixed as scraped pages have them. */
const SEED_002 = [
  '第一篇:2011年全州科技工作要点',
  '2011年全州科技工作要点',
  '湘西自治州科学技术局',
  '根据全省科技工作会议和州委经济工作会议精神,制定2011年全州科技工作要点如下:',
].join('\n');

/** Seed 004 line 9, with its 〔〕 number brackets and 《》 title marks. */
const SEED_004 =
  '为落实《中共市委市人民政府关于创建全国科技进步先进城市的决定》(潭市发〔2004〕6号),尽快将我市创建成全国科技进步先进城市,特制定本实施方案。';

/** The same kind of text with full-width punctuation only (,:()“”). */
const FULL_WIDTH = '一、总体要求\r\n1．总体思路：实施创新驱动发展战略、打好“三创”（创新、创业、创客）发展战役，加快打造创新之城。\r\n';

function ok(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected text, got ${result.ruleId}: ${result.reason}`);
  return result;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** Deterministic pseudo-random bytes (a tiny LCG), so the junk is the same on every run. */
function junkBytes(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >>> 16 & 0xff;
  }
  // Binary formats are full of NUL runs.
  for (let i = 0; i < length; i += 7) bytes[i] = 0;
  return bytes;
}

describe('decodeBytes: Unicode encodings', () => {
  test.each([
    ['seed 002 (ASCII punctuation)', SEED_002],
    ['seed 004 (〔〕 and 《》)', SEED_004],
    ['full-width punctuation and CRLF', FULL_WIDTH],
  ])('UTF-8 without BOM: %s', (_name, text) => {
    const result = ok(decodeBytes(Buffer.from(text, 'utf8')));
    expect(result).toMatchObject({ text, encoding: 'utf-8', bom: false });
  });

  test.each([
    ['seed 002', SEED_002],
    ['seed 004', SEED_004],
  ])('UTF-8 with BOM: %s — BOM dropped, not kept as U+FEFF', (_name, text) => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const result = ok(decodeBytes(bytes));
    expect(result.text).toBe(text);
    expect(result.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(result).toMatchObject({ encoding: 'utf-8', bom: true });
  });

  test.each([
    ['seed 002', SEED_002],
    ['seed 004', SEED_004],
    ['full-width punctuation', FULL_WIDTH],
  ])('UTF-16LE with BOM: %s', (_name, text) => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(ok(decodeBytes(bytes))).toMatchObject({ text, encoding: 'utf-16le', bom: true });
  });

  test.each([
    ['seed 002', SEED_002],
    ['seed 004', SEED_004],
  ])('UTF-16BE with BOM: %s', (_name, text) => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
    expect(ok(decodeBytes(bytes))).toMatchObject({ text, encoding: 'utf-16be', bom: true });
  });

  test('UTF-16LE without BOM, CJK with ASCII digits and newlines (NUL bytes on the odd side)', () => {
    const result = ok(decodeBytes(Buffer.from(SEED_002, 'utf16le')));
    expect(result).toMatchObject({ text: SEED_002, encoding: 'utf-16le', bom: false });
    expect(result.notes.join(' ')).toMatch(/utf-16le/u);
  });

  test('UTF-16BE without BOM, CJK with ASCII digits (NUL bytes on the even side)', () => {
    expect(ok(decodeBytes(utf16be(SEED_002)))).toMatchObject({ text: SEED_002, encoding: 'utf-16be', bom: false });
  });

  test('UTF-16LE without BOM and without any ASCII (no NUL bytes at all)', () => {
    const text = '湘西自治州科学技术局关于加强科技创新平台建设的通知';
    expect(ok(decodeBytes(Buffer.from(text, 'utf16le')))).toMatchObject({ text, encoding: 'utf-16le' });
  });

  test('a byte-order mark alone is an empty file', () => {
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf]))).toMatchObject({ ok: false, ruleId: 'empty-file' });
    expect(decodeBytes(Buffer.from([0xff, 0xfe]))).toMatchObject({ ok: false, ruleId: 'empty-file' });
  });

  test('accepts a Uint8Array view into a larger buffer (only the viewed bytes count)', () => {
    const whole = Buffer.from(`XXXX${SEED_004}YYYY`, 'utf8');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.length - 8);
    expect(ok(decodeBytes(view)).text).toBe(SEED_004);
  });
});

describe('decodeBytes: legacy Chinese encodings', () => {
  test.each([
    ['seed 002 lines 1–4', SEED_002],
    ['seed 004 line 9', SEED_004],
    ['full-width punctuation', FULL_WIDTH],
  ])('GBK bytes of %s decode to the same string', (_name, text) => {
    const result = ok(decodeBytes(iconv.encode(text, 'gbk')));
    expect(result.text).toBe(text);
    expect(result.encoding).toMatch(/^(?:gb18030|gbk)$/u);
    expect(result.bom).toBe(false);
    expect(result.notes.join(' ')).toMatch(/not valid UTF-8/u);
  });

  test('GB18030 bytes with a character outside GBK (four-byte sequence 𠀀) decode to the same string', () => {
    const text = `${SEED_004}\n古籍用字𠀀与欧元符号€。`;
    const result = ok(decodeBytes(iconv.encode(text, 'gb18030')));
    expect(result.text).toBe(text);
    expect(result.encoding).toBe('gb18030');
  });

  test('GB2312-only text (a short title) still decodes', () => {
    const text = '科学技术局2021年全市科技工作要点';
    expect(ok(decodeBytes(iconv.encode(text, 'gb2312'))).text).toBe(text);
  });

  test('Big5 bytes of traditional-script text decode to the same string', () => {
    const text = [
      '科學技術局關於加強科技創新平台建設的通知',
      '各縣市區人民政府,州直各有關單位:為貫徹落實全省科技工作會議精神,現將有關事項通知如下。',
      '一、總體要求。堅持創新驅動發展戰略,加快建設創新型城市,提高自主創新能力。',
    ].join('\n');
    const result = ok(decodeBytes(iconv.encode(text, 'big5')));
    expect(result.text).toBe(text);
    expect(result.encoding).toBe('big5');
  });
});

describe('decodeBytes: files that are not usable text', () => {
  test('empty input → empty-file', () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ ok: false, ruleId: 'empty-file' });
  });

  test.each([
    ['spaces and newlines', ' \n\n  \r\n\t'],
    ['ideographic spaces (U+3000) and NBSP', '\u3000\u3000\u00a0\n\u3000'],
  ])('whitespace only (%s) → empty-file', (_name, text) => {
    expect(decodeBytes(Buffer.from(text, 'utf8'))).toMatchObject({ ok: false, ruleId: 'empty-file' });
  });

  test('whitespace only in UTF-16LE with BOM → empty-file', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('  \r\n\u3000', 'utf16le')]);
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, ruleId: 'empty-file' });
  });

  test('random bytes with NUL runs → binary-file', () => {
    const result = decodeBytes(junkBytes(4096));
    expect(result).toMatchObject({ ok: false, ruleId: 'binary-file' });
    if (!result.ok) expect(result.reason).toMatch(/^Unexpected /u);
  });

  test('a PNG header (binary with NULs) → binary-file', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(decodeBytes(png)).toMatchObject({ ok: false, ruleId: 'binary-file' });
  });

  test('valid UTF-8 made mostly of control characters → binary-file', () => {
    const text = `${'\u0001\u0002\u0003\u0004'.repeat(50)}科技工作要点`;
    expect(decodeBytes(Buffer.from(text, 'utf8'))).toMatchObject({ ok: false, ruleId: 'binary-file' });
  });

  test('text full of U+FFFD (a file already mangled by a lossy converter) → undecodable', () => {
    const text = `科技${'\ufffd'.repeat(40)}工作要点`;
    expect(decodeBytes(Buffer.from(text, 'utf8'))).toMatchObject({ ok: false, ruleId: 'undecodable' });
  });

  test('a few control characters in long text are tolerated (normalize reports them later)', () => {
    const text = `${SEED_004}\u0007${SEED_004}`;
    expect(ok(decodeBytes(Buffer.from(text, 'utf8'))).text).toBe(text);
  });
});

describe('decodeBytes: invalid bytes in otherwise good text', () => {
  // A UTF-8 file cut in the middle of its last character (truncated download): the text
  // before the cut must come back as it is, with a U+FFFD at the cut, never re-read as GB18030.
  test('UTF-8 cut mid-character (truncated file) stays UTF-8 with U+FFFD at the cut', () => {
    const full = Buffer.from(`${SEED_002}\n${SEED_004}`, 'utf8');
    const cut = full.subarray(0, full.length - 1);
    const result = ok(decodeBytes(cut));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe(`${SEED_002}\n${SEED_004.slice(0, -1)}\ufffd`);
  });

  test('one stray Latin-1 byte in UTF-8 text keeps the rest as UTF-8', () => {
    // BUG (decode.ts, fallback after `tryUtf8` fails): chardet guesses `windows-1252` for
    // this file, `normaliseEncodingName` maps that to gb18030, and UTF-8 is never among the
    // candidates, so one 0xA0 byte (an NBSP from a Windows-1252 page) turns the whole file
    // into GB18030 mojibake (`绗竴绡�:2011骞村叏…`) instead of UTF-8 with one U+FFFD.
    const bytes = Buffer.concat([Buffer.from(SEED_002, 'utf8'), Buffer.from([0xa0]), Buffer.from(`\n${SEED_004}`, 'utf8')]);
    const result = ok(decodeBytes(bytes));
    expect(result.text).toBe(`${SEED_002}\ufffd\n${SEED_004}`);
  });

  test('GBK text with one byte lost in the middle still decodes the text around it', () => {
    const bytes = iconv.encode(`${SEED_002}\n${SEED_004}`, 'gbk');
    // Drop the second byte of the first Chinese character of seed 004's line (after the newline).
    const at = iconv.encode(`${SEED_002}\n`, 'gbk').length;
    const damaged = Buffer.concat([bytes.subarray(0, at + 1), bytes.subarray(at + 2)]);
    const result = ok(decodeBytes(damaged));
    expect(result.text.startsWith(SEED_002)).toBe(true);
    expect(result.text).toContain('潭市发〔2004〕6号');
  });
});

describe('decodeBytes: more than one encoding in a file', () => {
  const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

  test('a GBK paragraph inside UTF-8 text is decoded as GBK, with a mixed-encoding issue at its line', () => {
    const bytes = Buffer.concat([utf8(`${SEED_002.split('\n').slice(0, 2).join('\n')}\n`), iconv.encode(`${SEED_004}\n`, 'gbk'), utf8(SEED_002.split('\n').slice(2).join('\n'))]);
    const result = ok(decodeBytes(bytes));
    expect(result.text).toBe([...SEED_002.split('\n').slice(0, 2), SEED_004, ...SEED_002.split('\n').slice(2)].join('\n'));
    expect(result.encoding).toBe('utf-8+gb18030');
    expect(result.issues).toEqual([
      { ruleId: 'mixed-encoding', line: 3, reason: 'Unexpected GB18030 bytes in a UTF-8 file (line 3), expected one encoding per file; decoded as GB18030' },
    ]);
  });

  test('GBK lines separated by a blank line (CRLF) are one stretch; later UTF-8 lines end it', () => {
    const bytes = Buffer.concat([utf8('关于加快科技创新的实施意见\r\n'), iconv.encode('一、总体要求。\r\n\r\n二、主要任务。\r\n', 'gbk'), utf8('三、保障措施。\r\n'), iconv.encode('四、附则。', 'gbk')]);
    const result = ok(decodeBytes(bytes));
    expect(result.text).toBe('关于加快科技创新的实施意见\r\n一、总体要求。\r\n\r\n二、主要任务。\r\n三、保障措施。\r\n四、附则。');
    expect(result.issues.map((i) => [i.line, i.reason.match(/\((lines? [^)]*)\)/u)?.[1]])).toEqual([
      [2, 'lines 2–4'],
      [6, 'line 6'],
    ]);
  });

  test('a GBK file whose one-character line happens to be valid UTF-8 (一 = D2 BB) is GBK throughout', () => {
    const text = '一\n关于加快科技创新的实施意见\n为加快科技创新，推动产学研合作，结合本市实际，提出如下实施意见。';
    const result = ok(decodeBytes(iconv.encode(text, 'gbk')));
    expect(result.text).toBe(text);
    expect(result.encoding).toBe('gb18030');
    expect(result.issues).toEqual([]);
  });

  test('UTF-8 with one cut character keeps that line as UTF-8 (U+FFFD), not GB18030', () => {
    const cut = utf8('科技工作').subarray(0, 11); // the last character loses its last byte
    const bytes = Buffer.concat([utf8(`${SEED_002}\n`), cut, utf8(`\n${SEED_004}`)]);
    const result = ok(decodeBytes(bytes));
    expect(result.text).toBe(`${SEED_002}\n科技工\ufffd\n${SEED_004}`);
    expect(result.encoding).toBe('utf-8');
    expect(result.issues).toEqual([]);
  });
});
