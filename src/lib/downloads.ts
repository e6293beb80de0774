/**
 * The files offered on /data/, generated at build time from the same records
 * the pages show: documents.json, paragraphs.jsonl, targets.csv and the JSON
 * Schema of a document record.
 */
import { z } from 'zod';
import { targetsCsv } from '../../scripts/knowledge/targets-csv.ts';
import type { AtlasDocument, AtlasInput } from './aggregate.ts';
import { toParagraphRecord } from './codebook.ts';
import { frontmatterSchema, type Paragraph } from './schema.ts';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `{ schemaVersion, documents }` laid out like corpus.json (one document per line), each document validated and
 * stripped of its paragraphs, in id order. Bytes, not a string: at 10,000 documents the file outgrows V8's
 * longest string. The documents are consumed one at a time, so a stream of full records never sits in memory.
 */
export function documentsJson(documents: Iterable<AtlasDocument>): Buffer {
  const parts: { id: string; bytes: Buffer }[] = [];
  for (const doc of documents) {
    const { paragraphs: _paragraphs, ...rest } = doc as AtlasDocument & { paragraphs?: unknown };
    parts.push({ id: doc.id, bytes: Buffer.from(JSON.stringify(frontmatterSchema.parse(rest))) });
  }
  const lines = inIdOrder(parts).flatMap((bytes, index) => (index > 0 ? [COMMA_NEWLINE, bytes] : [bytes]));
  return Buffer.concat([Buffer.from('{"schemaVersion":1,"documents":[\n'), ...lines, Buffer.from(parts.length > 0 ? '\n]}\n' : ']}\n')]);
}

const COMMA_NEWLINE = Buffer.from(',\n');

/** The byte parts, sorted by the document id each was made for. */
function inIdOrder(parts: { id: string; bytes: Buffer }[]): Buffer[] {
  return parts.sort(byId).map((part) => part.bytes);
}

/** One JSON object per line for every paragraph, documents in id order, paragraphs in text order; bytes, as above. */
export function paragraphsJsonl(documents: Iterable<{ id: string; paragraphs?: readonly Paragraph[] }>, site: URL | string): Buffer {
  const parts: { id: string; bytes: Buffer }[] = [];
  for (const doc of documents) {
    const lines = (doc.paragraphs ?? []).map((paragraph) => `${JSON.stringify(toParagraphRecord(doc.id, paragraph, site))}\n`);
    if (lines.length > 0) parts.push({ id: doc.id, bytes: Buffer.from(lines.join('')) });
  }
  return Buffer.concat(inIdOrder(parts));
}

/** A response body viewing the bytes (no copy of a file that can be hundreds of megabytes). */
export function bodyOf(bytes: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** targets.csv for the documents with pages (documents without corpus paragraphs still contribute their targets). */
export function targetsCsvFor(input: AtlasInput): string {
  return targetsCsv([...input.documents].sort(byId).map((doc) => ({ ...doc, paragraphs: [...(input.paragraphs.get(doc.id) ?? [])] })));
}

/** Column names of a CSV's header row (names are plain identifiers; quotes are removed). */
export function csvHeader(csv: string): string[] {
  const first = csv.replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0] ?? '';
  return first ? first.split(',').map((c) => c.trim().replace(/^"(.*)"$/u, '$1')) : [];
}

/** JSON Schema (draft 2020-12) of one document of documents.json. */
export function documentsJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(frontmatterSchema, { io: 'output', unrepresentable: 'any' }), null, 1)}\n`;
}
