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
import type { Corpus, DocumentRecord, Paragraph } from './schema.ts';

/** Folder holding `corpus.json`, `targets.csv` and `documents/`. */
export function contentDir(): string {
  if (process.env.ATLAS_CONTENT_DIR) return process.env.ATLAS_CONTENT_DIR;
  if (process.env.ATLAS_DOCUMENTS_DIR) return dirname(process.env.ATLAS_DOCUMENTS_DIR);
  return './content';
}

let corpus: Corpus | undefined;
/** The records of `corpus.json` (an empty corpus when it has not been generated). */
export function loadCorpus(): Corpus {
  if (corpus) return corpus;
  const path = join(contentDir(), 'corpus.json');
  // Written by the ingest after validating every record against corpusSchema: checking the version is enough
  // here, and skips a second full copy of a corpus that can hold hundreds of megabytes at 10,000 documents.
  corpus = existsSync(path) ? trustedCorpus(JSON.parse(readFileSync(path, 'utf8')), path) : { schemaVersion: 1, documents: [] };
  return corpus;
}

function trustedCorpus(value: unknown, path: string): Corpus {
  const head = z.object({ schemaVersion: z.literal(1), documents: z.array(z.object({ id: z.string() }).loose()) }).safeParse(value);
  if (!head.success) throw new Error(`${path} is not a corpus written by \`npm run ingest\` (schemaVersion 1): run the ingest again`);
  return value as Corpus;
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
