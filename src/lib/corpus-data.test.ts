import { describe, expect, it } from 'vitest';
import { makeDoc, makeParagraph } from './atlas-fixtures.ts';
import { accuracySchema, bodyParagraphs, labelLookup, mergeAtlasInput } from './corpus-data.ts';

describe('mergeAtlasInput', () => {
  it('prefers the corpus record, keeps pages without one, and drops records without a page', () => {
    const page = makeDoc('both', { title: '页面' });
    const record = { ...makeDoc('both', { title: '记录', themes: ['talent'] }), evidence: [], sections: [], paragraphs: [makeParagraph('p-1', '段')] };
    const orphan = { ...makeDoc('orphan'), evidence: [], sections: [], paragraphs: [] };
    const input = mergeAtlasInput([page, makeDoc('page-only')], [record, orphan]);
    expect(input.documents.map((d) => [d.id, d.title])).toEqual([
      ['both', '记录'],
      ['page-only', '文件page-only'],
    ]);
    expect(input.paragraphs.get('both')!.map((p) => p.id)).toEqual(['p-1']);
    expect(input.paragraphs.get('page-only')).toEqual([]);
    expect(input.paragraphs.has('orphan')).toBe(false);
  });
});

describe('labelLookup', () => {
  it('names a slug the vocabulary lacks by the slug itself', () => {
    const label = labelLookup('themes')('no-such-theme');
    expect(label).toMatchObject({ slug: 'no-such-theme', name: 'no-such-theme', known: false });
  });
});

describe('bodyParagraphs', () => {
  it('splits on blank lines and marks paragraphs without Chinese as English', () => {
    expect(bodyParagraphs('人才主题。\n\n  Covers talent.  \n\n\n')).toEqual([
      { text: '人才主题。', lang: 'zh-CN' },
      { text: 'Covers talent.', lang: 'en' },
    ]);
    expect(bodyParagraphs('')).toEqual([]);
  });
});

describe('accuracySchema', () => {
  it('accepts the committed format and rejects shares above 1', () => {
    const ok = { measuredOn: 'seeds', metrics: [{ field: 'year', label: '年份', labelEn: 'Year', precision: 1, recall: 0.9, n: 10 }] };
    expect(accuracySchema.parse(ok).metrics[0]!.note).toBe('');
    expect(() => accuracySchema.parse({ ...ok, metrics: [{ ...ok.metrics[0], precision: 1.5 }] })).toThrow();
  });
});
