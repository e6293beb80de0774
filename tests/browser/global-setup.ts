/**
 * Vitest global setup for the browser project: builds the test site once, serves it on
 * 127.0.0.1, and hands the URL to the tests. Without Chromium it skips (or fails under CI).
 */
import type { TestProject } from 'vitest/node';
import { findChromium, isCI, missingChromiumNotice } from '../../scripts/lib/chromium.ts';
import { ensureTestSite } from './site-build.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the served test site with a trailing slash, or '' when browser tests are skipped. */
    siteUrl: string;
    /** Folder of the built test site. */
    siteDir: string;
    /** Chromium executable, or '' when none was found. */
    chromiumPath: string;
  }
}

/** Builds and serves the site; the returned function stops the server. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.warn(missingChromiumNotice());
    if (isCI) throw new Error('No Chromium found and CI=true: browser tests cannot be skipped in CI.');
    project.provide('siteUrl', '');
    project.provide('siteDir', '');
    project.provide('chromiumPath', '');
    return undefined;
  }
  const siteDir = ensureTestSite();
  const server = await serveStatic(siteDir);
  console.log(`[site-build] serving ${siteDir} at ${server.url}`);
  project.provide('siteUrl', server.url);
  project.provide('siteDir', siteDir);
  project.provide('chromiumPath', chromiumPath);
  return server.close;
}
