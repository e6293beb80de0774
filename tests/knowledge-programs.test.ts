/**
 * Named programs on the real seeds, against `tests/fixtures/labels/programs.yaml`
 * (written by reading the texts): precision and recall of the programs each document names.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { programMentionSchema, type DocumentRecord } from '../src/lib/schema.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../scripts/knowledge/index.ts';
import { findPrograms } from '../scripts/knowledge/programs.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';
import { expectCommittedAccuracy } from './accuracy.ts';

const labels = z
  .record(z.string(), z.object({ programs: z.array(z.string()), local: z.array(z.string()) }))
  .parse(parse(readFileSync('tests/fixtures/labels/programs.yaml', 'utf8')));

let out: string;
let kb: KnowledgeBase;
let records: DocumentRecord[];

beforeAll(() => {
  out = makeTempDir('atlas-programs-');
  kb = loadKnowledgeBase();
  records = ingest('seeds', out, false).documents.map((d) => d.record);
});
afterAll(() => cleanup(out));

/** A glossary program by slug, a local initiative by its name. */
const key = (m: { slug: string; name: string }) => (m.slug.startsWith('local-') ? `local:${m.name}` : m.slug);

function score(expected: Set<string>, actual: Set<string>) {
  const hits = [...actual].filter((t) => expected.has(t)).length;
  const precision = actual.size === 0 ? 1 : hits / actual.size;
  const recall = expected.size === 0 ? 1 : hits / expected.size;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

describe('findPrograms on the seeds', () => {
  test('the glossary loads without diagnostics, and labels only use its slugs', () => {
    const files = kb.files.filter((f) => f.path.includes('/glossary/'));
    expect(files.flatMap((f) => f.messages.map(String))).toEqual([]);
    expect(kb.glossary.length).toBe(files.length);
    const slugs = new Set(kb.glossary.map((g) => g.slug));
    const unknown = Object.values(labels).flatMap((l) => l.programs.filter((s) => !slugs.has(s)));
    expect(unknown).toEqual([]);
  });

  test('related themes of glossary entries are themes of the vocabulary', () => {
    const themes = new Set(kb.themes.map((t) => t.slug));
    expect(kb.glossary.flatMap((g) => g.themes.filter((t) => !themes.has(t)).map((t) => `${g.slug}: ${t}`))).toEqual([]);
  });

  test('every glossary entry has Chinese and English definitions and a body in both languages', () => {
    for (const g of kb.glossary) {
      expect(g.description, g.slug).toMatch(/[\u4e00-\u9fff]/u);
      expect(g.descriptionEn, g.slug).toMatch(/[A-Za-z]/u);
      expect(g.body, g.slug).toMatch(/[\u4e00-\u9fff][\s\S]*\n\n[\s\S]*[A-Za-z]/u);
    }
  });

  test('programs per document reach precision and recall ≥ 0.9 (glossary and local initiatives)', () => {
    expect(new Set(Object.keys(labels))).toEqual(new Set(records.map((r) => r.id)));
    const rows: string[] = [];
    const all = { expected: new Set<string>(), actual: new Set<string>() };
    const glossaryOnly = { expected: new Set<string>(), actual: new Set<string>() };
    for (const record of records) {
      const label = labels[record.id];
      if (!label) continue;
      const expected = new Set([...label.programs, ...label.local.map((n) => `local:${n}`)]);
      const actual = new Set(findPrograms(record, kb.glossary).map(key));
      for (const k of expected) all.expected.add(`${record.id} ${k}`);
      for (const k of actual) all.actual.add(`${record.id} ${k}`);
      for (const k of expected) if (!k.startsWith('local:')) glossaryOnly.expected.add(`${record.id} ${k}`);
      for (const k of actual) if (!k.startsWith('local:')) glossaryOnly.actual.add(`${record.id} ${k}`);
      const s = score(expected, actual);
      rows.push(
        `${record.id.slice(0, 44).padEnd(44)} ${String(expected.size).padStart(4)} ${String(actual.size).padStart(4)}  ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}`,
      );
      const missed = [...expected].filter((k) => !actual.has(k));
      const extra = [...actual].filter((k) => !expected.has(k));
      if (missed.length > 0 || extra.length > 0) rows.push(`    missed: ${missed.join(', ') || '—'}\n    extra:  ${extra.join(', ') || '—'}`);
    }
    const total = score(all.expected, all.actual);
    const glossary = score(glossaryOnly.expected, glossaryOnly.actual);
    console.log(
      [
        'programs: labelled / found / precision / recall / F1',
        ...rows,
        `${'ALL'.padEnd(44)} ${String(all.expected.size).padStart(4)} ${String(all.actual.size).padStart(4)}  ${total.precision.toFixed(3)}  ${total.recall.toFixed(3)}  ${total.f1.toFixed(3)}`,
        `${'ALL, glossary only'.padEnd(44)} ${String(glossaryOnly.expected.size).padStart(4)} ${String(glossaryOnly.actual.size).padStart(4)}  ${glossary.precision.toFixed(3)}  ${glossary.recall.toFixed(3)}  ${glossary.f1.toFixed(3)}`,
      ].join('\n'),
    );
    expect(total.precision).toBeGreaterThanOrEqual(0.9);
    expect(total.recall).toBeGreaterThanOrEqual(0.9);
    expect(glossary.precision).toBeGreaterThanOrEqual(0.9);
    expect(glossary.recall).toBeGreaterThanOrEqual(0.9);
    expectCommittedAccuracy({ field: 'programs', label: '计划与项目', labelEn: 'Named programs', precision: total.precision, recall: total.recall, n: all.expected.size, note: 'programs each document names, glossary and local initiatives' });
  });

  test('mentions satisfy the record contract, quote the text and point at paragraphs that hold a variant', () => {
    for (const record of records) {
      const mentions = findPrograms(record, kb.glossary);
      const texts = new Map(record.paragraphs.map((p) => [p.id, p.text]));
      for (const m of mentions) {
        expect(programMentionSchema.parse(m)).toEqual(m);
        for (const id of m.paragraphIds) expect(m.variants.some((v) => texts.get(id)?.includes(v)), `${record.id} ${m.slug} ${id}`).toBe(true);
        expect(m.count).toBeGreaterThanOrEqual(m.paragraphIds.length);
      }
      expect(new Set(mentions.map((m) => m.slug)).size).toBe(mentions.length);
      const counts = mentions.map((m) => m.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  test('the title counts: a pilot-city news item names 创新型城市 in its title', () => {
    const record = records.find((r) => r.id.startsWith('shengzhou-'));
    const title = findPrograms({ title: record?.title ?? '', sections: [], paragraphs: [] }, kb.glossary);
    expect(title.map((m) => [m.slug, m.count, m.paragraphIds])).toEqual([['innovative-city', 1, []]]);
  });
});
