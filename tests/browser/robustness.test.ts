import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, it } from 'vitest';
import { browserSuite, watchForProblems } from './harness.ts';
import { TEST_CONTENT } from './site-build.ts';
import { FIXTURE_IDS, readFixture, routesPerKind, siteRoutes } from './site-pages.ts';

/** Script elements that run code (JSON-LD is data). */
const SCRIPT = 'script:not([type="application/ld+json"])';

/** The search page runs the search; a document page has one small module that highlights searched terms. */
function scriptsAllowed(route: string): number {
  if (route === '/search/') return 3;
  return /^\/documents\/[^/]+\/$/u.test(route) ? 1 : 0;
}

/** All HTML files of the built site. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name));
}

browserSuite('robustness', (site) => {
  it('no page logs a console error or warning, throws, or fails a request (one page of each kind)', async () => {
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      for (const route of routesPerKind(siteRoutes(site.dir), ['/search/'])) {
        // networkidle: leaving /search/ before its worker has loaded would abort that request.
        await page.goto(site.url(route), { waitUntil: 'networkidle' });
        expect(await page.locator(SCRIPT).count(), route).toBeLessThanOrEqual(scriptsAllowed(route));
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('ships JavaScript only to the search page and the search-term highlighter of document pages', () => {
    const allowed = new Set<string>();
    for (const file of htmlFiles(site.dir)) {
      const route = `/${relative(site.dir, file).split(sep).slice(0, -1).join('/')}/`.replace(/^\/\/$/u, '/');
      // Attribute values may quote hostile text such as "<script>"; only real tags count, and JSON-LD is data.
      const markup = readFileSync(file, 'utf8').replace(/<script type="application\/ld\+json">[^<]*<\/script>/gu, '').replace(/"[^"]*"/g, '""');
      const tags = markup.match(/<script\b/giu)?.length ?? 0;
      expect(tags, route).toBeLessThanOrEqual(scriptsAllowed(route));
      if (tags > 0) for (const m of readFileSync(file, 'utf8').matchAll(/<script[^>]*\ssrc="\/([^"]+)"/gu)) allowed.add(m[1] ?? '');
    }
    const scripts = readdirSync(site.dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.m?js$/.test(name) && !name.startsWith('pagefind'));
    // Every script file belongs to one of those pages (or to the modules they import).
    for (const name of scripts) expect(allowed.has(name) || name.startsWith('_astro/'), name).toBe(true);
  });

  it('works with JavaScript disabled: content, contents links and evidence details', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const { page, close } = await site.open({ javaScriptEnabled: false });
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      expect(await page.locator('#doc-title').innerText()).toBe(doc.title);
      expect(await page.locator('[data-pagefind-body] div[id^="p-"]').count()).toBeGreaterThan(0);
      const details = page.locator('.evidence details').first();
      await details.locator('summary').click();
      expect(await details.getAttribute('open')).not.toBeNull();
      await page.locator('.toc a').first().click();
      expect(new URL(page.url()).hash).toBe(`#${doc.sections[0]!.id}`);
    } finally {
      await close();
    }
  });

  it('has no horizontal scroll on a 375px-wide phone (one page of each kind)', async () => {
    const { page, close } = await site.open({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      const wide: string[] = [];
      for (const route of routesPerKind(siteRoutes(site.dir), ['/search/'])) {
        await page.goto(site.url(route));
        // Open every details element so hidden evidence is measured too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) wide.push(`${route}: ${width}px`);
      }
      expect(wide).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows hostile text literally and injects no elements', async () => {
    const doc = readFixture(FIXTURE_IDS.hostile);
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url(`/documents/${doc.id}/`));
      expect(await page.locator('#doc-title').innerText()).toBe(doc.title);

      const body = page.locator('[data-pagefind-body]');
      const text = await body.innerText();
      for (const literal of [
        '第一条 {process.exit(1)} <b>总则</b>',
        'import fs from "node:fs"',
        'export const x = 1 {process.exit(1)} <script>alert(1)</script> * _a_ # h',
        '5000元--10000元，"专款专用"...',
        'www.example.com 及 a_b_c ~~删除~~ [链接](javascript:alert(1)) &amp; &lt;tag&gt; https://evil.example/x',
        '<img src=x onerror=alert(1)> </div> <style>body{display:none}</style> ---',
      ]) {
        expect(text).toContain(literal);
      }
      expect(await page.locator('.evidence').textContent()).toContain('<img src=x onerror=alert(1)>');

      expect(await page.locator(SCRIPT).count()).toBeLessThanOrEqual(scriptsAllowed(`/documents/${doc.id}/`));
      // The only elements in the body are the pipeline's own: no <a> but the ¶ link and theme chips.
      expect(await body.locator(':is(b, img, style, a, del, em, strong, code, script):not(.chips a):not(script[src^="/_astro/"])').count()).toBe(0);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      );
      expect(handlers).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('renders a hostile seed ingested by the pipeline as literal text', async () => {
    const corpus = JSON.parse(readFileSync(join(TEST_CONTENT, 'corpus.json'), 'utf8')) as { documents: { id: string; title: string; source: { file: string } }[] };
    const doc = corpus.documents.find((d) => d.source.file === 'hostile-seed.txt');
    expect(doc?.title).toBe('关于人才引进的若干意见');
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url(`/documents/${doc?.id}/`));
      const body = page.locator('[data-pagefind-body]');
      const text = await body.innerText();
      for (const literal of [
        'export const x = 1',
        '一、<Foo>总体要求</Foo>',
        '为加快人才引进{,<img src=x onerror=alert(1)>特制定本意见。{process.exit(1)} <script>alert(1)</script> `code` * _a_ # h',
        '引进人才 < 100 名 { 配套 } 资金 </div> <!-- 注释 --> [链接](javascript:alert(1)) 到位。',
      ]) {
        expect(text).toContain(literal);
      }
      expect(await page.locator(SCRIPT).count()).toBeLessThanOrEqual(scriptsAllowed(`/documents/${doc?.id}/`));
      expect(await body.locator(':is(foo, img, code, em, a, script):not(.chips a):not(script[src^="/_astro/"])').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
