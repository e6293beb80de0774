/**
 * Stage 5 — dedupe: drops paragraphs repeated within a document (scraped
 * pages often repeat whole blocks). Short lines and agency lists are left
 * alone (table cells repeat on purpose), and the body and its attachments
 * are compared separately (an attachment table restates the body).
 */
import type { VFile } from 'vfile';
import { placeOf, report } from './diagnostics.ts';
import { ATTACHMENT, isAgencyList } from './patterns.ts';
import type { CleanSegment, TextLine } from './types.ts';

export interface Options {
  /** Lines shorter than this (without spaces and punctuation) are never treated as duplicates. */
  minChars: number;
}

export const defaultOptions: Options = { minChars: 20 };


/** Removes repeated paragraphs, reporting each with a pointer to its first occurrence. */
export function dedupeParagraphs(segment: CleanSegment, file: VFile, options: Partial<Options> = {}): CleanSegment {
  const settings = { ...defaultOptions, ...options };
  const seen = new Map<string, TextLine>();
  const body: TextLine[] = [];
  const removed = [...segment.removed];
  let scope = 'body';
  for (const line of segment.body) {
    if (ATTACHMENT.test(line.match)) scope = 'attachment';
    const key = line.match.replace(/[\s\p{P}]/gu, '');
    if (key.length < settings.minChars || isAgencyList(line.match)) {
      body.push(line);
      continue;
    }
    const scoped = `${scope}\u0000${key}`;
    const first = seen.get(scoped);
    if (first) {
      removed.push({ line, rule: 'duplicate-paragraph' });
      report(
        file,
        'warning',
        `Unexpected repeated paragraph (first at line ${first.line}), expected each paragraph once; removed`,
        'duplicate-paragraph',
        placeOf(line),
        placeOf(first),
      );
      continue;
    }
    seen.set(scoped, line);
    body.push(line);
  }
  return { ...segment, body, removed };
}
