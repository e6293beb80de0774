/**
 * /data/: the downloads are linked from the page, parse, agree with each other
 * and with the site, and the codebook describes every field.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { documentFields, paragraphFields, paragraphRecordSchema } from '../../src/lib/codebook.ts';
import { corpusSchema } from '../../src/lib/schema.ts';
import { browserSuite } from './harness.ts';
import { siteRoutes } from './site-pages.ts';

browserSuite('data downloads', (site) => {
  it('downloads documents.json, paragraphs.jsonl and targets.csv from the links on /data/ and parses them', async () => {
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/data/'));
      const links = await page.locator('.download-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const byName = new Map(links.map((href) => [new URL(href).pathname.split('/').pop()!, href]));
      expect([...byName.keys()].sort()).toEqual(['documents.json', 'documents.schema.json', 'paragraphs.jsonl', 'targets.csv']);
      const fetchText = async (name: string) => {
        const response = await page.request.get(byName.get(name)!);
        expect(response.status(), name).toBe(200);
        return response.text();
      };

      // documents.json: a valid corpus holding exactly the documents that have pages.
      const documents = corpusSchema.parse(JSON.parse(await fetchText('documents.json'))).documents;
      const documentRoutes = siteRoutes(site.dir).filter((r) => /^\/documents\/[^/]+\/$/.test(r));
      expect(documents.map((d) => `/documents/${d.id}/`).sort()).toEqual(documentRoutes);

      // paragraphs.jsonl: one valid record per line, each pointing at its document page and anchor.
      const text = await fetchText('paragraphs.jsonl');
      const records = text.split('\n').filter(Boolean).map((line) => paragraphRecordSchema.parse(JSON.parse(line)));
      expect(records.length).toBeGreaterThan(0);
      expect(text.endsWith('\n')).toBe(true);
      const ids = new Set<string>(documents.map((d) => d.id));
      const pages = new Map<string, string>();
      for (const record of records) {
        expect(ids.has(record.documentId), record.documentId).toBe(true);
        const url = new URL(record.url);
        expect(url.pathname).toBe(`/documents/${record.documentId}/`);
        expect(url.hash).toBe(`#${record.id}`);
        if (!pages.has(url.pathname)) pages.set(url.pathname, await (await page.request.get(site.url(url.pathname))).text());
        expect(pages.get(url.pathname), record.url).toContain(`id="${record.id}"`);
      }
      expect(new Set(records.map((r) => `${r.documentId}#${r.id}`)).size).toBe(records.length);

      // targets.csv: a header and one row per target in documents.json (an empty file while there are none).
      const csv = await fetchText('targets.csv');
      const targets = documents.reduce((n, d) => n + d.targets.length, 0);
      const rows = parseCsv(csv, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
      expect(rows.length).toBe(targets);
      if (targets > 0) {
        const header = Object.keys(rows[0]!);
        const headerCells = await page.locator('#codebook-targets + p + .table-scroll tbody th code').allInnerTexts();
        expect(headerCells).toEqual(header);
      }

      // documents.schema.json is JSON Schema.
      expect(JSON.parse(await fetchText('documents.schema.json'))).toMatchObject({ type: 'object' });
    } finally {
      await close();
    }
  });

  it('the codebook lists every field of documents.json and paragraphs.jsonl with a type and a meaning', async () => {
    const { page, close } = await site.open();
    try {
      await page.goto(site.url('/data/'));
      const table = (id: string) => page.locator(`#${id} ~ .table-scroll`).first();
      const rows = async (id: string) =>
        table(id)
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
      const documentRows = await rows('codebook-documents');
      expect(documentRows.map((r) => r[0])).toEqual(documentFields().map((f) => f.path));
      const paragraphRows = await rows('codebook-paragraphs');
      expect(paragraphRows.map((r) => r[0])).toEqual(paragraphFields().map((f) => f.path));
      for (const row of [...documentRows, ...paragraphRows]) {
        expect(row[1], row[0]).not.toBe('');
        expect(row[2], row[0]).not.toContain('未说明');
      }
    } finally {
      await close();
    }
  });
});
