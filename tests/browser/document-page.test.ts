import { expect, it } from 'vitest';
import { browserSuite } from './harness.ts';
import { FIXTURE_IDS, fixtureAnchors, readFixture } from './site-pages.ts';

browserSuite('document page', (site) => {
  it('shows title, badges, metadata with the inferred place kept apart, and provenance', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      expect(await page.locator('h1#doc-title').innerText()).toBe(doc.title);
      expect(await page.title()).toContain(doc.title);

      const badges = await page.locator('.badges').innerText();
      expect(badges).toContain('内容不完整');
      expect(badges).toContain(`${doc.truncatedParagraphs} 段`);
      expect(badges).toContain('已匿名');

      const meta = page.locator('.meta-panel');
      const placeRow = meta.locator('dl > div').filter({ hasText: '地区 Place' }).first();
      expect(await placeRow.innerText()).toContain('未标明');
      const inferred = await meta.locator('.meta-inferred').innerText();
      expect(inferred).toContain('推断');
      expect(inferred).toContain('湖南省 › 湘潭市');
      for (const clue of doc.inferredRegion!.clues) expect(inferred).toContain(clue.phrase);
      const metaText = await meta.innerText();
      expect(metaText).toContain(String(doc.year));
      expect(metaText).toContain(doc.docNumber!);
      expect(metaText).toContain(doc.issuer!);
      expect(metaText).toContain(doc.docType);

      const provenance = await page.locator('.provenance').innerText();
      expect(provenance).toContain(doc.source.file);
      expect(provenance).toContain(`${doc.source.startLine}–${doc.source.endLine}`);
      expect(provenance).toContain(doc.source.sha256.slice(0, 12));
      expect(provenance).toContain(doc.source.encoding);
    } finally {
      await close();
    }
  });

  it('shows the full place hierarchy and plan period when the document names them', async () => {
    const doc = readFixture(FIXTURE_IDS.plain);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const meta = await page.locator('.meta-panel').innerText();
      expect(meta).toContain('辽宁省 › 本溪市');
      expect(meta).toContain('2015—2020年');
      expect(await page.locator('.meta-inferred').count()).toBe(0);
      expect(await page.locator('.badges').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('puts every evidence item in a closed <details> with phrase, line, rule and note', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const items = page.locator('.evidence details');
      expect(await items.count()).toBe(doc.evidence.length);
      for (const [i, evidence] of doc.evidence.entries()) {
        const item = items.nth(i);
        expect(await item.getAttribute('open')).toBeNull();
        await item.locator('summary').click();
        expect(await item.getAttribute('open')).not.toBeNull();
        const text = await item.innerText();
        expect(text).toContain(evidence.phrase);
        expect(text).toContain(`line ${evidence.line}`);
        expect(text).toContain(evidence.rule);
        if (evidence.note) expect(text).toContain(evidence.note);
      }
    } finally {
      await close();
    }
  });

  it('has every body anchor, a contents list that links to them, and only the body marked for search', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const ids = await page.locator('[id]').evaluateAll((els) => els.map((el) => el.id));
      for (const anchor of fixtureAnchors(doc.id)) expect(ids, anchor).toContain(anchor);
      expect(new Set(ids).size).toBe(ids.length);

      const tocTargets = await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const flatten = (sections: typeof doc.sections): string[] => sections.flatMap((s) => [`#${s.id}`, ...flatten(s.children)]);
      expect(tocTargets).toEqual(flatten(doc.sections));

      const paragraph = fixtureAnchors(doc.id).find((id) => id.startsWith('p-'))!;
      await page.goto(site.url(`/documents/${doc.id}/#${paragraph}`));
      await expect(page.locator(`#${paragraph}`).evaluate((el) => el.matches(':target'))).resolves.toBe(true);

      const searchable = page.locator('[data-pagefind-body]');
      expect(await searchable.count()).toBe(1);
      expect(await searchable.locator(`#${paragraph}`).count()).toBe(1);
      expect(await searchable.locator('.meta-panel, .evidence, .toc, .provenance, header, footer').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('renders paragraphs as <div><p> and headings without a <p> inside', async () => {
    const doc = readFixture(FIXTURE_IDS.plain);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const body = page.locator('[data-pagefind-body]');
      expect(await body.locator('div[id^="p-"] > p').count()).toBeGreaterThan(0);
      expect(await body.locator(':is(h2, h3, h4, h5, h6) p').count()).toBe(0);
      expect(await body.locator('h2[id^="s-"]').count()).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
