/**
 * Responsible agencies on the real seeds, against `tests/fixtures/labels/responsibilities.yaml`
 * (written by reading the texts): precision and recall of (task paragraph, agency, role) triples.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { agencyMentionSchema, responsibilitySchema, type DocumentRecord } from '../src/lib/schema.ts';
import { extractAgencies } from '../scripts/knowledge/agencies.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../scripts/knowledge/index.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';
import { expectCommittedAccuracy } from './accuracy.ts';

const labelsSchema = z.array(
  z.object({
    doc: z.string(),
    items: z.array(
      z.object({ paragraph: z.string(), lead: z.array(z.string()), cooperating: z.array(z.string()), byRemit: z.boolean().default(false) }),
    ),
  }),
);
const labels = labelsSchema.parse(parse(readFileSync('tests/fixtures/labels/responsibilities.yaml', 'utf8')));

let out: string;
let kb: KnowledgeBase;
let records: DocumentRecord[];

beforeAll(() => {
  out = makeTempDir('atlas-agencies-');
  kb = loadKnowledgeBase();
  records = ingest('seeds', out, false).documents.map((d) => d.record);
});
afterAll(() => cleanup(out));

const triple = (paragraph: string, agency: string, role: string) => `${paragraph} ${role} ${agency}`;

function score(expected: Set<string>, actual: Set<string>) {
  const hits = [...actual].filter((t) => expected.has(t)).length;
  const precision = actual.size === 0 ? 1 : hits / actual.size;
  const recall = expected.size === 0 ? 1 : hits / expected.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { hits, precision, recall, f1 };
}

describe('extractAgencies on the seeds', () => {
  test('the agency vocabulary loads without diagnostics, one file per slug', () => {
    const files = kb.files.filter((f) => f.path.includes('/agencies/'));
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(files.flatMap((f) => f.messages.map(String))).toEqual([]);
    expect(kb.agencies.length).toBe(files.length);
  });

  test('every seed document has a label entry', () => {
    expect(new Set(labels.map((l) => l.doc))).toEqual(new Set(records.map((r) => r.id)));
  });

  test('(task paragraph, agency, role) triples reach precision and recall ≥ 0.9', () => {
    const rows: string[] = [];
    const allExpected = new Set<string>();
    const allActual = new Set<string>();
    let remitExpected = 0;
    let remitFound = 0;
    for (const { doc, items } of labels) {
      const record = records.find((r) => r.id === doc);
      expect(record, doc).toBeDefined();
      if (!record) continue;
      const { responsibilities } = extractAgencies(record, kb.agencies);
      const expected = new Set(items.flatMap((i) => [...i.lead.map((a) => triple(i.paragraph, a, 'lead')), ...i.cooperating.map((a) => triple(i.paragraph, a, 'coop'))]));
      const actual = new Set(responsibilities.flatMap((r) => [...r.lead.map((a) => triple(r.paragraphId, a, 'lead')), ...r.cooperating.map((a) => triple(r.paragraphId, a, 'coop'))]));
      for (const t of expected) allExpected.add(`${doc} ${t}`);
      for (const t of actual) allActual.add(`${doc} ${t}`);
      for (const i of items.filter((x) => x.byRemit)) {
        remitExpected++;
        if (responsibilities.some((r) => r.paragraphId === i.paragraph && r.byRemit)) remitFound++;
      }
      const s = score(expected, actual);
      rows.push(
        `${doc.slice(0, 44).padEnd(44)} ${String(items.length).padStart(3)} ${String(responsibilities.length).padStart(4)} ${String(expected.size).padStart(5)} ${String(actual.size).padStart(5)}  ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}`,
      );
      const missed = [...expected].filter((t) => !actual.has(t));
      const extra = [...actual].filter((t) => !expected.has(t));
      if (missed.length > 0 || extra.length > 0) rows.push(`    missed: ${missed.join('; ') || '—'}\n    extra:  ${extra.join('; ') || '—'}`);
    }
    const total = score(allExpected, allActual);
    console.log(
      [
        'responsibilities: labelled tasks / found tasks / labelled triples / found triples / precision / recall / F1',
        ...rows,
        `${'ALL'.padEnd(44)} ${String(labels.reduce((n, l) => n + l.items.length, 0)).padStart(3)}      ${String(allExpected.size).padStart(5)} ${String(allActual.size).padStart(5)}  ${total.precision.toFixed(3)}  ${total.recall.toFixed(3)}  ${total.f1.toFixed(3)}`,
        `byRemit (按职能分工负责) tasks found: ${remitFound}/${remitExpected}`,
      ].join('\n'),
    );
    expect(total.precision).toBeGreaterThanOrEqual(0.9);
    expect(total.recall).toBeGreaterThanOrEqual(0.9);
    expectCommittedAccuracy({ field: 'responsibilities', label: '牵头与配合单位', labelEn: 'Lead and cooperating agencies', precision: total.precision, recall: total.recall, n: allExpected.size, note: '(task, agency, role) triples' });
    expect(remitFound).toBe(remitExpected);
  });

  test('labelled tasks are found as tasks (paragraph recall ≥ 0.9), with no responsibility outside the labels', () => {
    const expected = new Set(labels.flatMap((l) => l.items.map((i) => i.paragraph)));
    const actual = new Set(records.flatMap((r) => extractAgencies(r, kb.agencies).responsibilities.map((x) => x.paragraphId)));
    const s = score(expected, actual);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
  });

  test('outputs satisfy the record contract; every responsibility quotes text of its document', () => {
    for (const record of records) {
      const { responsibilities, agencies } = extractAgencies(record, kb.agencies);
      const text = record.paragraphs.map((p) => p.text).join('\n');
      for (const r of responsibilities) {
        expect(responsibilitySchema.parse(r)).toEqual(r);
        for (const part of r.quote.split(' | ')) expect(text.includes(part), `${record.id}: ${part}`).toBe(true);
      }
      for (const a of agencies) expect(agencyMentionSchema.parse(a)).toEqual(a);
      expect(new Set(agencies.map((a) => a.slug)).size).toBe(agencies.length);
    }
  });

  test('agencies named outside clauses are mentions too: a county plan names its county government, a work plan the provincial department', () => {
    const mentions = (idStart: string) => {
      const record = records.find((r) => r.id.startsWith(idStart));
      return record ? extractAgencies(record, kb.agencies).agencies.map((a) => a.name) : [];
    };
    // 县委、县政府制定的社会经济发展目标 (twice).
    expect(mentions('duolate-')).toEqual(['县政府']);
    // 国家科技部、省科技厅 in the 2011 work plan; 州人民政府 as the prefecture government.
    expect(mentions('xiangxi-')).toEqual(expect.arrayContaining(['科技部', '省科技厅', '州政府']));
    // 市人事局要采取有力措施 / 市科技局要建立…: mentioned, though not a 牵头/负责 clause.
    expect(mentions('cn-2004-')).toEqual(expect.arrayContaining(['市科技局', '市人事局', '省科技厅', '科技部', '市政府']));
    // The 2013 provincial work plan names no agency: 省科技创新工程 is a programme.
    expect(mentions('jiangsu-')).toEqual([]);
  });

  test('the most involved agency of a document comes first, with its lead and cooperating counts', () => {
    const record = records.find((r) => r.id.startsWith('cn-nd-tisheng'));
    const { agencies, responsibilities } = extractAgencies(record as DocumentRecord, kb.agencies);
    const first = agencies[0];
    expect(first?.name).toBe('市科技局');
    expect(first?.lead).toBe(responsibilities.filter((r) => r.lead.includes('市科技局')).length);
    expect(first?.cooperating).toBe(responsibilities.filter((r) => r.cooperating.includes('市科技局')).length);
    // Written both with and without the prefix the list lends.
    expect(first?.variants).toEqual(expect.arrayContaining(['市科技局', '科技局']));
  });
});
