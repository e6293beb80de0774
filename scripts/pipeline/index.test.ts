/**
 * ingestSeed: the stages chained on one file. Problems are messages on the
 * file, never exceptions; a file that cannot be used gives no documents.
 * (The five real seeds are covered end to end in tests/ingest-seeds.test.ts.)
 */
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { ingestSeed, STAGES } from './index.ts';
import { EMPTY_SIDECAR, type Sidecar } from './sidecar.ts';

/** Seed 004 lines 1–13 (shortened), with hostile text added to the last paragraph. */
const DOC = [
  '科技先进城市创建工作实施方案',
  '时间:2022-11-15 02:12:00',
  '为落实《中共市委市人民政府关于创建全国科技进步先进城市的决定》(潭市发〔2004〕6号),尽快将我市创建成全国科技进步先进城市,特制定本实施方案。',
  '一、创建目标',
  '{process.exit(1)} <script>alert(1)</script> 力争通过4年努力,全面提高我市科技进步水平。',
].join('\n');

function messages(file: VFile): [number | undefined, number | undefined, string | null | undefined, boolean | null | undefined][] {
  return file.messages.map((m) => [m.line, m.column, m.ruleId, m.fatal]);
}

function ingest(bytes: Uint8Array, sidecar: Sidecar = EMPTY_SIDECAR, path = '科技/科技先进城市创建工作实施方案.txt') {
  return ingestSeed({ path, bytes, sidecar });
}

describe('ingestSeed', () => {
  test('the stages are listed in the order they run', () => {
    expect(STAGES).toEqual(['decode', 'normalize', 'split', 'strip-boilerplate', 'dedupe', 'structure', 'extract-metadata', 'apply-sidecar', 'assign-ids', 'knowledge', 'emit']);
  });

  test('a UTF-8 document gives one record and a page that keeps hostile text as text', () => {
    const { file, documents } = ingest(Buffer.from(DOC, 'utf8'));
    expect(file.path).toBe('科技/科技先进城市创建工作实施方案.txt');
    expect(file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
    expect(documents).toHaveLength(1);
    const [doc] = documents;
    expect(doc?.record).toMatchObject({
      title: '科技先进城市创建工作实施方案',
      docType: '实施方案',
      year: 2004,
      docNumber: null,
      source: { file: '科技/科技先进城市创建工作实施方案.txt', startLine: 1, endLine: 5, encoding: 'utf-8' },
    });
    expect(doc?.record.paragraphs.at(-1)?.text).toBe('{process.exit(1)} <script>alert(1)</script> 力争通过4年努力,全面提高我市科技进步水平。');
    expect(doc?.mdx).toContain('\\{process.exit(1)}');
    expect(doc?.mdx).not.toMatch(/^<script/mu);
  });

  test('GBK bytes give the same record, with the encoding noted', () => {
    const utf8 = ingest(Buffer.from(DOC, 'utf8')).documents[0]?.record;
    const { file, documents } = ingest(iconv.encode(DOC, 'gbk'));
    expect(messages(file)[0]).toEqual([1, 1, 'encoding-detected', undefined]);
    const record = documents[0]?.record;
    expect(record?.source.encoding).toBe('gb18030');
    expect({ ...record, source: null }).toEqual({ ...utf8, source: null });
  });

  test.each([
    ['empty', new Uint8Array(), [[1, 1, 'empty-file', false]]],
    ['whitespace only', Buffer.from('\u3000 \n\t\n', 'utf8'), [[1, 1, 'empty-file', false]]],
    ['binary', Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'), [[1, 1, 'binary-file', true]]],
  ])('%s file → no documents, one message at 1:1', (_name, bytes, expected) => {
    const { file, documents } = ingest(bytes);
    expect(documents).toEqual([]);
    expect(messages(file)).toEqual(expected);
  });

  test('a page of chrome only → no documents and a no-documents warning', () => {
    const { file, documents } = ingest(Buffer.from('我要回帖\n随机推荐\n辽ICP备号-1\n', 'utf8'));
    expect(documents).toEqual([]);
    expect(messages(file).filter(([, , rule]) => rule === 'no-documents')).toEqual([[1, 1, 'no-documents', false]]);
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  test('a sidecar can skip a document', () => {
    const { file, documents } = ingest(Buffer.from(DOC, 'utf8'), { ...EMPTY_SIDECAR, documents: [{ index: 0, skip: true }] });
    expect(documents).toEqual([]);
    expect(messages(file).filter(([, , rule]) => rule === 'sidecar-skip')).toEqual([[1, 1, 'sidecar-skip', undefined]]);
  });

  test('a sidecar correction replaces the value and leaves evidence naming the sidecar', () => {
    const { documents } = ingest(Buffer.from(DOC, 'utf8'), { ...EMPTY_SIDECAR, documents: [{ line: 3, year: 2005, id: 'xiangtan-2004-chuangjian' }] });
    const record = documents[0]?.record;
    expect(record?.id).toBe('xiangtan-2004-chuangjian');
    expect(record?.year).toBe(2005);
    const year = record?.evidence.filter((e) => e.field === 'year');
    expect(year).toEqual([expect.objectContaining({ rule: 'sidecar', phrase: '2005', line: 1, column: 1 })]);
    expect(year?.[0]?.note).toContain('科技/科技先进城市创建工作实施方案.meta.yaml');
    expect(parseYaml(documents[0]?.mdx.split(/^---$/mu)[1] ?? '')).toMatchObject({ id: 'xiangtan-2004-chuangjian', year: 2005 });
  });
});
