import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, watchForProblems } from './harness.ts';

/** The term of the browser scenario. */
const TERM = '人才引进';

/** Waits until the live region reports a finished search and returns the number it states. */
async function resultCount(page: Page): Promise<number> {
  const status = page.locator('#search-status');
  await expect.poll(async () => (await status.innerText()).match(/共 (\d+) 份/)?.[1] ?? null, { timeout: 20_000 }).not.toBeNull();
  return Number((await status.innerText()).match(/共 (\d+) 份/)![1]);
}

/** Waits for the status to change from a previous text. */
async function statusAfter(page: Page, previous: string): Promise<string> {
  const status = page.locator('#search-status');
  await expect.poll(() => status.innerText(), { timeout: 20_000 }).not.toBe(previous);
  return status.innerText();
}

/** Opens every facet group (short lists start open on wide screens, long ones closed). */
async function openFacets(page: Page): Promise<void> {
  await page.locator('#search-facets details').evaluateAll((groups) => groups.forEach((g) => ((g as HTMLDetailsElement).open = true)));
}

browserSuite('search', (site) => {
  it('finds 人才引进 as a whole term, filters by place, and highlights it on the document page', async () => {
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url('/search/'));
      const browseTotal = await resultCount(page);
      expect(browseTotal).toBeGreaterThan(0);

      const before = await page.locator('#search-status').innerText();
      await page.getByLabel('搜索全文').fill(TERM);
      await page.getByLabel('搜索全文').press('Enter');
      await statusAfter(page, before);
      const total = await resultCount(page);
      expect(total).toBeGreaterThan(1);
      expect(total).toBeLessThan(browseTotal);
      expect(new URL(page.url()).searchParams.get('q')).toBe(TERM);

      // Every result holds the whole term, marked in its excerpt (not just its characters).
      const results = page.locator('#search-results > li');
      await expect.poll(() => results.count()).toBe(total);
      for (const mark of await page.locator('#search-results > li').evaluateAll((items) => items.map((li) => [...li.querySelectorAll('.result-excerpt mark')].map((m) => m.textContent)))) {
        expect(mark).toContain(TERM);
      }
      // Hostile text in an excerpt stays text.
      expect(await page.locator('#search-results img, #search-results script').count()).toBe(0);

      // Filter by a place: the first province offered; the count drops and every result is there.
      await openFacets(page);
      const province = page.locator('#search-facets input[name="facet-province"]:not([value=""])').first();
      const provinceName = await province.getAttribute('value');
      const provinceCount = Number((await province.locator('xpath=..').innerText()).match(/\((\d+)\)/)![1]);
      expect(provinceCount).toBeLessThan(total);
      const unfiltered = await page.locator('#search-status').innerText();
      await province.check();
      await statusAfter(page, unfiltered);
      expect(await resultCount(page)).toBe(provinceCount);
      expect(new URL(page.url()).searchParams.get('province')).toBe(provinceName);
      await expect.poll(() => results.count()).toBe(provinceCount);
      for (const meta of await page.locator('#search-results .result-meta').allInnerTexts()) expect(meta).toContain(provinceName!);
      // Focus stays on the chosen radio after the facets are redrawn.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(provinceName);

      // Back to all places: the count comes back.
      await page.locator('#search-facets input[name="facet-province"][value=""]').check();
      await expect.poll(() => resultCount(page)).toBe(total);

      // Open a result: the document page marks the term.
      await page.locator('#search-results > li a').first().click();
      await page.waitForURL(/\/documents\/[^/]+\/\?highlight=/);
      const marks = page.locator('[data-pagefind-body] mark.search-hit');
      await expect.poll(() => marks.count()).toBeGreaterThan(0);
      expect(await marks.first().innerText()).toBe(TERM);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('browses without a query, newest first, with facet counts, and keeps the state in the URL', async () => {
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/search/'));
      const total = await resultCount(page);
      const years = (await page.locator('#search-results .result-meta').allInnerTexts()).map((t) => Number(t.match(/(\d{4})年/)?.[1] ?? 0)).filter(Boolean);
      expect(years.length).toBeGreaterThan(1);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      const counts = await page.locator('#search-facets .facet-count').allInnerTexts();
      expect(counts.length).toBeGreaterThan(0);

      await openFacets(page);
      const year = page.locator('#search-facets input[name="facet-year"]:not([value=""])').first();
      const value = await year.getAttribute('value');
      const expected = Number((await year.locator('xpath=..').innerText()).match(/\((\d+)\)/)![1]);
      const before = await page.locator('#search-status').innerText();
      await year.check();
      await statusAfter(page, before);
      expect(await resultCount(page)).toBe(expected);
      expect(expected).toBeLessThanOrEqual(total);

      // Reloading the URL restores the same search.
      await page.goto(page.url());
      expect(await resultCount(page)).toBe(expected);
      expect(await page.locator(`#search-facets input[name="facet-year"][value="${value}"]`).isChecked()).toBe(true);
    } finally {
      await close();
    }
  });

  it('the header search box leads to the search page, with and without JavaScript', async () => {
    const withJs = await site.open();
    try {
      await withJs.page.goto(site.url('/'));
      await withJs.page.locator('#header-search').fill(TERM);
      await withJs.page.locator('#header-search').press('Enter');
      await withJs.page.waitForURL(/\/search\/\?q=/);
      expect(await resultCount(withJs.page)).toBeGreaterThan(0);
      expect(await withJs.page.locator('#search-q').inputValue()).toBe(TERM);
    } finally {
      await withJs.close();
    }
    const noJs = await site.open({ javaScriptEnabled: false });
    try {
      await noJs.page.goto(site.url('/about/'));
      await noJs.page.locator('#header-search').fill(TERM);
      await noJs.page.locator('#header-search').press('Enter');
      await noJs.page.waitForURL(/\/search\/\?q=/);
      // No JavaScript: a notice and a way to the documents, no empty search UI.
      const notice = noJs.page.locator('.search-notice');
      expect(await notice.innerText()).toContain('JavaScript');
      expect(await notice.locator('a[href="/documents/"]').count()).toBeGreaterThan(0);
      expect(await noJs.page.locator('#search-app').isVisible()).toBe(false);
    } finally {
      await noJs.close();
    }
  });

  it('is usable at 375 px: no sideways scrolling, results reachable', async () => {
    const { page, close } = await site.open({ viewport: { width: 375, height: 740 } });
    try {
      await page.goto(site.url(`/search/?q=${encodeURIComponent(TERM)}`));
      expect(await resultCount(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await page.locator('#search-results > li a').first().isVisible()).toBe(true);
    } finally {
      await close();
    }
  });
});
