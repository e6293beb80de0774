/**
 * Small documents and paragraphs for the unit tests of the cross-document
 * aggregation (not used by the site). Places are built from GB/T 2260 codes.
 */
import { getRegionByCode } from './divisions.ts';
import { frontmatterSchema, paragraphSchema, type Frontmatter, type Paragraph, type Target, type ThemeHit } from './schema.ts';

/** A valid document: everything not given takes the schema default. */
export function makeDoc(id: string, fields: Partial<Omit<Frontmatter, 'region' | 'inferredRegion'>> & { code?: string; inferredCode?: string } = {}): Frontmatter {
  const { code, inferredCode, ...rest } = fields;
  return frontmatterSchema.parse({
    id,
    title: `文件${id}`,
    chars: 100,
    source: { file: `${id}.txt`, startLine: 1, endLine: 9, sha256: '0'.repeat(64) },
    ...(code ? { region: getRegionByCode(code) } : {}),
    ...(inferredCode ? { inferredRegion: { ...getRegionByCode(inferredCode), inferred: true, clues: [] } } : {}),
    ...rest,
  });
}

/** A paragraph with the given theme hits (`[theme, score, terms]`). */
export function makeParagraph(id: string, text: string, hits: [string, number, string[]][] = [], line = 1): Paragraph {
  const themes: ThemeHit[] = hits.map(([theme, score, terms]) => ({ theme, score, terms }));
  return paragraphSchema.parse({ id, text, line, themes });
}

/** A level target with sensible defaults. */
export function makeTarget(fields: Partial<Target> & Pick<Target, 'indicator' | 'value' | 'unit' | 'paragraphId'>): Target {
  return {
    indicatorLabel: fields.indicator,
    comparator: 'gte',
    measure: 'level',
    baseline: null,
    targetYear: 2025,
    scope: null,
    line: 1,
    quote: `${fields.indicator}达到${fields.value}${fields.unit}`,
    ...fields,
  };
}
