/**
 * Hand-written vocabularies of the knowledge layer, committed under
 * `content/<kind>/<slug>.md`: YAML frontmatter validated here, and a Markdown
 * body with the longer description. Maintainers refine tagging by editing
 * these files, never code. One block per vocabulary kind.
 */
import { z } from 'zod';
import { INSTRUMENT_TYPES } from './schema.ts';

const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slugs are lower-case ASCII words joined by "-"');

/** A term that signals an entry, with its weight (default 1). A bare string is a term of weight 1. */
export const termSchema = z
  .union([z.string().min(1), z.object({ term: z.string().min(1), weight: z.number().positive().default(1) })])
  .transform((t) => (typeof t === 'string' ? { term: t, weight: 1 } : t));
export type Term = z.output<typeof termSchema>;

/** A regular expression (JavaScript syntax, `u` flag) that signals an entry, with its weight. */
export const patternSchema = z
  .object({ pattern: z.string().min(1), weight: z.number().positive().default(1), note: z.string().default('') })
  .refine((p) => isValidRegExp(p.pattern), { message: 'pattern is not a valid regular expression', path: ['pattern'] });
export type Pattern = z.output<typeof patternSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const entryBase = {
  slug: slugSchema,
  /** Chinese name, shown first. */
  name: z.string().min(1),
  /** English label shown beside the Chinese. */
  nameEn: z.string().min(1),
  /** One or two sentences in Chinese. */
  description: z.string().default(''),
  descriptionEn: z.string().default(''),
};

/* ── themes: content/themes/<slug>.md ── */
export const themeEntrySchema = z.object({
  ...entryBase,
  /** Position in lists and navigation. */
  order: z.number().int().default(100),
  terms: z.array(termSchema).min(1),
  patterns: z.array(patternSchema).default([]),
  /** Longer phrases containing a term that must not count for this theme (`人才` in `人才济济`). */
  exclude: z.array(z.string()).default([]),
});
export type ThemeEntry = z.output<typeof themeEntrySchema>;

/* ── policy instruments: content/instruments/<slug>.md (one file per tool) ── */
export const instrumentEntrySchema = z.object({
  ...entryBase,
  type: z.enum(INSTRUMENT_TYPES),
  terms: z.array(termSchema).min(1),
  patterns: z.array(patternSchema).default([]),
  exclude: z.array(z.string()).default([]),
});
export type InstrumentEntry = z.output<typeof instrumentEntrySchema>;

/* ── quantitative-target indicators: content/indicators/<slug>.md ── */
/** What a target value measures: a level to reach, a growth by, an annual growth rate. */
export const TARGET_MEASURES = ['level', 'growth', 'annual-growth'] as const;
export const indicatorEntrySchema = z.object({
  ...entryBase,
  /** Units a value of this indicator may have after normalisation (`%`, `家`, `元` …); empty: any unit. */
  units: z.array(z.string()).default([]),
  /** Measures a value of this indicator may have (default all): a share reaches a level or grows in 个百分点. */
  measures: z.array(z.enum(TARGET_MEASURES)).default([...TARGET_MEASURES]),
  /** Words of which the indicator phrase must hold at least one (`占`, `比重` for a share); empty: no requirement. */
  requires: z.array(z.string().min(1)).default([]),
  /** Words in the indicator phrase that identify it (`研发经费`, `R&D`). */
  terms: z.array(termSchema).min(1),
  /** Regular expressions on the indicator phrase, adding their weight to the terms'. */
  patterns: z.array(patternSchema).default([]),
  /** Words that rule the entry out when the indicator phrase holds them (`主营业务收入` for a share of GDP). */
  exclude: z.array(z.string()).default([]),
});
export type IndicatorEntry = z.output<typeof indicatorEntrySchema>;

/* ── named programs and initiatives: content/glossary/<slug>.md ── */
export const glossaryEntrySchema = z.object({
  ...entryBase,
  /** Other spellings that name it (`星火`, `星火科技计划`). */
  aliases: z.array(z.string()).default([]),
  patterns: z.array(patternSchema).default([]),
  /** Related theme slugs. */
  themes: z.array(z.string()).default([]),
  /** Longer phrases containing a name or alias that must not count (`万人计划` in `培训1万人计划`). */
  exclude: z.array(z.string()).default([]),
});
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;

/* ── agencies: content/agencies/<slug>.md (canonical names and their spellings) ── */
export const agencyEntrySchema = z.object({
  ...entryBase,
  /** Other names of the same body, without the level prefix (`科学技术局` for `科技局`). */
  aliases: z.array(z.string()).default([]),
  /** A central body (`科技部`, `海关`): named without a level prefix (`国家科技部` → `科技部`) and never inheriting one from a list. Default false. */
  central: z.boolean().default(false),
  /** The bare name is a common word (`政府`, `科协`): count it only with a level prefix or a place name (`市政府`, `某地海关`). Default false. */
  needsPrefix: z.boolean().default(false),
});
export type AgencyEntry = z.output<typeof agencyEntrySchema>;

/** A loaded entry: its validated frontmatter, its Markdown body and where it came from. */
export type Loaded<T> = T & { body: string; file: string };
