/**
 * The cross-document pages: home, topics, places, years, targets, glossary,
 * agencies, data, about, 404, the sitemap and the feed. Expectations come from
 * the built data downloads (the same records the pages render), never from a
 * particular seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { selectThemeParagraphs, themeItemId } from '../../src/lib/aggregate.ts';
import { paragraphRecordSchema, type ParagraphRecord } from '../../src/lib/codebook.ts';
import { getPlaceUnit } from '../../src/lib/place-index.ts';
import { corpusSchema, type Frontmatter } from '../../src/lib/schema.ts';
import { browserSuite } from './harness.ts';
import { siteRoutes } from './site-pages.ts';

/** Route prefixes of the pages this file covers. */
const KINDS = ['/themes/', '/regions/', '/years/', '/targets/', '/glossary/', '/agencies/', '/data/', '/about/'];

function readDocuments(dir: string): Frontmatter[] {
  return corpusSchema.parse(JSON.parse(readFileSync(join(dir, 'data', 'documents.json'), 'utf8'))).documents;
}

function readParagraphs(dir: string): ParagraphRecord[] {
  const text = readFileSync(join(dir, 'data', 'paragraphs.jsonl'), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => paragraphRecordSchema.parse(JSON.parse(line)));
}

/** What the structural checks need of a page, read by the browser's own HTML parser (no rendering, so hundreds of pages stay fast). */
interface Outline {
  lang: string | null;
  h1: number;
  /** Levels of the headings inside <main>, in document order. */
  levels: number[];
}

async function outline(page: Page, html: string): Promise<Outline> {
  return page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    return {
      lang: doc.documentElement.getAttribute('lang'),
      h1: doc.querySelectorAll('h1').length,
      levels: [...doc.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')].map((h) => Number(h.tagName[1])),
    };
  }, html);
}

browserSuite('cross-document pages', (site) => {
  const routes = () => siteRoutes(site.dir);

  it('every page of every new kind answers 200 with lang zh-CN, one h1 and no skipped heading level', async () => {
    const covered = routes().filter((route) => route === '/' || KINDS.some((kind) => route.startsWith(kind)));
    for (const kind of KINDS) expect(covered.some((route) => route.startsWith(kind)), kind).toBe(true);
    expect(covered).toContain('/agencies/');
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/'));
      const problems: string[] = [];
      for (const route of covered) {
        const response = await page.request.get(site.url(route));
        if (response.status() !== 200) problems.push(`${route}: HTTP ${response.status()}`);
        const { lang, h1, levels } = await outline(page, await response.text());
        if (lang !== 'zh-CN') problems.push(`${route}: lang ${lang}`);
        if (h1 !== 1) problems.push(`${route}: ${h1} h1`);
        levels.forEach((level, i) => {
          if (i > 0 && level > levels[i - 1]! + 1) problems.push(`${route}: h${levels[i - 1]} → h${level}`);
        });
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 180_000);

  it('home: counts, topic grid, provinces, years, a GET search form and the newest documents', async () => {
    const documents = readDocuments(site.dir);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/'));
      expect(await page.locator('.total strong').innerText()).toBe(String(documents.length));
      const form = page.locator('main form[role="search"]');
      expect(await form.getAttribute('action')).toBe('/search/');
      expect((await form.getAttribute('method'))?.toLowerCase()).toBe('get');
      expect(await form.locator('input[name="q"]').count()).toBe(1);
      const topicLinks = await page.locator('.theme-grid a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(topicLinks.length).toBe(routes().filter((r) => /^\/themes\/[^/]+\/$/.test(r)).length);
      const provinces = new Set(documents.flatMap((d) => (d.region.province ? [d.region.province] : [])));
      for (const province of provinces) expect(await page.locator('main').innerText()).toContain(province);
      const years = new Set(documents.flatMap((d) => (d.year !== null ? [d.year] : [])));
      const yearLinks = await page.locator('.timeline a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(yearLinks.sort()).toEqual([...years].map((y) => `/years/${y}/`).sort());
      expect(await page.locator('#documents a.doc-title').count()).toBe(Math.min(20, documents.length));
      expect(await page.locator('link[rel="alternate"][href="/feed.xml"]').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('topic pages list exactly the paragraphs the listing rule selects, each linking to an anchor that exists', async () => {
    const paragraphs = readParagraphs(site.dir);
    // What the rule (shared with document pages) says each topic lists: `<doc-id>--<paragraph-id>` ids.
    const expected = new Map<string, Set<string>>();
    const byDocument = Map.groupBy(paragraphs, (p) => p.documentId);
    for (const [docId, list] of byDocument) {
      for (const [theme, selection] of selectThemeParagraphs(list)) {
        const ids = expected.get(theme) ?? new Set<string>();
        for (const { paragraph } of selection.listed) ids.add(themeItemId(docId, paragraph.id));
        expected.set(theme, ids);
      }
    }
    expect([...expected.values()].some((ids) => ids.size > 0), 'the test corpus has tagged paragraphs').toBe(true);

    const { page, close } = await site.open();
    try {
      const anchorChecked = new Map<string, string>();
      for (const [theme, ids] of expected) {
        const pages = routes().filter((r) => r === `/themes/${theme}/` || new RegExp(`^/themes/${theme}/\\d+/$`).test(r));
        const listed = new Map<string, string>();
        for (const route of pages) {
          await page.goto(site.url(route));
          const items = await page.locator('li[id*="--"]').evaluateAll((lis) =>
            lis.map((li) => ({ id: li.id, href: li.querySelector('a.para-link')?.getAttribute('href') ?? '', marks: li.querySelectorAll('mark').length })),
          );
          for (const item of items) listed.set(item.id, item.href);
        }
        expect(new Set(listed.keys()), theme).toEqual(ids);
        for (const [id, href] of listed) {
          const [docId, paragraphId] = id.split('--');
          expect(href).toBe(`/documents/${docId}/#${paragraphId}`);
          anchorChecked.set(href, docId!);
        }
      }
      // Each linked paragraph exists on its document page.
      const pagesByDoc = new Map<string, string>();
      for (const [href, docId] of anchorChecked) {
        if (!pagesByDoc.has(docId)) pagesByDoc.set(docId, await (await page.request.get(site.url(`/documents/${docId}/`))).text());
        expect(pagesByDoc.get(docId), href).toContain(`id="${href.split('#')[1]}"`);
      }
      // Matched words are marked in the excerpts of the busiest topic.
      const busiest = [...expected].sort((a, b) => b[1].size - a[1].size)[0]![0];
      await page.goto(site.url(`/themes/${busiest}/`));
      expect(await page.locator('li[id*="--"] mark').count()).toBeGreaterThan(0);
      // Opening an item's address scrolls to and highlights it.
      const first = await page.locator('li[id*="--"]').first().getAttribute('id');
      await page.goto(site.url(`/themes/${busiest}/#${first}`));
      await expect(page.locator(`[id="${first}"]`).evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.not.toBe('rgba(0, 0, 0, 0)');
    } finally {
      await close();
    }
  }, 120_000);

  it('place pages: hierarchy from province down, and inferred places kept apart and labelled', async () => {
    const documents = readDocuments(site.dir);
    const named = documents.find((d) => getPlaceUnit(d.region)?.level === 'county' || getPlaceUnit(d.region)?.level === 'prefecture');
    const guessed = documents.find((d) => d.inferredRegion && getPlaceUnit(d.inferredRegion) && !getPlaceUnit(d.region));
    expect(named && guessed, 'the test corpus has a named and an inferred place').toBeTruthy();
    const { page, close } = await site.open();
    try {
      const unit = getPlaceUnit(named!.region)!;
      await page.goto(site.url(`/regions/${unit.slug}/`));
      expect(await page.locator('h1').innerText()).toContain(unit.name);
      const crumbs = await page.locator('.breadcrumb a').allInnerTexts();
      expect(crumbs.length).toBeGreaterThanOrEqual(2);
      expect(crumbs[1]).toBe(named!.region.province);
      expect(await page.locator(`section[aria-labelledby="docs-heading"] a[href="/documents/${named!.id}/"]`).count()).toBe(1);
      // The province page lists its children and the document too.
      await page.locator('.breadcrumb a').nth(1).click();
      expect(await page.locator('section[aria-labelledby="children-heading"] .place-tree a').count()).toBeGreaterThan(0);
      expect(await page.locator(`section[aria-labelledby="docs-heading"] a[href="/documents/${named!.id}/"]`).count()).toBe(1);

      const inferred = getPlaceUnit(guessed!.inferredRegion!)!;
      await page.goto(site.url(`/regions/${inferred.slug}/`));
      const section = page.locator('.inferred-section');
      expect(await section.locator('h2').innerText()).toContain('推断');
      expect(await section.locator(`a[href="/documents/${guessed!.id}/"]`).count()).toBe(1);
      expect(await page.locator(`section[aria-labelledby="docs-heading"] a[href="/documents/${guessed!.id}/"]`).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('years: the timeline links every year, and a year page lists exactly its documents', async () => {
    const documents = readDocuments(site.dir);
    const year = documents.find((d) => d.year !== null)!.year!;
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/years/'));
      for (const y of new Set(documents.flatMap((d) => (d.year !== null ? [d.year] : [])))) {
        expect(await page.locator(`.timeline a[href="/years/${y}/"]`).count(), String(y)).toBe(1);
      }
      expect(await page.locator('#undated-heading').innerText()).toContain('年份未标明');
      await page.goto(site.url(`/years/${year}/`));
      const listed = await page.locator('section[aria-labelledby="docs-heading"] a.doc-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(listed.sort()).toEqual(documents.filter((d) => d.year === year).map((d) => `/documents/${d.id}/`).sort());
    } finally {
      await close();
    }
  });

  it('targets: one row per target in every sort order, indicator pages with a chart readable without JavaScript', async () => {
    const documents = readDocuments(site.dir);
    const total = documents.reduce((n, d) => n + d.targets.length, 0);
    const { page, close } = await site.open({ javaScriptEnabled: false });
    try {
      for (const order of ['indicator', 'place', 'year']) {
        const first = order === 'indicator' ? '/targets/' : `/targets/order/${order}/`;
        const later = routes().filter((r) => new RegExp(`^/targets/order/${order}/\\d+/$`).test(r));
        let rows = 0;
        for (const route of [first, ...later]) {
          await page.goto(site.url(route));
          rows += await page.locator('.target-table tbody tr').count();
          expect(await page.locator('.sort-links [aria-current="page"]').count(), route).toBe(1);
        }
        expect(rows, order).toBe(total);
      }
      const indicatorRoutes = routes().filter((r) => /^\/targets\/(?!order\/)[^/]+\/$/.test(r));
      expect(indicatorRoutes.length).toBeGreaterThan(0);
      for (const route of indicatorRoutes) {
        const slug = route.split('/')[2]!;
        const series = Map.groupBy(
          documents.flatMap((d) => d.targets).filter((t) => t.indicator === slug),
          (t) => `${t.unit} ${t.measure}`,
        );
        await page.goto(site.url(route));
        const charts = page.locator('svg.bar-chart[role="img"]');
        const expectedCharts = slug === 'other' ? 0 : [...series.values()].filter((s) => s.length >= 2).length;
        expect(await charts.count(), route).toBe(expectedCharts);
        for (let i = 0; i < expectedCharts; i++) {
          const chart = charts.nth(i);
          expect(await chart.locator('title').textContent()).toBeTruthy();
          expect(await chart.locator('desc').textContent()).toBeTruthy();
          expect(await chart.locator('rect.chart-bar').count()).toBeGreaterThanOrEqual(2);
          const box = await chart.boundingBox();
          expect(box!.width).toBeGreaterThan(200);
        }
      }
    } finally {
      await close();
    }
  }, 120_000);

  it('glossary and agency pages list their mentions, and /agencies/ indexes every agency', async () => {
    const documents = readDocuments(site.dir);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/glossary/'));
      const glossary = routes().filter((r) => /^\/glossary\/[^/]+\/$/.test(r));
      expect(await page.locator('.glossary-list dt a').count()).toBe(glossary.length);
      await page.goto(site.url('/agencies/'));
      const agencies = routes().filter((r) => /^\/agencies\/[^/]+\/$/.test(r));
      // Agencies named in documents in the table, kinds of agency from the vocabulary as chips.
      expect((await page.locator('tbody th a').count()) + (await page.locator('.chip-list a').count())).toBe(agencies.length);
      const mention = documents.flatMap((d) => d.agencies.map((a) => ({ doc: d, agency: a })))[0];
      if (mention) {
        await page.goto(site.url(`/agencies/${mention.agency.slug}/`));
        expect(await page.locator(`.mention-list a.doc-title[href="/documents/${mention.doc.id}/"]`).count()).toBe(1);
      }
    } finally {
      await close();
    }
  });

  it('about: method, accuracy, contributing, Article 5 and the Chinese text prevailing', async () => {
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/about/'));
      const text = await page.locator('main').innerText();
      for (const phrase of ['方法', '准确度', '增补或更正', '著作权法》第五条', '以中文原文为准', 'The Chinese text prevails']) expect(text).toContain(phrase);
    } finally {
      await close();
    }
  });

  it('the 404 page offers a search box and ways back', async () => {
    const { page, close } = await site.open();
    try {
      const response = await page.goto(site.url('/no/such/page/'));
      expect(response?.status()).toBe(404);
      expect(await page.locator('main form[role="search"] input[name="q"]').count()).toBe(1);
      expect(await page.locator('main .link-list a').count()).toBeGreaterThanOrEqual(5);
    } finally {
      await close();
    }
  });

  it('the sitemap and the feed are well-formed XML covering the pages and the newest documents', async () => {
    const documents = readDocuments(site.dir);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/'));
      const parse = async (path: string) => {
        const text = await (await page.request.get(site.url(path))).text();
        return page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent, locs: [], items: [] };
          return {
            error: null,
            locs: [...doc.getElementsByTagName('loc')].map((l) => l.textContent ?? ''),
            items: [...doc.getElementsByTagName('item')].map((i) => i.getElementsByTagName('link')[0]?.textContent ?? ''),
            title: doc.querySelector('channel > title')?.textContent ?? '',
          };
        }, text);
      };
      const index = await parse('/sitemap-index.xml');
      expect(index.error).toBeNull();
      expect(index.locs.length).toBeGreaterThan(0);
      const pages = new Set<string>();
      for (const loc of index.locs) {
        const sitemap = await parse(new URL(loc).pathname);
        expect(sitemap.error).toBeNull();
        for (const url of sitemap.locs) pages.add(new URL(url).pathname);
      }
      expect([...pages].sort()).toEqual(routes());

      const feed = await parse('/feed.xml');
      expect(feed.error).toBeNull();
      expect(feed.items.length).toBe(Math.min(50, documents.length));
      for (const link of feed.items) expect(routes()).toContain(new URL(link).pathname);
    } finally {
      await close();
    }
  });
});
