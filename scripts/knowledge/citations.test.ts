import { describe, expect, test } from 'vitest';
import { documentRecordSchema, type DocumentRecord } from '../../src/lib/schema.ts';
import { findCitations, normalizeNumber, normalizeTitle } from './citations.ts';

const SOURCE = { file: 'x.txt', startLine: 1, endLine: 9, sha256: '0'.repeat(64) };

function doc(title: string, texts: string[], extra: Partial<DocumentRecord> = {}): DocumentRecord {
  return documentRecordSchema.parse({
    id: 'cn-test',
    title,
    chars: 1,
    source: SOURCE,
    paragraphs: texts.map((text, i) => ({ id: `p-${i}`, text, line: i + 2 })),
    ...extra,
  });
}

describe('findCitations', () => {
  test.each([
    ['a title in book-title marks', '认真贯彻《关于加快科技创新的若干意见》,推进改革。', [{ kind: 'title', text: '关于加快科技创新的若干意见' }]],
    ['a law', '贯彻《中华人民共和国科学技术进步法》。', [{ kind: 'title', text: '中华人民共和国科学技术进步法' }]],
    ['a plan with its edition in brackets', '落实《科技发展规划纲要(2006-2020年)》。', [{ kind: 'title', text: '科技发展规划纲要(2006-2020年)' }]],
    ['a newsletter is not a document', '办好《科技简报》。', []],
    ['a number with its lead-in words removed', '根据市委市政府《关于创建科技进步先进城市的决定》(潭市发〔2004〕6号)精神', [
      { kind: 'title', text: '关于创建科技进步先进城市的决定' },
      { kind: 'number', text: '潭市发〔2004〕6号' },
    ]],
    ['a number in square brackets', '按照省政府办公厅文件(苏政办发[2012]12号)执行', [{ kind: 'number', text: '苏政办发[2012]12号' }]],
  ])('%s', (_name, text, expected) => {
    expect(findCitations(doc('某市科技工作要点', [text])).map(({ kind, text: t }) => ({ kind, text: t }))).toEqual(expected);
  });

  test('each cited document is listed once, at its first paragraph', () => {
    const found = findCitations(doc('要点', ['落实《关于科技金融的意见》。', '继续落实《关于科技金融的意见》。']));
    expect(found).toEqual([{ kind: 'title', text: '关于科技金融的意见', paragraphId: 'p-0', line: 2, target: null }]);
  });

  test('the document does not cite itself', () => {
    const found = findCitations(doc('关于加快科技创新的若干意见', ['现将《关于加快科技创新的若干意见》印发给你们。'], { docNumber: '某政发〔2010〕3号' }));
    expect(found).toEqual([]);
  });

  test('a number kept as cited-number evidence in the header is a citation', () => {
    const record = doc('方案', ['正文。'], {
      evidence: [{ field: 'docNumber', phrase: '某市发〔2004〕6号', line: 3, column: 5, rule: 'cited-number', note: '' }],
    });
    expect(findCitations(record)).toEqual([{ kind: 'number', text: '某市发〔2004〕6号', paragraphId: null, line: 3, target: null }]);
  });
});

describe('normalizers', () => {
  test.each([
    ['关于 加快（试行）', '关于加快(试行)'],
    ['规划(2016—2020年)', '规划(2016-2020年)'],
  ])('title %s', (input, expected) => expect(normalizeTitle(input)).toBe(expected));
  test.each([
    ['苏政发[2012] 12号', '苏政发〔2012〕12号'],
    ['苏政发（2012）12号', '苏政发〔2012〕12号'],
  ])('number %s', (input, expected) => expect(normalizeNumber(input)).toBe(expected));
});
