/**
 * Bad inputs beside the real seeds: each gets a clear diagnostic with file and
 * line, nothing crashes, and every other document still comes out.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VFile } from 'vfile';
import { cleanup, copySeeds, ingest, makeTempDir } from './helpers.ts';

const GBK_DOC = [
  '关于加快科技特派员工作的实施意见',
  '湘潭市科学技术局',
  '为深入推进科技特派员制度,加快农业科技成果转化,结合我市实际,提出如下实施意见。',
  '一、总体要求',
  '到2018年,全市科技特派员达到500人以上,实现乡镇全覆盖。',
].join('\n');

const UTF16_DOC = [
  '常熟市知识产权质押融资管理办法',
  '第一条 为推进知识产权质押融资工作,支持科技型中小企业发展,制定本办法。',
  '第二条 本办法所称知识产权质押融资,是指企业以专利权、商标专用权作为质押物向银行申请贷款。',
].join('\r\n');

const HOSTILE_DOC = [
  'import fs from "node:fs"',
  '',
  '关于人才引进的若干意见',
  '{process.exit(1)} 为加快人才引进,<script>alert(1)</script>特制定本意见。export const x = 1',
  'export default function Page() { return null }',
  '一、<Foo>总体要求</Foo>',
  '引进高层次人才{ 和团队 < 100 名,配套资金`1亿元`,<img src=x onerror=alert(1)>落实到位。',
  '<!-- 注释 --> [点击](javascript:alert(1)) 各区县要按照要求抓好落实。',
].join('\n');

let seedsDir = '';
let outDir = '';
let result: ReturnType<typeof ingest>;

function fileNamed(name: string): VFile {
  const file = result.files.find((f) => f.path.endsWith(name));
  if (!file) throw new Error(`no messages file for ${name}`);
  return file;
}

beforeAll(() => {
  seedsDir = copySeeds();
  outDir = makeTempDir('atlas-out-');
  writeFileSync(join(seedsDir, 'gbk.txt'), iconv.encode(GBK_DOC, 'gbk'));
  writeFileSync(join(seedsDir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(UTF16_DOC, 'utf-16le')]));
  writeFileSync(join(seedsDir, 'utf16-nobom.txt'), iconv.encode(UTF16_DOC.replace('常熟市', '嵊州市'), 'utf-16le'));
  writeFileSync(join(seedsDir, 'empty.txt'), '');
  writeFileSync(join(seedsDir, 'blank.txt'), ' \n\u3000\n\t\n');
  writeFileSync(join(seedsDir, 'binary.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), randomBytes(4096)]));
  writeFileSync(join(seedsDir, 'hostile.txt'), HOSTILE_DOC);
  writeFileSync(join(seedsDir, '繁體 文件.txt'), '湘潭市科學技術局關於加快科技創新的實施意見\n為加快科技創新，推動產學研合作，結合本市實際，提出如下實施意見。\n');
  // 5 MB: a long plan whose paragraphs are all different.
  const lines = ['本溪市科技创新大文件测试方案'];
  for (let i = 1, bytes = 0; bytes < 5_100_000; i++) {
    const line = `${i}.到${2000 + (i % 30)}年,第${i}项任务的高新技术企业达到${i * 3}家以上,研发经费投入增长${i % 17}%,专利申请量达到${i * 7}件。`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  writeFileSync(join(seedsDir, 'big.txt'), lines.join('\n'));
  result = ingest(seedsDir, outDir);
}, 120_000);

afterAll(() => cleanup(seedsDir, outDir));

describe('bad inputs', () => {
  test('the 5 MB file is really 5 MB', () => {
    expect(readFileSync(join(seedsDir, 'big.txt')).length).toBeGreaterThan(5_000_000);
  });

  test('every seed document still comes out', () => {
    const fromSeeds = result.documents.filter((d) => /^00\d_/u.test(d.record.source.file));
    expect(fromSeeds).toHaveLength(10);
  });

  test('GBK is detected and decoded', () => {
    const doc = result.documents.find((d) => d.record.source.file === 'gbk.txt');
    expect(doc?.record.title).toBe('关于加快科技特派员工作的实施意见');
    expect(doc?.record.source.encoding).toBe('gb18030');
    expect(doc?.record.region.city).toBe('湘潭市');
    expect(fileNamed('gbk.txt').messages.find((m) => m.ruleId === 'encoding-detected')?.line).toBe(1);
  });

  test.each([
    ['utf16.txt', '常熟市知识产权质押融资管理办法', 'utf-16le'],
    ['utf16-nobom.txt', '嵊州市知识产权质押融资管理办法', 'utf-16le'],
  ])('UTF-16 %s is decoded', (name, title, encoding) => {
    const doc = result.documents.find((d) => d.record.source.file === name);
    expect(doc?.record.title).toBe(title);
    expect(doc?.record.source.encoding).toBe(encoding);
    expect(doc?.record.docType).toBe('办法');
  });

  test('traditional script is matched through a simplified copy and shown as written', () => {
    const doc = result.documents.find((d) => d.record.source.file === '繁體 文件.txt');
    expect(doc?.record.title).toBe('湘潭市科學技術局關於加快科技創新的實施意見');
    expect(doc?.record.docType).toBe('实施意见');
    expect(doc?.record.region.city).toBe('湘潭市');
    expect(doc?.record.evidence.find((e) => e.field === 'docType')?.phrase).toBe('實施意見');
    expect(fileNamed('繁體 文件.txt').messages.some((m) => m.ruleId === 'traditional-script')).toBe(true);
  });

  test.each([
    ['empty.txt', 'empty-file', false],
    ['blank.txt', 'empty-file', false],
    ['binary.bin', 'binary-file', true],
  ])('%s gets a %s diagnostic at 1:1', (name, ruleId, fatal) => {
    const message = fileNamed(name).messages.find((m) => m.ruleId === ruleId);
    expect(message).toMatchObject({ line: 1, column: 1, fatal });
    expect(result.documents.some((d) => d.record.source.file === name)).toBe(false);
  });

  test('the 5 MB file is ingested as one document with every paragraph', () => {
    const doc = result.documents.find((d) => d.record.source.file === 'big.txt');
    expect(doc?.record.title).toBe('本溪市科技创新大文件测试方案');
    const lines = readFileSync(join(seedsDir, 'big.txt'), 'utf8').split('\n').length;
    expect(doc?.record.paragraphs).toHaveLength(lines - 1);
  });

  test('hostile MDX stays literal text and the page is written', () => {
    const doc = result.documents.find((d) => d.record.source.file === 'hostile.txt');
    expect(doc).toBeDefined();
    const texts = doc?.record.paragraphs.map((p) => p.text) ?? [];
    expect(texts).toContain('{process.exit(1)} 为加快人才引进,<script>alert(1)</script>特制定本意见。export const x = 1');
    expect(texts.some((t) => t.startsWith('export default function Page()'))).toBe(true);
    const mdx = readFileSync(join(outDir, 'documents', `${doc?.record.id}.mdx`), 'utf8');
    const body = mdx.slice(mdx.indexOf('\n---\n', 4) + 5);
    expect(body).not.toMatch(/^\s*(?:import|export)\s/mu);
    // Angle brackets from the seed are escaped (`\<script>`), never live tags.
    expect(body).not.toMatch(/(?<!\\)<(?:script|Foo|img)/u);
    expect(body).toContain('\\<script>alert(1)\\</script>');
    expect(mdx).toContain('\\{process.exit(1)}');
    expect(fileNamed('hostile.txt').messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  test('only the binary file is an error', () => {
    const errors = result.files.flatMap((f) => f.messages.filter((m) => m.fatal === true).map((m) => `${f.path}:${m.ruleId}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/binary\.bin:binary-file$/u);
  });
});
