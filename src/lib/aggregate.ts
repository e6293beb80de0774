/**
 * Cross-document aggregation for the topic, place, year, target, glossary and
 * agency pages. Every index is built in one pass over the documents (and their
 * paragraphs), so a 10,000-document corpus costs a few linear passes per build,
 * never a filter over everything per page. Pure: inputs are not changed.
 */
import { getPlaceChain, getPlaceUnit, type PlaceUnit } from './place-index.ts';
import type {
  AgencyMention,
  Frontmatter,
  Paragraph,
  ProgramMention,
  Responsibility,
  Target,
  ThemeHit,
} from './schema.ts';

/** A document as the cross-document pages see it: its frontmatter (a corpus record is one too). */
export type AtlasDocument = Frontmatter;

/** The documents that have pages, with the paragraphs known for each (none for documents missing from corpus.json). */
export interface AtlasInput {
  documents: readonly AtlasDocument[];
  paragraphs: ReadonlyMap<string, readonly Paragraph[]>;
}

/** Slugs usable in a URL path segment (vocabulary slugs are; anything else gets no page). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const collator = new Intl.Collator('zh-CN');

/* ───────────────────────── topics ───────────────────────── */

/** Which paragraphs a topic page lists, and how many per page. */
export interface ThemeListingOptions {
  /** A paragraph is listed for a theme when its hit for that theme scores at least this. */
  minScore: number;
  /** At most this many paragraphs per document and theme: the highest-scoring, ties to the earlier paragraph. */
  perDocument: number;
  /** Paragraphs per topic page (a document's paragraphs never straddle two pages, so a page may hold a few more). */
  pageSize: number;
}

/** The listing rule used by the site; document pages link a theme chip only to paragraphs it selects. */
export const THEME_LISTING: ThemeListingOptions = { minScore: 0, perDocument: 5, pageSize: 300 };

/** A paragraph together with its hit for one theme. */
export interface ThemeParagraph {
  paragraph: Paragraph;
  hit: ThemeHit;
}

/** For one document and theme: the paragraphs a topic page lists (document order) and how many carry the theme at all. */
export interface ThemeSelection {
  listed: ThemeParagraph[];
  total: number;
}

/**
 * Applies the listing rule to one document's paragraphs, per theme. Depends on
 * that document alone, so a document page can call it to know which theme
 * chips have a paragraph on the topic page.
 */
export function selectThemeParagraphs(
  paragraphs: readonly Paragraph[],
  options: Pick<ThemeListingOptions, 'minScore' | 'perDocument'> = THEME_LISTING,
): Map<string, ThemeSelection> {
  const byTheme = new Map<string, { candidates: (ThemeParagraph & { index: number })[]; total: number }>();
  paragraphs.forEach((paragraph, index) => {
    for (const hit of paragraph.themes) {
      const entry = byTheme.get(hit.theme) ?? { candidates: [], total: 0 };
      entry.total += 1;
      if (hit.score >= options.minScore) entry.candidates.push({ paragraph, hit, index });
      byTheme.set(hit.theme, entry);
    }
  });
  const result = new Map<string, ThemeSelection>();
  for (const [theme, { candidates, total }] of byTheme) {
    const listed = [...candidates]
      .sort((a, b) => b.hit.score - a.hit.score || a.index - b.index)
      .slice(0, options.perDocument)
      .sort((a, b) => a.index - b.index)
      .map(({ paragraph, hit }) => ({ paragraph, hit }));
    result.set(theme, { listed, total });
  }
  return result;
}

/** One document's entry on a topic page. */
export interface ThemeDocumentEntry {
  doc: AtlasDocument;
  /** Province and prefecture the document is grouped under (null when the document names no place). */
  province: PlaceUnit | null;
  city: PlaceUnit | null;
  listed: ThemeParagraph[];
  /** Paragraphs of this document carrying the theme, listed or not. */
  total: number;
}

/** A target quoted from a paragraph that carries the theme. */
export interface TargetRow {
  doc: AtlasDocument;
  target: Target;
}

/** Everything a topic page shows for one theme. */
export interface ThemeAggregate {
  slug: string;
  /** Documents with at least one paragraph carrying the theme. */
  documentCount: number;
  /** Paragraphs carrying the theme. */
  paragraphCount: number;
  /** Listed documents in page order (place, then newest year, then title), split into pages. */
  pages: ThemeDocumentEntry[][];
  targets: TargetRow[];
  /** Other themes on the same paragraphs, most frequent first. */
  cooccurring: { theme: string; paragraphs: number }[];
  /** Documents per year (null: year not stated), newest first. */
  byYear: { year: number | null; documents: number }[];
}

/** Topic pages for every theme slug found in a paragraph, plus where each listed paragraph is. */
export interface ThemeIndex {
  themes: Map<string, ThemeAggregate>;
  /** `${theme} ${docId}--${paragraphId}` → 1-based page number of the topic page listing it. */
  anchors: Map<string, number>;
}

/** Builds the topic pages' data in one pass over all paragraphs. */
export function buildThemeIndex(input: AtlasInput, options: ThemeListingOptions = THEME_LISTING): ThemeIndex {
  const entries = new Map<string, ThemeDocumentEntry[]>();
  const paragraphCounts = new Map<string, number>();
  const cooccurrence = new Map<string, Map<string, number>>();
  const targetsByTheme = new Map<string, TargetRow[]>();

  for (const doc of input.documents) {
    // A document-level theme always gets a topic page, even when no paragraph carries it.
    for (const theme of doc.themes) if (SLUG_PATTERN.test(theme) && !entries.has(theme)) entries.set(theme, []);
    const paragraphs = input.paragraphs.get(doc.id) ?? [];
    const [province, city] = groupingUnits(doc);
    for (const [theme, selection] of selectThemeParagraphs(paragraphs, options)) {
      if (!SLUG_PATTERN.test(theme)) continue;
      paragraphCounts.set(theme, (paragraphCounts.get(theme) ?? 0) + selection.total);
      push(entries, theme, { doc, province, city, listed: selection.listed, total: selection.total });
    }
    const themesOf = new Map<string, Set<string>>();
    for (const paragraph of paragraphs) {
      const slugs = [...new Set(paragraph.themes.map((h) => h.theme))].filter((t) => SLUG_PATTERN.test(t));
      themesOf.set(paragraph.id, new Set(slugs));
      for (const a of slugs) {
        const row = cooccurrence.get(a) ?? new Map<string, number>();
        for (const b of slugs) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
        cooccurrence.set(a, row);
      }
    }
    for (const target of doc.targets) {
      for (const theme of themesOf.get(target.paragraphId) ?? []) push(targetsByTheme, theme, { doc, target });
    }
  }

  const themes = new Map<string, ThemeAggregate>();
  const anchors = new Map<string, number>();
  for (const [slug, docs] of entries) {
    const ordered = docs.sort(compareThemeEntries);
    const pages = paginate(ordered, options.pageSize);
    pages.forEach((page, i) => {
      for (const entry of page) {
        for (const { paragraph } of entry.listed) anchors.set(`${slug} ${themeItemId(entry.doc.id, paragraph.id)}`, i + 1);
      }
    });
    themes.set(slug, {
      slug,
      documentCount: docs.length,
      paragraphCount: paragraphCounts.get(slug) ?? 0,
      pages,
      targets: sortTargetRows(targetsByTheme.get(slug) ?? [], 'indicator'),
      cooccurring: [...(cooccurrence.get(slug) ?? [])]
        .map(([theme, paragraphs]) => ({ theme, paragraphs }))
        .sort((a, b) => b.paragraphs - a.paragraphs || (a.theme < b.theme ? -1 : 1)),
      byYear: countYears(docs.map((e) => e.doc)),
    });
  }
  return { themes, anchors };
}

/** Id of a paragraph's list item on a topic page: `<doc-id>--<paragraph-id>`. */
export function themeItemId(docId: string, paragraphId: string): string {
  return `${docId}--${paragraphId}`;
}

/** Site path of page `page` (1-based) of a topic. */
export function themePageHref(slug: string, page = 1): string {
  return page <= 1 ? `/themes/${slug}/` : `/themes/${slug}/${page}/`;
}

/** Link to a paragraph's item on its topic page (`/themes/<slug>/#<doc-id>--<paragraph-id>`), or null when the topic page does not list it. */
export function themeParagraphHref(index: Pick<ThemeIndex, 'anchors'>, slug: string, docId: string, paragraphId: string): string | null {
  const id = themeItemId(docId, paragraphId);
  const page = index.anchors.get(`${slug} ${id}`);
  return page === undefined ? null : `${themePageHref(slug, page)}#${id}`;
}

/** One place group of a topic page: a province (null: place not named), its prefectures, and years within each. */
export interface ThemePlaceGroup {
  province: PlaceUnit | null;
  cities: { city: PlaceUnit | null; years: { year: number | null; entries: ThemeDocumentEntry[] }[] }[];
}

/** Groups a page's entries (already in page order) by province, prefecture and year, keeping that order. */
export function groupThemeEntries(entries: readonly ThemeDocumentEntry[]): ThemePlaceGroup[] {
  const groups: ThemePlaceGroup[] = [];
  for (const entry of entries) {
    let group = groups.at(-1);
    if (!group || group.province?.code !== entry.province?.code) groups.push((group = { province: entry.province, cities: [] }));
    let city = group.cities.at(-1);
    if (!city || city.city?.code !== entry.city?.code) group.cities.push((city = { city: entry.city, years: [] }));
    let year = city.years.at(-1);
    if (!year || year.year !== entry.doc.year) city.years.push((year = { year: entry.doc.year, entries: [] }));
    year.entries.push(entry);
  }
  return groups;
}

function groupingUnits(doc: AtlasDocument): [PlaceUnit | null, PlaceUnit | null] {
  const chain = getPlaceChain(doc.region);
  const province = chain.find((u) => u.level === 'province') ?? null;
  const city = chain.find((u) => u.level === 'prefecture') ?? null;
  return [province, city];
}

function compareThemeEntries(a: ThemeDocumentEntry, b: ThemeDocumentEntry): number {
  return (
    compareCodes(a.province?.code, b.province?.code) ||
    compareCodes(a.city?.code ?? '', b.city?.code ?? '') ||
    compareDocuments(a.doc, b.doc)
  );
}

/** Missing codes sort last; codes follow GB/T 2260 order (north-east to south-west, roughly). */
function compareCodes(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest year first (unknown years last), then title, then id. */
export function compareDocuments(a: Pick<AtlasDocument, 'year' | 'title' | 'id'>, b: Pick<AtlasDocument, 'year' | 'title' | 'id'>): number {
  if (a.year !== b.year) {
    if (a.year === null) return 1;
    if (b.year === null) return -1;
    return b.year - a.year;
  }
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function paginate(entries: readonly ThemeDocumentEntry[], pageSize: number): ThemeDocumentEntry[][] {
  const pages: ThemeDocumentEntry[][] = [];
  let page: ThemeDocumentEntry[] = [];
  let items = 0;
  for (const entry of entries) {
    if (items >= pageSize && page.length > 0) {
      pages.push(page);
      page = [];
      items = 0;
    }
    page.push(entry);
    items += Math.max(1, entry.listed.length);
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/* ───────────────────────── places ───────────────────────── */

/** Everything a place page shows. Documents and counts include the units below it. */
export interface PlaceAggregate {
  unit: PlaceUnit;
  /** Codes of the units below it that have documents (named or inferred), in code order. */
  children: string[];
  /** Documents whose named place is this unit or lies within it (a township counts for its county), newest first. */
  documents: AtlasDocument[];
  /** How many of `documents` name this very unit (not a unit below it). */
  own: number;
  /** Documents whose place is only inferred to be this unit or within it, newest first. */
  inferred: AtlasDocument[];
  /** Named documents per year (null: not stated), newest first. */
  byYear: { year: number | null; documents: number }[];
  /** Named documents per main theme, most frequent first. */
  themes: { theme: string; documents: number }[];
}

/** Place pages for every unit with documents and each of its ancestors. */
export interface PlaceIndex {
  places: Map<string, PlaceAggregate>;
  /** Province codes in code order. */
  provinces: string[];
  /** Documents that name no place with a page (a place inferred for them may still be shown). */
  unplaced: AtlasDocument[];
}

/** Builds the place hierarchy in one pass (documents × depth of their chain). */
export function buildPlaceIndex(documents: readonly AtlasDocument[]): PlaceIndex {
  interface Work {
    unit: PlaceUnit;
    children: Set<string>;
    documents: AtlasDocument[];
    own: number;
    inferred: AtlasDocument[];
    themes: Map<string, number>;
  }
  const work = new Map<string, Work>();
  const node = (unit: PlaceUnit): Work => {
    let w = work.get(unit.code);
    if (!w) work.set(unit.code, (w = { unit, children: new Set(), documents: [], own: 0, inferred: [], themes: new Map() }));
    return w;
  };
  const link = (chain: readonly PlaceUnit[]): void => {
    for (let i = 1; i < chain.length; i++) node(chain[i - 1]!).children.add(chain[i]!.code);
  };
  const unplaced: AtlasDocument[] = [];

  for (const doc of documents) {
    const chain = getPlaceChain(doc.region);
    if (chain.length === 0) unplaced.push(doc);
    link(chain);
    for (const unit of chain) {
      const w = node(unit);
      w.documents.push(doc);
      for (const theme of new Set(doc.themes)) w.themes.set(theme, (w.themes.get(theme) ?? 0) + 1);
    }
    if (chain.length > 0) node(chain.at(-1)!).own += 1;
    const inferredChain = doc.inferredRegion ? getPlaceChain(doc.inferredRegion) : [];
    link(inferredChain);
    for (const unit of inferredChain) node(unit).inferred.push(doc);
  }

  const places = new Map<string, PlaceAggregate>();
  for (const [code, w] of work) {
    places.set(code, {
      unit: w.unit,
      children: [...w.children].sort(),
      documents: w.documents.sort(compareDocuments),
      own: w.own,
      inferred: w.inferred.sort(compareDocuments),
      byYear: countYears(w.documents),
      themes: [...w.themes]
        .filter(([theme]) => SLUG_PATTERN.test(theme))
        .map(([theme, documents]) => ({ theme, documents }))
        .sort((a, b) => b.documents - a.documents || (a.theme < b.theme ? -1 : 1)),
    });
  }
  const provinces = [...places.values()].filter((p) => p.unit.level === 'province').map((p) => p.unit.code).sort();
  return { places, provinces, unplaced: unplaced.sort(compareDocuments) };
}

/** The place page a document is listed on by its named place, or null. */
export function documentPlace(doc: Pick<AtlasDocument, 'region'>): PlaceUnit | null {
  return getPlaceUnit(doc.region);
}

/* ───────────────────────── years ───────────────────────── */

/** Everything a year page shows. */
export interface YearAggregate {
  year: number;
  /** Documents issued that year, newest… (same year) by title. */
  documents: AtlasDocument[];
  /** Documents issued in other years whose plan period covers this year. */
  inForce: AtlasDocument[];
  /** Main themes of the year's documents, most frequent first. */
  themes: { theme: string; documents: number }[];
  /** Provinces of the year's documents (null: place not named), most frequent first. */
  provinces: { code: string | null; documents: number }[];
}

export interface YearIndex {
  /** Years with documents issued or in force, newest first. */
  years: YearAggregate[];
  /** Documents whose year is not stated. */
  undated: AtlasDocument[];
}

/** Builds the timeline in one pass (plus one step per year of each plan period). */
export function buildYearIndex(documents: readonly AtlasDocument[]): YearIndex {
  const byYear = new Map<number, { documents: AtlasDocument[]; inForce: AtlasDocument[] }>();
  const slot = (year: number) => {
    let s = byYear.get(year);
    if (!s) byYear.set(year, (s = { documents: [], inForce: [] }));
    return s;
  };
  const undated: AtlasDocument[] = [];
  for (const doc of documents) {
    if (doc.year === null) undated.push(doc);
    else slot(doc.year).documents.push(doc);
    if (doc.period) {
      // Periods come from the text; cap the span so a misread period cannot create hundreds of pages.
      const end = Math.min(doc.period.end, doc.period.start + 50);
      for (let y = doc.period.start; y <= end; y++) if (y !== doc.year) slot(y).inForce.push(doc);
    }
  }
  const years = [...byYear]
    .sort(([a], [b]) => b - a)
    .map(([year, s]) => ({
      year,
      documents: s.documents.sort(compareDocuments),
      inForce: s.inForce.sort(compareDocuments),
      themes: countThemes(s.documents),
      provinces: countProvinces(s.documents),
    }));
  return { years, undated: undated.sort(compareDocuments) };
}

function countThemes(docs: readonly AtlasDocument[]): { theme: string; documents: number }[] {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const theme of new Set(doc.themes)) if (SLUG_PATTERN.test(theme)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  return [...counts].map(([theme, documents]) => ({ theme, documents })).sort((a, b) => b.documents - a.documents || (a.theme < b.theme ? -1 : 1));
}

function countProvinces(docs: readonly AtlasDocument[]): { code: string | null; documents: number }[] {
  const counts = new Map<string | null, number>();
  for (const doc of docs) {
    const code = getPlaceChain(doc.region)[0]?.code ?? null;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .map(([code, documents]) => ({ code, documents }))
    .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : b.documents - a.documents || (a.code < b.code ? -1 : 1)));
}

/** Documents per year, newest first, unknown years last. */
export function countYears(docs: readonly Pick<AtlasDocument, 'year'>[]): { year: number | null; documents: number }[] {
  const counts = new Map<number | null, number>();
  for (const doc of docs) counts.set(doc.year, (counts.get(doc.year) ?? 0) + 1);
  return [...counts]
    .map(([year, documents]) => ({ year, documents }))
    .sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : b.year - a.year));
}

/* ───────────────────────── targets ───────────────────────── */

/** Orders the all-targets table can be shown in (`value` only makes sense within one indicator and unit). */
export const TARGET_SORTS = ['indicator', 'place', 'year', 'value'] as const;

/** Rows per page of a targets table; the complete list is always in targets.csv. */
export const TARGET_PAGE_SIZE = 500;
export type TargetSort = (typeof TARGET_SORTS)[number];

/** All targets, and the same grouped by indicator and then by unit and measure (the only values a chart may compare). */
export interface TargetIndex {
  rows: TargetRow[];
  byIndicator: Map<string, TargetRow[]>;
}

export function buildTargetIndex(documents: readonly AtlasDocument[]): TargetIndex {
  const rows: TargetRow[] = [];
  const byIndicator = new Map<string, TargetRow[]>();
  for (const doc of documents) {
    for (const target of doc.targets) {
      const row = { doc, target };
      rows.push(row);
      if (SLUG_PATTERN.test(target.indicator)) push(byIndicator, target.indicator, row);
    }
  }
  for (const [key, list] of byIndicator) byIndicator.set(key, sortTargetRows(list, 'value'));
  return { rows: sortTargetRows(rows, 'indicator'), byIndicator };
}

/** A series of targets with one indicator, unit and measure: values that can be compared on one axis. */
export interface TargetSeries {
  unit: string;
  measure: Target['measure'];
  rows: TargetRow[];
}

/** Splits one indicator's targets into comparable series (same unit and measure), largest series first. */
export function splitTargetSeries(rows: readonly TargetRow[]): TargetSeries[] {
  const series = new Map<string, TargetSeries>();
  for (const row of rows) {
    const key = `${row.target.unit}\u0000${row.target.measure}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { unit: row.target.unit, measure: row.target.measure, rows: [] }));
    s.rows.push(row);
  }
  return [...series.values()]
    .map((s) => ({ ...s, rows: sortTargetRows(s.rows, 'value') }))
    .sort((a, b) => b.rows.length - a.rows.length || collator.compare(a.unit, b.unit));
}

/** Returns the rows in the chosen order (stable; ties by document and line). */
export function sortTargetRows(rows: readonly TargetRow[], by: TargetSort): TargetRow[] {
  const placeKey = (row: TargetRow) => getPlaceUnit(row.doc.region)?.code ?? '~';
  const tie = (a: TargetRow, b: TargetRow) => compareDocuments(a.doc, b.doc) || a.target.line - b.target.line;
  const compare: Record<TargetSort, (a: TargetRow, b: TargetRow) => number> = {
    indicator: (a, b) => compareText(a.target.indicator, b.target.indicator) || compareText(placeKey(a), placeKey(b)) || tie(a, b),
    place: (a, b) => compareText(placeKey(a), placeKey(b)) || compareText(a.target.indicator, b.target.indicator) || tie(a, b),
    year: (a, b) => compareNullableNumber(a.target.targetYear, b.target.targetYear) || compareText(a.target.indicator, b.target.indicator) || tie(a, b),
    value: (a, b) => compareText(a.target.unit, b.target.unit) || b.target.value - a.target.value || tie(a, b),
  };
  return [...rows].sort(compare[by]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending, nulls last. */
function compareNullableNumber(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}

/* ───────────────────────── agencies and programs ───────────────────────── */

/** A task an agency leads or cooperates on. */
export interface AgencyTask {
  doc: AtlasDocument;
  responsibility: Responsibility;
  role: 'lead' | 'cooperating';
}

/** Everything an agency page shows. */
export interface AgencyAggregate {
  slug: string;
  name: string;
  nameEn: string | null;
  /** Spellings seen across documents. */
  variants: string[];
  /** Documents naming it, newest first, with the mention. */
  mentions: { doc: AtlasDocument; mention: AgencyMention }[];
  tasks: AgencyTask[];
}

/** Agency pages for every agency slug named in some document. */
export function buildAgencyIndex(documents: readonly AtlasDocument[]): Map<string, AgencyAggregate> {
  const agencies = new Map<string, AgencyAggregate & { variantSet: Set<string> }>();
  for (const doc of documents) {
    const slugByName = new Map<string, string>();
    for (const mention of doc.agencies) {
      if (!SLUG_PATTERN.test(mention.slug)) continue;
      slugByName.set(mention.name, mention.slug);
      let a = agencies.get(mention.slug);
      if (!a) {
        a = { slug: mention.slug, name: mention.name, nameEn: mention.nameEn, variants: [], variantSet: new Set(), mentions: [], tasks: [] };
        agencies.set(mention.slug, a);
      }
      for (const v of mention.variants) a.variantSet.add(v);
      a.mentions.push({ doc, mention });
    }
    for (const responsibility of doc.responsibilities) {
      for (const [role, names] of [['lead', responsibility.lead], ['cooperating', responsibility.cooperating]] as const) {
        for (const name of new Set(names)) {
          const slug = slugByName.get(name);
          if (slug) agencies.get(slug)!.tasks.push({ doc, responsibility, role });
        }
      }
    }
  }
  const result = new Map<string, AgencyAggregate>();
  for (const [slug, { variantSet, ...a }] of agencies) {
    result.set(slug, {
      ...a,
      variants: [...variantSet].sort(collator.compare),
      mentions: a.mentions.sort((x, y) => compareDocuments(x.doc, y.doc)),
      tasks: a.tasks.sort((x, y) => compareDocuments(x.doc, y.doc) || x.responsibility.line - y.responsibility.line),
    });
  }
  return result;
}

/**
 * The vocabulary entry (kind of agency, such as `keji-ju`) an agency slug
 * belongs to: the slug itself, or the slug without its level prefix
 * (`shi-keji-ju` → `keji-ju`; the knowledge layer writes `<level>-<entry>`).
 */
export function agencyKind(slug: string, kinds: ReadonlySet<string>): string | null {
  if (kinds.has(slug)) return slug;
  const rest = slug.slice(slug.indexOf('-') + 1);
  return slug.includes('-') && kinds.has(rest) ? rest : null;
}

/** Everything a glossary page shows about a named program. */
export interface ProgramAggregate {
  slug: string;
  name: string;
  variants: string[];
  /** Mentions across all documents. */
  count: number;
  mentions: { doc: AtlasDocument; mention: ProgramMention }[];
}

/** Glossary mentions for every program slug found in some document. */
export function buildProgramIndex(documents: readonly AtlasDocument[]): Map<string, ProgramAggregate> {
  const programs = new Map<string, ProgramAggregate & { variantSet: Set<string> }>();
  for (const doc of documents) {
    for (const mention of doc.programs) {
      if (!SLUG_PATTERN.test(mention.slug)) continue;
      let p = programs.get(mention.slug);
      if (!p) programs.set(mention.slug, (p = { slug: mention.slug, name: mention.name, variants: [], variantSet: new Set(), count: 0, mentions: [] }));
      for (const v of mention.variants) p.variantSet.add(v);
      p.count += mention.count;
      p.mentions.push({ doc, mention });
    }
  }
  const result = new Map<string, ProgramAggregate>();
  for (const [slug, { variantSet, ...p }] of programs) {
    result.set(slug, { ...p, variants: [...variantSet].sort(collator.compare), mentions: p.mentions.sort((x, y) => compareDocuments(x.doc, y.doc)) });
  }
  return result;
}

/* ───────────────────────── excerpts ───────────────────────── */

/** A run of excerpt text; `mark` runs are matched terms. */
export interface ExcerptSegment {
  text: string;
  mark: boolean;
}

/**
 * A short excerpt of a paragraph around its first matched term, with every
 * occurrence of the terms inside it marked. Terms inherited from a heading
 * (`§…`) are not in the paragraph and are ignored. Longer terms win overlaps.
 */
export function excerptSegments(text: string, terms: readonly string[], maxChars = 120): ExcerptSegment[] {
  const words = [...new Set(terms.filter((t) => t.length > 0 && !t.startsWith('§')))].sort((a, b) => b.length - a.length);
  const matches: [number, number][] = [];
  const taken = new Uint8Array(text.length);
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      if (taken.subarray(at, at + word.length).some((x) => x === 1)) continue;
      taken.fill(1, at, at + word.length);
      matches.push([at, at + word.length]);
    }
  }
  matches.sort((a, b) => a[0] - b[0]);

  let start = 0;
  let end = text.length;
  if (text.length > maxChars) {
    const first = matches[0]?.[0] ?? 0;
    start = Math.max(0, Math.min(first - Math.floor(maxChars / 4), text.length - maxChars));
    end = start + maxChars;
    start = avoidSurrogateSplit(text, start);
    end = avoidSurrogateSplit(text, end);
  }
  const segments: ExcerptSegment[] = [];
  const add = (s: string, mark: boolean) => {
    if (s) segments.push({ text: s, mark });
  };
  if (start > 0) add('…', false);
  let at = start;
  for (const [from, to] of matches) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    add(text.slice(at, a), false);
    add(text.slice(a, b), true);
    at = b;
  }
  add(text.slice(at, end), false);
  if (end < text.length) add('…', false);
  return segments;
}

function avoidSurrogateSplit(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/** Splits rows into pages of `size` (always at least one page, possibly empty). */
export function paginateRows<T>(rows: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < rows.length; i += size) pages.push(rows.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
