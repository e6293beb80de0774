/**
 * Corrections without code: `seeds/<name>.meta.yaml` beside a seed fixes any
 * extracted field of a document, or a document boundary. Validated with zod;
 * errors point at the YAML line.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import type { VFile } from 'vfile';
import { docTypeSchema, periodSchema } from '../../src/lib/schema.ts';
import { report } from './diagnostics.ts';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      report(file, 'error', `Unexpected YAML: ${error.message.split('\n')[0] ?? ''}; sidecar ignored`, 'sidecar-invalid', { line: pos.line, column: pos.col });
    }
    return EMPTY_SIDECAR;
  }
  const value: unknown = doc.toJS() ?? {};
  const parsed = sidecarSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    // An unknown key is reported at the key itself, not at the mapping that holds it.
    const keyPath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const node = nodeAt(doc.contents, keyPath, issue.code === 'unrecognized_keys');
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the sidecar';
    const detail = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : issue.message;
    report(file, 'error', `Unexpected value at ${where}: ${detail}; sidecar ignored`, 'sidecar-invalid', { line: pos.line, column: pos.col });
  }
  return EMPTY_SIDECAR;
}

function nodeAt(root: unknown, path: readonly PropertyKey[], wantKey = false): YamlNode | null {
  let node = root as YamlNode | null;
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      if (wantKey && depth === path.length - 1) return pair.key as YamlNode;
      node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof key === 'number') {
      node = (node.items[key] as YamlNode | undefined) ?? node;
    } else {
      return node;
    }
  }
  return node;
}
