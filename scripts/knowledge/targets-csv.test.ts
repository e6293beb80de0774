import { describe, expect, test } from 'vitest';
import type { DocumentRecord, Target } from '../../src/lib/schema.ts';
import { BOM, csvField, csvRow, TARGET_COLUMNS, targetsCsv } from './targets-csv.ts';

/** A strict RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else cell += ch;
    i += 1;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) throw new Error('last record lacks CRLF');
  return rows;
}

const target = (over: Partial<Target> = {}): Target => ({
  indicator: 'rd-intensity',
  indicatorLabel: '全社会研发经费占生产总值比重',
  value: 2.77,
  unit: '%',
  comparator: 'eq',
  measure: 'level',
  baseline: null,
  targetYear: 2016,
  scope: null,
  paragraphId: 'p-abc',
  line: 6,
  quote: '全社会研发经费占生产总值比重达到2.77%',
  ...over,
});

type Rec = Pick<DocumentRecord, 'id' | 'title' | 'region' | 'year' | 'targets'>;
const record = (id: string, targets: Target[], over: Partial<Rec> = {}): Rec => ({
  id: id as DocumentRecord['id'],
  title: '关于实施创新驱动发展战略的意见',
  region: { province: '山东省', city: '某市', county: null, township: null, level: 'prefecture', code: '370200' },
  year: 2015,
  targets,
  ...over,
});

describe('csvField (RFC 4180)', () => {
  test.each([
    ['plain text', '研发经费', '研发经费'],
    ['a comma', '达到50家,超过', '"达到50家,超过"'],
    ['a quote', '“三创”与"双创"', '"“三创”与""双创"""'],
    ['a line feed', '第一行\n第二行', '"第一行\n第二行"'],
    ['a CR LF', 'a\r\nb', '"a\r\nb"'],
    ['full-width commas (no quoting needed)', '到2016年，比重达到2.77%', '到2016年，比重达到2.77%'],
    ['a formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['a leading minus', '-1+1', "'-1+1"],
    ['an empty string', '', ''],
    ['null', null, ''],
    ['a number', 200000000000, '200000000000'],
    ['a decimal', 1.45, '1.45'],
    ['NaN', Number.NaN, ''],
  ] as const)('%s', (_name, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  test('a row joins fields with commas and reads back to the same cells', () => {
    const cells = ['a,b', 'say "hi"', 'x\ny', '普通'];
    expect(parseCsv(`${csvRow(cells)}\r\n`)).toEqual([cells]);
  });
});

describe('targetsCsv', () => {
  test('empty corpus: BOM and the header row, nothing else', () => {
    expect(targetsCsv([])).toBe(`${BOM}${TARGET_COLUMNS.join(',')}\r\n`);
  });

  test('starts with the UTF-8 byte order mark Excel needs', () => {
    expect([...Buffer.from(targetsCsv([]), 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('one row per target, every column filled from the target and its document, url to the paragraph', () => {
    const csv = targetsCsv([record('qd-2015-yijian', [target({ baseline: { value: 10, unit: '家', year: 2014 }, scope: '全市' })])]);
    const [header, row] = parseCsv(csv.slice(BOM.length));
    const cells = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    expect(cells).toEqual({
      documentId: 'qd-2015-yijian',
      title: '关于实施创新驱动发展战略的意见',
      province: '山东省',
      city: '某市',
      county: '',
      regionCode: '370200',
      year: '2015',
      indicator: 'rd-intensity',
      indicatorLabel: '全社会研发经费占生产总值比重',
      value: '2.77',
      unit: '%',
      comparator: 'eq',
      measure: 'level',
      baselineValue: '10',
      baselineUnit: '家',
      baselineYear: '2014',
      targetYear: '2016',
      scope: '全市',
      paragraphId: 'p-abc',
      line: '6',
      quote: '全社会研发经费占生产总值比重达到2.77%',
      url: '/documents/qd-2015-yijian/#p-abc',
    });
  });

  test('hostile text (commas, quotes, line breaks) survives a round trip', () => {
    const quote = '达到"50"家,\r\n其中“国家级”2家';
    const [, row] = parseCsv(targetsCsv([record('x', [target({ quote, indicatorLabel: 'a,b' })])]).slice(BOM.length));
    expect(row?.[TARGET_COLUMNS.indexOf('quote')]).toBe(quote);
    expect(row?.[TARGET_COLUMNS.indexOf('indicatorLabel')]).toBe('a,b');
  });

  test('rows are ordered by document id, then line, whatever the input order', () => {
    const csv = targetsCsv([
      record('b-doc', [target({ line: 9, value: 1 }), target({ line: 3, value: 2 })]),
      record('a-doc', [target({ line: 50, value: 3 })]),
      record('b-doc-2', [target({ line: 1, value: 4 })]),
    ]);
    const rows = parseCsv(csv.slice(BOM.length)).slice(1);
    expect(rows.map((r) => `${r[0]}:${r[TARGET_COLUMNS.indexOf('line')]}`)).toEqual(['a-doc:50', 'b-doc:3', 'b-doc:9', 'b-doc-2:1']);
    expect(targetsCsv([...[record('b-doc', [target()]), record('a-doc', [target()])]].reverse())).toBe(targetsCsv([record('b-doc', [target()]), record('a-doc', [target()])]));
  });

  test('a document without a place or year leaves those cells empty', () => {
    const csv = targetsCsv([record('anon', [target({ targetYear: null })], { region: { province: null, city: null, county: null, township: null, level: 'unknown', code: null }, year: null })]);
    const row = parseCsv(csv.slice(BOM.length))[1] ?? [];
    for (const column of ['province', 'city', 'county', 'regionCode', 'year', 'targetYear', 'baselineValue'] as const) expect(row[TARGET_COLUMNS.indexOf(column)]).toBe('');
  });
});
