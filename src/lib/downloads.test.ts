import { describe, expect, it } from 'vitest';
import { makeDoc, makeParagraph } from './atlas-fixtures.ts';
import { csvHeader, documentsJson, documentsJsonSchema, paragraphsJsonl } from './downloads.ts';
import { corpusSchema } from './schema.ts';

describe('downloads', () => {
  const docs = [makeDoc('b-doc', { year: 2020 }), makeDoc('a-doc', { code: '210300' })];
  const paragraphs = new Map([
    ['a-doc', [makeParagraph('p-1', '第一段“引号”\n<script>', [], 3), makeParagraph('p-2', '第二段', [], 4)]],
    ['b-doc', [makeParagraph('p-3', '其他', [], 1)]],
  ]);

  it('documents.json holds every document in id order, valid as a corpus without paragraphs', () => {
    const text = documentsJson(docs).toString('utf8');
    const parsed = corpusSchema.parse(JSON.parse(text));
    expect(parsed.documents.map((d) => d.id)).toEqual(['a-doc', 'b-doc']);
    expect(JSON.parse(text).documents[0]).not.toHaveProperty('paragraphs');
    // Laid out like corpus.json: one document per line.
    expect(text.split('\n')).toHaveLength(5);
    expect(JSON.parse(documentsJson([]).toString('utf8'))).toEqual({ schemaVersion: 1, documents: [] });
  });

  it('paragraphs.jsonl has one parsable object per line, escaping newlines and quotes', () => {
    const text = paragraphsJsonl(docs.map((doc) => ({ id: doc.id, paragraphs: paragraphs.get(doc.id) ?? [] })), 'https://example.org/').toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((r) => `${r.documentId}/${r.id}`)).toEqual(['a-doc/p-1', 'a-doc/p-2', 'b-doc/p-3']);
    expect(records[0].text).toBe('第一段“引号”\n<script>');
    expect(paragraphsJsonl([], 'https://example.org/').length).toBe(0);
  });

  it('reads a CSV header, with or without a byte-order mark and quotes', () => {
    expect(csvHeader('\uFEFF"documentId",value,unit\r\n"a",1,%')).toEqual(['documentId', 'value', 'unit']);
    expect(csvHeader('')).toEqual([]);
  });

  it('publishes a JSON Schema of a document record', () => {
    const schema = JSON.parse(documentsJsonSchema());
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('region');
  });
});
