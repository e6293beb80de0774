/**
 * `npm run bench [-- --quick]`: builds synthetic corpora of N = 100, 1,000 and 10,000 documents
 * (`--quick`: 100 and 1,000) with the same commands as `npm run build`, and measures each step:
 * wall time, peak RSS of the process tree, throughput, `dist/` size, pages, Pagefind index size,
 * per-page weight by kind and (with Chromium) the cost of a search. Medians over `--runs` runs for
 * steps that take under a minute. Results go to `scripts/bench/results/<full|quick>.json`; `--readme`
 * also rewrites the table in the README's Performance section.
 */
import { cpus, release, totalmem, type } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../lib/cli.ts';
import { findChromium } from '../lib/chromium.ts';
import { generateCorpus } from './generate.ts';
import { runStep, type StepResult } from './measure.ts';
import { measurePageWeights, type PageWeight } from './page-weight.ts';
import { DEFAULT_QUERIES, measureSearchCost, median, type QueryCost } from './search-cost.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/u, '');
const NODE = process.execPath;

const usage = `Usage: npm run bench -- [--quick] [--sizes 100,1000,10000] [--runs 3] [--work DIR] [--readme] [--no-search]

  --quick        N = 100 and 1,000 only (CI-friendly); results in scripts/bench/results/quick.json
  --sizes LIST   comma-separated corpus sizes (default 100,1000,10000)
  --runs R       runs per short step, medians reported (default 3)
  --work DIR     scratch folder for corpora and builds (default: $TMPDIR/atlas-bench)
  --readme       rewrite the README's Performance table from these results
  --no-search    skip the Chromium search measurement`;

/** What the issue asks of a 2-core machine. */
export const TARGETS = {
  ingestDocsPerSecond: 500,
  fullBuildSeconds: 600,
  peakRssBytes: 4 * 1024 ** 3,
  searchBytes: 300 * 1024,
  searchMs: 300,
  documentPageGzip: 100 * 1024,
} as const;

interface StepSummary {
  /** Median wall time over the runs. */
  seconds: number;
  runs: number[];
  /** Highest peak RSS over the runs, in bytes. */
  peakRss: number | null;
  ok: boolean;
  /** Output tail of a failed run. */
  error?: string;
}

export interface SizeResult {
  documents: number;
  seedFiles: number;
  seedBytes: number;
  generateSeconds: number;
  ingest: StepSummary & { docsPerSecond: number; mbPerSecond: number };
  /** Ingest again with nothing changed (the content-hash cache). */
  ingestUnchanged: StepSummary;
  /** Ingest after one seed file changed. */
  ingestOneChanged: StepSummary;
  astro: StepSummary;
  pagefind: StepSummary;
  /** ingest + astro + pagefind, medians added; peak is the highest of the three. */
  fullBuild: { seconds: number; peakRss: number | null };
  dist: { bytes: number; files: number; pages: number; pagefindBytes: number; pagefindFiles: number };
  pageWeights: PageWeight[];
  search: QueryCost[] | null;
}

/** Runs a step `runs` times (once when the first run takes over a minute) and summarises. */
async function repeat(runs: number, make: (run: number) => { prepare?: () => void; step: Parameters<typeof runStep>[0] }): Promise<StepSummary> {
  const results: StepResult[] = [];
  for (let run = 0; run < runs; run++) {
    const { prepare, step } = make(run);
    prepare?.();
    const result = await runStep(step);
    results.push(result);
    console.error(`  ${step.label}: ${result.seconds.toFixed(2)} s, peak ${formatBytes(result.peakRss)}${result.exitCode === 0 ? '' : `, exit ${result.exitCode}`}`);
    if (result.exitCode !== 0) {
      return { seconds: result.seconds, runs: results.map((r) => r.seconds), peakRss: result.peakRss, ok: false, error: result.tail };
    }
    if (result.seconds > 60) break;
  }
  const peaks = results.map((r) => r.peakRss).filter((p): p is number => p !== null);
  return { seconds: median(results.map((r) => r.seconds)), runs: results.map((r) => r.seconds), peakRss: peaks.length > 0 ? Math.max(...peaks) : null, ok: true };
}

function folderSize(path: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(path)) return { bytes, files };
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

function countPages(dist: string): number {
  if (!existsSync(dist)) return 0;
  return readdirSync(dist, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.html') && !e.parentPath.includes(`${join(dist, 'pagefind')}`)).length;
}

async function benchSize(documents: number, options: { work: string; runs: number; search: boolean }): Promise<SizeResult> {
  const dir = join(options.work, String(documents));
  const seeds = join(dir, 'seeds');
  const content = join(dir, 'content');
  const dist = join(dir, 'dist');
  const cache = join(dir, 'astro-cache');
  console.error(`\n▶ N = ${documents.toLocaleString('en')}`);
  const started = process.hrtime.bigint();
  const generated = generateCorpus({ documents, seedsDir: join(ROOT, 'seeds'), outDir: seeds, seed: 1 });
  const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.error(`  generate: ${generated.files} files, ${(generated.bytes / 1e6).toFixed(1)} MB in ${generateSeconds.toFixed(1)} s`);

  const ingestStep = (label: string) => ({ label, command: NODE, args: [join(ROOT, 'scripts', 'ingest.ts'), '--seeds', seeds, '--out', content, '--quiet'], cwd: ROOT });
  // Cold: no output and no cache, as on a fresh clone.
  const ingest = await repeat(options.runs, () => ({ prepare: () => rmSync(content, { recursive: true, force: true }), step: ingestStep('ingest (cold)') }));
  const ingestUnchanged = await repeat(options.runs, () => ({ step: ingestStep('ingest (unchanged)') }));
  const first = readdirSync(seeds).sort()[0] as string;
  const ingestOneChanged = await repeat(options.runs, (run) => ({
    prepare: () => writeFileSync(join(seeds, first), `${readFileSync(join(seeds, first), 'utf8').replace(/\n$/u, '')}\n附加段落第${run}次修改，用于测量增量构建。\n`),
    step: ingestStep('ingest (one file changed)'),
  }));

  const astro = await repeat(options.runs, () => ({
    prepare: () => {
      rmSync(dist, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    },
    step: {
      label: 'astro build',
      command: NODE,
      args: [join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', dist],
      cwd: ROOT,
      env: { ASTRO_TELEMETRY_DISABLED: '1', ATLAS_DOCUMENTS_DIR: join(content, 'documents'), ATLAS_CACHE_DIR: cache, ATLAS_SEEDS_DIR: seeds },
    },
  }));
  const pagefind = astro.ok
    ? await repeat(options.runs, () => ({ step: { label: 'pagefind', command: NODE, args: [join(ROOT, 'scripts', 'search', 'build-index.ts'), dist], cwd: ROOT } }))
    : { seconds: 0, runs: [], peakRss: null, ok: false, error: 'astro build failed' };

  const distSize = folderSize(dist);
  const pagefindSize = folderSize(join(dist, 'pagefind'));
  const pageWeights = astro.ok ? measurePageWeights(dist) : [];
  let search: QueryCost[] | null = null;
  const chromiumPath = findChromium();
  if (options.search && pagefind.ok && chromiumPath && documents >= 1000) {
    console.error('  search cost in chromium …');
    search = await measureSearchCost({ distDir: dist, chromiumPath, queries: DEFAULT_QUERIES, runs: options.runs });
  }
  const peaks = [ingest.peakRss, astro.peakRss, pagefind.peakRss].filter((p): p is number => p !== null);
  const mb = generated.bytes / 1e6;
  return {
    documents: generated.documents,
    seedFiles: generated.files,
    seedBytes: generated.bytes,
    generateSeconds,
    ingest: { ...ingest, docsPerSecond: generated.documents / ingest.seconds, mbPerSecond: mb / ingest.seconds },
    ingestUnchanged,
    ingestOneChanged,
    astro,
    pagefind,
    fullBuild: { seconds: ingest.seconds + astro.seconds + pagefind.seconds, peakRss: peaks.length > 0 ? Math.max(...peaks) : null },
    dist: { bytes: distSize.bytes, files: distSize.files, pages: countPages(dist), pagefindBytes: pagefindSize.bytes, pagefindFiles: pagefindSize.files },
    pageWeights,
    search,
  };
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function seconds(value: number): string {
  return value >= 120 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;
}

/** A target line: the measured value, and by how much it misses when it does. */
function verdict(measured: number, target: number, higherIsBetter: boolean, format: (n: number) => string): string {
  const met = higherIsBetter ? measured >= target : measured <= target;
  if (met) return `✔ ${format(measured)}`;
  const factor = higherIsBetter ? target / measured : measured / target;
  return `✖ ${format(measured)} (${factor.toFixed(1)}× off the target)`;
}

/** The Markdown tables of the README's Performance section. */
export function markdownReport(results: readonly SizeResult[], machine: Machine): string {
  const lines: string[] = [];
  lines.push(`Measured on ${machine.cpuCount} × ${machine.cpuModel}, ${formatBytes(machine.memoryBytes)} RAM, ${machine.os}, Node ${machine.node}, ${machine.date} (\`npm run bench\`; medians of ${machine.runs} runs for steps under a minute).`, '');
  const header = ['', ...results.map((r) => `N = ${r.documents.toLocaleString('en')}`)];
  const row = (label: string, cell: (r: SizeResult) => string): string => `| ${label} | ${results.map(cell).join(' | ')} |`;
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  lines.push(row('seed files / MB', (r) => `${r.seedFiles.toLocaleString('en')} / ${(r.seedBytes / 1e6).toFixed(1)}`));
  lines.push(row('ingest, cold', (r) => (r.ingest.ok ? `${seconds(r.ingest.seconds)} · ${Math.round(r.ingest.docsPerSecond)} docs/s · ${r.ingest.mbPerSecond.toFixed(2)} MB/s` : 'failed')));
  lines.push(row('ingest, nothing changed', (r) => (r.ingestUnchanged.ok ? seconds(r.ingestUnchanged.seconds) : 'failed')));
  lines.push(row('ingest, one file changed', (r) => (r.ingestOneChanged.ok ? seconds(r.ingestOneChanged.seconds) : 'failed')));
  lines.push(row('astro build', (r) => (r.astro.ok ? seconds(r.astro.seconds) : `failed after ${seconds(r.astro.seconds)}`)));
  lines.push(row('pagefind index', (r) => (r.pagefind.ok ? seconds(r.pagefind.seconds) : 'n/a')));
  lines.push(row('**full build**', (r) => `**${seconds(r.fullBuild.seconds)}**`));
  lines.push(row('peak RSS ingest / astro / pagefind', (r) => [r.ingest.peakRss, r.astro.peakRss, r.pagefind.peakRss].map(formatBytes).join(' / ')));
  lines.push(row('pages · dist size', (r) => `${r.dist.pages.toLocaleString('en')} · ${formatBytes(r.dist.bytes)}`));
  lines.push(row('Pagefind index', (r) => `${formatBytes(r.dist.pagefindBytes)} in ${r.dist.pagefindFiles.toLocaleString('en')} files`));
  const kinds = [...new Set(results.flatMap((r) => r.pageWeights.map((w) => w.kind)))];
  for (const kind of kinds) {
    lines.push(row(`${kind} page, gzip (raw HTML+CSS+JS)`, (r) => {
      const w = r.pageWeights.find((p) => p.kind === kind);
      return w ? `${formatBytes(w.gzip)} (${formatBytes(w.bytes)})` : '–';
    }));
  }
  lines.push(row('search: fetched · first results (median of queries)', (r) => {
    if (!r.search || r.search.length === 0) return '–';
    return `${formatBytes(median(r.search.map((q) => q.typed.bytes)))} · ${Math.round(median(r.search.map((q) => q.typed.ms)))} ms`;
  }));
  lines.push('', ...targetLines(results));
  return lines.join('\n');
}

function targetLines(results: readonly SizeResult[]): string[] {
  const largest = results[results.length - 1];
  if (!largest) return [];
  const n = `N = ${largest.documents.toLocaleString('en')}`;
  const lines = [`Targets (at ${n}):`, ''];
  lines.push(`- ingest ≥ ${TARGETS.ingestDocsPerSecond} documents/s: ${verdict(largest.ingest.docsPerSecond, TARGETS.ingestDocsPerSecond, true, (v) => `${Math.round(v)} docs/s`)}`);
  lines.push(`- full build < 10 min: ${largest.astro.ok ? verdict(largest.fullBuild.seconds, TARGETS.fullBuildSeconds, false, seconds) : '✖ the Astro build failed'}`);
  if (largest.fullBuild.peakRss !== null) lines.push(`- peak memory < 4 GB: ${verdict(largest.fullBuild.peakRss, TARGETS.peakRssBytes, false, formatBytes)}`);
  if (largest.search && largest.search.length > 0) {
    const worstBytes = Math.max(...largest.search.map((q) => q.typed.bytes));
    const worstMs = Math.max(...largest.search.map((q) => q.typed.ms));
    lines.push(`- search fetches < 300 KB (worst query): ${verdict(worstBytes, TARGETS.searchBytes, false, formatBytes)}`);
    lines.push(`- first results < 300 ms (worst query): ${verdict(worstMs, TARGETS.searchMs, false, (v) => `${Math.round(v)} ms`)}`);
  }
  const documentPage = largest.pageWeights.find((w) => w.kind === 'document');
  if (documentPage) lines.push(`- document page < 100 KB transferred: ${verdict(documentPage.gzip, TARGETS.documentPageGzip, false, formatBytes)}`);
  return lines;
}

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  memoryBytes: number;
  os: string;
  node: string;
  date: string;
  runs: number;
}

function machine(runs: number): Machine {
  const list = cpus();
  return {
    cpuModel: (list[0]?.model ?? 'unknown CPU').replace(/\s+/gu, ' ').trim(),
    cpuCount: list.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    date: new Date().toISOString().slice(0, 10),
    runs,
  };
}

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

/** Replaces the generated part of the README's Performance section. */
export function replaceReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        sizes: { type: 'string' },
        runs: { type: 'string', default: '3' },
        work: { type: 'string' },
        readme: { type: 'boolean', default: false },
        'no-search': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const sizes = (values.sizes ?? (values.quick ? '100,1000' : '100,1000,10000')).split(',').map(Number);
  const runs = Number(values.runs);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
    console.error(usage);
    return 2;
  }
  const work = resolve(values.work ?? join(process.env.TMPDIR ?? '/tmp', 'atlas-bench'));
  mkdirSync(work, { recursive: true });
  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await benchSize(n, { work, runs, search: !values['no-search'] }));
  const info = machine(runs);
  const name = values.quick ? 'quick' : values.sizes ? `sizes-${sizes.join('-')}` : 'full';
  const outDir = join(ROOT, 'scripts', 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ machine: info, targets: TARGETS, results }, null, 2)}\n`);
  const report = markdownReport(results, info);
  console.log(`\n${report}\n\n→ scripts/bench/results/${name}.json`);
  if (values.readme) {
    const readmePath = join(ROOT, 'README.md');
    writeFileSync(readmePath, replaceReadmeTable(readFileSync(readmePath, 'utf8'), report));
    console.log('→ README.md Performance section updated');
  }
  return results.every((r) => r.ingest.ok && r.astro.ok && r.pagefind.ok) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
