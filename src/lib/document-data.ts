/**
 * Lookups the document pages need: the page's own full record (read from
 * `corpus.json` when the page is built), titles of other documents and the
 * names of vocabulary slugs (maps built once), so a page costs the same
 * whether the corpus holds ten documents or ten thousand.
 */
import { fullRecord, loadCorpus, vocabularies } from './corpus-data.ts';
import { PAGE_DETAIL_FIELDS, type DocumentRecord, type Frontmatter, type InstrumentType } from './schema.ts';

export interface Names {
  name: string;
  nameEn: string;
}

let last: { id: string; record: DocumentRecord | undefined } | undefined;
/**
 * The full record of a document (with paragraphs), read from `corpus.json` on demand, or undefined for a page
 * that is not in it. The last one is kept: a document page asks for its own record more than once.
 */
export function documentRecord(id: string): DocumentRecord | undefined {
  if (last?.id !== id) last = { id, record: fullRecord(id) };
  return last.record;
}

let titles: Map<string, string> | undefined;
/** The title of any document of the corpus (for links to cited, citing and related documents). */
export function documentTitle(id: string): string | undefined {
  titles ??= new Map(loadCorpus().documents.map((record) => [record.id as string, record.title]));
  return titles.get(id);
}

/**
 * A page's data with the per-document detail (targets, agencies, related documents, sections …) that generated
 * pages keep in their corpus record rather than their frontmatter; a page without a record keeps its own.
 */
export function withDetail(page: Frontmatter): Frontmatter {
  const record = documentRecord(page.id);
  if (!record) return page;
  return { ...page, ...Object.fromEntries(PAGE_DETAIL_FIELDS.map((field) => [field, record[field]])) };
}

let themes: Map<string, Names> | undefined;
/** Theme slug → names. */
export function themeNames(): ReadonlyMap<string, Names> {
  themes ??= new Map(vocabularies().themes.map((t) => [t.slug, { name: t.name, nameEn: t.nameEn }]));
  return themes;
}

let instruments: Map<string, Names & { type: InstrumentType }> | undefined;
/** Instrument tool slug → names and type. */
export function instrumentNames(): ReadonlyMap<string, Names & { type: InstrumentType }> {
  instruments ??= new Map(vocabularies().instruments.map((t) => [t.slug, { name: t.name, nameEn: t.nameEn, type: t.type }]));
  return instruments;
}

let programs: Map<string, Names> | undefined;
/** Glossary (program) slug → names. */
export function programNames(): ReadonlyMap<string, Names> {
  programs ??= new Map(vocabularies().glossary.map((g) => [g.slug, { name: g.name, nameEn: g.nameEn }]));
  return programs;
}

/** Names of a slug, falling back to the slug itself when the vocabulary has no entry. */
export function namesOf(map: ReadonlyMap<string, Names>, slug: string): Names {
  return map.get(slug) ?? { name: slug, nameEn: slug };
}
