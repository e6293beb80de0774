import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentFields, FIELD_TEXT, listSchemaFields, paragraphFields, paragraphRecordSchema, targetColumns, toParagraphRecord } from './codebook.ts';
import { makeParagraph } from './atlas-fixtures.ts';
import { frontmatterSchema } from './schema.ts';

describe('codebook', () => {
  it.each([
    ['documents.json', 'documents', () => listSchemaFields(frontmatterSchema)],
    ['paragraphs.jsonl', 'paragraphs', () => listSchemaFields(paragraphRecordSchema)],
  ] as const)('describes every field of %s, and nothing that is not a field', (_file, key, fields) => {
    const paths = fields().map((f) => f.path);
    expect(paths.filter((p) => !FIELD_TEXT[key][p])).toEqual([]);
    expect(Object.keys(FIELD_TEXT[key]).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it('lists nested, nullable, enumerated and recursive fields with their types', () => {
    const byPath = new Map(documentFields().map((f) => [f.path, f]));
    expect(byPath.get('region.code')?.type).toBe('string | null');
    expect(byPath.get('year')?.type).toBe('integer | null');
    expect(byPath.get('docType')?.values).toContain('实施方案');
    expect(byPath.get('targets[].baseline.year')?.type).toBe('integer | null');
    expect(byPath.get('sections[].children')?.type).toBe('list of object');
    expect([...byPath.keys()].some((p) => p.startsWith('sections[].children[]'))).toBe(false);
    expect(paragraphFields().map((f) => f.path).slice(0, 2)).toEqual(['documentId', 'id']);
  });

  it('walks a schema of its own kind', () => {
    const fields = listSchemaFields(z.object({ a: z.string().nullable(), b: z.array(z.object({ c: z.enum(['x', 'y']) })) }));
    expect(fields).toEqual([
      { path: 'a', type: 'string | null', values: [] },
      { path: 'b', type: 'list of object', values: [] },
      { path: 'b[].c', type: 'enum', values: ['x', 'y'] },
    ]);
  });

  it('describes known target columns and flags unknown ones', () => {
    const columns = targetColumns(['documentId', 'value', 'mystery']);
    expect(columns.map((c) => [c.path, c.type, c.en])).toEqual([
      ['documentId', 'string', 'Id of the document'],
      ['value', 'number', 'Normalised value'],
      ['mystery', 'string', '(not described)'],
    ]);
  });
});

describe('toParagraphRecord', () => {
  it('adds the document id and the absolute address of the paragraph, and validates', () => {
    const record = toParagraphRecord('doc-1', makeParagraph('p-abc', '正文', [['talent', 1, ['人才']]], 7), 'https://example.org');
    expect(record.url).toBe('https://example.org/documents/doc-1/#p-abc');
    expect(paragraphRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({ documentId: 'doc-1', id: 'p-abc', line: 7, kind: 'paragraph', text: '正文' });
  });
});
