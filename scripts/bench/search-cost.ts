/**
 * What a search costs the reader: time to the first result and bytes fetched, in headless Chromium
 * against the built site served locally, for two ways of searching:
 * - typed: the search page is open and idle (its browse listing done), the reader types a query and presses Enter;
 * - deep link: a fresh browser (empty cache) opens `/search/?q=…`, as from the header search box or a shared link.
 *
 * "First result" is the first `#search-results > li` of the query; for a query without hits, which never
 * gets one, it is the moment the status line announces the count (`共 0 份`). The page renders its results
 * before the status (`src/scripts/search-page.ts`), so for a query with hits the list always comes first.
 *
 * Bytes are response body lengths as fetched. The local server does not compress, so HTML, CSS and JS
 * count uncompressed; Pagefind's index files (`.pf_*`) are gzip already and count as they are stored.
 *
 *   node scripts/bench/search-cost.ts <dist> [query …] [--runs N]
 */
import { statSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { findChromium, launchChromium, missingChromiumNotice } from '../lib/chromium.ts';
import { parseCommandLine } from '../lib/cli.ts';
import { serveStatic } from '../lib/static-server.ts';
import { formatTable } from './page-weight.ts';

/** Network cost of one way of searching. */
export interface Traffic {
  /** From the start (Enter, or navigation start) to the first result, in milliseconds. */
  ms: number;
  /** Response bodies fetched, in bytes. */
  bytes: number;
  /** The part of `bytes` under `/pagefind/`. */
  pagefindBytes: number;
  /** Requests made. */
  requests: number;
}

export interface QueryCost {
  query: string;
  /** Documents found, as the status line states. */
  results: number;
  /** Page already open and idle; from pressing Enter to the first result in the DOM. */
  typed: Traffic;
  /** Fresh browser context (empty cache), goto /search/?q=…: from navigation start to first result; all bytes fetched. */
  deepLink: Traffic;
}

export interface SearchCostOptions {
  /** Built site to serve. */
  distDir: string;
  /** Chromium executable (see `findChromium`). */
  chromiumPath: string;
  queries: readonly string[];
  /** Runs per query and way of searching; the report gives medians. Default 3. */
  runs?: number;
}

/** Policy terms of different frequency, from common (人才引进) to rare. */
export const DEFAULT_QUERIES: readonly string[] = ['人才引进', '知识产权质押', '科技特派员', '高新技术企业', '研发投入', '科技金融', '孵化器', '产学研合作'];

/** How long the network must be silent to count as idle (Playwright's `networkidle` uses the same). */
const QUIET_MS = 500;
/** Longest wait for a search to finish or the network to settle. */
const TIMEOUT_MS = 30_000;

/** The status line's count, `共 N 份`, as the page writes it when a search has finished. */
const COUNT = /共 (\d+) 份/;

/**
 * Length of a finished request's response body. Not `request.sizes()`: its `responseBodySize` counts the
 * bytes on the wire, chunked-encoding framing included (13 bytes more per file from the local server).
 */
async function readBodyLength(request: Request): Promise<number> {
  const response = await request.response();
  // A redirect has no body to read.
  return response ? (await response.body().catch(() => Buffer.alloc(0))).length : 0;
}

/** Counts the requests of a browser context; Pagefind's worker script and index files included (checked once against a server-side log). */
class NetworkMeter {
  #pending = new Set<Request>();
  #counted = new Set<Request>();
  #sizes: Promise<{ url: string; body: number }>[] = [];
  #counting = false;
  #lastActivity = performance.now();

  constructor(context: BrowserContext) {
    context.on('request', (request) => {
      this.#pending.add(request);
      this.#lastActivity = performance.now();
      if (this.#counting) this.#counted.add(request);
    });
    const settle = (request: Request, finished: boolean): void => {
      this.#pending.delete(request);
      this.#lastActivity = performance.now();
      if (finished && this.#counted.has(request)) {
        this.#sizes.push(readBodyLength(request).then((body) => ({ url: request.url(), body })));
      }
    };
    context.on('requestfinished', (request) => settle(request, true));
    context.on('requestfailed', (request) => settle(request, false));
  }

  /** Counts every request made from now on. */
  start(): void {
    this.#counting = true;
  }

  /** Resolves once no request has been in flight for `QUIET_MS`. */
  async quiet(): Promise<void> {
    const deadline = performance.now() + TIMEOUT_MS;
    while (this.#pending.size > 0 || performance.now() - this.#lastActivity < QUIET_MS) {
      if (performance.now() > deadline) {
        throw new Error(`The network did not settle within ${TIMEOUT_MS} ms; still loading: ${[...this.#pending].map((r) => r.url()).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops counting and totals what was fetched since `start`. */
  async stop(): Promise<Omit<Traffic, 'ms'>> {
    this.#counting = false;
    const sizes = await Promise.all(this.#sizes);
    const pagefind = sizes.filter(({ url }) => new URL(url).pathname.startsWith('/pagefind/'));
    const sum = (list: { body: number }[]): number => list.reduce((total, { body }) => total + body, 0);
    return { bytes: sum(sizes), pagefindBytes: sum(pagefind), requests: this.#counted.size };
  }
}

/** What the in-page probes record, on `window.__searchCost`; times are `performance.now()` values. */
interface Probe {
  /** Enter pressed in the search box (typed only). */
  enter: number;
  /** The first result, or the status announcing none. */
  first: number;
  /** The page searched before Enter (the typing delay ran out): the measurement would be wrong. */
  early: boolean;
}

declare global {
  interface Window {
    __searchCost?: Probe;
  }
}

/** Waits until the status line states the count for `query` ('' for browsing everything), and returns it. */
async function waitForCount(page: Page, query: string): Promise<number> {
  const handle = await page.waitForFunction(
    ({ query, count }) => {
      const text = document.getElementById('search-status')?.textContent ?? '';
      const match = new RegExp(count).exec(text);
      // A query's status quotes it (“人才引进”：共 3 份); browsing says 全部文件.
      // The count as text: waitForFunction waits for a truthy value, and 0 is not one.
      return match && (query ? text.includes(`“${query}”`) : !text.includes('“')) ? match[1] : null;
    },
    { query, count: COUNT.source },
    { timeout: TIMEOUT_MS },
  );
  return Number(await handle.jsonValue());
}

async function readProbe(page: Page): Promise<Probe> {
  const probe = await page.evaluate(() => window.__searchCost);
  if (!probe) throw new Error(`No search-cost probe on ${page.url()}.`);
  return probe;
}

/** One typed search: open /search/, let the browse listing finish, then type the query and press Enter. */
async function measureTyped(browser: Browser, siteUrl: string, query: string): Promise<{ results: number; traffic: Traffic }> {
  const context = await browser.newContext();
  try {
    const meter = new NetworkMeter(context);
    const page = await context.newPage();
    await page.goto(new URL('/search/', siteUrl).href);
    await waitForCount(page, '');
    await meter.quiet();
    await page.evaluate(() => {
      const probe: Probe = { enter: 0, first: 0, early: false };
      window.__searchCost = probe;
      const list = document.getElementById('search-results')!;
      const status = document.getElementById('search-status')!;
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !probe.enter) probe.enter = performance.now();
      }, true);
      // The browse listing already fills the list, so "the first result" is a change, not a presence:
      // the search clears the list, then appends the new results; the first record after Enter that adds
      // an <li> is the first result of the query. A query without hits only rewrites the status line.
      const observer = new MutationObserver((records) => {
        if (!probe.enter) {
          probe.early = true;
          return;
        }
        const added = records.some((r) => r.target === list && [...r.addedNodes].some((n) => n.nodeName === 'LI'));
        const announced = records.some((r) => r.target !== list);
        if (added || announced) {
          probe.first = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(list, { childList: true });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    meter.start();
    const box = page.getByLabel('搜索全文');
    // fill() starts the page's 300 ms typing delay; Enter, pressed right after, cancels it and searches.
    await box.fill(query);
    await box.press('Enter');
    const results = await waitForCount(page, query);
    await meter.quiet();
    const traffic = await meter.stop();
    const probe = await readProbe(page);
    if (probe.early) throw new Error(`The search for “${query}” started before Enter was pressed (the typing delay ran out): the machine is too busy to measure.`);
    if (!probe.first) throw new Error(`No result appeared for “${query}” after Enter.`);
    return { results, traffic: { ms: probe.first - probe.enter, ...traffic } };
  } finally {
    await context.close();
  }
}

/** One deep link: a fresh context opens /search/?q=…; times count from navigation start. */
async function measureDeepLink(browser: Browser, siteUrl: string, query: string): Promise<{ results: number; traffic: Traffic }> {
  const context = await browser.newContext();
  try {
    const meter = new NetworkMeter(context);
    const page = await context.newPage();
    // Runs before the page's own scripts; performance.now() counts from the navigation start (timeOrigin).
    await page.addInitScript(() => {
      const probe: Probe = { enter: 0, first: 0, early: false };
      window.__searchCost = probe;
      const observer = new MutationObserver(() => {
        const status = document.getElementById('search-status')?.textContent ?? '';
        if (document.querySelector('#search-results > li') || /共 \d+ 份/.test(status)) {
          probe.first = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
    meter.start();
    const url = new URL('/search/', siteUrl);
    url.searchParams.set('q', query);
    await page.goto(url.href);
    const results = await waitForCount(page, query);
    await meter.quiet();
    const traffic = await meter.stop();
    const probe = await readProbe(page);
    if (!probe.first) throw new Error(`No result appeared for “${query}” at ${url.href}.`);
    return { results, traffic: { ms: probe.first, ...traffic } };
  } finally {
    await context.close();
  }
}

/** The median; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('Unexpected empty list, expected at least one run.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianTraffic(runs: readonly Traffic[]): Traffic {
  const of = (key: keyof Traffic): number => median(runs.map((run) => run[key]));
  return { ms: of('ms'), bytes: of('bytes'), pagefindBytes: of('pagefindBytes'), requests: of('requests') };
}

/** Measures each query typed into the open search page and opened as a deep link; medians over `runs`. */
export async function measureSearchCost(options: SearchCostOptions): Promise<QueryCost[]> {
  const runs = options.runs ?? 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`Unexpected runs ${runs}, expected a whole number of at least 1.`);
  const server = await serveStatic(options.distDir);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(options.chromiumPath);
    const costs: QueryCost[] = [];
    for (const query of options.queries) {
      const typed: Traffic[] = [];
      const deepLink: Traffic[] = [];
      const results = new Set<number>();
      // Alternated, so that a slow spell of a busy machine hits both ways alike.
      for (let run = 0; run < runs; run++) {
        const t = await measureTyped(browser, server.url, query);
        const d = await measureDeepLink(browser, server.url, query);
        typed.push(t.traffic);
        deepLink.push(d.traffic);
        results.add(t.results).add(d.results);
      }
      if (results.size !== 1) throw new Error(`Unexpected result counts ${[...results].join(', ')} for “${query}”, expected the same count on every run.`);
      costs.push({ query, results: [...results][0]!, typed: medianTraffic(typed), deepLink: medianTraffic(deepLink) });
    }
    return costs;
  } finally {
    await browser?.close();
    await server.close();
  }
}

const usage = `Usage: node scripts/bench/search-cost.ts <dist> [query …] [--runs N]

Serves <dist>, searches each query in headless Chromium (default queries: ${DEFAULT_QUERIES.join(' ')})
and prints, as medians over N runs (default 3), the time to the first result and the bytes fetched:
  typed      the search page open and idle, query typed and Enter pressed;
  deep link  a fresh browser opening /search/?q=…
Chromium: CHROMIUM_PATH, or /usr/bin/chromium.`;

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    { options: { runs: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const [dist, ...queries] = parsed.positionals;
  const runs = Number(parsed.values.runs);
  if (!dist || !Number.isInteger(runs) || runs < 1) {
    console.error(usage);
    return 2;
  }
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`Not a folder: ${dist}\nBuild the site first (npm run build), then pass its dist folder.`);
    return 2;
  }
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.error(missingChromiumNotice());
    return 2;
  }
  const costs = await measureSearchCost({ distDir: dist, chromiumPath, queries: queries.length > 0 ? queries : DEFAULT_QUERIES, runs });
  console.log(
    formatTable(
      ['query', 'results', 'typed ms', 'typed bytes', 'typed pagefind', 'typed req', 'deep ms', 'deep bytes', 'deep pagefind', 'deep req'],
      costs.map((c) => [c.query, c.results, Math.round(c.typed.ms), c.typed.bytes, c.typed.pagefindBytes, c.typed.requests, Math.round(c.deepLink.ms), c.deepLink.bytes, c.deepLink.pagefindBytes, c.deepLink.requests]),
    ),
  );
  console.log(`\nMedians over ${runs} run${runs === 1 ? '' : 's'}; bytes are response bodies as fetched from a server without compression.`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
