/**
 * The whole ingest of seeds/ against what a careful reader sees in the five
 * seed texts (written by reading them, not by copying the pipeline's output).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { VFile } from 'vfile';
import type { DocumentRecord } from '../src/lib/schema.ts';
import { ingestCorpus } from '../scripts/lib/corpus.ts';

let documents: DocumentRecord[] = [];
let files: VFile[] = [];

beforeAll(() => {
  const result = ingestCorpus({ seedsDir: 'seeds', outDir: 'unused', write: false });
  if (!result.ok) throw new Error(result.message);
  documents = result.documents.map((d) => d.record);
  files = result.files;
});

function byTitle(title: string): DocumentRecord {
  const doc = documents.find((d) => d.title === title);
  if (!doc) throw new Error(`no document titled ${title}; have: ${documents.map((d) => d.title).join(' / ')}`);
  return doc;
}

function messages(fileSuffix: string, ruleId: string): { line: number | undefined; column: number | undefined }[] {
  const file = files.find((f) => f.path.endsWith(fileSuffix));
  return (file?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => ({ line: m.line, column: m.column }));
}

// file, title, first line (title line), last line, region code, level, year, docType
const EXPECTED: [string, string, number, number, string | null, string, number | null, string][] = [
  ['000_a1bb4dddb7c8d32b.txt', '提升创新力工作方案', 7, 89, null, 'unknown', null, '工作方案'],
  ['001_d9716b3adb24c593.txt', '中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', 3, 6, '370200', 'prefecture', null, '意见'],
  ['001_d9716b3adb24c593.txt', '本溪市创新驱动实施方案(2015年—2020年)', 16, 162, '210500', 'prefecture', 2015, '实施方案'],
  ['002_07ecd39dfcf56a0e.txt', '2011年全州科技工作要点', 1, 16, '433100', 'prefecture', 2011, '工作要点'],
  ['002_07ecd39dfcf56a0e.txt', '2009年多拉特乡科技工作要点', 17, 44, '654224200', 'township', 2009, '工作要点'],
  ['002_07ecd39dfcf56a0e.txt', '2010年科技工作要点', 45, 71, '320581', 'county', 2010, '工作要点'],
  ['002_07ecd39dfcf56a0e.txt', '2013年全省科技工作要点', 72, 83, '320000', 'province', 2013, '工作要点'],
  ['002_07ecd39dfcf56a0e.txt', '科学技术局2021年全市科技工作要点', 85, 118, null, 'unknown', 2021, '工作要点'],
  ['003_e2c49a8bb5a5bd3b.txt', '嵊州市实施十大行动争创省创新型试点城市', 3, 14, '330683', 'county', null, '新闻'],
  ['004_debde86919b242d6.txt', '科技先进城市创建工作实施方案', 7, 103, null, 'unknown', 2004, '实施方案'],
];

describe('ingesting seeds/', () => {
  test('finds exactly the documents a reader sees', () => {
    expect(documents).toHaveLength(EXPECTED.length);
    expect(files.filter((f) => f.messages.some((m) => m.fatal === true))).toEqual([]);
  });

  test.each(EXPECTED)('%s: %s', (file, title, startLine, endLine, code, level, year, docType) => {
    const doc = byTitle(title);
    expect(doc.source.file).toBe(file);
    expect([doc.source.startLine, doc.source.endLine]).toEqual([startLine, endLine]);
    expect(doc.region.code).toBe(code);
    expect(doc.region.level).toBe(level);
    expect(doc.year).toBe(year);
    expect(doc.docType).toBe(docType);
    expect(doc.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  test('ids are unique', () => {
    expect(new Set(documents.map((d) => d.id)).size).toBe(documents.length);
  });

  test('full standard names and hierarchy come from the division data', () => {
    expect(byTitle('2011年全州科技工作要点').region).toMatchObject({ province: '湖南省', city: '湘西土家族苗族自治州' });
    expect(byTitle('嵊州市实施十大行动争创省创新型试点城市').region).toMatchObject({ province: '浙江省', city: '绍兴市', county: '嵊州市' });
    expect(byTitle('2009年多拉特乡科技工作要点').region).toMatchObject({ province: '新疆维吾尔自治区', township: '多拉特乡' });
  });

  test('no site chrome is left in any body', () => {
    const chrome = ['热门资源', '免费畅读', '阅读已结束', '下载文档', '我要回帖', 'ICP', '您当前位置', '免责声明', '网络整理', '百度文库', '公务员之家', '本站小编', '导语', '2022-11-15', '点击:', '随机推荐', '美章网', '新闻动态', '主办:', '浏览次数', '&&', '&#'];
    for (const doc of documents) {
      const body = doc.paragraphs.map((p) => p.text).join('\n') + doc.sections.map((s) => s.title).join('\n');
      for (const phrase of chrome) expect(body, `${doc.id} contains ${phrase}`).not.toContain(phrase);
    }
  });

  test('template page titles are not taken as titles and not kept as text', () => {
    const benxi = byTitle('本溪市创新驱动实施方案(2015年—2020年)');
    expect(benxi.paragraphs.map((p) => p.text)).not.toContain('本溪市创新驱动实施方案');
    const qingdao = byTitle('中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见');
    expect(qingdao.paragraphs.some((p) => p.text.includes('如何深入推进'))).toBe(false);
    expect(qingdao.paragraphs.some((p) => p.text.includes('本溪'))).toBe(false);
  });

  test('repeated paragraphs appear once (嵊州 repeats 一是…十是)', () => {
    const news = byTitle('嵊州市实施十大行动争创省创新型试点城市');
    const actions = news.paragraphs.filter((p) => /^[一二三四五六七八九十]是/u.test(p.text));
    expect(actions.map((p) => p.text.slice(0, 2))).toEqual(['一是', '二是', '三是', '四是', '五是', '六是', '七是', '八是', '九是', '十是']);
    expect(messages('003_e2c49a8bb5a5bd3b.txt', 'duplicate-paragraph').map((m) => m.line)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  test('a compilation heading that disagrees with its document is reported', () => {
    expect(messages('002_07ecd39dfcf56a0e.txt', 'year-conflict')).toEqual([{ line: 17, column: 5 }]);
    const doc = byTitle('2009年多拉特乡科技工作要点');
    expect(doc.evidence.find((e) => e.rule === 'year-conflict')).toMatchObject({ phrase: '2008年', line: 17 });
  });

  test('upload dates are evidence, never the year', () => {
    const doc = byTitle('科技先进城市创建工作实施方案');
    expect(doc.year).toBe(2004);
    expect(doc.evidence.find((e) => e.rule === 'page-date-ignored')).toMatchObject({ line: 3, phrase: '2022-11-15 02:12:00' });
    expect(doc.evidence.find((e) => e.field === 'year' && e.rule === 'implements-cited')).toMatchObject({ line: 9, phrase: '潭市发〔2004〕6号' });
    // The number belongs to the decision this plan implements, not to the plan.
    expect(doc.docNumber).toBeNull();
  });

  test('places only hinted at are inferred, marked, and kept apart', () => {
    const xiangtan = byTitle('科技先进城市创建工作实施方案');
    expect(xiangtan.region.level).toBe('unknown');
    expect(xiangtan.inferredRegion).toMatchObject({ inferred: true, city: '湘潭市', code: '430300' });
    expect(xiangtan.inferredRegion?.clues.map((c) => c.phrase)).toEqual(['潭市发〔2004〕6号', '在潭']);
    const sanming = byTitle('科学技术局2021年全市科技工作要点');
    expect(sanming.inferredRegion).toMatchObject({ city: '三明市' });
    expect(byTitle('提升创新力工作方案').inferredRegion).toBeNull();
  });

  test('scrubbed names mark a document anonymized, with evidence', () => {
    expect(byTitle('提升创新力工作方案').anonymized).toBe(true);
    expect(byTitle('提升创新力工作方案').evidence.find((e) => e.field === 'anonymized')?.phrase).toContain('海峡两岸()');
    expect(byTitle('科学技术局2021年全市科技工作要点').anonymized).toBe(true);
    expect(byTitle('科技先进城市创建工作实施方案').anonymized).toBe(true);
    expect(byTitle('本溪市创新驱动实施方案(2015年—2020年)').anonymized).toBe(false);
  });

  test('issuers come from the issuer line, the title or the source line', () => {
    expect(byTitle('2011年全州科技工作要点').issuer).toBe('湘西自治州科学技术局');
    expect(byTitle('中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见').issuer).toBe('中共青岛市委、青岛市人民政府');
    expect(byTitle('2013年全省科技工作要点').issuer).toBe('江苏省科技厅');
    expect(byTitle('提升创新力工作方案').issuer).toBeNull();
  });

  test('every inferred field carries evidence that points at the exact phrase', () => {
    for (const doc of documents) {
      for (const field of ['title', 'docType', 'year', 'region']) {
        expect(doc.evidence.some((e) => e.field === field), `${doc.id} lacks ${field} evidence`).toBe(true);
      }
    }
  });

  test('the flattened attachment table of 本溪 comes back as rows with agencies', () => {
    const doc = byTitle('本溪市创新驱动实施方案(2015年—2020年)');
    const rows = doc.paragraphs.filter((p) => p.kind === 'table-row');
    const row = rows.find((p) => p.line === 119);
    expect(row?.cells).toEqual([
      '9.深入推进高新技术企业发展,提升企业竞争力。2020年,高新技术企业达到50家以上,高新技术企业主营业务收入年均增长10%。',
      '市科技产权局',
      '市经济和信息化委、本溪高新区管委会',
    ]);
    expect(doc.paragraphs.filter((p) => p.kind === 'attachment').map((p) => p.line)).toEqual([81, 82]);
  });

  test('the heading tree follows the numbering (一、 above (一))', () => {
    const doc = byTitle('本溪市创新驱动实施方案(2015年—2020年)');
    expect(doc.sections.map((s) => s.title)).toEqual(['一、总体思路', '二、基本原则', '三、发展目标', '四、重点任务', '五、保障措施']);
    expect(doc.sections[1]?.children.map((s) => s.title)).toEqual(['(一)坚持制度创新原则', '(二)坚持科技引领原则', '(三)坚持市场主导原则', '(四)坚持先行先试原则']);
    const para = doc.paragraphs.find((p) => p.line === 23);
    expect(para?.sectionPath).toEqual([doc.sections[1]?.id, doc.sections[1]?.children[0]?.id]);
  });

  test('a sentence hard-wrapped over two lines is one paragraph', () => {
    const doc = byTitle('2013年全省科技工作要点');
    const para = doc.paragraphs.find((p) => p.line === 78);
    expect(para?.text.endsWith('使之成为产业发展的战略智库、孵化高科技中小企业的摇篮和重大产业技术的策源地,努力赢取未来发展主动权。')).toBe(true);
    expect(doc.truncated).toBe(false);
  });

  test('a site name glued to the end of a paragraph is cut off, the paragraph kept', () => {
    const doc = byTitle('科技先进城市创建工作实施方案');
    const para = doc.paragraphs.find((p) => p.line === 83);
    expect(para?.text.endsWith('主要用于推动全市科技进步和科技创新服务中心建设。')).toBe(true);
  });

  test('the flattened page of 青岛 is split into its paragraphs with true columns', () => {
    const doc = byTitle('中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见');
    expect(doc.paragraphs.length).toBeGreaterThan(80);
    expect(doc.sections.map((s) => s.title).slice(0, 3)).toEqual(['一、总体要求', '二、营造鼓励创新的公平竞争环境', '三、健全技术创新市场导向机制']);
    expect(doc.paragraphs.at(-1)?.text.endsWith('市科协等。')).toBe(true);
  });
});
