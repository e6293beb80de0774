import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { browserSuite } from './harness.ts';
import { siteRoutes } from './site-pages.ts';

browserSuite('site navigation', (site) => {
  it('the document list counts and lists every document, and each listed link opens that document', async () => {
    const documentRoutes = siteRoutes(site.dir).filter((route) => /^\/documents\/[^/]+\/$/.test(route));
    expect(documentRoutes.length).toBeGreaterThan(0);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/'));
      await expect(page.locator('h1').innerText()).resolves.toContain('创新政策图谱');
      expect(await page.locator('.total strong').innerText()).toBe(String(documentRoutes.length));
      const response = await page.goto(site.url('/documents/'));
      expect(response?.status()).toBe(200);

      const links = await page.locator('main a.doc-title').evaluateAll((anchors) =>
        anchors.map((a) => ({ href: a.getAttribute('href') ?? '', title: a.textContent ?? '' })),
      );
      expect(links.map((link) => link.href).sort()).toEqual(documentRoutes);

      for (const link of links) {
        const res = await page.request.get(site.url(link.href));
        expect(res.status(), link.href).toBe(200);
        expect(await res.text(), link.href).toContain('id="doc-title"');
      }
      // Click through one link like a reader would.
      await page.locator('main a.doc-title').first().click();
      await expect(page.locator('#doc-title').innerText()).resolves.toBe(links[0]!.title);
    } finally {
      await close();
    }
  });

  it('every internal link on every page resolves, including #fragment targets', () => {
    // Read from the built files: every page, not a sample, in seconds rather than a browser visit each.
    const routes = siteRoutes(site.dir);
    const html = new Map(routes.map((route) => [route, readFileSync(join(site.dir, route, 'index.html'), 'utf8')]));
    const ids = new Map([...html].map(([route, text]) => [route, new Set([...text.matchAll(/\sid="([^"]*)"/gu)].map((m) => decodeEntities(m[1] ?? '')))]));
    const origin = new URL(site.url('/')).origin;
    const broken: string[] = [];
    for (const [route, text] of html) {
      for (const match of text.matchAll(/<a\s[^>]*?href="([^"]*)"/gu)) {
        const href = decodeEntities(match[1] ?? '');
        const target = new URL(href, site.url(route));
        if (target.origin !== origin) continue;
        const path = decodeURIComponent(target.pathname);
        const isFile = existsSync(join(site.dir, path)) && statSync(join(site.dir, path)).isFile();
        if (!html.has(path) && !isFile) {
          broken.push(`${route} → ${href} (no page)`);
          continue;
        }
        const id = decodeURIComponent(target.hash.slice(1));
        if (id && !ids.get(path)?.has(id)) broken.push(`${route} → ${href} (no element #${id})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('unknown addresses get the 404 page with status 404', async () => {
    const { page, close } = await site.open();
    try {
      const response = await page.goto(site.url('/documents/no-such-document/'));
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toContain('找不到页面');
    } finally {
      await close();
    }
  });

  it('the first Tab stop is a visible skip link that moves focus to the main content', async () => {
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/'));
      await page.keyboard.press('Tab');
      const skip = page.locator('a.skip-link');
      await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0 && box.height > 0).toBe(true);
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    } finally {
      await close();
    }
  });
});

/** The few entities Astro writes into attribute values. */
function decodeEntities(value: string): string {
  return value.replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');
}
