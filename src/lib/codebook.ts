/**
 * The data downloads and their codebook. Field lists come from the zod
 * schemas (through `z.toJSONSchema`), so a field added to the record shows up
 * on /data/ by itself; its wording lives in `FIELD_TEXT`, and a unit test fails
 * when a field has no wording or a wording no field.
 */
import { z } from 'zod';
import { frontmatterSchema, paragraphSchema, targetSchema, type Paragraph } from './schema.ts';

/** One line of `paragraphs.jsonl`: a paragraph with its document and its address on the site. */
export const paragraphRecordSchema = z.object({
  documentId: z.string(),
  ...paragraphSchema.shape,
  url: z.string(),
});
export type ParagraphRecord = z.output<typeof paragraphRecordSchema>;

/** The `paragraphs.jsonl` record of a paragraph; `site` is the absolute base URL. */
export function toParagraphRecord(documentId: string, paragraph: Paragraph, site: URL | string): ParagraphRecord {
  return {
    documentId,
    ...paragraph,
    url: new URL(`/documents/${documentId}/#${paragraph.id}`, site).href,
  };
}

/** One field of a download, as the codebook lists it. */
export interface CodebookField {
  /** Dotted path; `[]` marks the items of a list (`targets[].value`). */
  path: string;
  /** JSON type (`string`, `integer | null`, `list`, `object` …). */
  type: string;
  /** Allowed values of an enumeration. */
  values: string[];
  zh: string;
  en: string;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Every field path of a zod object schema with its JSON type, depth first in declaration order. */
export function listSchemaFields(schema: z.ZodType): Omit<CodebookField, 'zh' | 'en'>[] {
  const root = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const out: Omit<CodebookField, 'zh' | 'en'>[] = [];
  const resolve = (node: JsonSchema): JsonSchema => (node.$ref ? (root.$defs?.[node.$ref.replace('#/$defs/', '')] ?? {}) : node);
  const walk = (raw: JsonSchema, path: string, seen: ReadonlySet<string>): void => {
    const node = resolve(raw);
    const { type, values, nullable, inner } = describe(node, resolve);
    if (path) out.push({ path, type: nullable ? `${type} | null` : type, values });
    if (raw.$ref && seen.has(raw.$ref)) return; // recursive (sections[].children[]): listed once
    const nextSeen = raw.$ref ? new Set([...seen, raw.$ref]) : seen;
    if (inner.properties) for (const [key, child] of Object.entries(inner.properties)) walk(child, path ? `${path}.${key}` : key, nextSeen);
    if (inner.items) {
      const items = resolve(inner.items);
      if (items.properties) {
        const itemSeen = inner.items.$ref ? new Set([...nextSeen, inner.items.$ref]) : nextSeen;
        if (inner.items.$ref && nextSeen.has(inner.items.$ref)) return;
        for (const [key, child] of Object.entries(items.properties)) walk(child, `${path}[].${key}`, itemSeen);
      }
    }
  };
  walk(root, '', new Set());
  return out;
}

function describe(node: JsonSchema, resolve: (n: JsonSchema) => JsonSchema): { type: string; values: string[]; nullable: boolean; inner: JsonSchema } {
  const options = node.anyOf?.map(resolve);
  if (options) {
    const nonNull = options.filter((o) => o.type !== 'null');
    const inner = nonNull.length === 1 ? nonNull[0]! : {};
    const d = nonNull.length === 1 ? describe(inner, resolve) : { type: nonNull.map((o) => typeName(o, resolve)).join(' | '), values: [], nullable: false, inner };
    return { ...d, nullable: options.length !== nonNull.length || d.nullable };
  }
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const nullable = types.includes('null');
  const values = node.enum ? node.enum.map(String) : node.const !== undefined ? [String(node.const)] : [];
  return { type: typeName({ ...node, type: types.filter((t) => t !== 'null') }, resolve), values, nullable, inner: node };
}

function typeName(node: JsonSchema, resolve: (n: JsonSchema) => JsonSchema): string {
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const base = types[0];
  if (base === 'array') {
    const items = node.items ? resolve(node.items) : {};
    return `list of ${items.properties ? 'object' : typeName(items, resolve)}`;
  }
  if (node.enum) return 'enum';
  return base ?? 'any';
}

/** Fields of `documents.json` (one object per document: the record without its paragraphs). */
export function documentFields(): CodebookField[] {
  return withText(listSchemaFields(frontmatterSchema), 'documents');
}

/** Fields of each line of `paragraphs.jsonl`. */
export function paragraphFields(): CodebookField[] {
  return withText(listSchemaFields(paragraphRecordSchema), 'paragraphs');
}

/** Columns of `targets.csv`, read from its header row; columns named like a target field get that field's wording. */
export function targetColumns(header: readonly string[]): CodebookField[] {
  const targetTypes = new Map(listSchemaFields(targetSchema).map((f) => [f.path, f]));
  return header.map((column) => {
    const text = FIELD_TEXT.targets[column] ?? FIELD_TEXT.targets[column.replace(/_/g, '.')] ?? null;
    const known = targetTypes.get(column) ?? targetTypes.get(column.replace(/_/g, '.'));
    return { path: column, type: known?.type ?? 'string', values: known?.values ?? [], zh: text?.[0] ?? '（未说明）', en: text?.[1] ?? '(not described)' };
  });
}

function withText(fields: Omit<CodebookField, 'zh' | 'en'>[], file: 'documents' | 'paragraphs'): CodebookField[] {
  return fields.map((f) => {
    const [zh, en] = FIELD_TEXT[file][f.path] ?? ['（未说明）', '(not described)'];
    return { ...f, zh, en };
  });
}

const EVIDENCE_TEXT = (p: string): Record<string, [string, string]> => ({
  [`${p}.field`]: ['依据所支持的字段', 'Record field the evidence supports'],
  [`${p}.phrase`]: ['原文中的短语', 'Exact phrase in the source text'],
  [`${p}.line`]: ['短语在原始文件中的行号（从 1 起）', '1-based line of the phrase in the seed file'],
  [`${p}.column`]: ['短语在该行中的列号（从 1 起）', '1-based column of the phrase in that line'],
  [`${p}.rule`]: ['提取规则', 'Extraction rule that used the phrase'],
  [`${p}.note`]: ['说明', 'Human-readable explanation'],
});

const REGION_TEXT = (p: string): Record<string, [string, string]> => ({
  [`${p}.province`]: ['省级全称', 'Full province-level name'],
  [`${p}.city`]: ['地级全称（直辖市同省名）', 'Full prefecture-level name (municipalities repeat the province)'],
  [`${p}.county`]: ['县级全称', 'Full county-level name'],
  [`${p}.township`]: ['乡级名称', 'Township-level name'],
  [`${p}.level`]: ['最具体一级的层级', 'Level of the most specific unit named'],
  [`${p}.code`]: ['最具体一级的 GB/T 2260 代码（6 位，乡级 9 位）', 'GB/T 2260 code of the most specific unit (6 digits, 9 for townships)'],
});

const THEME_HIT_TEXT = (p: string): Record<string, [string, string]> => ({
  [`${p}.theme`]: ['主题代码（见 /themes/）', 'Theme slug (see /themes/)'],
  [`${p}.score`]: ['得分：命中词权重之和，加上标题传下的分值', 'Score: sum of matched term weights, plus what the heading passes down'],
  [`${p}.terms`]: ['命中的原文词语（以 § 开头者来自所属标题）', 'Matched terms as written (a leading § marks a term from the heading)'],
});

const INSTRUMENT_HIT_TEXT = (p: string): Record<string, [string, string]> => ({
  [`${p}.type`]: ['政策工具类型：供给型、环境型、需求型', 'Instrument type: supply, environment or demand'],
  [`${p}.tool`]: ['具体工具代码', 'Tool slug within the type'],
  [`${p}.score`]: ['得分', 'Score'],
  [`${p}.terms`]: ['命中的原文词语', 'Matched terms as written'],
});

/** Wording of every field, per download; keys are the paths `listSchemaFields` produces. */
export const FIELD_TEXT: Record<'documents' | 'paragraphs' | 'targets', Record<string, [zh: string, en: string]>> = {
  documents: {
    id: ['文件代码，稳定，用于网址', 'Stable document id, used in URLs'],
    title: ['文件标题', 'Title of the document'],
    docType: ['文件类型（由标题结尾判断）', 'Document type, from the title ending'],
    region: ['文件自身写明的地区', 'Place named by the document itself'],
    ...REGION_TEXT('region'),
    inferredRegion: ['仅凭间接线索推断的地区，不当作事实', 'Place suggested by indirect clues only; never shown as fact'],
    ...REGION_TEXT('inferredRegion'),
    'inferredRegion.inferred': ['恒为 true：该地区并非原文明示', 'Always true: the place was not named outright'],
    'inferredRegion.clues': ['推断所依据的线索', 'Clues that led to the inference'],
    ...EVIDENCE_TEXT('inferredRegion.clues[]'),
    year: ['发文年份', 'Year of issue'],
    period: ['规划期', 'Plan period'],
    'period.start': ['规划期起始年', 'First year of the plan period'],
    'period.end': ['规划期结束年', 'Last year of the plan period'],
    issuer: ['发文机关', 'Issuing body'],
    docNumber: ['发文字号', 'Document number (发文字号)'],
    anonymized: ['名称是否被匿名处理（如 xx市）', 'True when names were scrubbed (such as xx市)'],
    truncated: ['正文是否不完整', 'True when part of the text is cut off'],
    truncatedParagraphs: ['不完整的段落数', 'Number of cut paragraphs'],
    themes: ['文件的主要主题代码，按强度排列', 'Slugs of the main themes, strongest first'],
    chars: ['正文字数', 'Length of the body text in characters'],
    source: ['原始文件出处', 'Where the text came from'],
    'source.file': ['原始文件路径', 'Seed file path'],
    'source.startLine': ['文件在原始文件中的起始行', 'First line of the document in the seed'],
    'source.endLine': ['文件在原始文件中的结束行', 'Last line of the document in the seed'],
    'source.sha256': ['原始文件的 SHA-256', 'SHA-256 of the seed file'],
    'source.encoding': ['原始文件的编码', 'Encoding the seed was decoded from'],
    themeProfile: ['各主题的得分与段落数', 'Score and paragraph count of every theme'],
    'themeProfile[].theme': ['主题代码', 'Theme slug'],
    'themeProfile[].score': ['全文得分之和', 'Score summed over the paragraphs'],
    'themeProfile[].paragraphs': ['带有该主题的段落数', 'Paragraphs carrying the theme'],
    instruments: ['文件中的政策工具', 'Policy instruments in the document'],
    'instruments[].type': ['政策工具类型', 'Instrument type'],
    'instruments[].tool': ['具体工具代码', 'Tool slug'],
    'instruments[].paragraphs': ['带有该工具的段落数', 'Paragraphs with the tool'],
    targets: ['量化目标（亦见 targets.csv）', 'Quantitative targets (also in targets.csv)'],
    'targets[].indicator': ['指标代码（见 /targets/），无法归类为 other', 'Indicator slug (see /targets/), or other'],
    'targets[].indicatorLabel': ['原文中的指标名称', 'The indicator as the text names it'],
    'targets[].value': ['规范化数值（万、亿已换算；百分比仍为百分数）', 'Normalised value (万 and 亿 multiplied out; percentages stay percentages)'],
    'targets[].unit': ['规范化单位', 'Normalised unit'],
    'targets[].comparator': ['比较关系：eq 达到、gte 以上、gt 超过、lte 以内、lt 低于、approx 左右', 'Comparison: eq, gte, gt, lte, lt, approx'],
    'targets[].measure': ['目标类型：level 水平、growth 增长、annual-growth 年均增长', 'Kind: level, growth or annual-growth'],
    'targets[].baseline': ['基数（如“由目前的 10 家”）', 'Starting point (such as 由目前的10家)'],
    'targets[].baseline.value': ['基数数值', 'Baseline value'],
    'targets[].baseline.unit': ['基数单位', 'Baseline unit'],
    'targets[].baseline.year': ['基数年份', 'Baseline year'],
    'targets[].targetYear': ['目标年份', 'Year by which the value is to be reached'],
    'targets[].scope': ['适用范围（全市、全省等）', 'Where the target applies (全市, 全省 …)'],
    'targets[].paragraphId': ['所在段落代码', 'Paragraph holding the statement'],
    'targets[].line': ['所在段落在原始文件中的行号', 'Source line of that paragraph'],
    'targets[].quote': ['表述目标的原文', 'The clause stating the target, verbatim'],
    responsibilities: ['任务分工：牵头与配合单位', 'Tasks with lead and cooperating agencies'],
    'responsibilities[].task': ['任务内容', 'The task'],
    'responsibilities[].paragraphId': ['所在段落代码', 'Paragraph id'],
    'responsibilities[].line': ['所在行号', 'Source line'],
    'responsibilities[].lead': ['牵头单位（规范名称）', 'Lead agencies (canonical names)'],
    'responsibilities[].cooperating': ['配合单位（规范名称）', 'Cooperating agencies (canonical names)'],
    'responsibilities[].byRemit': ['是否“按职能分工负责”', 'True for 按职能分工负责 (each within its remit)'],
    'responsibilities[].quote': ['读取单位的原文', 'The clause the agencies were read from, verbatim'],
    agencies: ['文件提及的机构', 'Agencies named in the document'],
    'agencies[].slug': ['机构代码（见 /agencies/）', 'Agency slug (see /agencies/)'],
    'agencies[].name': ['规范名称', 'Canonical name'],
    'agencies[].nameEn': ['英文名称', 'English name'],
    'agencies[].variants': ['本文件中的写法', 'Spellings found in this document'],
    'agencies[].lead': ['牵头的任务数', 'Tasks it leads'],
    'agencies[].cooperating': ['配合的任务数', 'Tasks it cooperates on'],
    'agencies[].paragraphIds': ['提及它的段落', 'Paragraphs naming it'],
    programs: ['文件提及的计划、工程（见 /glossary/）', 'Named programs mentioned (see /glossary/)'],
    'programs[].slug': ['术语代码', 'Glossary slug'],
    'programs[].name': ['名称', 'Name'],
    'programs[].variants': ['原文写法', 'Spellings found'],
    'programs[].count': ['提及次数', 'Number of mentions'],
    'programs[].paragraphIds': ['提及它的段落', 'Paragraphs mentioning it'],
    citations: ['本文件引用的文件', 'Documents this one cites'],
    'citations[].kind': ['按标题（title）或文号（number）引用', 'Cited by title or by number'],
    'citations[].text': ['被引标题或文号原文', 'Cited title or number, verbatim'],
    'citations[].paragraphId': ['所在段落代码', 'Paragraph id'],
    'citations[].line': ['所在行号', 'Source line'],
    'citations[].target': ['被引文件在本库中的代码', 'Id of the cited document when it is in the atlas'],
    citedBy: ['引用本文件的文件', 'Documents citing this one'],
    'citedBy[].id': ['引用文件代码', 'Id of the citing document'],
    'citedBy[].title': ['引用文件标题', 'Its title'],
    'citedBy[].paragraphId': ['引用所在段落', 'Paragraph holding the citation'],
    'citedBy[].text': ['引用时的写法', 'How it cites this one'],
    related: ['相关文件', 'Related documents'],
    'related[].id': ['相关文件代码', 'Id of the related document'],
    'related[].title': ['相关文件标题', 'Its title'],
    'related[].score': ['相关度', 'Relatedness score'],
    'related[].reasons': ['相关的理由', 'Why they are related'],
    'related[].reasons[].kind': ['理由类型', 'Kind of reason'],
    'related[].reasons[].shared': ['共同的内容（主题、计划、地区、年份）', 'What is shared (themes, programs, place, years)'],
    evidence: ['各字段的原文依据', 'Source phrases behind each extracted field'],
    ...EVIDENCE_TEXT('evidence[]'),
    sections: ['章节树，带稳定锚点', 'Heading tree with stable anchors'],
    'sections[].id': ['章节锚点（s-…）', 'Section anchor (s-…)'],
    'sections[].title': ['标题原文', 'Heading text'],
    'sections[].depth': ['层级：1 为“一、”，2 为“（一）”…', 'Depth: 1 for 一、, 2 for (一) …'],
    'sections[].line': ['标题所在行', 'Source line of the heading'],
    'sections[].themes': ['章节（标题及其正文）的主题', 'Themes of the heading with its body'],
    ...THEME_HIT_TEXT('sections[].themes[]'),
    'sections[].children': ['下级章节（结构相同）', 'Sub-sections (same structure)'],
  },
  paragraphs: {
    documentId: ['所属文件代码（见 documents.json）', 'Id of the document (see documents.json)'],
    id: ['段落锚点（p-…），在文件内唯一', 'Paragraph anchor (p-…), unique within the document'],
    text: ['段落文本（规范化后）', 'Normalised paragraph text'],
    line: ['段落在原始文件中的起始行', 'Source line where the paragraph starts'],
    sectionPath: ['所属章节代码，由外到内', 'Ids of the enclosing sections, outermost first'],
    kind: ['段落类型：段落、列表项、表格行、附件', 'Kind: paragraph, list item, table row or attachment line'],
    cells: ['表格行的单元格', 'Table cells of a table row'],
    truncated: ['段落是否被截断', 'True when the text was cut'],
    themes: ['段落的主题，按强度排列', 'Themes of the paragraph, strongest first'],
    ...THEME_HIT_TEXT('themes[]'),
    instruments: ['段落中的政策工具', 'Policy instruments in the paragraph'],
    ...INSTRUMENT_HIT_TEXT('instruments[]'),
    url: ['段落在本站的地址', 'Address of the paragraph on this site'],
  },
  targets: {
    documentId: ['所属文件代码', 'Id of the document'],
    id: ['所属文件代码', 'Id of the document'],
    title: ['文件标题', 'Title of the document'],
    documentTitle: ['文件标题', 'Title of the document'],
    province: ['文件写明的省份', 'Province named by the document'],
    city: ['文件写明的地级市', 'Prefecture named by the document'],
    county: ['文件写明的县', 'County named by the document'],
    place: ['文件写明的地区', 'Place named by the document'],
    regionCode: ['地区代码（GB/T 2260）', 'GB/T 2260 code of the place'],
    code: ['地区代码（GB/T 2260）', 'GB/T 2260 code of the place'],
    year: ['发文年份', 'Year of issue'],
    indicator: ['指标代码', 'Indicator slug'],
    indicatorLabel: ['原文中的指标名称', 'The indicator as the text names it'],
    value: ['规范化数值', 'Normalised value'],
    unit: ['规范化单位', 'Normalised unit'],
    comparator: ['比较关系', 'Comparison (eq, gte, gt, lte, lt, approx)'],
    measure: ['目标类型', 'Kind: level, growth or annual-growth'],
    baselineValue: ['基数数值', 'Baseline value'],
    baselineUnit: ['基数单位', 'Baseline unit'],
    baselineYear: ['基数年份', 'Baseline year'],
    targetYear: ['目标年份', 'Target year'],
    scope: ['适用范围', 'Where the target applies'],
    paragraphId: ['所在段落代码', 'Paragraph id'],
    line: ['所在行号', 'Source line'],
    quote: ['表述目标的原文', 'The clause stating the target, verbatim'],
    url: ['原文段落地址', 'Address of the quoted paragraph'],
  },
};
