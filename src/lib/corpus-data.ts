/**
 * Build-time access to the generated corpus and the committed vocabularies,
 * for pages that aggregate across documents (topics, places, targets …).
 * Loaded once per build and memoised.
 *
 * - The corpus comes from `ATLAS_CONTENT_DIR`, else the parent of
 *   `ATLAS_DOCUMENTS_DIR` (the test build), else `./content`.
 * - The vocabularies and the accuracy figures always come from the project's own `content/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { loadKnowledgeBase, type KnowledgeBase } from '../../scripts/knowledge/index.ts';
import type { AtlasDocument, AtlasInput } from './aggregate.ts';
import { corpusRecords, readRecordAt, type RecordRange } from './corpus-file.ts';
import type { Corpus, DocumentRecord, Paragraph } from './schema.ts';

/** Folder holding `corpus.json`, `targets.csv` and `documents/`. */
export function contentDir(): string {
  if (process.env.ATLAS_CONTENT_DIR) return process.env.ATLAS_CONTENT_DIR;
  if (process.env.ATLAS_DOCUMENTS_DIR) return dirname(process.env.ATLAS_DOCUMENTS_DIR);
  return './content';
}

interface CorpusIndex {
  path: string;
  /** Records for the cross-document pages, without what only a document's own page shows (see `slim`). */
  corpus: Corpus;
  /** Where each record's line is, to read the full record back for its document page. */
  ranges: Map<string, RecordRange>;
  /** Full records of a corpus not written one per line (small, hand-made): kept as read. */
  whole: Map<string, DocumentRecord>;
}

let index: CorpusIndex | undefined;
function corpusIndex(): CorpusIndex {
  if (index) return index;
  const path = join(contentDir(), 'corpus.json');
  const documents: DocumentRecord[] = [];
  const ranges = new Map<string, RecordRange>();
  const whole = new Map<string, DocumentRecord>();
  // Written by the ingest after validating every record against the schema: no second validation here, which
  // would hold a second copy of every record.
  for (const { record, range } of corpusRecords(path)) {
    if (range) ranges.set(record.id, range);
    else whole.set(record.id, record);
    documents.push(slim(record));
  }
  index = { path, corpus: { schemaVersion: 1, documents }, ranges, whole };
  return index;
}

/**
 * What the cross-document pages need of a record: everything but its evidence, its section tree and its
 * paragraphs' instruments and section paths, which only the document's own page shows (it reads the full
 * record with `fullRecord`). At 10,000 documents this keeps the build's copy of the corpus to about half.
 */
function slim(record: DocumentRecord): DocumentRecord {
  return {
    ...record,
    evidence: [],
    sections: [],
    paragraphs: record.paragraphs.map((paragraph) => ({ ...paragraph, instruments: [], sectionPath: [] })),
  };
}

/** The records of `corpus.json` for cross-document pages (an empty corpus when it has not been generated). */
export function loadCorpus(): Corpus {
  return corpusIndex().corpus;
}

/** A document's full record, read from `corpus.json` when asked for; undefined when the corpus does not hold it. */
export function fullRecord(id: string): DocumentRecord | undefined {
  const { path, ranges, whole } = corpusIndex();
  const range = ranges.get(id);
  return range ? readRecordAt(path, range) : whole.get(id);
}

/**
 * The full record of every page, one at a time (never all in memory): the corpus record when `corpus.json` has
 * the page's document, else the page's own data (a hand-written page). Order: corpus order, then the others.
 */
export function* fullPageRecords<T extends { id: string }>(pages: readonly T[]): Generator<DocumentRecord | T> {
  const waiting = new Map(pages.map((page) => [page.id, page]));
  for (const { record } of corpusRecords(join(contentDir(), 'corpus.json'))) {
    if (!waiting.delete(record.id)) continue;
    yield record;
  }
  yield* waiting.values();
}

/**
 * The project's committed `content/` folder. Resolved from the working
 * directory (builds run at the project root): inside the bundled build,
 * `import.meta.url` points at a generated chunk, not at the source tree.
 */
export function projectContentDir(): string {
  return resolve('content');
}

let knowledge: KnowledgeBase | undefined;
/** Themes, instruments, indicators, glossary and agencies as committed. */
export function vocabularies(): KnowledgeBase {
  knowledge ??= loadKnowledgeBase(projectContentDir());
  return knowledge;
}

/**
 * The aggregation input for the documents that have pages: each document's
 * corpus record when `corpus.json` has it (with its paragraphs), else the
 * page's own frontmatter with no paragraphs. Documents only in corpus.json
 * (no page) are left out, so every link the aggregates produce resolves.
 */
export function mergeAtlasInput(pages: readonly AtlasDocument[], records: readonly DocumentRecord[]): AtlasInput {
  const byId = new Map<string, DocumentRecord>(records.map((r) => [r.id, r]));
  const documents: AtlasDocument[] = [];
  const paragraphs = new Map<string, readonly Paragraph[]>();
  for (const page of pages) {
    const record = byId.get(page.id);
    documents.push(record ?? page);
    paragraphs.set(page.id, record?.paragraphs ?? []);
  }
  return { documents, paragraphs };
}

/** Bilingual name and description of a vocabulary entry, or of a slug no vocabulary knows. */
export interface Label {
  slug: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  /** Markdown body of the vocabulary file ('' when none). */
  body: string;
  /** False for slugs found in the data but missing from the vocabulary. */
  known: boolean;
}

/** Looks up labels by slug for one vocabulary kind; unknown slugs get their slug as name. */
export function labelLookup(kind: 'themes' | 'instruments' | 'indicators' | 'glossary' | 'agencies'): (slug: string) => Label {
  const entries = new Map<string, Label>(
    vocabularies()[kind].map((e) => [
      e.slug,
      { slug: e.slug, name: e.name, nameEn: e.nameEn, description: e.description, descriptionEn: e.descriptionEn, body: e.body, known: true },
    ]),
  );
  return (slug) => entries.get(slug) ?? { slug, name: slug, nameEn: slug, description: '', descriptionEn: '', body: '', known: false };
}

/** Measured accuracy of the extraction, committed as `content/accuracy.json` by whoever runs the evaluation. */
export const accuracySchema = z.object({
  /** What was measured against (`seeds/ read by hand, 2025-01`). */
  measuredOn: z.string(),
  /** One row per extracted field or tag. */
  metrics: z.array(
    z.object({
      /** Field or tag (`year`, `region`, `themes` …). */
      field: z.string(),
      label: z.string(),
      labelEn: z.string(),
      /** Share of extracted values that are right, 0–1; null when not measured. */
      precision: z.number().min(0).max(1).nullable().default(null),
      /** Share of true values that were extracted, 0–1; null when not measured. */
      recall: z.number().min(0).max(1).nullable().default(null),
      /** Number of items checked. */
      n: z.number().int().min(0),
      note: z.string().default(''),
    }),
  ),
});
export type Accuracy = z.output<typeof accuracySchema>;

/** The committed accuracy figures, or null when none have been committed yet. */
export function loadAccuracy(): Accuracy | null {
  const path = join(projectContentDir(), 'accuracy.json');
  return existsSync(path) ? accuracySchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : null;
}

/** The paragraphs of a vocabulary entry's Markdown body (plain text; the bodies hold no markup), marked English when they have no Chinese. */
export function bodyParagraphs(body: string): { text: string; lang: 'zh-CN' | 'en' }[] {
  return body
    .split(/\n\s*\n/u)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => ({ text, lang: /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en' }));
}
