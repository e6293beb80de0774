/**
 * Page weight of the built site: for each kind of page (home, document, theme …), one representative
 * page and every file it loads before search is opened — the HTML, its stylesheets, scripts and their
 * static imports, module preloads, images and icon — read straight from the dist folder.
 *
 * What counts: everything the HTML references statically, and every static `import` of a module script,
 * followed recursively. Dynamic `import()` is never followed, which is what keeps Pagefind out (the
 * search page loads it with `import()`; `search-cost.ts` measures it); a page that references a Pagefind
 * file statically pays for it here. Inline `<style>` and `<script>` are part of the HTML bytes.
 *
 *   node scripts/bench/page-weight.ts <dist>
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeHTMLAttribute } from 'entities';
import { parseCommandLine } from '../lib/cli.ts';

/** Weight of the representative page of one kind. All sizes in bytes. */
export interface PageWeight {
  /** Kind of page, from its URL (`document`, `theme`, … or `other`). */
  kind: string;
  /** URL path of the representative page, e.g. `/documents/x/`. */
  path: string;
  /** Pages of this kind in the site, paginated sub-pages included. */
  pages: number;
  /** The HTML file itself, inline styles and scripts included. */
  html: number;
  css: number;
  js: number;
  /** Icons, images, fonts and anything else referenced. */
  other: number;
  /** html + css + js + other. */
  bytes: number;
  /** Sum over the files of their gzip size at level 6, roughly what a typical server sends. */
  gzip: number;
  /** Files fetched, the HTML included; each file once. */
  requests: number;
}

/** A URL path split into its segments, matched against a route of the site. */
type Segment = string | RegExp;

/** Any segment that is not a page number. */
const SLUG = /^(?!\d+$).+$/;
/** A four-digit year. */
const YEAR = /^\d{4}$/;
/** A page number of a paginated listing. */
const PAGE_NUMBER = /^[1-9]\d*$/;

/** The site's routes, as Astro's `src/pages` lays them out; the first match wins. */
const ROUTES: readonly { kind: string; segments: readonly Segment[] }[] = [
  { kind: 'home', segments: [] },
  { kind: 'documents-index', segments: ['documents'] },
  // Later pages of the listing are `/documents/page/<n>/` (`documents/page/[page].astro`).
  { kind: 'documents-index', segments: ['documents', 'page'] },
  { kind: 'document', segments: ['documents', SLUG] },
  { kind: 'document-source', segments: ['documents', SLUG, 'source'] },
  { kind: 'themes-index', segments: ['themes'] },
  { kind: 'theme', segments: ['themes', SLUG] },
  { kind: 'regions-index', segments: ['regions'] },
  { kind: 'region', segments: ['regions', SLUG] },
  { kind: 'years-index', segments: ['years'] },
  { kind: 'year', segments: ['years', YEAR] },
  { kind: 'targets-index', segments: ['targets'] },
  // The same table in another order (`src/lib/target-orders.ts`): a first page of the targets index.
  { kind: 'targets-index', segments: ['targets', 'order', SLUG] },
  { kind: 'indicator', segments: ['targets', SLUG] },
  { kind: 'glossary-index', segments: ['glossary'] },
  { kind: 'glossary-entry', segments: ['glossary', SLUG] },
  { kind: 'agencies-index', segments: ['agencies'] },
  { kind: 'agency', segments: ['agencies', SLUG] },
  { kind: 'data', segments: ['data'] },
  { kind: 'search', segments: ['search'] },
  { kind: 'about', segments: ['about'] },
];

function matchRoute(segments: readonly string[]): string | null {
  const route = ROUTES.find(
    (r) => r.segments.length === segments.length && r.segments.every((s, i) => (typeof s === 'string' ? s === segments[i] : s.test(segments[i]!))),
  );
  return route?.kind ?? null;
}

/** Kind of page at a URL path, and whether it is a later page (`…/2/`) of a paginated listing. */
export function classifyPage(urlPath: string): { kind: string; firstPage: boolean } {
  if (urlPath === '/404.html') return { kind: '404', firstPage: true };
  if (!urlPath.endsWith('/')) return { kind: 'other', firstPage: true };
  const segments = urlPath.split('/').filter(Boolean);
  const kind = matchRoute(segments);
  if (kind) return { kind, firstPage: true };
  // `/themes/x/2/`, `/targets/order/place/3/`: page N of whatever the path without its number is.
  const last = segments.at(-1);
  if (last && PAGE_NUMBER.test(last)) {
    const listing = matchRoute(segments.slice(0, -1));
    if (listing) return { kind: listing, firstPage: false };
  }
  return { kind: 'other', firstPage: true };
}

/** URL paths of every HTML page under dist: `x/index.html` → `/x/`, other `.html` files as they are. */
function listPages(distDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const url = `/${relative(distDir, path).split(sep).join('/')}`;
        pages.push(entry.name === 'index.html' ? url.slice(0, -'index.html'.length) : url);
      }
    }
  };
  walk(distDir);
  return pages.sort();
}

/** A tag's attributes, names lower-cased and values entity-decoded. */
function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeHTMLAttribute(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

type Category = 'css' | 'js' | 'other';

/** A file the page loads: its URL (possibly relative) and what it is. */
interface Reference {
  url: string;
  category: Category;
  /** A module whose static imports are loaded too. */
  module: boolean;
}

/** `type` values that make a `<script src>` run as classic JavaScript. */
const CLASSIC_SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

/** Files an HTML document references statically. Comments are skipped, and tags inside inline scripts and styles are text. */
export function findHtmlReferences(html: string): Reference[] {
  const references: Reference[] = [];
  const tags = /<!--[\s\S]*?-->|<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>|<(link|img)\b([^>]*)>/gi;
  for (const match of html.matchAll(tags)) {
    const name = (match[1] ?? match[3])?.toLowerCase();
    if (!name) continue;
    const attributes = parseAttributes(match[2] ?? match[4] ?? '');
    if (name === 'script') {
      const src = attributes.get('src');
      const type = (attributes.get('type') ?? '').trim().toLowerCase();
      const module = type === 'module';
      // Browsers that run modules skip `nomodule` scripts without fetching them.
      if (src && (module || (CLASSIC_SCRIPT_TYPES.has(type) && !attributes.has('nomodule')))) references.push({ url: src, category: 'js', module });
    } else if (name === 'img') {
      const src = attributes.get('src');
      if (src) references.push({ url: src, category: 'other', module: false });
    } else if (name === 'link') {
      const href = attributes.get('href');
      const rel = new Set((attributes.get('rel') ?? '').toLowerCase().split(/\s+/));
      if (!href) continue;
      if (rel.has('stylesheet')) references.push({ url: href, category: 'css', module: false });
      else if (rel.has('modulepreload')) references.push({ url: href, category: 'js', module: true });
      else if (rel.has('icon')) references.push({ url: href, category: 'other', module: false });
      else if (rel.has('preload')) {
        const as = attributes.get('as');
        references.push({ url: href, category: as === 'style' ? 'css' : as === 'script' ? 'js' : 'other', module: false });
      }
    }
  }
  return references;
}

/**
 * Specifiers a JavaScript module imports statically: `import "./x.js"`, `import{a as b}from"./x.js"`,
 * `export*from"./x.js"`. Dynamic `import("./x.js")` is not one; bare specifiers are left to the caller.
 */
export function findStaticImports(code: string): string[] {
  const specifiers: string[] = [];
  // `from` after an import/export clause, or a bare `import "x"`; the quote may be ', " or ` (minifiers use all three).
  const pattern = /(?:\bfrom\s*|\bimport\s*)(["'`])([^"'`\n]+)\1/g;
  for (const match of code.matchAll(pattern)) specifiers.push(match[2]!);
  return specifiers;
}

/** The file under dist that a same-site URL path is served from, or null. Never leaves dist. */
function resolveUrlPath(distDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const target = normalize(join(distDir, decoded));
  if (!target.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep)) return null;
  const info = statSync(target, { throwIfNoEntry: false });
  if (info?.isFile()) return target;
  if (info?.isDirectory()) {
    const index = join(target, 'index.html');
    if (statSync(index, { throwIfNoEntry: false })?.isFile()) return index;
  }
  return null;
}

/** Origin the page URLs are resolved against; only URLs on it are part of the site. */
const SITE = 'http://site.invalid';

/** Weighs one page: the HTML and everything it loads, each file once. */
export function weighPage(distDir: string, urlPath: string): Omit<PageWeight, 'kind' | 'pages'> {
  const root = resolve(distDir);
  const pageUrl = new URL(urlPath, SITE);
  const htmlFile = resolveUrlPath(root, pageUrl.pathname);
  if (!htmlFile) throw new Error(`No file for page ${urlPath} under ${root}.`);
  const weight = { path: urlPath, html: 0, css: 0, js: 0, other: 0, bytes: 0, gzip: 0, requests: 0 };
  const seen = new Set<string>();
  const add = (file: string, category: 'html' | Category): Buffer | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    const body = readFileSync(file);
    weight[category] += body.length;
    weight.bytes += body.length;
    weight.gzip += gzipSync(body, { level: 6 }).length;
    weight.requests += 1;
    return body;
  };
  const html = add(htmlFile, 'html')!.toString('utf8');
  const load = (reference: Reference, base: URL, from: string): void => {
    const url = new URL(reference.url, base);
    if (url.origin !== SITE) return;
    const file = resolveUrlPath(root, url.pathname);
    if (!file) {
      throw new Error(`Unexpected missing file ${url.pathname}, referenced by ${from} on page ${urlPath}; expected it under ${root}. Rebuild the site, or fix the reference.`);
    }
    const body = add(file, reference.category);
    if (!body || !reference.module) return;
    for (const specifier of findStaticImports(body.toString('utf8'))) {
      // Bare specifiers (`import "vue"`) cannot load in a browser without an import map; the site has none.
      if (!/^(?:\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(specifier)) continue;
      load({ url: specifier, category: 'js', module: true }, url, url.pathname);
    }
  };
  for (const reference of findHtmlReferences(html)) load(reference, pageUrl, urlPath);
  return weight;
}

/** One representative page per kind (the median-size HTML of that kind), with everything it loads before search is opened. */
export function measurePageWeights(distDir: string): PageWeight[] {
  const root = resolve(distDir);
  const byKind = new Map<string, { path: string; firstPage: boolean; size: number }[]>();
  for (const path of listPages(root)) {
    const { kind, firstPage } = classifyPage(path);
    const size = statSync(resolveUrlPath(root, path)!).size;
    byKind.set(kind, [...(byKind.get(kind) ?? []), { path, firstPage, size }]);
  }
  const weights: PageWeight[] = [];
  for (const [kind, pages] of byKind) {
    const firstPages = pages.filter((p) => p.firstPage);
    const candidates = (firstPages.length > 0 ? firstPages : pages).sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : 1));
    // The lower median, so that a kind with two pages is represented by the smaller one, not an average.
    const representative = candidates[Math.floor((candidates.length - 1) / 2)]!;
    weights.push({ kind, pages: pages.length, ...weighPage(root, representative.path) });
  }
  const order = [...new Set([...ROUTES.map((r) => r.kind), '404', 'other'])];
  return weights.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Characters a terminal draws two columns wide: CJK ideographs, kana, hangul and full-width forms. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Formats rows as a plain-text table for a terminal, numbers right-aligned, Chinese counted two columns wide. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i]!))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const pad = (cell: string, i: number): string => {
    const fill = ' '.repeat(widths[i]! - displayWidth(cell));
    return numeric[i] ? fill + cell : cell + fill;
  };
  return cells.map((row) => row.map(pad).join('  ').trimEnd()).join('\n');
}

const usage = `Usage: node scripts/bench/page-weight.ts <dist>

Prints, for each kind of page, a representative page (the median-size HTML of its kind)
and the bytes it loads before search is opened: HTML, CSS, JS, other, total, gzip, requests.`;

function main(): number {
  const parsed = parseCommandLine({ options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true }, usage);
  if (typeof parsed === 'number') return parsed;
  const [dist] = parsed.positionals;
  if (!dist || parsed.positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`Not a folder: ${dist}\nBuild the site first (npm run build), then pass its dist folder.`);
    return 2;
  }
  const weights = measurePageWeights(dist);
  console.log(
    formatTable(
      ['kind', 'pages', 'representative', 'html', 'css', 'js', 'other', 'bytes', 'gzip', 'requests'],
      weights.map((w) => [w.kind, w.pages, w.path, w.html, w.css, w.js, w.other, w.bytes, w.gzip, w.requests]),
    ),
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
