/**
 * The knowledge layer, run on every document after ingestion: themes and
 * policy instruments per paragraph, quantitative targets, responsible
 * agencies, named programs and citations (per document, in `enrichDocument`),
 * then cross-references, cited-by and related documents across the corpus
 * (`linkCorpus`). Vocabularies come from `content/<kind>/*.md`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import type { DocumentRecord, Paragraph, Section } from '../../src/lib/schema.ts';
import {
  agencyEntrySchema,
  glossaryEntrySchema,
  indicatorEntrySchema,
  instrumentEntrySchema,
  themeEntrySchema,
  type AgencyEntry,
  type GlossaryEntry,
  type IndicatorEntry,
  type InstrumentEntry,
  type Loaded,
  type ThemeEntry,
} from '../../src/lib/vocabulary.ts';
import { extractAgencies } from './agencies.ts';
import { findCitations } from './citations.ts';
import { tagInstruments } from './instruments.ts';
import { linkDocuments } from './links.ts';
import { findPrograms } from './programs.ts';
import { extractTargets } from './targets.ts';
import { tagThemes } from './themes.ts';
import { loadVocabulary } from './vocabulary.ts';

export interface KnowledgeBase {
  themes: Loaded<ThemeEntry>[];
  instruments: Loaded<InstrumentEntry>[];
  indicators: Loaded<IndicatorEntry>[];
  glossary: Loaded<GlossaryEntry>[];
  agencies: Loaded<AgencyEntry>[];
  /** One vfile per vocabulary entry, holding its diagnostics. */
  files: VFile[];
}

/** The committed `content/` folder of this project. */
export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

/** Loads every vocabulary below a content folder (`themes/`, `instruments/`, `indicators/`, `glossary/`, `agencies/`). */
export function loadKnowledgeBase(contentDir: string = DEFAULT_CONTENT_DIR): KnowledgeBase {
  const themes = loadVocabulary(join(contentDir, 'themes'), themeEntrySchema);
  const instruments = loadVocabulary(join(contentDir, 'instruments'), instrumentEntrySchema);
  const indicators = loadVocabulary(join(contentDir, 'indicators'), indicatorEntrySchema);
  const glossary = loadVocabulary(join(contentDir, 'glossary'), glossaryEntrySchema);
  const agencies = loadVocabulary(join(contentDir, 'agencies'), agencyEntrySchema);
  return {
    themes: [...themes.entries].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1)),
    instruments: instruments.entries,
    indicators: indicators.entries,
    glossary: glossary.entries,
    agencies: agencies.entries,
    files: [...themes.files, ...instruments.files, ...indicators.files, ...glossary.files, ...agencies.files],
  };
}

let cached: KnowledgeBase | undefined;
/** The project's own vocabularies, loaded once. */
export function defaultKnowledgeBase(): KnowledgeBase {
  cached ??= loadKnowledgeBase();
  return cached;
}

/** Adds the per-document knowledge fields to a record (pure: returns a new record). */
export function enrichDocument(record: DocumentRecord, kb: KnowledgeBase): DocumentRecord {
  const themes = tagThemes(record, kb.themes);
  const instruments = tagInstruments(record, kb.instruments);
  const paragraphs: Paragraph[] = record.paragraphs.map((p) => ({
    ...p,
    themes: themes.byParagraph.get(p.id) ?? [],
    instruments: instruments.byParagraph.get(p.id) ?? [],
  }));
  const withSectionThemes = (sections: Section[]): Section[] =>
    sections.map((s) => ({ ...s, themes: themes.bySection.get(s.id) ?? [], children: withSectionThemes(s.children) }));
  const { responsibilities, agencies } = extractAgencies(record, kb.agencies);
  return {
    ...record,
    paragraphs,
    sections: withSectionThemes(record.sections),
    themes: themes.themes,
    themeProfile: themes.themeProfile,
    instruments: instruments.instruments,
    targets: extractTargets(record, kb.indicators),
    responsibilities,
    agencies,
    programs: findPrograms(record, kb.glossary),
    citations: findCitations(record),
    citedBy: [],
    related: [],
  };
}

/** Resolves citations to documents in the corpus, fills cited-by and related documents. */
export function linkCorpus(records: readonly DocumentRecord[]): DocumentRecord[] {
  return linkDocuments(records);
}
