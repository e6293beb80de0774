/**
 * Shared scaffolding for browser test files: one Chromium per file, pages on the served test site.
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';

/** What a browser suite gets: the running browser and helpers bound to the served site. */
export interface Site {
  /** Folder of the built site, for reading its files directly. */
  dir: string;
  /** Absolute URL of a site path such as `/documents/x/`. */
  url: (path: string) => string;
  /** A fresh page in a new context; closed after the test via the returned close. */
  open: (options?: BrowserContextOptions) => Promise<{ page: Page; close: () => Promise<void> }>;
}

/** Declares a suite that runs against the served test site, skipped when global setup found no Chromium. */
export function browserSuite(name: string, body: (site: Site) => void): void {
  const siteUrl = inject('siteUrl');
  const chromiumPath = inject('chromiumPath');
  describe.skipIf(!chromiumPath || !siteUrl)(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium(chromiumPath);
    });
    afterAll(async () => {
      await browser?.close();
    });
    body({
      dir: inject('siteDir'),
      url: (path) => new URL(path, siteUrl).href,
      open: async (options) => {
        if (!browser) throw new Error('browser not launched');
        const context = await browser.newContext(options);
        const page = await context.newPage();
        return { page, close: () => context.close() };
      },
    });
  });
}

/** Collects console errors, uncaught exceptions, failed requests and HTTP errors seen by a page. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // Chromium fetches the favicon after load; going to the next page aborts that fetch.
    if (reason === 'net::ERR_ABORTED' && /\/favicon\.\w+$/.test(request.url())) return;
    problems.push(`requestfailed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}
