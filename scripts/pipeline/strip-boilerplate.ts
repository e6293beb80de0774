/**
 * Stage 4 — strip boilerplate: removes page chrome from a segment (ads,
 * navigation, page metadata, footers, disclaimers, template introductions,
 * repeated page titles, site brands glued to text), keeping page metadata
 * aside as evidence and reporting every removal.
 */
import type { VFile } from 'vfile';
import { classifyChrome, findGluedBrand, META_FIELDS, type ChromeKind } from './boilerplate-rules.ts';
import { placeOf, report } from './diagnostics.ts';
import { DATE_LINE, DOC_NUMBER_LINE, isAgencyList, isProse, stripTemplateSuffix } from './patterns.ts';
import type { CleanSegment, PageMetaLine, RemovedLine, Segment, TextLine } from './types.ts';

/** Removes chrome from a segment, returning its body lines and what was removed. */
export function stripBoilerplate(segment: Segment, file: VFile): CleanSegment {
  const removed: RemovedLine[] = [];
  const pageMeta: PageMetaLine[] = [];
  const pageTitles = new Set(segment.pageTitleLines);
  const titleKey = segment.titleLine ? titleKeyOf(segment.titleLine.match) : null;
  const kinds = segment.lines.map((line) => (line.match.length <= 120 ? classifyChrome(line.match) : null));

  // A short line standing between two chrome lines belongs to the same block of chrome (ad lists, related links).
  kinds.forEach((kind, i) => {
    if (kind !== null) return;
    const line = segment.lines[i];
    if (!line || isProse(line.match) || line.text.length > 40) return;
    const before = kinds[i - 1];
    const after = kinds[i + 1];
    if (before && after && before !== 'page-meta' && after !== 'page-meta') kinds[i] = 'ad';
  });

  const body: TextLine[] = [];
  segment.lines.forEach((line, i) => {
    if (line === segment.compilationHeading || line === segment.titleLine) return;
    for (const field of META_FIELDS) {
      const hit = field.pattern.exec(line.match);
      if (hit?.[1]) pageMeta.push({ line, kind: field.kind, value: hit[1] });
    }
    const kind: ChromeKind | 'page-title' | 'repeated-title' | 'before-title' | null = pageTitles.has(line)
      ? 'page-title'
      : (kinds[i] ??
        (titleKey !== null && titleKeyOf(line.match) === titleKey ? 'repeated-title' : beforeTitle(segment, line) ? 'before-title' : null));
    if (kind !== null) {
      removed.push({ line, rule: kind });
      report(file, 'info', `Removed ${describe(kind)}: “${clip(line.text)}”`, 'boilerplate-removed', placeOf(line));
      return;
    }
    const glued = findGluedBrand(line.match);
    if (glued) {
      const text = line.text.slice(0, glued.index).trimEnd();
      const kept = { ...line, text, match: line.match.slice(0, text.length), offsets: line.offsets?.slice(0, text.length) };
      removed.push({ line, rule: 'site-brand', fragment: line.text.slice(glued.index) });
      report(file, 'info', `Removed site name glued to the text: “${glued.fragment}”`, 'boilerplate-removed', placeOf(line, glued.index));
      if (kept.text !== '') body.push(kept);
      return;
    }
    body.push(line);
  });
  const header = takeHeader(body, segment.titleLine !== null);
  for (const line of header) removed.push({ line, rule: 'header' });
  return { ...segment, body: body.slice(header.length), removed, pageMeta, header };
}

/** A period or status in brackets under a title: `(2015年—2020年)`, `(试行)`. */
const BRACKETED_LINE = /^[(（][^()（）]{2,30}[)）]$/u;

/** The title block under a title: period subtitle, issuing body, document number, date (before any prose or heading). */
function takeHeader(body: TextLine[], hasTitle: boolean): TextLine[] {
  if (!hasTitle) return [];
  const header: TextLine[] = [];
  for (const line of body) {
    if (header.length >= 4) break;
    if (BRACKETED_LINE.test(line.match) || DOC_NUMBER_LINE.test(line.match) || DATE_LINE.test(line.match) || isAgencyList(line.match)) header.push(line);
    else break;
  }
  return header;
}

/** Short lines above the title line are page furniture (the split stage put the title above any prose). */
function beforeTitle(segment: Segment, line: TextLine): boolean {
  const title = segment.titleLine;
  if (!title) return false;
  return line.line < title.line || (line.line === title.line && line.column < title.column);
}

/** Compares titles ignoring template suffixes, spaces and punctuation. */
function titleKeyOf(text: string): string {
  return stripTemplateSuffix(text).replace(/[\s\p{P}]/gu, '');
}

function describe(kind: string): string {
  const names: Record<string, string> = {
    ad: 'advertising or download prompt',
    nav: 'navigation',
    'page-meta': 'page metadata',
    footer: 'site footer',
    disclaimer: 'disclaimer',
    'site-intro': 'template-site introduction',
    'empty-field': 'empty template field',
    'page-title': 'template page title',
    'repeated-title': 'repeated title',
    'before-title': 'text above the title',
  };
  return names[kind] ?? kind;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
