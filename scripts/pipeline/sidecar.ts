/**
 * Corrections without code: `seeds/<name>.meta.yaml` beside a seed fixes any
 * extracted field of a document, or a document boundary. Validated with zod;
 * errors point at the YAML line.
 */
import { z } from 'zod';
import type { VFile } from 'vfile';
import { docTypeSchema, periodSchema } from '../../src/lib/schema.ts';
import { parseYaml } from './yaml.ts';

const regionCorrection = z
  .object({
    /** GB/T 2260 code of the place (6 or 9 digits); names are filled in from the division data. */
    code: z.string().regex(/^\d{6}(\d{3})?$/, 'a GB/T 2260 code has 6 digits (9 for townships)').optional(),
    /** Set to true to clear the place (`region: { unknown: true }`). */
    unknown: z.literal(true).optional(),
  })
  .strict();

/** Fields a maintainer may correct for one document. */
export const documentCorrectionSchema = z
  .object({
    /** Selects the document that contains this seed line. */
    line: z.number().int().positive().optional(),
    /** Or: selects the document by its position in the file (0-based). */
    index: z.number().int().min(0).optional(),
    /** Or: selects the document whose extracted title is exactly this. */
    match: z.string().min(1).optional(),
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "-"').optional(),
    title: z.string().min(1).optional(),
    docType: docTypeSchema.optional(),
    year: z.number().int().min(1949).max(2100).nullable().optional(),
    period: periodSchema.nullable().optional(),
    issuer: z.string().min(1).nullable().optional(),
    docNumber: z.string().min(1).nullable().optional(),
    region: regionCorrection.optional(),
    anonymized: z.boolean().optional(),
    /** Drop this document (e.g. a page of pure chrome mistaken for a document). */
    skip: z.boolean().optional(),
  })
  .strict()
  .refine((d) => [d.line, d.index, d.match].filter((v) => v !== undefined).length === 1, {
    message: 'say which document this corrects with exactly one of `line`, `index` or `match`',
  });
export type DocumentCorrection = z.output<typeof documentCorrectionSchema>;

export const sidecarSchema = z
  .object({
    /** Seed lines where a new document starts. */
    split: z.array(z.number().int().positive()).default([]),
    /** Seed lines where the splitter must not start a document. */
    noSplit: z.array(z.number().int().positive()).default([]),
    documents: z.array(documentCorrectionSchema).default([]),
  })
  .strict();
export type Sidecar = z.output<typeof sidecarSchema>;

export const EMPTY_SIDECAR: Sidecar = { split: [], noSplit: [], documents: [] };

/** Parses and validates a sidecar; problems are reported on `file` at their YAML line, and an invalid sidecar is ignored whole. */
export function parseSidecar(text: string, file: VFile): Sidecar {
  return parseYaml(text, sidecarSchema, file, { ruleId: 'sidecar-invalid', consequence: 'sidecar ignored', what: 'the sidecar' }) ?? EMPTY_SIDECAR;
}
