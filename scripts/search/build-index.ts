/**
 * Builds the Pagefind index of a built site, once, after `astro build`:
 * `node scripts/search/build-index.ts dist`. Document pages (those with
 * `data-pagefind-body`) are indexed through Pagefind's Node API from their
 * index-only copies (`index-copy.ts`), and the search dictionary is written
 * to `dist/search/terms.json` for the search page to rewrite queries with.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { loadKnowledgeBase } from '../knowledge/index.ts';
import { loadSearchTerms } from './dictionary.ts';
import { hasPagefindBody, prepareForIndex } from './index-copy.ts';
import { buildMatcher, TOKEN_PREFIX } from './terms.ts';

/** Where the search page finds the dictionary, relative to the site root. */
export const TERMS_PATH = 'search/terms.json';

/** What `terms.json` holds. */
export interface TermsFile {
  /** Token prefix, so the page can check it speaks the same scheme. */
  prefix: string;
  /** Dictionary terms, sorted. */
  terms: string[];
}

export interface BuildIndexOptions {
  /** Built site folder. */
  dist: string;
  /** Dictionary terms (see `dictionary.ts`). */
  terms: string[];
  /** Add whole-term tokens (default true; false gives Pagefind's plain index, for measurements). */
  annotate?: boolean;
  /** Bundle folder (default `<dist>/pagefind`). */
  outputPath?: string;
}

export interface BuildIndexResult {
  pages: number;
  outputPath: string;
}

/** Pages handed to Pagefind before waiting for the oldest to be indexed. */
const IN_FLIGHT = 8;

/** Every `.html` file below a folder, sorted, as paths relative to it. */
async function listHtml(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listHtml(root, full)));
    else if (entry.name.endsWith('.html')) out.push(relative(root, full));
  }
  return out.sort();
}

/** Site URL of a built file: `documents/x/index.html` → `/documents/x/`. */
export function urlOfFile(path: string): string {
  const slashed = path.split(sep).join('/');
  return '/' + slashed.replace(/(^|\/)index\.html$/, '$1');
}

/** Indexes a built site and writes the Pagefind bundle and `terms.json`. */
export async function buildSearchIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const dist = resolve(options.dist);
  const outputPath = resolve(options.outputPath ?? join(dist, 'pagefind'));
  const matcher = buildMatcher(options.terms);
  const annotate = options.annotate ?? true;
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not create an index: ${errors.join('; ')}`);
  try {
    let pages = 0;
    // Pagefind indexes in its own process: the next page is read and annotated here while it indexes the last
    // ones. Pages are still sent in path order (the index comes out byte-identical); a few are kept in flight.
    const inFlight: Promise<void>[] = [];
    for (const path of await listHtml(dist)) {
      const html = await readFile(join(dist, path), 'utf8');
      if (!hasPagefindBody(html)) continue;
      const content = annotate ? prepareForIndex(html, matcher) : html;
      const added = index.addHTMLFile({ url: urlOfFile(path), content }).then((result) => {
        if (result.errors.length > 0) throw new Error(`Pagefind could not index ${path}: ${result.errors.join('; ')}`);
      });
      // Awaited below; the no-op handler only keeps Node from calling a failure unhandled before then.
      added.catch(() => undefined);
      inFlight.push(added);
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      pages++;
    }
    await Promise.all(inFlight);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    const termsFile: TermsFile = { prefix: TOKEN_PREFIX, terms: annotate ? options.terms : [] };
    await mkdir(join(dist, 'search'), { recursive: true });
    await writeFile(join(dist, TERMS_PATH), JSON.stringify(termsFile));
    return { pages, outputPath };
  } finally {
    await pagefind.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const dist = argv[0];
  if (!dist || argv.length > 1) {
    console.error('Usage: node scripts/search/build-index.ts <dist folder>');
    return 2;
  }
  const started = Date.now();
  const terms = loadSearchTerms(loadKnowledgeBase());
  try {
    const result = await buildSearchIndex({ dist, terms });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`✔ Pagefind: ${result.pages} page(s), ${terms.length} whole-term tokens → ${relative(process.cwd(), result.outputPath)} (${seconds}s)`);
    if (result.pages === 0) console.warn("⚠ Pagefind: no page carries data-pagefind-body; the search page will find nothing");
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
