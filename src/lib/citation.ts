/**
 * Ready-made citations of a document page (or one of its paragraphs): a
 * GB/T 7714-2015 reference for an online resource ([EB/OL]) and an English
 * one. Builds are deterministic, so no access date is written: readers add
 * the date they looked (GB/T 7714 puts it in brackets after the year).
 */
import type { Frontmatter } from './schema.ts';
import { documentHref } from './display.ts';

/** The fields a citation needs. */
export type CitableDocument = Pick<Frontmatter, 'id' | 'title' | 'issuer' | 'docNumber' | 'year'>;

export interface CitationOptions {
  /** Origin of the site (`https://policy-atlas.example.org`). */
  site: string | URL;
  /** Paragraph anchor (`p-…`) when citing one paragraph. */
  paragraphId?: string | null;
}

export const ATLAS_NAME = { zh: '创新政策图谱', en: 'Innovation Policy Atlas' } as const;

/** Absolute URL of a document page, with the paragraph anchor when given. */
export function citationUrl(id: string, options: CitationOptions): string {
  const url = new URL(documentHref(id), options.site);
  if (options.paragraphId) url.hash = options.paragraphId;
  return url.href;
}

/** GB/T 7714-2015 style: `发文机关. 题名: 发文字号[EB/OL]. 创新政策图谱, 年份. URL.` (佚名 / [出版年不详] when unknown). */
export function formatGbCitation(doc: CitableDocument, options: CitationOptions): string {
  const title = doc.docNumber ? `${doc.title}: ${doc.docNumber}` : doc.title;
  const year = doc.year === null ? '[出版年不详]' : String(doc.year);
  return `${doc.issuer ?? '佚名'}. ${title}[EB/OL]. ${ATLAS_NAME.zh}, ${year}. ${citationUrl(doc.id, options)}.`;
}

/** English style: `Issuer. (Year). Title [Doc. No.]. Innovation Policy Atlas. URL` (title kept in Chinese). */
export function formatEnglishCitation(doc: CitableDocument, options: CitationOptions): string {
  const number = doc.docNumber ? ` [${doc.docNumber}]` : '';
  const year = doc.year === null ? 'n.d.' : String(doc.year);
  return `${doc.issuer ?? 'Anonymous'}. (${year}). ${doc.title}${number}. ${ATLAS_NAME.en}. ${citationUrl(doc.id, options)}`;
}
