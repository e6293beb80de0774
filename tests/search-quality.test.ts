/**
 * Measures Chinese search quality with Pagefind run for real (Node API to
 * index, its browser bundle to search): the ingested test corpus as document
 * pages, indexed plain ("before": Pagefind 1.6 as shipped) and with
 * whole-term tokens ("after": scripts/search/terms.ts), queried with the set
 * in tests/fixtures/search-queries.yaml. Prints recall, precision and the
 * ranking check per query, and holds "after" to the bar.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeUTF8 } from 'entities';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadKnowledgeBase } from '../scripts/knowledge/index.ts';
import { buildSearchIndex } from '../scripts/search/build-index.ts';
import { loadSearchTerms } from '../scripts/search/dictionary.ts';
import { pagefindFields } from '../scripts/search/fields.ts';
import { openBundle, type NodeSearch, type PagefindResponse } from '../scripts/search/node-search.ts';
import { runQuery } from '../scripts/search/run-query.ts';
import { buildMatcher, type TermMatcher } from '../scripts/search/terms.ts';
import type { DocumentRecord, Section } from '../src/lib/schema.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';

interface QueryCase {
  q: string;
  source?: string;
}
const querySet = parse(readFileSync('tests/fixtures/search-queries.yaml', 'utf8')) as { queries: QueryCase[]; controls: QueryCase[] };

/** Title, headings and paragraphs: the words a document page makes searchable. */
function searchableText(doc: DocumentRecord): string {
  const headings = (sections: Section[]): string[] => sections.flatMap((s) => [s.title, ...headings(s.children)]);
  return [doc.title, ...headings(doc.sections), ...doc.paragraphs.map((p) => p.text)].join('\n');
}

/** A document page as the site renders it for Pagefind: title outside the body, metadata and text inside. */
function renderPage(doc: DocumentRecord): string {
  const { filters, meta, sort } = pagefindFields(doc);
  const attrs = [
    ...Object.entries(filters).flatMap(([name, values]) => values.map((v) => `<span data-pagefind-filter="${escapeUTF8(`${name}:${v}`)}"></span>`)),
    ...Object.entries(meta).map(([name, v]) => `<span data-pagefind-meta="${escapeUTF8(`${name}:${v}`)}"></span>`),
    ...Object.entries(sort).map(([name, v]) => `<span data-pagefind-sort="${escapeUTF8(`${name}:${v}`)}"></span>`),
  ];
  const flat = (sections: Section[]): Section[] => sections.flatMap((s) => [s, ...flat(s.children)]);
  const blocks = [
    ...flat(doc.sections).map((s) => ({ line: s.line, html: `<h2 id="${s.id}">${escapeUTF8(s.title)}</h2>` })),
    ...doc.paragraphs.map((p) => ({ line: p.line, html: `<p id="${p.id}">${escapeUTF8(p.text)}</p>` })),
  ].sort((a, b) => a.line - b.line);
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>x</title></head><body>',
    `<main><h1>${escapeUTF8(doc.title)}</h1><div class="prose" data-pagefind-body><div hidden>${attrs.join('')}</div>`,
    ...blocks.map((b) => b.html),
    '</div></main></body></html>',
  ].join('\n');
}

interface Scores {
  recall: number;
  precision: number;
  /** Every expected document ranks above every other result. */
  ranking: boolean;
  returned: number;
  expected: number;
}

function score(urls: string[], expected: Set<string>): Scores {
  const hits = urls.filter((u) => expected.has(u)).length;
  const firstOther = urls.findIndex((u) => !expected.has(u));
  const lastExpected = urls.reduce((last, u, i) => (expected.has(u) ? i : last), -1);
  return {
    recall: expected.size === 0 ? 1 : hits / expected.size,
    precision: urls.length === 0 ? (expected.size === 0 ? 1 : 0) : hits / urls.length,
    ranking: hits === expected.size && (firstOther === -1 || lastExpected < firstOther),
    returned: urls.length,
    expected: expected.size,
  };
}

const count = (r: PagefindResponse): number => r.results.length;

describe('Chinese search quality, Pagefind before and after whole-term tokens', () => {
  let work: string;
  let docs: DocumentRecord[];
  let before: NodeSearch;
  let after: NodeSearch;
  let matcher: TermMatcher;
  const rows: { q: string; group: string; before: Scores; after: Scores }[] = [];

  beforeAll(async () => {
    work = makeTempDir('atlas-search-');
    const seeds = join(work, 'seeds');
    cpSync('seeds', seeds, { recursive: true });
    cpSync('tests/fixtures/site-seeds', seeds, { recursive: true });
    ingest(seeds, join(work, 'content'));
    docs = (JSON.parse(readFileSync(join(work, 'content', 'corpus.json'), 'utf8')) as { documents: DocumentRecord[] }).documents;
    const dist = join(work, 'dist');
    for (const doc of docs) {
      mkdirSync(join(dist, 'documents', doc.id), { recursive: true });
      writeFileSync(join(dist, 'documents', doc.id, 'index.html'), renderPage(doc));
    }
    const terms = loadSearchTerms(loadKnowledgeBase());
    matcher = buildMatcher(terms);
    await buildSearchIndex({ dist, terms, annotate: false, outputPath: join(work, 'before') });
    await buildSearchIndex({ dist, terms, annotate: true, outputPath: join(work, 'after') });
    before = await openBundle(join(work, 'before'));
    after = await openBundle(join(work, 'after'));

    for (const [group, cases] of [['query', querySet.queries], ['control', querySet.controls]] as const) {
      for (const { q } of cases) {
        const expected = new Set(docs.filter((d) => searchableText(d).includes(q)).map((d) => `/documents/${d.id}/`));
        const plain = await before.search(q);
        const whole = await runQuery(after, matcher, { query: q }, (r) => count(r.response));
        const urls = await Promise.all(whole.response.response.results.map(async (r) => (await r.data()).url));
        rows.push({ q, group, before: score(plain.urls, expected), after: score(urls, expected) });
      }
    }
    printTable(rows);
    const size = (dir: string): number =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => /^(index|fragment)\//.test(name))
        .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    console.log(`index + fragments (gzip): before ${size(join(work, 'before'))} bytes, after ${size(join(work, 'after'))} bytes; ${terms.length} dictionary terms`);
  }, 120_000);

  afterAll(async () => {
    await before?.close();
    await after?.close();
    if (work) cleanup(work);
  });

  test('every query of the set names a term some document contains', () => {
    for (const row of rows.filter((r) => r.group === 'query')) expect(row.after.expected, row.q).toBeGreaterThan(0);
  });

  test('after: each term finds every document containing it, and nothing else', () => {
    for (const row of rows.filter((r) => r.group === 'query')) {
      expect({ q: row.q, recall: row.after.recall, precision: row.after.precision }).toEqual({ q: row.q, recall: 1, precision: 1 });
    }
  });

  test('after: documents containing the term rank above those with only its characters', () => {
    for (const row of rows.filter((r) => r.group === 'query')) expect(row.after.ranking, row.q).toBe(true);
  });

  test('before: Pagefind alone falls short on the same set (the reason for the tokens)', () => {
    const queries = rows.filter((r) => r.group === 'query');
    const meanPrecision = queries.reduce((sum, r) => sum + r.before.precision, 0) / queries.length;
    expect(meanPrecision).toBeLessThan(1);
    expect(queries.some((r) => !r.before.ranking)).toBe(true);
  });

  test('controls (no dictionary term) are searched exactly as before', () => {
    for (const row of rows.filter((r) => r.group === 'control')) expect(row.after, row.q).toEqual(row.before);
  });
});

function printTable(rows: { q: string; group: string; before: Scores; after: Scores }[]): void {
  const pct = (n: number): string => `${Math.round(n * 100)}%`.padStart(4);
  const lines = ['query            group    expected | before: returned recall precision ranking | after: returned recall precision ranking'];
  for (const r of rows) {
    lines.push(
      `${r.q.padEnd(10, '　')} ${r.group.padEnd(8)} ${String(r.after.expected).padStart(8)} | ${String(r.before.returned).padStart(16)} ${pct(r.before.recall)} ${pct(r.before.precision).padStart(9)} ${(r.before.ranking ? 'ok' : 'no').padStart(7)} | ${String(r.after.returned).padStart(15)} ${pct(r.after.recall)} ${pct(r.after.precision).padStart(9)} ${(r.after.ranking ? 'ok' : 'no').padStart(7)}`,
    );
  }
  for (const group of ['query', 'control']) {
    const g = rows.filter((r) => r.group === group);
    const mean = (f: (s: Scores) => number, side: 'before' | 'after'): number => g.reduce((sum, r) => sum + f(r[side]), 0) / g.length;
    const ok = (side: 'before' | 'after'): string => `${g.filter((r) => r[side].ranking).length}/${g.length}`;
    lines.push(
      `mean (${group === 'query' ? 'queries' : 'controls'}) recall ${pct(mean((s) => s.recall, 'before'))} → ${pct(mean((s) => s.recall, 'after'))}, precision ${pct(mean((s) => s.precision, 'before'))} → ${pct(mean((s) => s.precision, 'after'))}, ranking ok ${ok('before')} → ${ok('after')}`,
    );
  }
  console.log(lines.join('\n'));
}
