/**
 * Documents a document cites: by title in book-title marks
 * (`《关于…的若干意见》`) or by 发文字号 (`潭市发〔2004〕6号`). Only titles that
 * name a policy instrument or law count (not `《科技简报》`, a newsletter).
 * Each cited document is listed once, at its first mention; resolving it to a
 * document of the corpus is `links.ts`'s job.
 */
import type { Citation, DocumentRecord } from '../../src/lib/schema.ts';
import { DOC_NUMBER } from '../pipeline/patterns.ts';

export interface CitationOptions {
  /** Endings (or a leading `关于`) that make a title in 《》 a document rather than a book or newsletter. */
  documentTitle: RegExp;
}

export const defaultCitationOptions: CitationOptions = {
  documentTitle:
    /(?:^关于|意见|办法|方案|规划|纲要|决定|通知|规定|细则|条例|法|计划|要点|措施|规范|标准|指南|指引|政策|报告|通告|公告|批复|函|决议|章程|战略|目录)(?:\s*[(（][^()（）]*[)）])?$/u,
};

/** Words that run into a document number's issuer prefix in running text (`根据潭市发…`, `和国发…`). */
const LEAD_IN = /^.*(?:根据|按照|依据|依照|参照|贯彻|落实|执行|印发|转发|文件|的|和|与|及|即|见)/u;
const TITLE = /《([^《》\n]{2,120})》/gu;

/** Cited documents of one record, in order of first mention (its own title and number excluded). */
export function findCitations(
  doc: Pick<DocumentRecord, 'title' | 'docNumber' | 'evidence' | 'paragraphs'>,
  options: Partial<CitationOptions> = {},
): Citation[] {
  const { documentTitle } = { ...defaultCitationOptions, ...options };
  const own = new Set([normalizeTitle(doc.title), doc.docNumber ? normalizeNumber(doc.docNumber) : '']);
  // Everything found, with where it stands, so the list follows the text.
  const found: { citation: Citation; column: number }[] = [];
  // Numbers quoted in the header (before the body) were kept as evidence by the metadata stage.
  for (const e of doc.evidence) {
    if (e.field === 'docNumber' && e.rule === 'cited-number') {
      found.push({ citation: { kind: 'number', text: e.phrase, paragraphId: paragraphOf(doc, e.phrase, e.line), line: e.line, target: null }, column: e.column });
    }
  }
  for (const paragraph of doc.paragraphs) {
    const at = (kind: Citation['kind'], text: string, index: number): void => {
      found.push({ citation: { kind, text, paragraphId: paragraph.id, line: paragraph.line, target: null }, column: index + 1 });
    };
    for (const match of paragraph.text.matchAll(TITLE)) {
      const title = (match[1] ?? '').trim();
      if (documentTitle.test(title)) at('title', title, match.index);
    }
    for (const match of paragraph.text.matchAll(DOC_NUMBER)) {
      const number = match[0].replace(LEAD_IN, '').trim();
      if (/^[\p{Script=Han}]/u.test(number)) at('number', number, match.index + match[0].length - number.length);
    }
  }
  found.sort((a, b) => a.citation.line - b.citation.line || a.column - b.column);
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const { citation } of found) {
    const key = citation.kind === 'title' ? normalizeTitle(citation.text) : normalizeNumber(citation.text);
    if (own.has(key) || seen.has(`${citation.kind}:${key}`)) continue;
    seen.add(`${citation.kind}:${key}`);
    out.push(citation);
  }
  return out;
}

/** The paragraph on that line holding the phrase (header lines belong to none). */
function paragraphOf(doc: Pick<DocumentRecord, 'paragraphs'>, text: string, line: number): string | null {
  return doc.paragraphs.find((p) => p.line === line && p.text.includes(text))?.id ?? null;
}

/** Title key: no spaces, brackets unified, final parenthetical kept (`(2016-2020年)` distinguishes editions). */
export function normalizeTitle(title: string): string {
  return title
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[（]/gu, '(')
    .replace(/[）]/gu, ')')
    .replace(/[—–－~]/gu, '-')
    .replace(/^《|》$/gu, '');
}

/** Number key: brackets unified (`〔〕[]()（）【】` → `〔〕`), no spaces. */
export function normalizeNumber(number: string): string {
  return number
    .replace(/\s+/gu, '')
    .replace(/[[(（【]/gu, '〔')
    .replace(/[\])）】]/gu, '〕');
}
