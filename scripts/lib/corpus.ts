/**
 * Corpus-level ingestion with file I/O: reads a seeds folder (with sidecar
 * corrections), runs the pipeline on every file, resolves duplicates across
 * files, and writes the generated content deterministically.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import { corpusSchema, documentIdSchema, documentRecordSchema, frontmatterSchema, type DocumentRecord, type PageDetailField } from '../../src/lib/schema.ts';
import { replaceFrontmatter } from '../pipeline/emit-mdx.ts';
import { linkCorpus, loadKnowledgeBase, type KnowledgeBase } from '../knowledge/index.ts';
import { targetsCsv } from '../knowledge/targets-csv.ts';
import { countMessages, report } from '../pipeline/diagnostics.ts';
import { ingestSeed, type BuiltDocument } from '../pipeline/index.ts';
import { regionOfCode } from '../pipeline/places.ts';
import { parseSidecar, type Sidecar } from '../pipeline/sidecar.ts';
import { shortHash } from '../pipeline/structure.ts';
import { openCache } from './ingest-cache.ts';

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

/** Fewest uncached seed files per extra worker thread. */
const FILES_PER_WORKER = 16;

const SIDECAR = /\.meta\.ya?ml$/u;

/** One seed file to ingest, with its sidecar (if any); everything `processSeed` needs besides the vocabularies. */
export interface SeedJob {
  /** Path relative to the seeds folder, `/`-separated. */
  path: string;
  absolute: string;
  displayPath: string;
  sidecarPath?: string;
  sidecarAbsolute?: string;
  sidecarDisplayPath?: string;
}

/** The outcome of one seed file as plain data (it crosses worker threads and is cached as JSON). */
export interface SeedOutcome {
  /** The sidecar's file and the seed's file, in that order, with their messages. */
  files: SerializedFile[];
  documents: BuiltDocument[];
}

export interface SerializedFile {
  path: string;
  seedPath: string;
  messages: SerializedMessage[];
}

interface SerializedMessage {
  reason: string;
  ruleId: string | undefined;
  source: string | undefined;
  fatal: boolean | null | undefined;
  place: VFileMessage['place'];
  cause: string | undefined;
}

/** Ingests every seed file of a folder in this thread and (by default) writes `documents/*.mdx`, `corpus.json` and `diagnostics.json`. */
export function ingestCorpus(options: IngestOptions): IngestResult {
  const plan = planCorpus(options);
  if (!plan.ok) return plan;
  const outcomes = plan.jobs.map((job, index) => {
    options.onFile?.(index, plan.jobs.length, job.path);
    return processSeed(job, plan.knowledge);
  });
  return finishCorpus(options, plan, outcomes);
}

export interface ParallelIngestOptions extends IngestOptions {
  /** Worker threads for the files not in the cache (default: one per CPU, at most 4; 1 runs in this thread). */
  workers?: number;
  /** Folder of the content-hash cache: a seed whose bytes, sidecar and pipeline code are unchanged is not processed again. */
  cacheDir?: string;
  /** Fewest uncached files per worker thread (default 16): a worker costs about a second to start. */
  filesPerWorker?: number;
}

/**
 * `ingestCorpus` for the command line: the same stages on the same files, with two speed-ups that cannot change
 * the output (tests compare it byte for byte): unchanged seeds come from the content-hash cache, and the others
 * are spread over worker threads.
 */
export async function ingestCorpusParallel(options: ParallelIngestOptions): Promise<IngestResult> {
  const plan = planCorpus(options);
  if (!plan.ok) return plan;
  const cache = options.cacheDir ? openCache(options.cacheDir, options.contentDir) : null;
  const outcomes: (SeedOutcome | undefined)[] = plan.jobs.map((job) => cache?.get(job));
  const missing = plan.jobs.flatMap((job, index) => (outcomes[index] === undefined ? [index] : []));
  // A worker costs about a second to start (modules, division data, vocabularies): only worth it for many files.
  const workers = Math.min(options.workers ?? Math.min(availableParallelism(), 4), Math.floor(missing.length / (options.filesPerWorker ?? FILES_PER_WORKER)));
  let done = 0;
  const progress = (index: number): void => options.onFile?.(done++, missing.length, plan.jobs[index]?.path ?? '');
  if (workers <= 1) {
    for (const index of missing) {
      progress(index);
      outcomes[index] = processSeed(plan.jobs[index] as SeedJob, plan.knowledge);
    }
  } else {
    await runInWorkers(plan.jobs, missing, workers, options.contentDir, (index, outcome) => {
      progress(index);
      outcomes[index] = outcome;
    });
  }
  if (cache) {
    for (const index of missing) cache.set(plan.jobs[index] as SeedJob, outcomes[index] as SeedOutcome);
    cache.keepOnly(plan.jobs);
  }
  return finishCorpus(options, plan, outcomes as SeedOutcome[]);
}

interface Plan {
  ok: true;
  jobs: SeedJob[];
  orphans: string[];
  knowledge: KnowledgeBase;
}

/** Lists the seeds and pairs each with its sidecar; loads the vocabularies. */
function planCorpus(options: IngestOptions): Plan | { ok: false; message: string } {
  const { seedsDir } = options;
  if (!existsSync(seedsDir) || !statSync(seedsDir).isDirectory()) {
    return { ok: false, message: `✖ Seeds folder “${seedsDir}” does not exist or is not a folder.\n  Hint: pass --seeds DIR, or run from the project root where seeds/ lives.` };
  }
  const all = listFiles(seedsDir);
  const sidecars = new Set(all.filter((p) => SIDECAR.test(p)));
  const jobs = all
    .filter((p) => !SIDECAR.test(p))
    .map((path): SeedJob => {
      const sidecarPath = [`${stripExtension(path)}.meta.yaml`, `${stripExtension(path)}.meta.yml`].find((p) => sidecars.has(p));
      if (sidecarPath) sidecars.delete(sidecarPath);
      return {
        path,
        absolute: join(seedsDir, ...path.split('/')),
        displayPath: displayPathOf(seedsDir, path),
        ...(sidecarPath ? { sidecarPath, sidecarAbsolute: join(seedsDir, ...sidecarPath.split('/')), sidecarDisplayPath: displayPathOf(seedsDir, sidecarPath) } : {}),
      };
    });
  return { ok: true, jobs, orphans: [...sidecars].sort(), knowledge: loadKnowledgeBase(options.contentDir) };
}

/** Reads and ingests one seed file (and its sidecar); never throws. */
export function processSeed(job: SeedJob, knowledge: KnowledgeBase): SeedOutcome {
  const files: VFile[] = [];
  let sidecar: Sidecar | undefined;
  if (job.sidecarPath && job.sidecarAbsolute) {
    const sidecarFile = new VFile({ path: job.sidecarDisplayPath, data: { seedPath: job.sidecarPath } });
    sidecar = parseSidecar(readSidecarText(job.sidecarAbsolute, sidecarFile), sidecarFile);
    validateSidecarPlaces(sidecar, sidecarFile);
    files.push(sidecarFile);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(job.absolute);
  } catch (error) {
    const file = new VFile({ path: job.displayPath, data: { seedPath: job.path } });
    report(file, 'error', `Unexpected unreadable file: ${error instanceof Error ? error.message : String(error)}`, 'unreadable', { line: 1, column: 1 });
    files.push(file);
    return { files: files.map(serializeFile), documents: [] };
  }
  const result = ingestSeed({ path: job.path, displayPath: job.displayPath, bytes, sidecar, knowledge });
  result.file.data.seedPath = job.path;
  files.push(result.file);
  return { files: files.map(serializeFile), documents: result.documents };
}

/** Cross-file work, in one thread: orphan sidecars, duplicates, links, output. */
function finishCorpus(options: IngestOptions, plan: Plan, outcomes: readonly SeedOutcome[]): IngestResult {
  const files: VFile[] = [...plan.knowledge.files];
  const built: (BuiltDocument & { file: VFile })[] = [];
  outcomes.forEach((outcome) => {
    const restored = outcome.files.map(restoreFile);
    files.push(...restored);
    const seedFile = restored[restored.length - 1] as VFile;
    // A loop, not push(...documents): a file can hold more documents than a call takes arguments.
    for (const document of outcome.documents) built.push({ ...document, file: seedFile });
  });
  for (const orphan of plan.orphans) {
    const file = new VFile({ path: displayPathOf(options.seedsDir, orphan), data: { seedPath: orphan } });
    report(file, 'warning', 'Unexpected sidecar without a seed file of the same name, expected `<name>.txt` beside it', 'sidecar-orphan', { line: 1, column: 1 });
    files.push(file);
  }
  const documents = withLinks(resolveDuplicates(built));
  if (options.write !== false) writeOutput(options.outDir, documents, files);
  const { errors, warnings } = countMessages(files);
  const summary = `${errors > 0 ? '✖' : '✔'} ${plan.jobs.length} file(s), ${documents.length} document(s), ${errors} error(s), ${warnings} warning(s) → ${options.outDir}`;
  return { ok: true, files, documents, errors, warnings, summary };
}

function serializeFile(file: VFile): SerializedFile {
  return {
    path: file.path,
    seedPath: String(file.data.seedPath ?? file.path),
    messages: file.messages.map((m) => ({
      reason: m.reason,
      ruleId: m.ruleId,
      source: m.source,
      fatal: m.fatal,
      place: m.place,
      cause: m.cause instanceof Error ? m.cause.message : undefined,
    })),
  };
}

function restoreFile(serialized: SerializedFile): VFile {
  const file = new VFile({ path: serialized.path, data: { seedPath: serialized.seedPath } });
  for (const m of serialized.messages) {
    let cause: Error | undefined;
    if (m.cause !== undefined) {
      cause = new Error(m.cause);
      cause.stack = m.cause;
    }
    const message = new VFileMessage(m.reason, { place: m.place ?? undefined, ruleId: m.ruleId, source: m.source, cause });
    message.file = file.path;
    message.fatal = m.fatal;
    file.messages.push(message);
  }
  return file;
}

/** Runs `processSeed` for the given jobs on a pool of worker threads, handing out one file at a time. */
async function runInWorkers(
  jobs: readonly SeedJob[],
  indexes: readonly number[],
  count: number,
  contentDir: string | undefined,
  onDone: (index: number, outcome: SeedOutcome) => void,
): Promise<void> {
  let next = 0;
  const pool = Array.from({ length: count }, () => new Worker(new URL('./ingest-worker.ts', import.meta.url), { workerData: { contentDir } }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolvePromise, reject) => {
            let current = -1;
            const send = (): void => {
              if (next >= indexes.length) {
                resolvePromise();
                return;
              }
              current = indexes[next++] as number;
              worker.postMessage(jobs[current]);
            };
            worker.on('message', (outcome: SeedOutcome) => {
              onDone(current, outcome);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < indexes.length || current >= 0) reject(new Error(`ingest worker exited with code ${code} while working on ${jobs[current]?.path ?? '?'}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
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
    // The page carries its id in the frontmatter: write it again with the new one.
    const { paragraphs: _paragraphs, ...page } = record;
    out.push({ record, mdx: replaceFrontmatter(doc.mdx, frontmatterSchema.parse(page)) });
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

/**
 * Cross-references, cited-by and related documents need the whole corpus. They change only the records: these
 * fields are page detail (PAGE_DETAIL_FIELDS), which the page's frontmatter leaves to the record, so the MDX written
 * per document stays as it is (no second copy of every page in memory).
 */
function withLinks(documents: BuiltDocument[]): BuiltDocument[] {
  // The fields linking changes; the type check fails if one of them ever moves into the frontmatter.
  void (['citations', 'citedBy', 'related'] as const satisfies readonly PageDetailField[]);
  const linked = linkCorpus(documents.map((d) => d.record));
  return documents.map((doc, index) => ({ record: linked[index] ?? doc.record, mdx: doc.mdx }));
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
  const records = documents.map((d) => d.record);
  writeCorpusJson(join(outDir, 'corpus.json'), records);
  writeFileSync(join(outDir, 'targets.csv'), targetsCsv(records));
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

/**
 * Writes `corpus.json` without indentation, one document per line: 60 % of the size of an indented file (which
 * mostly held spaces), still one JSON value, and readable a document at a time. Each record is
 * validated and written in turn, so the corpus is never held twice in memory nor built as one string.
 */
function writeCorpusJson(path: string, documents: readonly DocumentRecord[]): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `{"schemaVersion":${JSON.stringify(corpusSchema.shape.schemaVersion.parse(undefined))},"documents":[\n`);
    documents.forEach((document, index) => {
      const record = documentRecordSchema.parse(document);
      writeSync(fd, `${index > 0 ? ',\n' : ''}${JSON.stringify(record)}`);
    });
    writeSync(fd, `${documents.length > 0 ? '\n' : ''}]}\n`);
  } finally {
    closeSync(fd);
  }
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
