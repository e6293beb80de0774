/**
 * Reproducible builds: the whole site (ingest → Astro → Pagefind) built a second time from the
 * same inputs, in another folder, with a cold Astro cache, another time zone and another locale,
 * is byte-identical to the test site the browser tests look at: every page, asset hash, sitemap,
 * feed, data download and Pagefind index file. Nothing in the output may embed a build time or a
 * local path. Costs one extra full build (about 20–40 s), so it lives where the site is built anyway.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { readTree } from '../helpers.ts';
import { ROOT } from './site-build.ts';

const siteDir = inject('siteDir');

/** Paths whose bytes differ between two trees, plus paths present in only one of them. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [path, bytes] of a) {
    const other = b.get(path);
    if (!other) out.push(`only in the first build: ${path}`);
    else if (!bytes.equals(other)) {
      let at = 0;
      while (at < bytes.length && bytes[at] === other[at]) at++;
      const context = (buffer: Buffer): string => JSON.stringify(buffer.subarray(Math.max(0, at - 40), at + 40).toString('utf8'));
      out.push(`${path} differs at byte ${at}: ${context(bytes)} vs ${context(other)}`);
    }
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`only in the second build: ${path}`);
  return out;
}

describe.skipIf(!siteDir)('build determinism', () => {
  test('a second build from the same inputs is byte-identical (content/ and dist/)', async () => {
    const first = dirname(siteDir);
    const second = `${first}-rebuild`;
    rmSync(second, { recursive: true, force: true });
    const script = `const { ensureTestSite } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'tests/browser/site-build.ts')).href)}); ensureTestSite({ force: true });`;
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: ROOT,
      // A far-off time zone and the C locale: dates and sorting must not depend on the build machine.
      env: { ...process.env, ATLAS_TEST_SITE: second, TZ: 'Pacific/Kiritimati', LANG: 'C', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Low priority (inherited by the ingest, Astro and Pagefind processes it starts): the browser tests running
    // beside it on a small CI machine keep their page-load times.
    if (child.pid !== undefined) setPriority(child.pid, 10);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(status, `second build failed:\n${output}`).toBe(0);
    console.log(`[build-determinism] second build in ${((Date.now() - started) / 1000).toFixed(1)}s`);

    // The ingest cache (content/.cache/) is not output: its keys include where the seeds folder is.
    const withoutCache = (tree: Map<string, Buffer>): Map<string, Buffer> => new Map([...tree].filter(([path]) => !path.startsWith('.cache')));
    const content = [withoutCache(readTree(join(first, 'content'))), withoutCache(readTree(join(second, 'content')))] as const;
    const dist = [readTree(siteDir), readTree(join(second, 'dist'))] as const;
    expect(content[0].size).toBeGreaterThan(10);
    expect(dist[0].size).toBeGreaterThan(100);
    const diff = [...differences(...content).map((d) => `content/${d}`), ...differences(...dist).map((d) => `dist/${d}`)];
    expect(diff, `the second build (kept in ${second}) differs`).toEqual([]);
    rmSync(second, { recursive: true, force: true });
  }, 300_000);
});
