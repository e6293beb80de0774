/**
 * Builds the site the browser tests look at: fresh ingest output (or, while there is no ingest
 * script, content/documents as it is) plus the hand-written fixtures, all under test-results/,
 * so the developer's content/ and dist/ are never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root (two levels above this file). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
/** Where the test site is assembled and built (ATLAS_TEST_SITE picks another folder, e.g. for parallel work). */
export const TEST_SITE = process.env.ATLAS_TEST_SITE || join(ROOT, 'test-results', 'site');
/** Content folder of the test build (ingest output plus fixtures). */
export const TEST_CONTENT = join(TEST_SITE, 'content');
/** Built test site. */
export const TEST_DIST = join(TEST_SITE, 'dist');
/** Hand-written sample documents, including hostile text; always part of the test build. */
export const FIXTURE_DOCUMENTS = join(ROOT, 'tests', 'fixtures', 'site-documents');
/** Extra seed texts (hostile input) ingested together with seeds/ through the real pipeline. */
export const FIXTURE_SEEDS = join(ROOT, 'tests', 'fixtures', 'site-seeds');

const INGEST = join(ROOT, 'scripts', 'ingest.ts');
const SEARCH_INDEX = join(ROOT, 'scripts', 'search', 'build-index.ts');
const STAMP = join(TEST_SITE, 'built.stamp');
const INPUTS = ['seeds', 'scripts', 'src', 'content', 'public', 'astro.config.mjs', 'package-lock.json', 'tests/fixtures/site-documents', 'tests/fixtures/site-seeds', 'tests/browser/site-build.ts'];

/** Newest modification time (ms) of a file or anything inside a folder, 0 if missing. */
export function newestMtime(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Runs a Node script with the current Node, failing loudly with its output. */
function run(label: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`[site-build] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Where the documents come from: a fresh ingest, or content/documents as it is. */
function contentMode(): 'ingest' | 'content' {
  // ATLAS_SKIP_INGEST=1 lets the site be tested while the ingest script is mid-change.
  return existsSync(INGEST) && process.env.ATLAS_SKIP_INGEST !== '1' ? 'ingest' : 'content';
}

/** Fills the test content folder from the ingest script, or from content/documents. */
function assembleContent(mode: 'ingest' | 'content'): void {
  const documents = join(TEST_CONTENT, 'documents');
  if (mode === 'ingest') {
    const seeds = join(TEST_SITE, 'seeds');
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    cpSync(FIXTURE_SEEDS, seeds, { recursive: true });
    run('ingest', [relative(ROOT, INGEST), '--seeds', relative(ROOT, seeds), '--out', relative(ROOT, TEST_CONTENT), '--quiet']);
  } else {
    console.log('[site-build] not running scripts/ingest.ts: using content/documents as it is');
    mkdirSync(documents, { recursive: true });
    const existing = join(ROOT, 'content', 'documents');
    if (existsSync(existing)) cpSync(existing, documents, { recursive: true });
  }
  cpSync(FIXTURE_DOCUMENTS, documents, { recursive: true });
}

/** Builds the test site unless the last build is newer than every input; returns the dist folder. */
export function ensureTestSite({ force = process.env.ATLAS_REBUILD === '1' } = {}): string {
  const mode = contentMode();
  const inputs = Math.max(...INPUTS.map((path) => newestMtime(join(ROOT, path))));
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (!force && existsSync(join(TEST_DIST, 'index.html')) && stamp === mode && newestMtime(STAMP) > inputs) {
    console.log('[site-build] test site is up to date (set ATLAS_REBUILD=1 to force a rebuild)');
    return TEST_DIST;
  }
  rmSync(TEST_SITE, { recursive: true, force: true });
  mkdirSync(TEST_SITE, { recursive: true });
  assembleContent(mode);
  run('astro build', ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', relative(ROOT, TEST_DIST)], {
    ATLAS_DOCUMENTS_DIR: relative(ROOT, join(TEST_CONTENT, 'documents')),
    ATLAS_CACHE_DIR: relative(ROOT, join(TEST_SITE, 'astro-cache')),
    // The source view reads the seed files the documents came from.
    ...(mode === 'ingest' ? { ATLAS_SEEDS_DIR: relative(ROOT, join(TEST_SITE, 'seeds')) } : {}),
  });
  // Pagefind indexes the built pages once, as `npm run build` does after `astro build`.
  run('pagefind', [relative(ROOT, SEARCH_INDEX), relative(ROOT, TEST_DIST)]);
  writeFileSync(STAMP, `${mode}\n`);
  return TEST_DIST;
}
