/**
 * `npm run check`: what a maintainer (or a pull request's reviewer) runs after adding or changing
 * a seed. Ingests the whole seeds folder as CI does (strict, into a temporary folder that is
 * removed afterwards), checks the sidecar corrections, and prints for each seed file the
 * documents it produced — every metadata value with the phrase and line it was read from — and
 * every diagnostic. Exit 1 when any file has an error, 2 on a usage error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseCommandLine } from './lib/cli.ts';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { formatPeriod, formatPlace } from '../src/lib/display.ts';
import type { DocumentRecord, Evidence } from '../src/lib/schema.ts';
import { report } from './pipeline/diagnostics.ts';
import { parseSidecar } from './pipeline/sidecar.ts';

const usage = `Usage: npm run check -- [--seeds DIR] [--changed [--base REF]] [FILE …]

  Ingests every seed in --strict mode into a temporary folder, checks the sidecars, and prints
  per seed file the documents found (id, title, place, year, type, issuer, number, each with the
  phrase and line it was read from; themes; number of targets) and every diagnostic.

  FILE …        show only these seed files (paths, or names inside the seeds folder)
  --changed     show only seed files changed against origin/main (HEAD when there is none),
                including uncommitted and new files and files whose sidecar changed
  --base REF    with --changed: compare against REF instead
  --seeds DIR   folder of seed texts (default: seeds)

  Exit status: 0 without errors, 1 when any file has an error (as --strict), 2 on a usage error.`;

/** A usage problem: printed with the usage text, exit 2. */
class UsageError extends Error {}

const SIDECAR = /\.meta\.ya?ml$/u;

/** Metadata fields in the order they are printed, with the label shown. */
const FIELDS = [
  ['title', 'title'],
  ['region', 'place'],
  ['year', 'year'],
  ['period', 'period'],
  ['docType', 'docType'],
  ['issuer', 'issuer'],
  ['docNumber', 'docNumber'],
  ['anonymized', 'anonymized'],
] as const;

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      options: {
        seeds: { type: 'string', default: 'seeds' },
        changed: { type: 'boolean', default: false },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.base !== undefined && !values.changed) {
    console.error(`--base needs --changed\n\n${usage}`);
    return 2;
  }
  // Which files to show is settled before the (slower) ingest, so a mistyped name fails at once.
  let selection: Selection | null = null;
  if (existsSync(values.seeds) && statSync(values.seeds).isDirectory()) {
    try {
      if (values.changed) selection = changedFiles(values.seeds, values.base);
      else if (positionals.length > 0) selection = { paths: positionals.map((p) => seedPathOf(values.seeds, p)), removed: [], against: null };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
  }
  // Loaded only now: the pipeline's data (divisions, script conversion) takes a second to load.
  const { ingestCorpus } = await import('./lib/corpus.ts');
  const out = mkdtempSync(join(tmpdir(), 'atlas-check-'));
  try {
    const result = ingestCorpus({ seedsDir: values.seeds, outDir: out });
    if (!result.ok) {
      console.error(result.message);
      return 2;
    }
    const byPath = new Map(result.files.filter((file) => typeof file.data.seedPath === 'string').map((file) => [String(file.data.seedPath), file]));
    selection ??= { paths: [...byPath.keys()], removed: [], against: null };
    const shown = selectFiles(selection.paths, byPath);

    const documentsByFile = Map.groupBy(result.documents.map((d) => d.record), (r) => r.source.file);
    // Every sidecar, shown or not, so the exit status does not depend on what is shown.
    for (const path of byPath.keys()) {
      const sidecarPath = sidecarOf(path, byPath);
      if (sidecarPath) checkCorrections(values.seeds, byPath.get(sidecarPath)!, documentsByFile.get(path) ?? []);
    }

    const lines: string[] = [];
    if (selection.against !== null) {
      lines.push(`Changed against ${selection.against}: ${shown.length} seed file(s)${selection.removed.length > 0 ? `, ${selection.removed.length} removed` : ''}`);
      for (const removed of selection.removed) lines.push(`  removed: ${join(values.seeds, removed)}`);
      lines.push('');
    }
    for (const path of shown) {
      const sidecarPath = sidecarOf(path, byPath);
      lines.push(...fileBlock(byPath.get(path)!, documentsByFile.get(path) ?? [], sidecarPath ? byPath.get(sidecarPath) : undefined), '');
    }

    // Errors elsewhere fail the run too, so say where they are.
    const shownFiles = new Set(shown.flatMap((p) => [p, sidecarOf(p, byPath) ?? p]));
    const elsewhere = result.files.filter((file) => !shownFiles.has(String(file.data.seedPath ?? '')) && file.messages.some((m) => m.fatal === true));
    if (elsewhere.length > 0) {
      lines.push('Errors in files not shown above:', indent(formatMessages(elsewhere, (m) => m.fatal === true), 2), '');
    }
    const errors = result.files.reduce((n, file) => n + file.messages.filter((m) => m.fatal === true).length, 0);
    const warnings = result.files.reduce((n, file) => n + file.messages.filter((m) => m.fatal === false).length, 0);
    const seeds = [...byPath.keys()].filter((p) => !SIDECAR.test(p)).length;
    lines.push(`${errors > 0 ? '✖' : '✔'} ${seeds} seed file(s), ${result.documents.length} document(s), ${errors} error(s), ${warnings} warning(s)${shown.length < seeds ? `; ${shown.length} shown` : ''}`);
    console.log(lines.join('\n'));
    return errors > 0 ? 1 : 0;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Which seed files to show, and (with --changed) which were removed and what they were compared to. */
interface Selection {
  paths: string[];
  removed: string[];
  against: string | null;
}

/** A command-line file name (a path, or a name inside the seeds folder) as a path relative to the seeds folder. */
function seedPathOf(seedsDir: string, name: string): string {
  const root = resolve(seedsDir);
  const asGiven = resolve(name);
  const inside = resolve(root, name);
  for (const path of isAbsolute(name) ? [asGiven] : [asGiven, inside]) {
    if (path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile()) return relative(root, path).split(sep).join('/');
  }
  throw new UsageError(`✖ ${name} is not a file in the seeds folder ${seedsDir}\n  Hint: name seed files as paths (seeds/x.txt) or as names inside the seeds folder (x.txt).`);
}

/** Seed files (and sidecars) changed against a base revision, from git, as paths relative to the seeds folder. */
function changedFiles(seedsDir: string, base: string | undefined): Selection {
  const git = (...args: string[]): string => {
    const run = spawnSync('git', args, { cwd: seedsDir, encoding: 'utf8' });
    if (run.status !== 0) throw new UsageError(`✖ git ${args.join(' ')} failed: ${(run.stderr || run.error?.message || '').trim()}\n  Hint: --changed needs the seeds folder inside a git checkout.`);
    return run.stdout;
  };
  const has = (ref: string): boolean => spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: seedsDir }).status === 0;
  const against = base ?? (has('origin/main') ? 'origin/main' : 'HEAD');
  if (!has(against)) throw new UsageError(`✖ Unknown revision ${against} for --changed`);
  // Against origin/main, compare with where this branch left it, so others' later commits do not show.
  const from = against === 'HEAD' ? 'HEAD' : git('merge-base', against, 'HEAD').trim();
  const paths = new Set<string>();
  const removed: string[] = [];
  // -z: paths unquoted (Chinese file names) and NUL-separated.
  const changes = git('diff', '-z', '--name-status', '--no-renames', '--relative', from, '--', '.').split('\0');
  for (let i = 0; i + 1 < changes.length; i += 2) {
    const [status, path] = [changes[i]!, changes[i + 1]!];
    if (status === 'D') removed.push(path);
    else paths.add(path);
  }
  for (const path of git('ls-files', '-z', '--others', '--exclude-standard', '--', '.').split('\0')) if (path) paths.add(path);
  return { paths: [...paths].sort(), removed: removed.sort(), against };
}

/** The files to print: each seed once (a changed sidecar brings its seed), and sidecars without a seed. */
function selectFiles(paths: readonly string[], byPath: ReadonlyMap<string, VFile>): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    if (SIDECAR.test(path)) {
      const seed = [...byPath.keys()].find((p) => !SIDECAR.test(p) && sidecarOf(p, byPath) === path);
      if (seed) out.add(seed);
      else if (byPath.has(path)) out.add(path);
    } else if (byPath.has(path)) out.add(path);
  }
  return [...out].sort();
}

/** The sidecar path of a seed, when it has one. */
function sidecarOf(seedPath: string, byPath: ReadonlyMap<string, VFile>): string | undefined {
  if (SIDECAR.test(seedPath)) return undefined;
  const stem = seedPath.replace(/\.[^./]+$/u, '');
  return [`${stem}.meta.yaml`, `${stem}.meta.yml`].find((p) => byPath.has(p));
}

/**
 * Reports corrections that selected no document, which the pipeline applies silently: a `match`
 * title that no document of the seed has (an error), or a `line` outside every document (a
 * warning: the line may be page chrome above a title). `index` and `skip` cannot be checked from
 * the records.
 */
function checkCorrections(seedsDir: string, sidecarFile: VFile, records: readonly DocumentRecord[]): void {
  if (sidecarFile.messages.some((m) => m.fatal === true)) return;
  const text = readFileSync(join(seedsDir, String(sidecarFile.data.seedPath)), 'utf8');
  const sidecar = parseSidecar(text, new VFile());
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter });
  const items = isMap(yaml.contents) ? yaml.contents.get('documents', true) : null;
  const lineOf = (index: number): number => {
    const node = isSeq(items) ? (items.items[index] as { range?: [number, number, number] } | undefined) : undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  sidecar.documents.forEach((correction, index) => {
    if (correction.skip) return;
    const place = { line: lineOf(index), column: 1 };
    if (correction.match !== undefined) {
      const title = correction.title ?? correction.match;
      if (!records.some((r) => r.title === title)) {
        const closest = [...records].sort((a, b) => editDistance(a.title, title) - editDistance(b.title, title))[0];
        report(sidecarFile, 'error', `Unexpected \`match: ${correction.match}\` that is no document's title in this seed, expected an extracted title${closest ? ` such as “${closest.title}”` : ''}; correction not applied`, 'sidecar-unmatched', place);
      }
    } else if (correction.line !== undefined) {
      const line = correction.line;
      if (!records.some((r) => r.source.startLine <= line && line <= r.source.endLine)) {
        report(sidecarFile, 'warning', `Unexpected \`line: ${line}\` outside every document of this seed (${[...records].sort((a, b) => a.source.startLine - b.source.startLine).map((r) => `${r.source.startLine}–${r.source.endLine}`).join(', ') || 'none'}); check that the correction was applied`, 'sidecar-unmatched', place);
      }
    }
  });
}

/** Levenshtein distance over code points (titles are short), to suggest the title a typo meant. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The printed block of one seed file: its documents with their metadata and evidence, then its diagnostics. */
function fileBlock(file: VFile, records: readonly DocumentRecord[], sidecar: VFile | undefined): string[] {
  const count = (files: VFile[], fatal: boolean | null | undefined): number => files.reduce((n, f) => n + f.messages.filter((m) => (m.fatal ?? null) === (fatal ?? null)).length, 0);
  const files = sidecar ? [file, sidecar] : [file];
  const lines = [`${file.path} — ${records.length} document(s), ${count(files, true)} error(s), ${count(files, false)} warning(s), ${count(files, null)} info`];
  if (sidecar) lines.push(`  sidecar ${sidecar.path}`);
  const sorted = [...records].sort((a, b) => a.source.startLine - b.source.startLine);
  for (const record of sorted) lines.push('', ...documentBlock(record));
  if (records.length === 0 && !SIDECAR.test(String(file.data.seedPath))) lines.push('', '  no documents');
  const messages = formatMessages(files, () => true);
  if (messages !== '') lines.push('', '  diagnostics:', indent(messages, 2));
  return lines;
}

/** One document: id and lines, each metadata value with its evidence, themes and targets. */
function documentBlock(record: DocumentRecord): string[] {
  const lines = [`  ${record.id}  (lines ${record.source.startLine}–${record.source.endLine}${record.truncated ? `, truncated: ${record.truncatedParagraphs} paragraph(s)` : ''})`];
  for (const [field, label] of FIELDS) {
    const evidence = record.evidence.filter((e) => e.field === field);
    if (field === 'anonymized' && !record.anonymized && evidence.length === 0) continue;
    if (field === 'period' && record.period === null && evidence.length === 0) continue;
    lines.push(`    ${label.padEnd(10)} ${valueOf(record, field)}`);
    for (const e of evidence) lines.push(`               ← ${describeEvidence(e)}`);
    if (field === 'region' && record.inferredRegion) {
      lines.push(`    ${'inferred'.padEnd(10)} ${formatPlace(record.inferredRegion) ?? '—'} (${record.inferredRegion.code}), from clues only`);
      for (const clue of record.inferredRegion.clues) lines.push(`               ← ${describeEvidence(clue)}`);
    }
  }
  lines.push(`    ${'themes'.padEnd(10)} ${record.themes.join(', ') || '—'}`);
  lines.push(`    ${'targets'.padEnd(10)} ${record.targets.length}`);
  return lines;
}

function valueOf(record: DocumentRecord, field: (typeof FIELDS)[number][0]): string {
  switch (field) {
    case 'region':
      return record.region.code ? `${formatPlace(record.region)} (${record.region.code})` : '—';
    case 'period':
      return formatPeriod(record.period) ?? '—';
    case 'anonymized':
      return record.anonymized ? 'yes' : 'no';
    default:
      return record[field] === null ? '—' : String(record[field]);
  }
}

/** `16:8 “实施方案” title-ending — 标题结尾 (title ending)` */
function describeEvidence(e: Evidence): string {
  return `${e.line}:${e.column} “${e.phrase}” ${e.rule}${e.note ? ` — ${e.note}` : ''}`;
}

/** Messages of files in the remark-lint layout (`file` then `line:col severity message rule-id`), including info. */
function formatMessages(files: readonly VFile[], keep: (message: VFile['messages'][number]) => boolean): string {
  const texts = files.flatMap((file) => {
    const copy = new VFile({ path: file.path });
    copy.messages = file.messages.filter(keep);
    if (copy.messages.length === 0) return [];
    // One file per call, so columns line up within a file only; the closing total is dropped
    // because each block states its own counts.
    const text = reporter([copy], { quiet: true }).replace(/\n+$/u, '');
    return [text.replace(/\n+(?:\d+ messages? \([^)]*\)|[⚠✖] \d+ (?:warnings?|errors?)[^\n]*)$/u, '')];
  });
  return texts.join('\n\n');
}

function indent(text: string, by: number): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${' '.repeat(by)}${line}`))
    .join('\n');
}

process.exitCode = await main();
