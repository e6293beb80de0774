import { expect, it } from 'vitest';
import { browserSuite } from './harness.ts';
import { siteRoutes } from './site-pages.ts';

browserSuite('site navigation', (site) => {
  it('home page counts and lists every document, and each listed link opens that document', async () => {
    const documentRoutes = siteRoutes(site.dir).filter((route) => /^\/documents\/[^/]+\/$/.test(route));
    expect(documentRoutes.length).toBeGreaterThan(0);
    const { page, close } = await site.open();
    try {
      const response = await page.goto(site.url('/'));
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').innerText()).resolves.toContain('创新政策图谱');
      expect(await page.locator('.total strong').innerText()).toBe(String(documentRoutes.length));

      const links = await page.locator('#documents a.doc-title').evaluateAll((anchors) =>
        anchors.map((a) => ({ href: a.getAttribute('href') ?? '', title: a.textContent ?? '' })),
      );
      expect(links.map((link) => link.href).sort()).toEqual(documentRoutes);

      for (const link of links) {
        const res = await page.request.get(site.url(link.href));
        expect(res.status(), link.href).toBe(200);
        expect(await res.text(), link.href).toContain('id="doc-title"');
      }
      // Click through one link like a reader would.
      await page.locator('#documents a.doc-title').first().click();
      await expect(page.locator('#doc-title').innerText()).resolves.toBe(links[0]!.title);
    } finally {
      await close();
    }
  });

  it('every internal link on every page resolves, including #fragment targets', async () => {
    const { page, close } = await site.open();
    try {
      const broken: string[] = [];
      for (const route of siteRoutes(site.dir)) {
        await page.goto(site.url(route));
        const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
        for (const href of new Set(hrefs)) {
          const target = new URL(href);
          if (target.origin !== new URL(site.url('/')).origin) continue;
          const res = await page.request.get(target.href);
          if (res.status() !== 200) broken.push(`${route} → ${href} (HTTP ${res.status()})`);
          if (target.hash) {
            const id = decodeURIComponent(target.hash.slice(1));
            if (!(await res.text()).includes(`id="${id}"`)) broken.push(`${route} → ${href} (no element #${id})`);
          }
        }
      }
      expect(broken).toEqual([]);
    } finally {
      await close();
    }
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
