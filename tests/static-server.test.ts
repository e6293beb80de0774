import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRequest, serveStatic } from '../scripts/lib/static-server.ts';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'atlas-static-'));
  mkdirSync(join(root, 'documents', 'a'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'documents', 'a', 'index.html'), '<h1>a</h1>');
  writeFileSync(join(root, '404.html'), '<h1>missing</h1>');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveRequest', () => {
  it('serves directory index files and redirects to the trailing slash', async () => {
    expect(await resolveRequest(root, '/')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(await resolveRequest(root, '/documents/a/')).toEqual({ kind: 'file', path: join(root, 'documents', 'a', 'index.html') });
    expect(await resolveRequest(root, '/documents/a')).toEqual({ kind: 'redirect', location: '/documents/a/' });
  });

  it('never leaves the root', async () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/documents/../../etc/passwd', '/%00', '/%E0%A4%A']) {
      expect(await resolveRequest(root, path), path).toEqual({ kind: 'not-found' });
    }
  });
});

describe('serveStatic', () => {
  it('answers 200 for pages and 404 with the 404 page otherwise', async () => {
    const server = await serveStatic(root);
    try {
      const ok = await fetch(new URL('documents/a/', server.url));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/html');
      const missing = await fetch(new URL('nope/', server.url));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('missing');
    } finally {
      await server.close();
    }
  });
});
