/**
 * Full-page screenshots of the main cross-document pages on a desktop and a
 * phone, saved under test-results/screenshots/ (git-ignored) for a person to
 * look at; the test itself checks that nothing overflows sideways.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { getPlaceChain } from '../../src/lib/place-index.ts';
import { corpusSchema } from '../../src/lib/schema.ts';
import { browserSuite } from './harness.ts';
import { ROOT } from './site-build.ts';
import { siteRoutes } from './site-pages.ts';

const SHOTS = join(ROOT, 'test-results', 'screenshots');
const WIDTHS = [1280, 375] as const;

browserSuite('screenshots', (site) => {
  it('home, a topic, a place, targets and data at 1280 px and 375 px, none wider than the screen', async () => {
    const routes = siteRoutes(site.dir);
    const documents = corpusSchema.parse(JSON.parse(readFileSync(join(site.dir, 'data', 'documents.json'), 'utf8'))).documents;
    // The busiest topic, the province with the most documents, an indicator page when there is one.
    const topic = routes.filter((r) => /^\/themes\/[^/]+\/$/.test(r)).sort((a, b) => countThemes(b) - countThemes(a))[0];
    function countThemes(route: string): number {
      const slug = route.split('/')[2];
      return documents.filter((d) => d.themes.includes(slug!)).length;
    }
    const provinces = Map.groupBy(documents.flatMap((d) => getPlaceChain(d.region).slice(0, 1)), (u) => u.slug);
    const province = [...provinces].sort((a, b) => b[1].length - a[1].length)[0]?.[0];
    const indicators = Map.groupBy(documents.flatMap((d) => d.targets).filter((t) => t.indicator !== 'other'), (t) => t.indicator);
    const busiestIndicator = [...indicators].sort((a, b) => b[1].length - a[1].length)[0]?.[0];
    const indicator = busiestIndicator ? `/targets/${busiestIndicator}/` : undefined;
    const pages: [string, string | undefined][] = [
      ['home', '/'],
      ['topic', topic],
      ['place', province ? `/regions/${province}/` : '/regions/'],
      ['targets', '/targets/'],
      ['indicator', indicator],
      ['data', '/data/'],
    ];
    mkdirSync(SHOTS, { recursive: true });
    const wide: string[] = [];
    for (const width of WIDTHS) {
      const { page, close } = await site.open({ viewport: { width, height: 900 }, isMobile: width < 600, hasTouch: width < 600 });
      try {
        for (const [name, route] of pages) {
          if (!route) continue;
          const response = await page.goto(site.url(route));
          expect(response?.status(), route).toBe(200);
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) wide.push(`${route} at ${width}px: ${overflow}px too wide`);
        }
      } finally {
        await close();
      }
    }
    expect(wide).toEqual([]);
  });
});
