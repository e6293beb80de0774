/**
 * The knowledge layer end to end on the seeds: the fields land in corpus.json
 * and in the pages' frontmatter, paragraph elements carry their themes,
 * citations are kept with the paragraph they stand in, and targets.csv lies
 * beside corpus.json with one row per target.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { corpusSchema, PAGE_DETAIL_FIELDS, type Corpus } from '../src/lib/schema.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';

let outDir: string;
let corpus: Corpus;

beforeAll(() => {
  outDir = makeTempDir('atlas-knowledge-');
  ingest('seeds', outDir);
  corpus = corpusSchema.parse(JSON.parse(readFileSync(join(outDir, 'corpus.json'), 'utf8')));
});
afterAll(() => cleanup(outDir));

function page(id: string): { frontmatter: Record<string, unknown>; body: string } {
  const mdx = readFileSync(join(outDir, 'documents', `${id}.mdx`), 'utf8');
  const end = mdx.indexOf('\n---\n', 4);
  return { frontmatter: parseYaml(mdx.slice(4, end)) as Record<string, unknown>, body: mdx.slice(end + 5) };
}

describe('knowledge in the generated output', () => {
  test('every document has themes, and its theme list is drawn from its paragraphs', () => {
    for (const doc of corpus.documents) {
      expect(doc.themes.length, doc.id).toBeGreaterThan(0);
      const paragraphThemes = new Set(doc.paragraphs.flatMap((p) => p.themes.map((t) => t.theme)));
      for (const theme of doc.themes) expect(paragraphThemes.has(theme), `${doc.id} ${theme}`).toBe(true);
      expect(doc.themeProfile.map((t) => t.theme)).toEqual(expect.arrayContaining(doc.themes));
    }
  });

  test('each themed paragraph element carries its theme slugs, and unthemed ones carry none', () => {
    for (const doc of corpus.documents) {
      const { body } = page(doc.id);
      for (const p of doc.paragraphs) {
        const tag = new RegExp(`<(?:div|tr) id="${p.id}"[^>]*>`, 'u').exec(body)?.[0] ?? '';
        expect(tag, `${doc.id}#${p.id}`).not.toBe('');
        const attribute = /data-themes="([^"]*)"/u.exec(tag)?.[1];
        expect(attribute?.split(' ') ?? [], `${doc.id}#${p.id}`).toEqual(p.themes.map((t) => t.theme));
      }
    }
  });

  test('the frontmatter carries the themes; the detail stays in the record only', () => {
    for (const doc of corpus.documents) {
      const { frontmatter } = page(doc.id);
      expect(frontmatter.themes, doc.id).toEqual(doc.themes);
      for (const field of PAGE_DETAIL_FIELDS) expect(frontmatter, `${doc.id} ${field}`).not.toHaveProperty(field);
    }
    // The detail is there to be left out: the seeds have targets, agencies and related documents.
    expect(corpus.documents.some((d) => d.targets.length > 0 && d.agencies.length > 0 && d.related.length > 0)).toBe(true);
  });

  test('a plan implementing a decision cites it by title and by number, in the paragraph that names them', () => {
    const doc = corpus.documents.find((d) => d.citations.some((c) => c.kind === 'number'));
    expect(doc).toBeDefined();
    const number = doc?.citations.find((c) => c.kind === 'number');
    const paragraph = doc?.paragraphs.find((p) => p.id === number?.paragraphId);
    expect(paragraph?.text).toContain(number?.text);
    expect(doc?.citations.some((c) => c.kind === 'title' && c.paragraphId === number?.paragraphId)).toBe(true);
  });

  test('targets.csv has a header and one row per target, in document order', () => {
    const csv = readFileSync(join(outDir, 'targets.csv'), 'utf8');
    const targets = corpus.documents.flatMap((d) => d.targets);
    expect(targets.length).toBeGreaterThan(0);
    // Quoted fields never hold a newline here (quotes are single clauses), so rows are lines.
    const rows = csv.replace(/^\uFEFF/u, '').trimEnd().split(/\r?\n/u);
    expect(rows[0]).toMatch(/indicator/u);
    expect(rows.length - 1).toBe(targets.length);
  });

  test('sections carry the themes of their heading and body', () => {
    const sections = corpus.documents.flatMap((d) => d.sections);
    expect(sections.some((s) => (s.themes ?? []).length > 0)).toBe(true);
  });
});
