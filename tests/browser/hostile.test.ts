/**
 * The hostile seeds the site is built with (tests/fixtures/site-seeds/adversarial/: the small files of
 * tests/fixtures/hostile/ marked `site` in cases.ts) as a reader's browser gets them. A trap set before
 * any page script records every write to `globalThis.__pwned` (what the payloads do), every
 * alert/confirm/prompt and every dialog; then each document page, its source view, a search for the
 * payloads and a document page with a hostile `?q=` must show the payloads as literal text, run none
 * of them, and hold no element, event-handler attribute or `javascript:` URL that came from a seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { HOSTILE_CASES } from '../fixtures/hostile/cases.ts';
import { browserSuite, watchForProblems } from './harness.ts';
import { TEST_CONTENT } from './site-build.ts';

/** Folder of the hostile seeds inside the test build's seeds (tests/fixtures/site-seeds/adversarial/). */
const FOLDER = 'adversarial/';

interface Doc {
  id: string;
  title: string;
  source: { file: string };
}

/** The documents the hostile seeds gave, with the case each came from. */
function hostileDocuments(): { doc: Doc; literals: string[] }[] {
  const corpus = JSON.parse(readFileSync(join(TEST_CONTENT, 'corpus.json'), 'utf8')) as { documents: Doc[] };
  return corpus.documents
    .filter((doc) => doc.source.file.startsWith(FOLDER))
    .map((doc) => ({ doc, literals: HOSTILE_CASES.find((c) => `${FOLDER}${c.file}` === doc.source.file)?.literals ?? [] }));
}

/** Runs in the page before its own scripts: the payloads write `globalThis.__pwned` or call alert(). */
function installTrap(): void {
  const hits: string[] = [];
  Object.defineProperty(window, '__hostileHits', { value: hits });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (value: unknown) => void hits.push(`__pwned = ${String(value)}`),
  });
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    Object.defineProperty(window, name, { configurable: false, value: (...args: unknown[]) => void hits.push(`${name}(${args.map(String).join(', ')})`) });
  }
}

/** Elements no document text may become: tag names from the payloads, and every element that loads or runs something. */
const FOREIGN_IN_TEXT = 'img, iframe, object, embed, form, button, input, style, svg, video, audio, link, meta, base, b, i, em, strong, code:not(.source-table code.rule), script:not([type="application/ld+json"]):not([src^="/_astro/"]), pwned, foo, x';
/** Elements of the payloads that the site itself never puts in a page body. */
const FOREIGN_ANYWHERE = 'body img, body iframe, body object, body embed, body style, body video, body audio, body b, body i, pwned, foo, x';
/** Links of the site itself: to its own pages, anchors, or its canonical origin. */
const OWN_LINK = /^(?:\/(?!\/)|#|\?|https:\/\/policy-atlas\.example\.org\/)/u;

/** What a page holds that no page of the site should: handlers, script URLs, foreign elements and links in the text. */
async function injected(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(
    ({ scope, inText, anywhere, ownLink }) => {
      const found: string[] = [];
      const own = new RegExp(ownLink, 'u');
      for (const el of document.querySelectorAll('*')) {
        for (const attribute of el.attributes) {
          if (/^on/iu.test(attribute.name)) found.push(`<${el.localName} ${attribute.name}>`);
          if (/^\s*(?:javascript|vbscript|data):/iu.test(attribute.value) && /^(?:href|src|action|formaction|data|xlink:href|srcdoc|poster|background)$/iu.test(attribute.name)) {
            found.push(`<${el.localName} ${attribute.name}="${attribute.value}">`);
          }
        }
      }
      for (const el of document.querySelectorAll(anywhere)) found.push(`<${el.localName}>`);
      for (const root of document.querySelectorAll(scope)) {
        for (const el of root.querySelectorAll(inText)) found.push(`${scope}: <${el.localName}>`);
        for (const a of root.querySelectorAll('a')) if (!own.test(a.getAttribute('href') ?? '')) found.push(`${scope}: <a href="${a.getAttribute('href') ?? ''}">`);
      }
      return found;
    },
    { scope, inText: FOREIGN_IN_TEXT, anywhere: FOREIGN_ANYWHERE, ownLink: OWN_LINK.source },
  );
}

async function hits(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __hostileHits?: string[] }).__hostileHits ?? ['trap missing'])]);
}

browserSuite('hostile seeds', (site) => {
  it('the test build holds a page for every hostile seed marked for it', () => {
    const files = new Set(hostileDocuments().map((d) => d.doc.source.file.slice(FOLDER.length)));
    const expected = HOSTILE_CASES.filter((c) => c.site && c.titles.length > 0).map((c) => c.file);
    expect([...files].sort()).toEqual(expected.sort());
  });

  it('document pages show every payload as text, run none, and hold nothing from a seed but text', async () => {
    const { page, close } = await site.open();
    try {
      await page.addInitScript(installTrap);
      const problems = watchForProblems(page);
      for (const { doc, literals } of hostileDocuments()) {
        await page.goto(site.url(`/documents/${doc.id}/`), { waitUntil: 'load' });
        expect(await page.locator('h1#doc-title').innerText(), doc.id).toBe(doc.title);
        expect(await page.title(), doc.id).toContain(doc.title);
        const text = await page.locator('[data-pagefind-body]').innerText();
        for (const literal of literals) expect(text, `${doc.id} shows ${literal}`).toContain(literal);
        expect(await injected(page, '[data-pagefind-body], h1'), doc.id).toEqual([]);
        expect(await hits(page), doc.id).toEqual([]);
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('source views show the raw hostile lines as text and run none of them', async () => {
    const { page, close } = await site.open();
    try {
      await page.addInitScript(installTrap);
      const problems = watchForProblems(page);
      const seen = new Set<string>();
      for (const { doc } of hostileDocuments()) {
        if (seen.has(doc.source.file)) continue;
        seen.add(doc.source.file);
        await page.goto(site.url(`/documents/${doc.id}/source/`), { waitUntil: 'load' });
        const raw = readFileSync(join(TEST_CONTENT, '..', 'seeds', ...doc.source.file.split('/')), 'utf8');
        const text = await page.locator('.source-table').innerText();
        // The first line of the seed as written (for most, the line holding a payload).
        const first = raw.split('\n').find((line) => line.trim() !== '') ?? '';
        expect(text, doc.source.file).toContain(first.trim());
        expect(await injected(page, '.source-table'), doc.source.file).toEqual([]);
        expect(await hits(page), doc.source.file).toEqual([]);
      }
      expect(seen.size).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('search results for the payloads are text, and a hostile ?q= on a document page runs nothing', async () => {
    const { page, close } = await site.open();
    try {
      await page.addInitScript(installTrap);
      const problems = watchForProblems(page);
      await page.goto(site.url('/search/?q=globalThis'), { waitUntil: 'networkidle' });
      await expect.poll(async () => page.locator('#search-results > li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.locator('#search-results').innerText()).toMatch(/globalThis/u);
      expect(await injected(page, '#search-results'), 'search').toEqual([]);
      expect(await hits(page), 'search').toEqual([]);

      const [first] = hostileDocuments();
      const q = encodeURIComponent(`<img src=x onerror="globalThis.__pwned='q'">script`);
      await page.goto(site.url(`/documents/${first?.doc.id}/?q=${q}`), { waitUntil: 'load' });
      expect(await injected(page, '[data-pagefind-body]'), 'q').toEqual([]);
      expect(await hits(page), 'q').toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
