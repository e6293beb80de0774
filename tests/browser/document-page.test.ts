import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { formatEnglishCitation, formatGbCitation } from '../../src/lib/citation.ts';
import { corpusSchema, type DocumentRecord } from '../../src/lib/schema.ts';
import { browserSuite, watchForProblems } from './harness.ts';
import { TEST_CONTENT } from './site-build.ts';
import { FIXTURE_IDS, fixtureAnchors, readFixture, siteRoutes } from './site-pages.ts';

const SITE = 'https://policy-atlas.example.org';

/** The ingested part of the test site (seeds plus hostile seeds), read once. */
let corpus: DocumentRecord[] | undefined;
function records(): DocumentRecord[] {
  corpus ??= corpusSchema.parse(JSON.parse(readFileSync(join(TEST_CONTENT, 'corpus.json'), 'utf8'))).documents;
  return corpus;
}

/** The ingested document with the most themed paragraphs (chosen from the data, never by name). */
function themedRecord(): DocumentRecord {
  const ranked = [...records()].sort((a, b) => b.paragraphs.filter((p) => p.themes.length > 0).length - a.paragraphs.filter((p) => p.themes.length > 0).length);
  const doc = ranked[0];
  if (!doc || !doc.paragraphs.some((p) => p.themes.length > 0)) throw new Error('no ingested document has themed paragraphs');
  return doc;
}

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

  it('puts the evidence of each value beside it, closed, with phrase, line, rule and note', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const groups = page.locator('.meta-panel details.evidence-item');
      expect(await groups.count()).toBeGreaterThan(0);
      for (const open of await groups.evaluateAll((els) => els.map((el) => el.hasAttribute('open')))) expect(open).toBe(false);
      expect(await page.locator('.meta-panel .evidence-detail-list > li').count()).toBe(doc.evidence.length);
      // Each row's evidence sits in that row: the year's phrases under 年份 Year.
      const yearRow = page.locator('.meta-list > div').filter({ hasText: '年份 Year' }).first();
      expect(await yearRow.locator('.evidence-detail-list > li').count()).toBe(doc.evidence.filter((e) => e.field === 'year').length);

      for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).locator('summary').click();
      const items = page.locator('.meta-panel .evidence-detail-list > li');
      const texts = await items.allInnerTexts();
      for (const evidence of doc.evidence) {
        const match = texts.find((t) => t.includes(evidence.phrase) && t.includes(`line ${evidence.line}, column ${evidence.column}`) && t.includes(evidence.rule));
        expect(match, `${evidence.field} ${evidence.phrase}`).toBeDefined();
        if (evidence.note) expect(match).toContain(evidence.note);
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
      expect(await searchable.locator('.meta-panel, .evidence, .toc, .provenance, .cite, .doc-section, header, footer').count()).toBe(0);
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

  it('gives each ingested paragraph a ¶ self-link and one theme chip per theme, left out of the search index', async () => {
    const doc = themedRecord();
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url(`/documents/${doc.id}/`));
      const divs = doc.paragraphs.filter((p) => p.kind !== 'table-row');
      for (const p of divs) {
        const chips = page.locator(`#${p.id} > .chips`);
        expect(await chips.getAttribute('data-pagefind-ignore'), p.id).toBe('all');
        expect(await chips.locator('a.pilcrow').getAttribute('href')).toBe(`#${p.id}`);
        const links = await chips.locator('a.chip').evaluateAll((as) => as.map((a) => ({ theme: a.getAttribute('data-theme'), href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
        expect(links.map((l) => l.theme), p.id).toEqual(p.themes.map((t) => t.theme));
        for (const link of links) {
          expect(link.href).toMatch(new RegExp(`^/themes/${link.theme}/(?:\\d+/)?(?:#${doc.id}--${p.id})?$`, 'u'));
          expect(link.text).not.toBe('');
        }
      }
      // The chip text is not paragraph text: the paragraph's <p> holds exactly the record's text.
      const first = divs[0]!;
      expect(await page.locator(`#${first.id} > p`).innerText()).toBe(first.text);
      await page.locator(`#${first.id} a.pilcrow`).click();
      expect(new URL(page.url()).hash).toBe(`#${first.id}`);
      await expect(page.locator(`#${first.id}`).evaluate((el) => el.matches(':target'))).resolves.toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows a theme chip to its paragraph on the topic page and back to the paragraph (needs the topic pages)', async () => {
    const doc = themedRecord();
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url(`/documents/${doc.id}/`));
      const anchored = page.locator(`.chips a.chip[href*="#${doc.id}--"]`).first();
      expect(await anchored.count(), 'a chip linking to a paragraph listed on a topic page').toBe(1);
      const href = (await anchored.getAttribute('href'))!;
      const itemId = href.split('#')[1]!;
      const paragraphId = itemId.slice(doc.id.length + 2);
      await anchored.click();
      await page.waitForURL((url) => url.pathname.startsWith('/themes/'));
      expect(new URL(page.url()).hash).toBe(`#${itemId}`);
      const item = page.locator(`[id="${itemId}"]`);
      expect(await item.count()).toBe(1);
      const back = item.locator(`a[href="/documents/${doc.id}/#${paragraphId}"]`).first();
      expect(await back.count(), 'the topic page entry links back to the paragraph').toBe(1);
      await back.click();
      await page.waitForURL((url) => url.pathname === `/documents/${doc.id}/`);
      expect(new URL(page.url()).hash).toBe(`#${paragraphId}`);
      await expect(page.locator(`#${paragraphId}`).evaluate((el) => el.matches(':target'))).resolves.toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('highlights each target in its paragraph and lists the targets with links to them', async () => {
    const { page, close } = await site.open();
    try {
      for (const doc of records().filter((d) => d.targets.length > 0)) {
        await page.goto(site.url(`/documents/${doc.id}/`));
        for (const target of doc.targets) {
          const paragraph = doc.paragraphs.find((p) => p.id === target.paragraphId);
          // In a table row a quote is marked when one cell holds it.
          const texts = paragraph?.kind === 'table-row' ? (paragraph.cells ?? []) : [paragraph?.text ?? ''];
          if (target.quote === '' || !texts.some((t) => t.includes(target.quote))) continue;
          const marks = await page.locator(`#${target.paragraphId} mark.target`).allInnerTexts();
          // Overlapping quotes keep the first; every mark is one of the paragraph's quotes.
          expect(marks.length, `${doc.id} ${target.paragraphId}`).toBeGreaterThan(0);
        }
        const listed = page.locator('.targets a');
        expect(await listed.count()).toBe(doc.targets.length);
        for (const href of await listed.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(doc.paragraphs.some((p) => `#${p.id}` === href)).toBe(true);
      }
    } finally {
      await close();
    }
  });

  it('offers GB/T 7714 and English citations in a closed box, and explains paragraph citations', async () => {
    const doc = readFixture(FIXTURE_IDS.inferred);
    const ingested = themedRecord();
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      const box = page.locator('details.cite');
      expect(await box.getAttribute('open')).toBeNull();
      await box.locator('summary').click();
      const gb = await box.locator('[data-citation="gb"]').innerText();
      expect(gb).toBe(formatGbCitation(doc, { site: SITE }));
      expect(gb).toContain(doc.issuer!);
      expect(gb).toContain(doc.docNumber!);
      expect(gb).toContain(`[EB/OL]`);
      expect(gb).toContain(`${SITE}/documents/${doc.id}/`);
      expect(await box.locator('[data-citation="en"]').innerText()).toBe(formatEnglishCitation(doc, { site: SITE }));
      expect(await box.innerText()).toContain('#p-…');

      await page.goto(site.url(`/documents/${ingested.id}/`));
      await page.locator('details.cite summary').click();
      const first = ingested.paragraphs[0]!.id;
      expect(await page.locator('[data-citation="paragraph"]').innerText()).toBe(formatGbCitation(ingested, { site: SITE, paragraphId: first }));
      await page.locator(`details.cite a[href="#${first}"]`).click();
      await expect(page.locator(`#${first}`).evaluate((el) => el.matches(':target'))).resolves.toBe(true);
    } finally {
      await close();
    }
  });

  it('carries schema.org Legislation JSON-LD that parses and matches the record, hostile titles included', async () => {
    const { page, close } = await site.open();
    try {
      for (const id of [FIXTURE_IDS.inferred, FIXTURE_IDS.hostile]) {
        const doc = readFixture(id);
        await page.goto(site.url(`/documents/${doc.id}/`));
        const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
        expect(blocks).toHaveLength(1);
        const ld = JSON.parse(blocks[0]!) as Record<string, unknown>;
        expect(ld['@context']).toBe('https://schema.org');
        expect(ld['@type']).toBe('Legislation');
        expect(ld.name).toBe(doc.title);
        expect(ld.inLanguage).toBe('zh-CN');
        expect(ld.url).toBe(`${SITE}/documents/${doc.id}/`);
        expect(ld.legislationIdentifier).toBe(doc.docNumber ?? undefined);
        expect(ld.legislationDate).toBe(doc.year === null ? undefined : String(doc.year));
        // The raw HTML never holds `<` inside the JSON, so seed text cannot close the script.
        const html = await (await page.request.get(site.url(`/documents/${doc.id}/`))).text();
        const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/u.exec(html)?.[1] ?? '';
        expect(raw).not.toMatch(/[<>]/u);
      }
    } finally {
      await close();
    }
  });

  it('links agencies and programs to their pages and citations to the cited documents', async () => {
    const { page, close } = await site.open();
    try {
      for (const doc of records().filter((d) => d.agencies.length + d.programs.length + d.citations.length + d.citedBy.length + d.related.length > 0)) {
        await page.goto(site.url(`/documents/${doc.id}/`));
        for (const agency of doc.agencies) expect(await page.locator(`.agencies a[href="/agencies/${agency.slug}/"]`).count(), agency.slug).toBeGreaterThan(0);
        for (const program of doc.programs) expect(await page.locator(`.programs a[href="/glossary/${program.slug}/"]`).count(), program.slug).toBe(1);
        for (const citation of doc.citations.filter((c) => c.target !== null)) {
          expect(await page.locator(`.cross-references a[href="/documents/${citation.target}/"]`).count()).toBeGreaterThan(0);
        }
        for (const cite of doc.citedBy) expect(await page.locator(`.cross-references a[href="/documents/${cite.id}/"]`).count()).toBeGreaterThan(0);
        const related = page.locator('.related-list > li');
        expect(await related.count()).toBe(doc.related.length);
        for (const [i, item] of doc.related.entries()) {
          expect(await related.nth(i).locator('a').first().getAttribute('href')).toBe(`/documents/${item.id}/`);
          expect(await related.nth(i).locator('.reason').count()).toBe(item.reasons.length);
        }
      }
    } finally {
      await close();
    }
  });

  it('has a source view of every ingested document: removed lines struck through, kept lines linked back', async () => {
    const diagnostics = (JSON.parse(readFileSync(join(TEST_CONTENT, 'diagnostics.json'), 'utf8')) as { diagnostics: { file: string; line: number; ruleId: string }[] }).diagnostics;
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      let removedSeen = 0;
      for (const doc of records()) {
        await page.goto(site.url(`/documents/${doc.id}/`));
        await page.locator('.provenance a.source-link').click();
        await page.waitForURL((url) => url.pathname === `/documents/${doc.id}/source/`);
        expect(await page.locator('h1').count()).toBe(1);
        for (let line = doc.source.startLine; line <= doc.source.endLine; line++) expect(await page.locator(`#L${line}`).count(), `L${line}`).toBe(1);

        const rows = await page.locator('.source-table tbody tr').evaluateAll((trs) =>
          trs.map((tr) => ({ id: tr.id, line: Number(tr.getAttribute('data-line')), status: tr.getAttribute('data-status'), del: tr.querySelector('.line-text del')?.textContent ?? null })),
        );
        for (const row of rows) {
          if (row.status === 'boilerplate' || row.status === 'duplicate' || row.status === 'dropped' || row.status === 'trimmed') expect(row.del, `${doc.id} ${row.id}`).not.toBeNull();
          else expect(row.del, `${doc.id} ${row.id}`).toBeNull();
        }
        // Every removal the pipeline reported inside the record's range shows as removed on its line.
        const reported = diagnostics.filter((x) => x.file === doc.source.file && (x.ruleId === 'boilerplate-removed' || x.ruleId === 'duplicate-paragraph'));
        for (const d of reported.filter((x) => x.line >= doc.source.startLine && x.line <= doc.source.endLine)) {
          expect(rows.some((r) => r.line === d.line && r.del !== null), `${doc.id} L${d.line}`).toBe(true);
        }
        removedSeen += rows.filter((r) => r.del !== null).length;
        // Each paragraph starts on a kept line that links back to it.
        const back = await page.locator('.line-anchor').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        for (const p of doc.paragraphs) expect(back, p.id).toContain(`/documents/${doc.id}/#${p.id}`);
      }
      expect(removedSeen, 'the seeds hold boilerplate, so some lines show as removed').toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a hostile seed in the source view as escaped text', async () => {
    const doc = records().find((d) => d.source.file.startsWith('hostile'));
    expect(doc).toBeDefined();
    const { page, close } = await site.open();
    try {
      const problems = watchForProblems(page);
      await page.goto(site.url(`/documents/${doc!.id}/source/`));
      const text = await page.locator('.source-table').innerText();
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('{process.exit(1)}');
      expect(await page.locator('main script, main img, main foo').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('logs no errors and has no horizontal scroll at 375px, document and source pages alike', async () => {
    const routes = siteRoutes(site.dir).filter((route) => /^\/documents\/[^/]+\/(?:source\/)?$/u.test(route));
    expect(routes.some((r) => r.endsWith('/source/'))).toBe(true);
    const { page, close } = await site.open({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      const problems = watchForProblems(page);
      const wide: string[] = [];
      for (const route of routes) {
        await page.goto(site.url(route));
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) wide.push(`${route}: ${width}px`);
      }
      expect(wide).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('prints black on white without navigation, chips or the cite box, and writes out where links lead', async () => {
    const doc = themedRecord();
    const { page, close } = await site.open();
    try {
      await page.goto(site.url(`/documents/${doc.id}/`));
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.site-header nav', '.site-header [role="search"]', '.chips', 'details.cite', '.toc', '.site-footer']) {
        const shown = await page.locator(selector).evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== 'none').length);
        expect(shown, selector).toBe(0);
      }
      const body = await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
      expect(body).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      const link = page.locator('.provenance a.source-link');
      const after = await link.evaluate((a) => getComputedStyle(a, '::after').content);
      expect(after).toContain(`/documents/${doc.id}/source/`);
    } finally {
      await close();
    }
  });
});
