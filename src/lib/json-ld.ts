/**
 * schema.org `Legislation` JSON-LD for a document page, and a serializer that
 * is safe inside `<script type="application/ld+json">` (no `<`, `>` or `&`
 * left to end the script or open a comment; U+2028/2029 escaped).
 */
import type { Frontmatter } from './schema.ts';
import { documentHref, formatPlace, themeHref } from './display.ts';

/** What the JSON-LD is built from. */
export type LinkedDocument = Pick<Frontmatter, 'id' | 'title' | 'docType' | 'region' | 'year' | 'period' | 'issuer' | 'docNumber' | 'themes' | 'citations'>;

export interface JsonLdOptions {
  /** Origin of the site, for absolute URLs. */
  site: string | URL;
  /** Chinese and English names of the theme slugs (a slug without an entry is left out). */
  themeNames: ReadonlyMap<string, { name: string; nameEn: string }>;
}

/** A JSON-LD object; values are plain JSON. */
export type JsonLd = { [key: string]: JsonValue };
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The `Legislation` object of a document: name, identifier, date, jurisdiction, issuer, language, topics, citations. */
export function buildLegislationJsonLd(doc: LinkedDocument, options: JsonLdOptions): JsonLd {
  const url = new URL(documentHref(doc.id), options.site).href;
  const place = formatPlace(doc.region, '');
  const about = doc.themes.flatMap((slug) => {
    const names = options.themeNames.get(slug);
    return names ? [{ '@type': 'DefinedTerm', name: names.name, alternateName: names.nameEn, url: new URL(themeHref(slug), options.site).href }] : [];
  });
  const cited = [...new Set(doc.citations.map((c) => c.target).filter((t): t is string => t !== null))];
  const ld: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': url,
    url,
    name: doc.title,
    inLanguage: 'zh-CN',
    legislationType: doc.docType,
  };
  if (doc.docNumber) ld.legislationIdentifier = doc.docNumber;
  if (doc.year !== null) {
    ld.legislationDate = String(doc.year);
    ld.datePublished = String(doc.year);
  }
  if (doc.period) ld.temporalCoverage = `${doc.period.start}/${doc.period.end}`;
  if (place) ld.legislationJurisdiction = { '@type': 'AdministrativeArea', name: place, ...(doc.region.code ? { identifier: doc.region.code } : {}) };
  if (doc.issuer) ld.legislationPassedBy = { '@type': 'GovernmentOrganization', name: doc.issuer };
  if (about.length > 0) ld.about = about;
  if (cited.length > 0) ld.citation = cited.map((id) => new URL(documentHref(id), options.site).href);
  return ld;
}

const UNSAFE_IN_SCRIPT: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON text that cannot break out of a `<script>` element (the characters are escaped inside strings, where JSON allows it). */
export function serializeJsonLd(value: JsonLd): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/gu, (c) => UNSAFE_IN_SCRIPT[c] ?? c);
}
