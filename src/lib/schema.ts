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

export interface Section {
  /** Stable anchor (`s-…`), derived from the heading text and its parents. */
  id: string;
  /** Heading text as shown. */
  title: string;
  /** 1 for `一、`, 2 for `(一)`, 3 for `1.` … */
  depth: number;
  /** Source line of the heading. */
  line: number;
  children: Section[];
}
export const sectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    depth: z.number().int().min(1).max(6),
    line: z.number().int().positive(),
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
  /** Themes (filled by the knowledge layer; empty until then). */
  themes: z.array(z.string()).default([]),
  /** Length of the body text in characters. */
  chars: z.number().int().min(0),
  source: sourceSchema,
});
export type DocumentMeta = z.output<typeof documentMetaSchema>;

/** Full record as written to `corpus.json`. */
export const documentRecordSchema = documentMetaSchema.extend({
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

/** Frontmatter of a generated MDX page: the metadata plus evidence (sections and paragraphs live in the body). */
export const frontmatterSchema = documentMetaSchema.extend({
  evidence: z.array(evidenceSchema).default([]),
  sections: z.array(sectionSchema).default([]),
});
export type Frontmatter = z.output<typeof frontmatterSchema>;
