/**
 * Corpus-level ingestion with file I/O: reads a seeds folder (with sidecar
 * corrections), runs the pipeline on every file, resolves duplicates across
 * files, and writes the generated content deterministically.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { corpusSchema, documentIdSchema, frontmatterSchema, type DocumentRecord } from '../../src/lib/schema.ts';
import { linkCorpus, loadKnowledgeBase } from '../knowledge/index.ts';
import { targetsCsv } from '../knowledge/targets-csv.ts';
import { replaceFrontmatter } from '../pipeline/emit-mdx.ts';
import { countMessages, report } from '../pipeline/diagnostics.ts';
import { ingestSeed, type BuiltDocument } from '../pipeline/index.ts';
import { regionOfCode } from '../pipeline/places.ts';
import { parseSidecar, type Sidecar } from '../pipeline/sidecar.ts';
import { shortHash } from '../pipeline/structure.ts';

export interface IngestOptions {
  seedsDir: string;
  outDir: string;
  /** Folder holding the vocabularies (`themes/`, `glossary/` …); default: the project's `content/`. */
  contentDir?: string;
  /** Called before each file (for progress on a terminal). */
  onFile?: (index: number, total: number, path: string) => void;
  /** Write output files (default true); tests may only want the records. */
  write?: boolean;
}

export type IngestResult =
  | {
      ok: true;
      files: VFile[];
      documents: BuiltDocument[];
      errors: number;
      warnings: number;
      summary: string;
    }
  | { ok: false; message: string };

const SIDECAR = /\.meta\.ya?ml$/u;

/** Ingests every seed file of a folder and (by default) writes `documents/*.mdx`, `corpus.json` and `diagnostics.json`. */
export function ingestCorpus(options: IngestOptions): IngestResult {
  const { seedsDir, outDir } = options;
  if (!existsSync(seedsDir) || !statSync(seedsDir).isDirectory()) {
    return { ok: false, message: `✖ Seeds folder “${seedsDir}” does not exist or is not a folder.\n  Hint: pass --seeds DIR, or run from the project root where seeds/ lives.` };
  }
  const all = listFiles(seedsDir);
  const seeds = all.filter((p) => !SIDECAR.test(p));
  const sidecars = new Set(all.filter((p) => SIDECAR.test(p)));
  const knowledge = loadKnowledgeBase(options.contentDir);
  const files: VFile[] = [...knowledge.files];
  const built: (BuiltDocument & { file: VFile })[] = [];

  seeds.forEach((path, index) => {
    options.onFile?.(index, seeds.length, path);
    const absolute = join(seedsDir, ...path.split('/'));
    const displayPath = displayPathOf(seedsDir, path);
    const sidecarPath = [`${stripExtension(path)}.meta.yaml`, `${stripExtension(path)}.meta.yml`].find((p) => sidecars.has(p));
    let sidecar: Sidecar | undefined;
    if (sidecarPath) {
      sidecars.delete(sidecarPath);
      const sidecarFile = new VFile({ path: displayPathOf(seedsDir, sidecarPath), data: { seedPath: sidecarPath } });
      sidecar = parseSidecar(readSidecarText(join(seedsDir, sidecarPath), sidecarFile), sidecarFile);
      validateSidecarPlaces(sidecar, sidecarFile);
      files.push(sidecarFile);
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(absolute);
    } catch (error) {
      const file = new VFile({ path: displayPath, data: { seedPath: path } });
      report(file, 'error', `Unexpected unreadable file: ${error instanceof Error ? error.message : String(error)}`, 'unreadable', { line: 1, column: 1 });
      files.push(file);
      return;
    }
    const result = ingestSeed({ path, displayPath, bytes, sidecar, knowledge });
    result.file.data.seedPath = path;
    files.push(result.file);
    // A loop, not push(...documents): a file can hold more documents than a call takes arguments.
    for (const document of result.documents) built.push({ ...document, file: result.file });
  });

  for (const orphan of [...sidecars].sort()) {
    const file = new VFile({ path: displayPathOf(seedsDir, orphan), data: { seedPath: orphan } });
    report(file, 'warning', 'Unexpected sidecar without a seed file of the same name, expected `<name>.txt` beside it', 'sidecar-orphan', { line: 1, column: 1 });
    files.push(file);
  }

  const documents = withLinks(resolveDuplicates(built));
  if (options.write !== false) writeOutput(outDir, documents, files);
  const { errors, warnings } = countMessages(files);
  const summary = `${errors > 0 ? '✖' : '✔'} ${seeds.length} file(s), ${documents.length} document(s), ${errors} error(s), ${warnings} warning(s) → ${outDir}`;
  return { ok: true, files, documents, errors, warnings, summary };
}

/** Every file below a folder, as sorted `/`-separated relative paths (dot-files skipped). */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  // Code-point order, independent of locale and of the order the file system lists entries in.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A seed's path as shown in messages: relative to the working directory, `/`-separated. */
function displayPathOf(seedsDir: string, path: string): string {
  return relative(process.cwd(), join(seedsDir, ...path.split('/'))).split(sep).join('/') || path;
}

/**
 * A sidecar's text; an unreadable sidecar or one that is not UTF-8 is reported (the YAML parser would
 * otherwise read UTF-16 or GBK bytes as garbage and report confusing positions) and read as empty.
 */
function readSidecarText(path: string, file: VFile): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    report(file, 'error', `Unexpected unreadable sidecar: ${error instanceof Error ? error.message : String(error)}; sidecar ignored`, 'sidecar-invalid', { line: 1, column: 1 });
    return '';
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    report(file, 'error', 'Unexpected bytes that are not UTF-8, expected a UTF-8 YAML file; sidecar ignored', 'sidecar-invalid', { line: 1, column: 1 });
    return '';
  }
}

function stripExtension(path: string): string {
  return path.replace(/\.[^./]+$/u, '');
}

function validateSidecarPlaces(sidecar: Sidecar, file: VFile): void {
  sidecar.documents.forEach((correction, index) => {
    const code = correction.region?.code;
    if (code && regionOfCode(code).level === 'unknown') {
      report(file, 'error', `Unexpected region code ${code} at \`documents.${index}.region.code\`, expected a GB/T 2260 code in the division data`, 'sidecar-invalid', { line: 1, column: 1 });
    }
  });
}

/**
 * The same document twice (two files, or pasted twice) is kept once; different documents sharing an id get a suffix.
 * Which one keeps the plain id, and every suffix, depend only on the documents' own text, never on file names or
 * the order files are read in, so renaming or adding an unrelated seed does not swap ids.
 */
function resolveDuplicates(built: (BuiltDocument & { file: VFile })[]): BuiltDocument[] {
  const ordered = built
    .map((doc) => ({ doc, key: contentKey(doc.record) }))
    .sort((a, b) => compare(a.doc.record.id, b.doc.record.id) || compare(a.key, b.key))
    .map(({ doc }) => doc);
  const byId = new Map<string, BuiltDocument & { file: VFile }>();
  const out: BuiltDocument[] = [];
  for (const doc of ordered) {
    const first = byId.get(doc.record.id);
    if (!first) {
      byId.set(doc.record.id, doc);
      out.push(doc);
      continue;
    }
    const place = { line: doc.record.source.startLine, column: 1 };
    if (sameText(first.record, doc.record)) {
      report(doc.file, 'warning', `Unexpected second copy of “${doc.record.title}” (first in ${first.record.source.file}:${first.record.source.startLine}), expected each document once; skipped`, 'duplicate-document', place);
      continue;
    }
    let id = documentIdSchema.parse(`${doc.record.id}-${shortHash(contentKey(doc.record), 4)}`);
    for (let n = 2; byId.has(id); n++) id = documentIdSchema.parse(`${doc.record.id}-${shortHash(`${contentKey(doc.record)}\u0000${n}`, 4)}`);
    report(doc.file, 'warning', `Unexpected id collision with ${first.record.source.file}:${first.record.source.startLine} for “${doc.record.id}”, expected unique ids; this document gets “${id}” (set \`id\` in a sidecar to choose one)`, 'id-collision', place);
    const record = { ...doc.record, id };
    out.push({ record, mdx: doc.mdx });
    byId.set(id, { ...doc, record });
  }
  return out.sort((a, b) => compare(a.record.id, b.record.id));
}

/** A document's own text (title and paragraphs): what decides between documents that share an id. */
function contentKey(record: DocumentRecord): string {
  return `${record.title}\u0000${record.paragraphs.map((p) => p.text).join('\n')}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Cross-references, cited-by and related documents need the whole corpus; the pages' frontmatter is rewritten with them. */
function withLinks(documents: BuiltDocument[]): BuiltDocument[] {
  const linked = linkCorpus(documents.map((d) => d.record));
  return documents.map((doc, index) => {
    const record = linked[index] ?? doc.record;
    const { paragraphs: _paragraphs, ...rest } = record;
    return { record, mdx: replaceFrontmatter(doc.mdx, frontmatterSchema.parse(rest)) };
  });
}

function sameText(a: DocumentRecord, b: DocumentRecord): boolean {
  const text = (r: DocumentRecord): string => r.paragraphs.map((p) => p.text).join('\n');
  return a.title === b.title && text(a) === text(b);
}

function writeOutput(outDir: string, documents: BuiltDocument[], files: VFile[]): void {
  const docsDir = join(outDir, 'documents');
  // documents/ is generated only: clear it so removed seeds leave no stale pages.
  rmSync(docsDir, { recursive: true, force: true });
  mkdirSync(docsDir, { recursive: true });
  for (const { record, mdx } of documents) writeFileSync(join(docsDir, `${record.id}.mdx`), mdx);
  const corpus = corpusSchema.parse({ schemaVersion: 1, documents: documents.map((d) => d.record) });
  writeFileSync(join(outDir, 'corpus.json'), `${JSON.stringify(corpus, null, 2)}\n`);
  writeFileSync(join(outDir, 'targets.csv'), targetsCsv(corpus.documents));
  const diagnostics = files.flatMap((file) =>
    file.messages.map((m) => ({
      // Relative to the seeds folder (like `source.file`), so the output does not depend on where the folder is.
      file: String(file.data.seedPath ?? file.path),
      line: m.line ?? null,
      column: m.column ?? null,
      severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
      ruleId: m.ruleId ?? null,
      message: m.reason,
    })),
  );
  writeFileSync(join(outDir, 'diagnostics.json'), `${JSON.stringify({ diagnostics }, null, 2)}\n`);
}

/** Formats messages like remark-lint (`seeds/x.txt` then `12:1-12:40 warning … rule-id atlas`). */
export function formatReport(files: VFile[], options: { verbose: boolean; quiet: boolean }): string {
  if (options.quiet) return '';
  const shown = files.map((file) => {
    const copy = new VFile({ path: file.path });
    copy.messages = options.verbose ? file.messages : file.messages.filter((m) => m.fatal !== undefined && m.fatal !== null);
    return copy;
  });
  return reporter(shown, { quiet: true });
}
