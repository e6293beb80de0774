/**
 * Reading `corpus.json` a record at a time. The ingest writes one document per line; at 10,000 documents the
 * file is over 600 MB, more than V8 can hold as one string, so it is never read whole:
 *
 * - `corpusRecords` reads it in chunks and yields each record with the byte range of its line;
 * - `readRecordAt` reads one record back from its range (what a document page needs).
 *
 * A corpus in another layout (an older indented file, a hand-made fixture) is read whole, as before.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import type { DocumentRecord } from './schema.ts';

/** Where a record's line sits in the file. */
export interface RecordRange {
  offset: number;
  length: number;
}

const HEADER = '{"schemaVersion":1,"documents":[';
const CHUNK = 8 * 1024 * 1024;

/** Every record of the file with the byte range of its line (null for a file read whole), in file order; none without a file. */
export function* corpusRecords(path: string, chunkSize = CHUNK): Generator<{ record: DocumentRecord; range: RecordRange | null }> {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read < HEADER.length || head.toString('utf8') !== HEADER) {
      yield* readWhole(path);
      return;
    }
    let position = 0;
    let carry = Buffer.alloc(0);
    const buffer = Buffer.alloc(chunkSize);
    for (;;) {
      const bytes = readSync(fd, buffer, 0, chunkSize, position);
      if (bytes === 0) break;
      const chunk = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytes)]) : buffer.subarray(0, bytes);
      const chunkStart = position - carry.length;
      let lineStart = 0;
      for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, lineStart)) {
        const found = recordOfLine(chunk, lineStart, newline, chunkStart);
        if (found) yield found;
        lineStart = newline + 1;
      }
      // Copied: the next read reuses the buffer.
      carry = Buffer.from(chunk.subarray(lineStart));
      position += bytes;
    }
    const found = carry.length > 0 ? recordOfLine(carry, 0, carry.length, position - carry.length) : null;
    if (found) yield found;
  } finally {
    closeSync(fd);
  }
}

function recordOfLine(chunk: Buffer, start: number, end: number, chunkStart: number): { record: DocumentRecord; range: RecordRange } | null {
  // A record line is `{"id":…}` followed by `,` except the last one.
  if (chunk[start] !== 0x7b /* { */ || chunk.toString('utf8', start, Math.min(end, start + 6)) !== '{"id":') return null;
  const length = (chunk[end - 1] === 0x2c /* , */ ? end - 1 : end) - start;
  return { record: JSON.parse(chunk.toString('utf8', start, start + length)) as DocumentRecord, range: { offset: chunkStart + start, length } };
}

function* readWhole(path: string): Generator<{ record: DocumentRecord; range: null }> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { schemaVersion?: unknown; documents?: unknown };
  if (parsed.schemaVersion !== 1 || !Array.isArray(parsed.documents)) throw new Error(`${path} is not a corpus written by \`npm run ingest\` (schemaVersion 1): run the ingest again`);
  for (const record of parsed.documents as DocumentRecord[]) yield { record, range: null };
}

/** One record read back from its line. */
export function readRecordAt(path: string, range: RecordRange): DocumentRecord {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(range.length);
    readSync(fd, buffer, 0, range.length, range.offset);
    return JSON.parse(buffer.toString('utf8')) as DocumentRecord;
  } finally {
    closeSync(fd);
  }
}
