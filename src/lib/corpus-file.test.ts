import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, ingest, makeTempDir } from '../../tests/helpers.ts';
import { corpusRecords, readRecordAt } from './corpus-file.ts';

describe('corpusRecords', () => {
  let dir: string;
  let path: string;
  let expected: { id: string }[];
  beforeAll(() => {
    dir = makeTempDir('atlas-corpus-file-');
    ingest('seeds', dir);
    path = join(dir, 'corpus.json');
    expected = JSON.parse(readFileSync(path, 'utf8')).documents;
  });
  afterAll(() => cleanup(dir));

  test.each([8 * 1024 * 1024, 4096, 97])('reads every record of an ingested corpus, in order, in chunks of %i bytes', (chunk) => {
    const read = [...corpusRecords(path, chunk)];
    expect(read.map((r) => r.record)).toEqual(expected);
    // Each range reads back exactly its record.
    for (const { record, range } of read) expect(readRecordAt(path, range!)).toEqual(record);
  });

  test('a corpus in another layout (indented) is read whole, without ranges', () => {
    const indented = join(dir, 'indented.json');
    writeFileSync(indented, JSON.stringify({ schemaVersion: 1, documents: expected }, null, 2));
    const read = [...corpusRecords(indented)];
    expect(read.map((r) => r.record)).toEqual(expected);
    expect(read.every((r) => r.range === null)).toBe(true);
  });

  test('no file gives no records; a file that is not a corpus is an error naming it', () => {
    expect([...corpusRecords(join(dir, 'missing.json'))]).toEqual([]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"documents": 3}');
    expect(() => [...corpusRecords(bad)]).toThrow(bad);
  });
});
