/**
 * The files offered on /data/, generated at build time from the same records
 * the pages show: documents.json, paragraphs.jsonl, targets.csv and the JSON
 * Schema of a document record.
 */
import { z } from 'zod';
import { targetsCsv } from '../../scripts/knowledge/targets-csv.ts';
import type { AtlasDocument, AtlasInput } from './aggregate.ts';
import { toParagraphRecord } from './codebook.ts';
import { frontmatterSchema } from './schema.ts';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `{ schemaVersion, documents }` like corpus.json, each document validated and stripped of its paragraphs, in id order. */
export function documentsJson(documents: readonly AtlasDocument[]): string {
  const records = [...documents].sort(byId).map((doc) => frontmatterSchema.parse(doc));
  return `${JSON.stringify({ schemaVersion: 1, documents: records }, null, 1)}\n`;
}

/** One JSON object per line for every paragraph, documents in id order, paragraphs in text order. */
export function paragraphsJsonl(input: AtlasInput, site: URL | string): string {
  const lines: string[] = [];
  for (const doc of [...input.documents].sort(byId)) {
    for (const paragraph of input.paragraphs.get(doc.id) ?? []) lines.push(JSON.stringify(toParagraphRecord(doc.id, paragraph, site)));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
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
