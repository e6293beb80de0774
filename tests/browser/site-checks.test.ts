/**
 * Whole-site checks over the built test site: valid HTML (html-validate, every file), no broken
 * internal link (linkinator crawling the served site), axe in Chromium on one page of each kind,
 * a title and a language on every page, and schema.org JSON-LD on every document page.
 *
 * html-validate runs `html-validate:recommended` from `.htmlvalidate.json`, with three deliberate
 * departures: `long-title` is off (a page title is the document's full official title plus the
 * site name; search engines shortening it is not an error); `aria-label-misuse` allows a label on
 * any element ARIA lets be named (lists carry one so a screen reader says which list it is in);
 * `prefer-native-element` leaves `role="region"` alone (a scrolling table wrapper is a focusable,
 * named `<div role="region">`, the usual pattern, not a section of the text).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from 'html-validate';
import { LinkChecker } from 'linkinator';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { corpusSchema } from '../../src/lib/schema.ts';
import { browserSuite } from './harness.ts';
import { ROOT } from './site-build.ts';
import { routesPerKind, siteRoutes } from './site-pages.ts';

/** axe-core's browser bundle, injected into each page checked. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Impacts that fail the axe check (minor and moderate ones are printed, not failed). */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** A search that has results in the test corpus, so the results list is checked too. */
const SEARCH_QUERY = '人才引进';

/** Every HTML file of the built site, as `/`-separated paths relative to it. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/**
 * html-validate's static loader resolves the configuration again for every file, a third of the
 * time spent on a small page; one configuration serves every file here.
 */
class OnceConfigLoader extends StaticConfigLoader {
  #resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;
  override getConfigFor(handle: string, override?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (override) return super.getConfigFor(handle, override);
    this.#resolved ??= super.getConfigFor(handle);
    return this.#resolved;
  }
}

/** What axe reports, reduced to what a failure message needs. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe (loaded into every page of the context by an init script) on the page as it is now. */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
  });
}

browserSuite('site checks', (site) => {
  it('every HTML file is valid under html-validate:recommended (.htmlvalidate.json)', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(new OnceConfigLoader(config));
    const files = htmlFiles(site.dir);
    expect(files).toContain('404.html');
    expect(files.length).toBe(siteRoutes(site.dir).length + 1);
    const problems: string[] = [];
    for (const file of files) {
      const report = await validator.validateString(readFileSync(join(site.dir, file), 'utf8'), file);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}${m.selector ? ` (${m.selector})` : ''}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('linkinator crawls the site from / and finds no broken internal link or #fragment', async () => {
    const start = site.url('/');
    const origin = new URL(start).origin;
    const result = await new LinkChecker().check({
      // The search page is reached through the search form, not a link.
      path: [start, site.url('/search/')],
      recurse: true,
      checkFragments: true,
      concurrency: 8,
      timeout: 20_000,
      linksToSkip: async (url: string) => new URL(url, start).origin !== origin,
    });
    const checked = result.links.filter((link) => link.state !== 'SKIPPED');
    // The crawl reached every page, not just the first.
    const pages = new Set(checked.map((link) => new URL(link.url).pathname));
    expect(siteRoutes(site.dir).filter((route) => !pages.has(route))).toEqual([]);
    // linkinator checks a #fragment only when it meets the link before fetching the page, so
    // tests/browser/navigation.test.ts checks every <a href="#…"> against the built files too.
    const broken = new Map(result.links.filter((link) => link.state === 'BROKEN').map((link) => [link.url, `${link.parent ?? '?'} → ${link.url} (${link.status ?? 'no status'})`]));
    expect([...broken.values()]).toEqual([]);
  }, 60_000);

  it('every page has a non-empty <title> and <html lang="zh-CN">', () => {
    const problems: string[] = [];
    for (const file of htmlFiles(site.dir)) {
      const html = readFileSync(join(site.dir, file), 'utf8');
      const lang = /<html\b[^>]*\slang="([^"]*)"/u.exec(html)?.[1];
      if (lang !== 'zh-CN') problems.push(`${file}: lang ${lang ?? 'missing'}`);
      const titles = [...html.matchAll(/<title>([^<]*)<\/title>/gu)].map((m) => m[1]!.trim());
      if (titles.length !== 1 || titles[0] === '') problems.push(`${file}: ${titles.length} <title> (${titles.join(' | ')})`);
    }
    expect(problems).toEqual([]);
  });

  it('every document page carries Legislation JSON-LD naming its document, and every document has a page', () => {
    const { documents } = corpusSchema.parse(JSON.parse(readFileSync(join(site.dir, 'data', 'documents.json'), 'utf8')));
    const titles = new Map<string, string>(documents.map((d) => [d.id, d.title]));
    const pages = siteRoutes(site.dir).filter((route) => /^\/documents\/[^/]+\/$/u.test(route));
    expect(pages.map((route) => route.split('/')[2]).sort()).toEqual([...titles.keys()].sort());
    const problems: string[] = [];
    for (const route of pages) {
      const id = route.split('/')[2]!;
      const html = readFileSync(join(site.dir, route, 'index.html'), 'utf8');
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/gu)].map((m) => m[1]!);
      if (blocks.length !== 1) {
        problems.push(`${route}: ${blocks.length} JSON-LD blocks`);
        continue;
      }
      let data: { '@context'?: unknown; '@type'?: unknown; name?: unknown; url?: unknown };
      try {
        data = JSON.parse(blocks[0]!);
      } catch (error) {
        problems.push(`${route}: JSON-LD does not parse: ${String(error)}`);
        continue;
      }
      if (data['@context'] !== 'https://schema.org' || data['@type'] !== 'Legislation') problems.push(`${route}: @context ${String(data['@context'])}, @type ${String(data['@type'])}`);
      if (data.name !== titles.get(id)) problems.push(`${route}: name ${JSON.stringify(data.name)}, expected ${JSON.stringify(titles.get(id))}`);
      if (typeof data.url !== 'string' || new URL(data.url).pathname !== route) problems.push(`${route}: url ${String(data.url)}`);
    }
    expect(problems).toEqual([]);
  });

  it('axe finds no serious or critical violation on one page of each kind, a search with results and a document with its details open', async () => {
    const routes = routesPerKind(siteRoutes(site.dir));
    const documentRoute = routes.find((route) => /^\/documents\/[^/]+\/$/u.test(route));
    expect(documentRoute).toBeDefined();
    const visits = [...routes, `/search/?q=${encodeURIComponent(SEARCH_QUERY)}`, '/no-such-page/'];
    const { page, close } = await site.open();
    // An init script rather than addScriptTag after each load: Chromium then reuses the compiled
    // bundle across navigations, which takes about 40 % off this test.
    await page.context().addInitScript({ path: AXE });
    const failing: string[] = [];
    const other: string[] = [];
    try {
      for (const route of visits) {
        await page.goto(site.url(route));
        if (route === documentRoute) {
          // Evidence, citation and folded lists are closed at first; their content must pass too.
          const opened = await page.locator('details').evaluateAll((all) => all.map((d) => ((d as HTMLDetailsElement).open = true)).length);
          expect(opened, 'the document page has <details> to open').toBeGreaterThan(0);
        }
        if (route.startsWith('/search/?')) {
          await expect.poll(() => page.locator('#search-results > li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
        }
        for (const v of await runAxe(page)) {
          const line = `${route}: ${v.impact} ${v.id} — ${v.help} — ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${n.failureSummary?.replace(/\s+/gu, ' ').trim() ?? ''})`).join('; ')}`;
          (FAILING_IMPACTS.has(v.impact ?? '') ? failing : other).push(line);
        }
      }
    } finally {
      await close();
    }
    if (other.length > 0) console.log(`[site-checks] axe, not failing (minor/moderate):\n${other.join('\n')}`);
    expect(failing).toEqual([]);
  }, 120_000);
});
