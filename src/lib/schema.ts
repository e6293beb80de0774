/**
 * The document record: the single source of truth for `corpus.json`, the MDX
 * frontmatter (validated by the Astro collection in `src/content.config.ts`)
 * and the data downloads. Types come from `z.output<>`; every field says what
 * it means and its default.
 */
import { z } from 'zod';

/** Document types recognised from a title's ending; `其他` when none fits. */
export const DOC_TYPES = [
  '意见',
  '实施意见',
  '实施方案',
  '工作方案',
  '行动方案',
  '方案',
  '工作要点',
  '要点',
  '办法',
  '实施细则',
  '细则',
  '规定',
  '通知',
  '决定',
  '规划',
  '纲要',
  '行动计划',
  '计划',
  '报告',
  '总结',
  '新闻',
  '其他',
] as const;
export const docTypeSchema = z.enum(DOC_TYPES);
export type DocType = z.output<typeof docTypeSchema>;

/** Administrative level of the most specific place a document belongs to. */
export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township', 'unknown'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.output<typeof regionLevelSchema>;

/** Branded document id: ASCII, lower-case words joined by `-`. */
export const documentIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "-"')
  .max(96)
  .brand<'DocumentId'>();
export type DocumentId = z.output<typeof documentIdSchema>;

/** A place with full standard names, resolved against GB/T 2260 division data. */
export const regionSchema = z.object({
  /** Full province-level name (`湖南省`), or null. */
  province: z.string().nullable().default(null),
  /** Full prefecture-level name (`延边朝鲜族自治州`), or null. */
  city: z.string().nullable().default(null),
  /** Full county-level name (`昆山市`), or null. */
  county: z.string().nullable().default(null),
  /** Township-level name (`周庄镇`), or null. */
  township: z.string().nullable().default(null),
  /** Level of the most specific unit named; `unknown` when none. */
  level: regionLevelSchema.default('unknown'),
  /** GB/T 2260 code of the most specific unit (6 digits; 9 for townships), or null. */
  code: z.string().regex(/^\d{6}(\d{3})?$/).nullable().default(null),
});
export type Region = z.output<typeof regionSchema>;

export const UNKNOWN_REGION: Region = {
  province: null,
  city: null,
  county: null,
  township: null,
  level: 'unknown',
  code: null,
};

/** Where a value came from: the exact phrase and its position in the seed file. */
export const evidenceSchema = z.object({
  /** Record field the evidence supports (`year`, `region`, `title` …). */
  field: z.string(),
  /** Exact phrase as it stands in the source text. */
  phrase: z.string(),
  /** 1-based line in the seed file. */
  line: z.number().int().positive(),
  /** 1-based column of the phrase in that line. */
  column: z.number().int().positive(),
  /** How the phrase was used: `title`, `doc-number`, `issuer-line`, `mention`, `sidecar`, `absent` … */
  rule: z.string(),
  /** Human-readable explanation, in Chinese and English where useful. */
  note: z.string().default(''),
});
export type Evidence = z.output<typeof evidenceSchema>;

/** A place suggested by indirect clues; kept apart from `region` and never shown as fact. */
export const inferredRegionSchema = regionSchema.extend({
  /** Always true: this place was not named outright. */
  inferred: z.literal(true).default(true),
  /** What led to it (abbreviations such as `潭市发`, `在潭工作`). */
  clues: z.array(evidenceSchema).default([]),
});
export type InferredRegion = z.output<typeof inferredRegionSchema>;

export const periodSchema = z
  .object({ start: z.number().int(), end: z.number().int() })
  .refine((p) => p.start <= p.end, 'period.start must not be after period.end');
export type Period = z.output<typeof periodSchema>;

export const sourceSchema = z.object({
  /** Seed file path relative to the seeds folder, `/`-separated. */
  file: z.string(),
  /** First line of the document in the seed (1-based, inclusive). */
  startLine: z.number().int().positive(),
  /** Last line of the document in the seed (1-based, inclusive). */
  endLine: z.number().int().positive(),
  /** SHA-256 of the whole seed file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Encoding the file was decoded from (`utf-8`, `gb18030`, `utf-16le` …). */
  encoding: z.string().default('utf-8'),
});
export type Source = z.output<typeof sourceSchema>;

/* ── Knowledge layer (issue 3): explainable tags, targets, agencies, programs, links ── */

/** A theme assigned to a paragraph or section, with the score and the terms that produced it. */
export const themeHitSchema = z.object({
  /** Theme slug (`talent`, `finance` …), one of `content/themes/*.md`. */
  theme: z.string(),
  /** Weighted evidence: sum of matched term weights, plus what the section heading passes down. Rounded to 2 decimals. */
  score: z.number().min(0),
  /** Matched terms exactly as they stand in the text (or `§heading-term` when inherited from the heading). */
  terms: z.array(z.string()),
});
export type ThemeHit = z.output<typeof themeHitSchema>;

/** Rothwell & Zegveld policy-instrument types: 供给型 supply, 环境型 environment, 需求型 demand. */
export const INSTRUMENT_TYPES = ['supply', 'environment', 'demand'] as const;
export const instrumentTypeSchema = z.enum(INSTRUMENT_TYPES);
export type InstrumentType = z.output<typeof instrumentTypeSchema>;

/** A policy instrument detected in a paragraph. */
export const instrumentHitSchema = z.object({
  type: instrumentTypeSchema,
  /** Tool within the type (`talent-training`, `tax` …), one of `content/instruments/*.md`. */
  tool: z.string(),
  score: z.number().min(0),
  terms: z.array(z.string()),
});
export type InstrumentHit = z.output<typeof instrumentHitSchema>;

export const COMPARATORS = ['eq', 'gte', 'gt', 'lte', 'lt', 'approx'] as const;

/** A quantitative target: a number a document commits to reach. */
export const targetSchema = z.object({
  /** Indicator slug from `content/indicators/*.md`, or `other`. */
  indicator: z.string(),
  /** The indicator as the text names it (`全社会研发经费支出占GDP比重`). */
  indicatorLabel: z.string(),
  /** Normalised value: 万 and 亿 multiplied out; percentages stay percentages (2.77 for 2.77%). */
  value: z.number(),
  /** Normalised unit: `%`, `家`, `件`, `个`, `人`, `项`, `元`, `人次`, `亩` … (`万元` becomes `元`). */
  unit: z.string(),
  /** `gte` for 以上/不低于/力争达到…以上, `eq` for 达到, `lte` for 以内/不超过, `approx` for 左右/约. */
  comparator: z.enum(COMPARATORS),
  /** `level` (reach a value), `growth` (grow by), `annual-growth` (年均增长). */
  measure: z.enum(['level', 'growth', 'annual-growth']).default('level'),
  /** Starting point (`由目前的10家`), or null. */
  baseline: z.object({ value: z.number(), unit: z.string(), year: z.number().int().nullable() }).nullable().default(null),
  /** Year by which the value is to be reached, or null when the text gives none. */
  targetYear: z.number().int().nullable(),
  /** Where the target applies (`全市`, `全省`, `县域`), or null. */
  scope: z.string().nullable().default(null),
  /** Paragraph holding the statement. */
  paragraphId: z.string(),
  /** Source line of that paragraph. */
  line: z.number().int().positive(),
  /** The clause stating the target, verbatim. */
  quote: z.string(),
});
export type Target = z.output<typeof targetSchema>;

/** Who is responsible for a task: lead and cooperating agencies, normalised. */
export const responsibilitySchema = z.object({
  /** The task (paragraph text without the agency clause, or the task cell of a table row). */
  task: z.string(),
  paragraphId: z.string(),
  line: z.number().int().positive(),
  /** Canonical agency names (`市科技局`), in the order named. */
  lead: z.array(z.string()),
  cooperating: z.array(z.string()),
  /** True for `按职能分工负责` and similar (every named agency within its remit). */
  byRemit: z.boolean().default(false),
  /** The clause or cells the agencies were read from, verbatim. */
  quote: z.string(),
});
export type Responsibility = z.output<typeof responsibilitySchema>;

/** An agency named in a document, under its canonical name. */
export const agencyMentionSchema = z.object({
  /** URL slug of the canonical name. */
  slug: z.string(),
  /** Canonical name (`市科技局` for 市科学技术局, 科技局 …). */
  name: z.string(),
  /** English label when the vocabulary has one. */
  nameEn: z.string().nullable().default(null),
  /** Spellings found in this document. */
  variants: z.array(z.string()),
  /** Tasks it leads / cooperates on in this document. */
  lead: z.number().int().min(0),
  cooperating: z.number().int().min(0),
  /** Paragraphs naming it. */
  paragraphIds: z.array(z.string()),
});
export type AgencyMention = z.output<typeof agencyMentionSchema>;

/** A named program or initiative from `content/glossary/*.md` mentioned in a document. */
export const programMentionSchema = z.object({
  slug: z.string(),
  name: z.string(),
  /** Spellings found (`星火计划`, `星火`). */
  variants: z.array(z.string()),
  count: z.number().int().positive(),
  paragraphIds: z.array(z.string()),
});
export type ProgramMention = z.output<typeof programMentionSchema>;

/** A document this one cites, by title (`《关于…的若干意见》`) or by number (`潭市发〔2004〕6号`). */
export const citationSchema = z.object({
  kind: z.enum(['title', 'number']),
  /** The cited title (without 《》) or number, verbatim. */
  text: z.string(),
  paragraphId: z.string().nullable(),
  line: z.number().int().positive(),
  /** Id of the cited document when it is in the corpus, else null. */
  target: z.string().nullable().default(null),
});
export type Citation = z.output<typeof citationSchema>;

export const citedBySchema = z.object({
  /** Id of the citing document. */
  id: z.string(),
  title: z.string(),
  paragraphId: z.string().nullable(),
  /** How it cites this one (the title or number as written). */
  text: z.string(),
});
export type CitedBy = z.output<typeof citedBySchema>;

export const RELATION_REASONS = ['citation', 'themes', 'programs', 'place', 'period'] as const;
export const relatedSchema = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  /** Why: each reason with what is shared (theme slugs, program slugs, the place, the overlapping years). */
  reasons: z.array(z.object({ kind: z.enum(RELATION_REASONS), shared: z.array(z.string()) })),
});
export type Related = z.output<typeof relatedSchema>;

/** A document's theme profile: score summed over paragraphs, and how many paragraphs carry it. */
export const documentThemeSchema = z.object({ theme: z.string(), score: z.number(), paragraphs: z.number().int().min(0) });
export const documentInstrumentSchema = z.object({ type: instrumentTypeSchema, tool: z.string(), paragraphs: z.number().int().min(0) });

/** Fields the knowledge layer adds to a document; all default to empty, so records without them stay valid. */
export const knowledgeSchema = z.object({
  /** Themes with scores, strongest first (`themes` lists the slugs of those that pass the document threshold). */
  themeProfile: z.array(documentThemeSchema).default([]),
  instruments: z.array(documentInstrumentSchema).default([]),
  targets: z.array(targetSchema).default([]),
  responsibilities: z.array(responsibilitySchema).default([]),
  agencies: z.array(agencyMentionSchema).default([]),
  programs: z.array(programMentionSchema).default([]),
  citations: z.array(citationSchema).default([]),
  citedBy: z.array(citedBySchema).default([]),
  related: z.array(relatedSchema).default([]),
});
export type Knowledge = z.output<typeof knowledgeSchema>;

export interface Section {
  /** Stable anchor (`s-…`), derived from the heading text and its parents. */
  id: string;
  /** Heading text as shown. */
  title: string;
  /** 1 for `一、`, 2 for `(一)`, 3 for `1.` … */
  depth: number;
  /** Source line of the heading. */
  line: number;
  /** Themes of the heading together with its body (knowledge layer; empty until then). */
  themes?: ThemeHit[];
  children: Section[];
}
export const sectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    depth: z.number().int().min(1).max(6),
    line: z.number().int().positive(),
    themes: z.array(themeHitSchema).optional(),
    children: z.array(sectionSchema),
  }),
);

export const PARAGRAPH_KINDS = ['paragraph', 'list-item', 'table-row', 'attachment'] as const;
export const paragraphSchema = z.object({
  /** Stable anchor (`p-` + short content hash), unique within the document. */
  id: z.string().regex(/^p-[0-9a-z]+(?:-\d+)?$/),
  /** Normalised text as shown on the page. */
  text: z.string(),
  /** Source line where the paragraph starts. */
  line: z.number().int().positive(),
  /** Ids of the enclosing sections, outermost first. */
  sectionPath: z.array(z.string()).default([]),
  /** `paragraph`, a `list-item`, a `table-row` of a flattened table, or an `attachment` line. */
  kind: z.enum(PARAGRAPH_KINDS).default('paragraph'),
  /** Table cells when kind is `table-row`. */
  cells: z.array(z.string()).optional(),
  /** True when the text was cut (U+FFFD or a broken ending). */
  truncated: z.boolean().default(false),
  /** Themes of this paragraph, strongest first (knowledge layer). */
  themes: z.array(themeHitSchema).default([]),
  /** Policy instruments in this paragraph (knowledge layer). */
  instruments: z.array(instrumentHitSchema).default([]),
});
export type Paragraph = z.output<typeof paragraphSchema>;

/** Metadata carried by every record and every MDX page's frontmatter. */
export const documentMetaSchema = z.object({
  id: documentIdSchema,
  /** The document's own title (not the template site's page title). */
  title: z.string().min(1),
  /** Kind of document, from the title's ending. */
  docType: docTypeSchema.default('其他'),
  /** Place named by the document itself (title, issuer, number, body). */
  region: regionSchema.default(UNKNOWN_REGION),
  /** Place suggested by indirect clues only; null when there are none. */
  inferredRegion: inferredRegionSchema.nullable().default(null),
  /** Year of issue, or null; never a page's upload date. */
  year: z.number().int().min(1949).max(2100).nullable().default(null),
  /** Plan period (`2015年—2020年`), or null. */
  period: periodSchema.nullable().default(null),
  /** Issuing body, or null. */
  issuer: z.string().nullable().default(null),
  /** 发文字号 such as `潭市发〔2004〕6号`, or null. */
  docNumber: z.string().nullable().default(null),
  /** True when names were scrubbed (`xx市`, `海峡两岸()`, `市长*`). */
  anonymized: z.boolean().default(false),
  /** True when part of the text is cut off. */
  truncated: z.boolean().default(false),
  /** How many paragraphs are cut. */
  truncatedParagraphs: z.number().int().min(0).default(0),
  /** Slugs of the document's main themes, strongest first (knowledge layer). */
  themes: z.array(z.string()).default([]),
  /** Length of the body text in characters. */
  chars: z.number().int().min(0),
  source: sourceSchema,
});
export type DocumentMeta = z.output<typeof documentMetaSchema>;

/** Full record as written to `corpus.json`. */
export const documentRecordSchema = documentMetaSchema.extend(knowledgeSchema.shape).extend({
  /** For every inferred field, the phrases and lines that support it. */
  evidence: z.array(evidenceSchema).default([]),
  /** Heading tree with stable anchors. */
  sections: z.array(sectionSchema).default([]),
  /** Body paragraphs in order. */
  paragraphs: z.array(paragraphSchema).default([]),
});
export type DocumentRecord = z.output<typeof documentRecordSchema>;

export const corpusSchema = z.object({
  /** Version of this contract; bumped on breaking changes. */
  schemaVersion: z.literal(1).default(1),
  documents: z.array(documentRecordSchema),
});
export type Corpus = z.output<typeof corpusSchema>;

/** Frontmatter of a generated MDX page: the metadata, knowledge and evidence (paragraphs live in the body). */
export const frontmatterSchema = documentMetaSchema.extend(knowledgeSchema.shape).extend({
  evidence: z.array(evidenceSchema).default([]),
  sections: z.array(sectionSchema).default([]),
});
export type Frontmatter = z.output<typeof frontmatterSchema>;

/**
 * Per-document detail that stays out of the page's frontmatter: it lives in the document's record in
 * `corpus.json`, which the document page reads. Astro keeps every page's frontmatter in memory and compiles
 * it into every page's module, so at thousands of documents the frontmatter carries only what lists, search
 * and the metadata panel need (identity, place, year, themes, evidence); the collection schema fills these
 * fields with empty lists.
 */
export const PAGE_DETAIL_FIELDS = ['themeProfile', 'instruments', 'targets', 'responsibilities', 'agencies', 'programs', 'citations', 'citedBy', 'related', 'sections'] as const;
export type PageDetailField = (typeof PAGE_DETAIL_FIELDS)[number];

/** What a generated page's frontmatter holds: the data without the detail fields (and without undefined values). */
export function withoutPageDetail(data: Frontmatter): Omit<Frontmatter, PageDetailField> {
  const omitted = new Set<string>(PAGE_DETAIL_FIELDS);
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => value !== undefined && !omitted.has(key))) as Omit<Frontmatter, PageDetailField>;
}

