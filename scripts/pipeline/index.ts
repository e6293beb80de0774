/**
 * The ingestion pipeline, in order. Each stage is a pure function in its own
 * file; this module only chains them per seed file and across the corpus:
 *
 *   decode → normalize → split → strip boilerplate → dedupe → structure
 *   → extract metadata → apply sidecar corrections → assign ids
 *   → knowledge (themes, instruments, targets, agencies, programs, citations) → emit
 */
import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import {
  documentRecordSchema,
  frontmatterSchema,
  type DocumentRecord,
  type Evidence,
} from '../../src/lib/schema.ts';
import { decodeBytes } from './decode.ts';
import { dedupeParagraphs } from './dedupe.ts';
import { report } from './diagnostics.ts';
import { emitMdx, UnsafeMdxError } from './emit-mdx.ts';
import { defaultKnowledgeBase, enrichDocument, type KnowledgeBase } from '../knowledge/index.ts';
import { buildDocumentId } from './ids.ts';
import { extractMetadata, type ExtractedMeta } from './metadata.ts';
import { normalizeText } from './normalize.ts';
import { regionOfCode } from './places.ts';
import { EMPTY_SIDECAR, type DocumentCorrection, type Sidecar } from './sidecar.ts';
import { splitDocuments } from './split.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';
import { structureBody, type StructuredBlock } from './structure.ts';
import type { Segment } from './types.ts';

/** The stages, in the order they run (for readers and for the README). */
export const STAGES = [
  'decode',
  'normalize',
  'split',
  'strip-boilerplate',
  'dedupe',
  'structure',
  'extract-metadata',
  'apply-sidecar',
  'assign-ids',
  'knowledge',
  'emit',
] as const;

export interface SeedInput {
  /** Path relative to the seeds folder, `/`-separated (used in records and messages). */
  path: string;
  /** Path shown in diagnostics (relative to the working directory); defaults to `path`. */
  displayPath?: string;
  bytes: Uint8Array;
  sidecar?: Sidecar;
  /** Vocabularies for themes, instruments, targets, agencies and programs (default: the project's `content/`). */
  knowledge?: KnowledgeBase;
}

/** A document ready to be written: its record and its MDX page. */
export interface BuiltDocument {
  record: DocumentRecord;
  mdx: string;
}

export interface FileResult {
  file: VFile;
  documents: BuiltDocument[];
}

/** Runs every stage on one seed file; problems become messages on the returned vfile, never exceptions. */
export function ingestSeed(seed: SeedInput): FileResult {
  const file = new VFile({ path: seed.displayPath ?? seed.path });
  const documents: BuiltDocument[] = [];
  try {
    const sha256 = createHash('sha256').update(seed.bytes).digest('hex');
    const decoded = decodeBytes(seed.bytes);
    if (!decoded.ok) {
      report(file, decoded.ruleId === 'empty-file' ? 'warning' : 'error', decoded.reason, decoded.ruleId, { line: 1, column: 1 });
      return { file, documents };
    }
    if (decoded.encoding !== 'utf-8') {
      report(file, 'info', `Decoded as ${decoded.encoding.toUpperCase()} (${decoded.notes.join('; ') || 'byte-order mark'})`, 'encoding-detected', { line: 1, column: 1 });
    }
    for (const issue of decoded.issues) report(file, 'warning', issue.reason, issue.ruleId, { line: issue.line, column: 1 });
    const sidecar = seed.sidecar ?? EMPTY_SIDECAR;
    const lines = normalizeText(decoded.text, file);
    if (lines.length === 0) {
      report(file, 'warning', 'Unexpected file without any text, expected policy text', 'empty-file', { line: 1, column: 1 });
      return { file, documents };
    }
    const segments = splitDocuments(lines, file, { forceSplitAt: sidecar.split, forbidSplitAt: sidecar.noSplit });
    for (const segment of segments) {
      const built = buildDocument(segment, seed.path, sha256, decoded.encoding, sidecar, seed.knowledge ?? defaultKnowledgeBase(), file);
      if (built) documents.push(built);
    }
    if (documents.length === 0) {
      report(file, 'warning', 'Unexpected file with no document text (only page chrome or punctuation), expected policy text', 'no-documents', { line: 1, column: 1 });
    }
  } catch (error) {
    // A bug must not take the other files down with it: report it against this file.
    const reason = error instanceof Error ? error.message : String(error);
    report(file, 'error', `Unexpected failure while ingesting this file: ${reason}`, 'internal-error', { line: 1, column: 1 });
  }
  return { file, documents };
}

function buildDocument(
  segment: Segment,
  path: string,
  sha256: string,
  encoding: string,
  sidecar: Sidecar,
  knowledge: KnowledgeBase,
  file: VFile,
): BuiltDocument | null {
  const clean = dedupeParagraphs(stripBoilerplate(segment, file), file);
  const structured = structureBody(clean.body, file);
  if (structured.paragraphs.length === 0) {
    const at = segment.lines[0];
    if (at && segment.lines.length > 0) {
      report(file, 'info', 'Dropped a stretch holding no document text (page chrome only)', 'chrome-only', { line: at.line, column: at.column });
    }
    return null;
  }
  const extracted = extractMetadata(clean, structured, file);
  const correction = findCorrection(sidecar, segment, extracted);
  if (correction?.skip) {
    report(file, 'info', 'Skipped a document as the sidecar asks', 'sidecar-skip', { line: segment.lines[0]?.line ?? 1, column: 1 });
    return null;
  }
  const meta = correction ? applyCorrection(extracted, correction, path) : extracted;
  const kept = [clean.titleLine, clean.compilationHeading, ...clean.header, ...clean.body].filter((l) => l !== null);
  // A loop, not Math.min(...lines): spreading 200,000 lines overflows the call stack.
  const startLine = kept.reduce((min, l) => Math.min(min, l.line), Number.POSITIVE_INFINITY);
  const endLine = kept.reduce((max, l) => Math.max(max, l.line), 0);
  const id = correction?.id ?? buildDocumentId(meta);
  const chars = structured.paragraphs.reduce((sum, p) => sum + [...p.text].length, 0);
  const extractedRecord = documentRecordSchema.parse({
    id,
    title: meta.title,
    docType: meta.docType,
    region: meta.region,
    inferredRegion: meta.inferredRegion,
    year: meta.year,
    period: meta.period,
    issuer: meta.issuer,
    docNumber: meta.docNumber,
    anonymized: meta.anonymized,
    truncated: meta.truncated,
    truncatedParagraphs: meta.truncatedParagraphs,
    themes: [],
    chars,
    source: { file: path, startLine, endLine, sha256, encoding },
    evidence: meta.evidence,
    sections: structured.sections,
    paragraphs: structured.paragraphs,
  });
  const record = enrichDocument(extractedRecord, knowledge);
  const mdx = renderPage(record, structured.blocks, file, startLine);
  return mdx === null ? null : { record, mdx };
}

function renderPage(record: DocumentRecord, blocks: StructuredBlock[], file: VFile, line: number): string | null {
  const { paragraphs: _paragraphs, ...rest } = record;
  const frontmatterData = frontmatterSchema.parse(rest);
  const themes = new Map(record.paragraphs.map((p) => [p.id, p.themes.map((t) => t.theme)]));
  try {
    return emitMdx(frontmatterData, blocks, { themesOf: (id) => themes.get(id) ?? [] });
  } catch (error) {
    if (!(error instanceof UnsafeMdxError)) throw error;
    report(file, 'error', `Unexpected unsafe MDX for “${record.title}”: ${error.message}; page not written`, 'mdx-unsafe', { line, column: 1 });
    return null;
  }
}

function findCorrection(sidecar: Sidecar, segment: Segment, meta: ExtractedMeta): DocumentCorrection | undefined {
  return sidecar.documents.find((c) => {
    if (c.index !== undefined) return c.index === segment.index;
    if (c.match !== undefined) return c.match === meta.title;
    if (c.line !== undefined) return segment.lines.some((l) => l.line === c.line);
    return false;
  });
}

function applyCorrection(meta: ExtractedMeta, correction: DocumentCorrection, path: string): ExtractedMeta {
  const next: ExtractedMeta = { ...meta, evidence: [...meta.evidence] };
  const sidecarPath = path.replace(/\.[^./]+$/u, '') + '.meta.yaml';
  const note = (field: string, value: unknown): void => {
    const evidence: Evidence = { field, phrase: JSON.stringify(value), line: 1, column: 1, rule: 'sidecar', note: `由维护者在 ${sidecarPath} 中更正 (corrected by a maintainer in ${sidecarPath})` };
    next.evidence = [...next.evidence.filter((e) => e.field !== field), evidence];
  };
  if (correction.title !== undefined) (next.title = correction.title), note('title', correction.title);
  if (correction.docType !== undefined) (next.docType = correction.docType), note('docType', correction.docType);
  if (correction.year !== undefined) (next.year = correction.year), note('year', correction.year);
  if (correction.period !== undefined) (next.period = correction.period), note('period', correction.period);
  if (correction.issuer !== undefined) (next.issuer = correction.issuer), note('issuer', correction.issuer);
  if (correction.docNumber !== undefined) (next.docNumber = correction.docNumber), note('docNumber', correction.docNumber);
  if (correction.anonymized !== undefined) (next.anonymized = correction.anonymized), note('anonymized', correction.anonymized);
  if (correction.region !== undefined) {
    next.region = correction.region.code ? regionOfCode(correction.region.code) : regionOfCode('');
    next.inferredRegion = null;
    note('region', correction.region);
  }
  return next;
}
