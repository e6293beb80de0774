/**
 * Stage 7 — extract metadata: title, document type, year, plan period,
 * issuer, document number, place, anonymisation and truncation, each with
 * the exact phrase and line that supports it. Prefers null with evidence of
 * why over a guess; places suggested only by clues are kept apart as
 * `inferredRegion`.
 */
import type { VFile } from 'vfile';
import {
  UNKNOWN_REGION,
  type DocType,
  type Evidence,
  type InferredRegion,
  type Period,
  type Region,
} from '../../src/lib/schema.ts';
import { placeOf, report } from './diagnostics.ts';
import {
  docNumbersIn,
  AGENCY_SUFFIX,
  COMPILATION_MARKER,
  docTypeOfTitle,
  isAgencyList,
  isPlausibleYear,
  parseChineseNumber,
  parseChineseYear,
  PERIOD_RANGE,
  stripTemplateSuffix,
} from './patterns.ts';
import { isCodeWithin } from '../../src/lib/divisions.ts';
import { simplify } from './normalize.ts';
import { findPlaceMentions, inferPrefectureFromAbbreviation, regionOfCode, resolvePlaces, type PlaceMention } from './places.ts';
import type { StructuredDocument } from './structure.ts';
import { columnAt, type CleanSegment, type TextLine } from './types.ts';

export interface ExtractedMeta {
  title: string;
  docType: DocType;
  region: Region;
  inferredRegion: InferredRegion | null;
  year: number | null;
  period: Period | null;
  issuer: string | null;
  docNumber: string | null;
  anonymized: boolean;
  truncated: boolean;
  truncatedParagraphs: number;
  evidence: Evidence[];
}

/** Collects evidence with exact columns, found from the phrase's place in its line. */
class EvidenceLog {
  readonly items: Evidence[] = [];

  add(field: string, line: TextLine, phrase: string, rule: string, note = '', at?: number): void {
    const index = at ?? Math.max(0, line.text.indexOf(phrase));
    this.items.push({ field, phrase, line: line.line, column: columnAt(line, index), rule, note });
  }
}

const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*年/gu;

const FIVE_YEAR_PLAN = /[“"]?十([一二三四五六七八九]?)五[”"]?/u;
const CN_DATE = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*([\d〇零一二三四五六七八九十]{1,3})\s*月\s*([\d〇零一二三四五六七八九十]{1,3})\s*日/u;

/** Extracts the record's metadata and its evidence from a cleaned, structured segment. */
export function extractMetadata(segment: CleanSegment, structured: StructuredDocument, file: VFile): ExtractedMeta {
  const log = new EvidenceLog();
  const titleInfo = extractTitle(segment, structured, log);
  const docType = extractDocType(titleInfo.title, segment, log);
  const docNumber = extractDocNumber(segment, log);
  const found = extractPeriod(titleInfo, segment, log);
  const year = extractYear(titleInfo, segment, structured, docNumber, found, log, file);
  const issuer = extractIssuer(titleInfo, segment, log);
  const { region, inferredRegion } = extractRegion(titleInfo, issuer, docNumber, segment, log);
  const anonymized = detectAnonymization(segment, log);
  const truncatedParagraphs = structured.truncatedParagraphs;
  return {
    title: titleInfo.title,
    docType,
    region,
    inferredRegion,
    year,
    period: found?.period ?? null,
    issuer: issuer?.name ?? null,
    docNumber: docNumber?.value ?? null,
    anonymized,
    truncated: truncatedParagraphs > 0,
    truncatedParagraphs,
    evidence: log.items,
  };
}

/** A plan period and the phrase it was read from (reused as the year's evidence). */
interface FoundPeriod {
  period: Period;
  line: TextLine;
  phrase: string;
  index: number;
}

interface TitleInfo {
  title: string;
  line: TextLine | null;
  /** The compilation heading's own text after `第N篇:`. */
  heading: { text: string; line: TextLine } | null;
}

function extractTitle(segment: CleanSegment, structured: StructuredDocument, log: EvidenceLog): TitleInfo {
  const heading = segment.compilationHeading
    ? { text: segment.compilationHeading.text.replace(COMPILATION_MARKER, '').trim(), line: segment.compilationHeading }
    : null;
  const subtitle = segment.header.find((l) => /^[(（][^()（）]{2,30}[)）]$/u.test(l.text) && PERIOD_RANGE.test(l.text));
  if (segment.titleLine) {
    const own = stripTemplateSuffix(segment.titleLine.text);
    const title = subtitle ? `${own}${subtitle.text}` : own;
    log.add('title', segment.titleLine, segment.titleLine.text, 'title-line', own !== segment.titleLine.text ? '去掉模板网站后缀 (template-site suffix removed)' : '');
    if (subtitle) log.add('title', subtitle, subtitle.text, 'subtitle', '标题下一行的期限 (period line under the title)');
    return { title, line: segment.titleLine, heading };
  }
  if (heading && heading.text !== '') {
    const title = stripTemplateSuffix(heading.text);
    log.add('title', heading.line, heading.text, 'compilation-heading', '无独立标题行，取合集标题 (no title line; compilation heading used)');
    return { title, line: heading.line, heading };
  }
  const first = structured.paragraphs[0];
  const title = first ? `${first.text.slice(0, 24)}…` : '(无标题)';
  const at = segment.body[0];
  if (at) log.add('title', at, at.text.slice(0, 24), 'first-paragraph', '无标题行，取正文开头 (no title line; opening words used)');
  return { title, line: null, heading };
}

function extractDocType(title: string, segment: CleanSegment, log: EvidenceLog): DocType {
  // Matched on the simplified copy, so 實施意見 reads as 实施意见; the evidence quotes the original.
  const typed = docTypeOfTitle(simplify(title));
  if (typed) {
    const line = segment.titleLine ?? segment.compilationHeading;
    const at = line ? Math.max(0, line.match.lastIndexOf(typed.ending)) : 0;
    if (line) log.add('docType', line, line.text.slice(at, at + typed.ending.length), 'title-ending', '标题结尾 (title ending)', at);
    return typed.docType;
  }
  const section = segment.removed.find((r) => r.rule === 'nav' && /新闻|动态|要闻|资讯|快讯/u.test(r.line.match));
  if (section) {
    const phrase = /新闻\S*|\S*动态|要闻|资讯|快讯/u.exec(section.line.text)?.[0] ?? section.line.text;
    log.add('docType', section.line, phrase, 'page-section', '页面栏目为新闻 (the page sits in a news section)');
    return '新闻';
  }
  if (segment.titleLine) log.add('docType', segment.titleLine, segment.titleLine.text, 'absent', '标题无文种 (the title names no document type)');
  return '其他';
}

interface DocNumber {
  value: string;
  year: number;
  prefix: string;
  line: TextLine;
}

function extractDocNumber(segment: CleanSegment, log: EvidenceLog): DocNumber | null {
  let own: DocNumber | null = null;
  for (const line of [...segment.header, ...(segment.titleLine ? [segment.titleLine] : [])]) {
    for (const hit of docNumbersIn(line.match)) {
      const value = line.text.slice(hit.index, hit.index + hit[0].length);
      own ??= { value, year: Number(hit[2]), prefix: hit[1] ?? '', line };
      log.add('docNumber', line, value, 'doc-number', '标题下的发文字号 (number under the title)', hit.index);
    }
  }
  // Numbers in the body belong to the documents it cites: evidence, not this document's number.
  for (const line of segment.body.slice(0, 40)) {
    for (const hit of docNumbersIn(line.match)) {
      const value = line.text.slice(hit.index, hit.index + hit[0].length);
      log.add('docNumber', line, value, 'cited-number', '正文引用的其他文件的文号，不是本文件的 (number of a cited document, not this one)', hit.index);
    }
  }
  return own;
}

function extractPeriod(titleInfo: TitleInfo, segment: CleanSegment, log: EvidenceLog): FoundPeriod | null {
  const places: TextLine[] = [...(titleInfo.line ? [titleInfo.line] : []), ...segment.header];
  for (const line of places) {
    const range = PERIOD_RANGE.exec(line.match);
    if (range) {
      const start = Number(range[1]);
      const end = Number(range[2]);
      if (isPlausibleYear(start) && isPlausibleYear(end) && start <= end && end - start <= 30) {
        const phrase = line.text.slice(range.index, range.index + range[0].length);
        log.add('period', line, phrase, 'title-range', '', range.index);
        return { period: { start, end }, line, phrase, index: range.index };
      }
    }
    const plan = FIVE_YEAR_PLAN.exec(line.match);
    if (plan && /规划|纲要|计划|方案/u.test(line.match)) {
      const n = parseChineseNumber(`十${plan[1] ?? ''}`);
      if (n !== null) {
        // 1st plan 1953–57, 2nd 1958–62, three years of readjustment, then the 3rd from 1966.
        const start = n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3);
        const phrase = line.text.slice(plan.index, plan.index + plan[0].length);
        log.add('period', line, phrase, 'five-year-plan', `第${n}个五年规划 (the ${n}th five-year plan, ${start}–${start + 4})`, plan.index);
        return { period: { start, end: start + 4 }, line, phrase, index: plan.index };
      }
    }
  }
  return null;
}

function extractYear(
  titleInfo: TitleInfo,
  segment: CleanSegment,
  structured: StructuredDocument,
  docNumber: DocNumber | null,
  found: FoundPeriod | null,
  log: EvidenceLog,
  file: VFile,
): number | null {
  for (const meta of segment.pageMeta) {
    if (meta.kind === 'page-date') {
      log.add('year', meta.line, meta.value, 'page-date-ignored', '网页发布/上传时间，不作为成文年份 (page upload date, not the issue date)');
    }
  }
  let year: number | null = null;
  let chosen: TextLine | null = null;

  if (docNumber) {
    year = docNumber.year;
    chosen = docNumber.line;
    log.add('year', docNumber.line, docNumber.value, 'doc-number', '发文字号中的年份 (year in the document number)');
  }
  if (year === null) {
    const dated = findIssueDate(segment);
    if (dated) {
      year = dated.year;
      chosen = dated.line;
      log.add('year', dated.line, dated.phrase, 'issue-date', '落款日期 (date under the text)');
    }
  }
  if (year === null && titleInfo.line) {
    const text = titleInfo.line.match;
    const withoutRange = text.replace(PERIOD_RANGE, (m) => ' '.repeat(m.length));
    const hit = [...withoutRange.matchAll(YEAR_IN_TEXT)].find((m) => isPlausibleYear(Number(m[1])));
    if (hit) {
      year = Number(hit[1]);
      chosen = titleInfo.line;
      log.add('year', titleInfo.line, titleInfo.line.text.slice(hit.index, hit.index + hit[0].length), 'title-year', '标题中的年份 (year in the title)', hit.index);
    }
  }
  if (year === null && found) {
    year = found.period.start;
    chosen = found.line;
    log.add('year', found.line, found.phrase, 'period-start', '规划期起始年，按惯例视为成文年份；请核对 (start of the plan period, taken as the issue year by convention; check)', found.index);
  }
  if (year === null) {
    const cited = findImplementedDocument(segment);
    if (cited) {
      year = cited.year;
      chosen = cited.line;
      log.add('year', cited.line, cited.phrase, 'implements-cited', `为落实${cited.year}年的文件而制定，成文不早于${cited.year}年 (written to implement a ${cited.year} document: not earlier than ${cited.year})`);
    }
  }
  if (year === null) {
    const anchor = titleInfo.line ?? segment.body[0];
    if (anchor) log.add('year', anchor, anchor.text.slice(0, 30), 'absent', '未见发文字号、落款日期或标题年份；正文中的年份是目标年，不是成文年份 (no number, date or title year; years in the body are target years)');
  }

  // A compilation heading that disagrees with the document under it (第二篇:2008年… above 2009年…).
  if (titleInfo.heading && year !== null) {
    const headingYear = [...titleInfo.heading.line.match.matchAll(YEAR_IN_TEXT)].map((m) => Number(m[1])).find(isPlausibleYear);
    if (headingYear !== undefined && headingYear !== year) {
      const at = titleInfo.heading.line;
      const offset = at.text.indexOf(String(headingYear));
      log.add('year', at, `${headingYear}年`, 'year-conflict', `合集标题写${headingYear}年，文件本身为${year}年；以文件为准 (the compilation heading says ${headingYear}; the document's own ${year} is used)`, offset);
      report(
        file,
        'warning',
        `Unexpected year ${headingYear} in the compilation heading, expected ${year} as in the document's own ${chosen === titleInfo.line ? 'title' : 'text'}`,
        'year-conflict',
        placeOf(at, Math.max(0, offset), 4),
        chosen ? placeOf(chosen) : undefined,
      );
    }
  }
  void structured;
  return year;
}

function findIssueDate(segment: CleanSegment): { year: number; line: TextLine; phrase: string } | null {
  const candidates = [...segment.header, ...segment.body.slice(-4)];
  for (const line of candidates) {
    if (line.text.length > 20) continue;
    const hit = CN_DATE.exec(line.match);
    if (!hit?.[1]) continue;
    const year = /^\d+$/u.test(hit[1]) ? Number(hit[1]) : parseChineseYear(hit[1]);
    if (year !== null && isPlausibleYear(year)) return { year, line, phrase: line.text.slice(hit.index, hit.index + hit[0].length) };
  }
  return null;
}

/** `为落实《…的决定》(潭市发〔2004〕6号)`: the document implements a cited one of that year. */
function findImplementedDocument(segment: CleanSegment): { year: number; line: TextLine; phrase: string } | null {
  for (const line of segment.body.slice(0, 3)) {
    if (!/^(?:为|根据|按照|依据)[^。]{0,12}(?:落实|贯彻|实施|执行)?[^。]*《/u.test(line.match)) continue;
    const [hit] = docNumbersIn(line.match);
    if (hit?.[2]) return { year: Number(hit[2]), line, phrase: line.text.slice(hit.index, hit.index + hit[0].length) };
  }
  return null;
}

interface Issuer {
  name: string;
}

const PUBLISHING_OFFICE = /公开办|政务网|网站|信息中心|新闻|宣传|报社|电视|广播|网络/u;
const ORG = new RegExp(`^(?:中共)?[\\p{Script=Han}]{0,20}?${AGENCY_SUFFIX}`, 'u');

function extractIssuer(titleInfo: TitleInfo, segment: CleanSegment, log: EvidenceLog): Issuer | null {
  const issuerLine = segment.header.find((l) => isAgencyList(l.match));
  if (issuerLine) {
    log.add('issuer', issuerLine, issuerLine.text, 'issuer-line', '标题下的发文机关 (issuing body under the title)');
    return { name: issuerLine.text };
  }
  const title = titleInfo.line;
  if (title) {
    const before = /^(.{2,40}?)关于/u.exec(title.match)?.[1] ?? /^(.{2,30}?)(?:(?:19|20)\d{2}\s*年)/u.exec(title.match)?.[1];
    if (before) {
      const orgs = splitOrganisations(before);
      if (orgs.length > 0 && orgs.join('') === before) {
        const name = orgs.join('、');
        log.add('issuer', title, before, 'title-prefix', '标题开头的机关名称 (body named at the start of the title)');
        return { name };
      }
    }
  }
  const signature = segment.body.slice(-3).find((l) => isAgencyList(l.match) && l.text.length <= 30 && !/[、,，]/u.test(l.text));
  if (signature) {
    log.add('issuer', signature, signature.text, 'signature', '文末落款 (signature under the text)');
    return { name: signature.text };
  }
  const source = segment.pageMeta.find((m) => m.kind === 'source' && ORG.test(m.value) && !PUBLISHING_OFFICE.test(m.value));
  if (source) {
    log.add('issuer', source.line, source.value, 'source-line', '“来源”所署机关，通常为发文机关 (the body named as source, usually the issuer)');
    return { name: source.value };
  }
  return null;
}

function splitOrganisations(text: string): string[] {
  const org = new RegExp(`(?:中共)?[\\p{Script=Han}]{1,20}?${AGENCY_SUFFIX}`, 'gu');
  return [...text.matchAll(org)].map((m) => m[0]);
}

function extractRegion(
  titleInfo: TitleInfo,
  issuer: Issuer | null,
  docNumber: DocNumber | null,
  segment: CleanSegment,
  log: EvidenceLog,
): { region: Region; inferredRegion: InferredRegion | null } {
  const sources: { rule: string; line: TextLine; text: string }[] = [];
  if (titleInfo.line) sources.push({ rule: 'title', line: titleInfo.line, text: titleInfo.line.match });
  if (titleInfo.heading) sources.push({ rule: 'compilation-heading', line: titleInfo.heading.line, text: titleInfo.heading.line.match });
  const issuerLine = segment.header.find((l) => isAgencyList(l.match));
  if (issuer && issuerLine) sources.push({ rule: 'issuer', line: issuerLine, text: issuerLine.match });
  const sourceMeta = segment.pageMeta.find((m) => m.kind === 'source' && !PUBLISHING_OFFICE.test(m.value));
  if (sourceMeta) sources.push({ rule: 'source-line', line: sourceMeta.line, text: sourceMeta.line.match });

  const bodyMentions: { line: TextLine; mention: PlaceMention }[] = [];
  for (const line of segment.body) for (const mention of findPlaceMentions(line.match)) bodyMentions.push({ line, mention });
  const context = bodyMentions.map((m) => m.mention);

  for (const source of sources) {
    const mentions = findPlaceMentions(source.text);
    if (mentions.length === 0) continue;
    const region = resolvePlaces(mentions, context);
    if (region.level === 'unknown') continue;
    for (const m of mentions) log.add('region', source.line, source.line.text.slice(m.index, m.index + m.text.length), source.rule, '', m.index);
    return { region, inferredRegion: null };
  }

  // Places the body names in full (昆山市), at least twice counting short forms.
  const tally = new Map<string, { full: number; all: number }>();
  for (const { mention } of bodyMentions) {
    if (mention.codes.length !== 1) continue;
    const code = mention.codes[0] ?? '';
    const entry = tally.get(code) ?? { full: 0, all: 0 };
    entry.all++;
    if (mention.full) entry.full++;
    tally.set(code, entry);
  }
  // Counties and townships are only matched by full name; once named in full, count their short form too (昆山市 … 来昆山创业).
  const bodyText = segment.body.map((l) => l.match).join('\n');
  for (const { mention } of bodyMentions) {
    const unit = mention.source.units[0];
    if (mention.source.units.length !== 1 || !unit || !mention.full || (unit.level !== 'county' && unit.level !== 'township')) continue;
    const entry = tally.get(unit.code);
    if (!entry || entry.all > entry.full || unit.shortName.length < 2 || unit.shortName === unit.name) continue;
    entry.all = bodyText.split(unit.shortName).length - 1;
  }
  const named = new Set([...tally.entries()].filter(([, t]) => t.full >= 1 && t.all >= 2).map(([code]) => code));
  if (named.size > 0) {
    const weighted = bodyMentions.filter((m) => m.mention.codes.length === 1 && named.has(m.mention.codes[0] ?? '')).map((m) => m.mention);
    const region = resolvePlaces(weighted, context);
    if (region.level !== 'unknown') {
      for (const { line, mention } of bodyMentions) {
        if (mention.codes.length === 1 && region.code !== null && isCodeWithin(mention.codes[0] ?? '', region.code)) {
          log.add('region', line, line.text.slice(mention.index, mention.index + mention.text.length), 'mention', '正文中点名的地方 (place named in the text)', mention.index);
        }
      }
      return { region, inferredRegion: null };
    }
  }

  const inferred = inferRegionFromClues(docNumber, segment, bodyMentions);
  const anchor = titleInfo.line ?? segment.body[0];
  if (anchor) log.add('region', anchor, anchor.text.slice(0, 20), 'absent', inferred ? '文件未点名地方，只有线索（见推断）(no place named; see inferred place)' : '文件未点名地方，只见“我市”等 (no place named; only 我市 and the like)');
  return { region: UNKNOWN_REGION, inferredRegion: inferred };
}

const NOT_ABBREVIATIONS = new Set('我本全该各此其外内省市县区国州乡镇村华中西东南北京沪新老大小'.split(''));

/** Indirect clues: 发文字号 prefixes (潭市发), `在潭工作`-style abbreviations, counties named once. */
function inferRegionFromClues(
  docNumber: DocNumber | null,
  segment: CleanSegment,
  bodyMentions: { line: TextLine; mention: PlaceMention }[],
): InferredRegion | null {
  // Each clue names a set of candidate prefectures; an ambiguous clue (宁 → 南宁, 西宁) is settled by the others.
  const clues: { candidates: string[]; evidence: Evidence }[] = [];
  const provinceHints = bodyMentions.filter((m) => m.mention.level === 'province' && m.mention.codes.length === 1).map((m) => m.mention.codes[0] ?? '');

  for (const line of [...segment.header, ...segment.body.slice(0, 3)]) {
    for (const hit of docNumbersIn(line.match)) {
      const ch = (hit[1] ?? '').charAt(0);
      if (!ch || NOT_ABBREVIATIONS.has(ch)) continue;
      const candidates = inferPrefectureFromAbbreviation(ch, provinceHints);
      if (candidates.length > 0) clues.push({ candidates, evidence: evidenceAt(line, hit[0], hit.index, 'doc-number-prefix', `文号简称“${ch}” (abbreviation ${ch} in a document number)`) });
    }
  }
  for (const line of segment.body) {
    for (const hit of line.match.matchAll(/(?:在|来|驻|到|赴|留|回)(\p{Script=Han})(?=工作|创新|创业|发展|投资|落户|就业|设立|建立)/gu)) {
      const ch = hit[1] ?? '';
      if (NOT_ABBREVIATIONS.has(ch)) continue;
      const candidates = inferPrefectureFromAbbreviation(ch, provinceHints);
      if (candidates.length > 0) clues.push({ candidates, evidence: evidenceAt(line, hit[0], hit.index, 'abbreviation', `地名简称“${ch}” (one-character abbreviation ${ch})`) });
    }
  }
  for (const { line, mention } of bodyMentions) {
    if (mention.level !== 'county' || mention.codes.length !== 1 || !mention.full) continue;
    const code = mention.codes[0] ?? '';
    clues.push({ candidates: [`${code.slice(0, 4)}00`], evidence: evidenceAt(line, mention.text, mention.index, 'county-mention', `提到下辖的${mention.text} (names ${mention.text}, a county of this prefecture)`) });
  }
  const support = new Map<string, number>();
  for (const clue of clues) for (const code of new Set(clue.candidates)) support.set(code, (support.get(code) ?? 0) + 1);
  const ranked = [...support.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const best = ranked[0];
  // One clue is a hint, not an inference; and a tie says nothing.
  if (!best || best[1] < 2 || (ranked[1]?.[1] ?? 0) === best[1]) return null;
  const region = regionOfCode(best[0]);
  if (region.level === 'unknown') return null;
  return { ...region, inferred: true, clues: clues.filter((c) => c.candidates.includes(best[0])).map((c) => c.evidence) };
}

function evidenceAt(line: TextLine, phrase: string, index: number, rule: string, note: string): Evidence {
  return { field: 'inferredRegion', phrase: line.text.slice(index, index + phrase.length), line: line.line, column: columnAt(line, index), rule, note };
}

const SCRUBBED = [
  { pattern: /[xX×ｘＸ*＊]{2,}(?=[\p{Script=Han}(（])|(?<=[\p{Script=Han}])[xX×ｘＸ]{2,}/gu, note: '占位符代替名称 (placeholder for a name)' },
  { pattern: /(?<![A-Za-z])[xX](?=[市县区省州乡镇台西东南北])/gu, note: '占位符代替地名 (placeholder for a place)' },
  { pattern: /(?<=[\p{Script=Han}])[(（]\s*[)）]/gu, note: '括号内名称被删除 (name removed from brackets)' },
  { pattern: /(?<=市长|书记|局长|主任|副市长|秘书长|组长|主席|县长|区长|州长|省长)[*＊]/gu, note: '人名被星号代替 (person name replaced by *)' },
];

function detectAnonymization(segment: CleanSegment, log: EvidenceLog): boolean {
  let found = 0;
  const lines = [...(segment.titleLine ? [segment.titleLine] : []), ...segment.header, ...segment.body];
  for (const line of lines) {
    for (const { pattern, note } of SCRUBBED) {
      for (const hit of line.match.matchAll(pattern)) {
        found++;
        if (found <= 6) {
          const start = Math.max(0, hit.index - 4);
          log.add('anonymized', line, line.text.slice(start, hit.index + hit[0].length + 4), 'scrubbed-name', note, start);
        }
      }
    }
  }
  return found > 0;
}
