/**
 * Measures theme tagging against paragraphs labelled by reading the seeds
 * (`tests/fixtures/labels/themes.yaml`): precision, recall and F1 per theme,
 * printed as a table, with the macro-F1 held to a floor.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { DocumentRecord } from '../src/lib/schema.ts';
import { defaultKnowledgeBase } from '../scripts/knowledge/index.ts';
import { tagThemes } from '../scripts/knowledge/themes.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';
import { expectCommittedAccuracy } from './accuracy.ts';

const labelSchema = z.array(
  z.object({
    doc: z.string(),
    paragraph: z.string(),
    text: z.string().min(1),
    themes: z.array(z.string()),
  }),
);
type Label = z.output<typeof labelSchema>[number];

const MACRO_F1_FLOOR = 0.85;
const MIN_POSITIVES = 6;

const labels: Label[] = labelSchema.parse(parse(readFileSync('tests/fixtures/labels/themes.yaml', 'utf8')));
const kb = defaultKnowledgeBase();
const slugs = kb.themes.map((t) => t.slug);

let outDir = '';
let records = new Map<string, DocumentRecord>();

beforeAll(() => {
  outDir = makeTempDir('atlas-themes-');
  const result = ingest('seeds', outDir, false);
  records = new Map(result.documents.map((d) => [d.record.id, d.record]));
});
afterAll(() => cleanup(outDir));

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (c: Counts): number => {
  const p = ratio(c.tp, c.tp + c.fp);
  const r = ratio(c.tp, c.tp + c.fn);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};
const pct = (x: number): string => x.toFixed(3);

describe('theme labels', () => {
  test('every theme has enough positive labels, and some paragraphs have none', () => {
    expect(labels.length).toBeGreaterThanOrEqual(150);
    for (const slug of slugs) expect(labels.filter((l) => l.themes.includes(slug)).length, slug).toBeGreaterThanOrEqual(MIN_POSITIVES);
    expect(labels.filter((l) => l.themes.length === 0).length).toBeGreaterThan(0);
    expect(new Set(labels.map((l) => l.doc)).size).toBe(10);
  });

  test('labels only name known themes and are not duplicated', () => {
    for (const label of labels) for (const theme of label.themes) expect(slugs, `${label.paragraph}: ${theme}`).toContain(theme);
    const keys = labels.map((l) => `${l.doc}#${l.paragraph}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every label is still attached to its paragraph', () => {
    for (const label of labels) {
      const record = records.get(label.doc);
      expect(record, `document ${label.doc} of label ${label.paragraph} is not in the seeds any more`).toBeDefined();
      const paragraph = record?.paragraphs.find((p) => p.id === label.paragraph);
      expect(paragraph, `paragraph ${label.paragraph} is not in ${label.doc} any more`).toBeDefined();
      expect(paragraph?.text.startsWith(label.text), `paragraph ${label.paragraph} no longer starts with “${label.text}”`).toBe(true);
    }
  });
});

describe('theme tagging on the labelled seed paragraphs', () => {
  test(`macro-F1 is at least ${MACRO_F1_FLOOR}`, () => {
    const counts = new Map<string, Counts>(slugs.map((s) => [s, { tp: 0, fp: 0, fn: 0 }]));
    const errors: string[] = [];
    const tagged = new Map<string, ReturnType<typeof tagThemes>>();
    for (const label of labels) {
      const record = records.get(label.doc);
      if (!record) throw new Error(`Unexpected label for missing document ${label.doc}`);
      let tagging = tagged.get(label.doc);
      if (!tagging) {
        tagging = tagThemes(record, kb.themes);
        tagged.set(label.doc, tagging);
      }
      const predicted = new Set((tagging.byParagraph.get(label.paragraph) ?? []).map((h) => h.theme));
      const expected = new Set(label.themes);
      for (const slug of slugs) {
        const c = counts.get(slug);
        if (!c) continue;
        if (predicted.has(slug) && expected.has(slug)) c.tp += 1;
        else if (predicted.has(slug)) c.fp += 1;
        else if (expected.has(slug)) c.fn += 1;
      }
      const missed = [...expected].filter((t) => !predicted.has(t));
      const extra = [...predicted].filter((t) => !expected.has(t));
      if (missed.length + extra.length > 0) errors.push(`${label.paragraph} ${label.text.slice(0, 16)}  missed: ${missed.join(',') || '-'}  extra: ${extra.join(',') || '-'}`);
    }

    const rows = slugs.map((slug) => {
      const c = counts.get(slug) ?? { tp: 0, fp: 0, fn: 0 };
      return { slug, ...c, p: ratio(c.tp, c.tp + c.fp), r: ratio(c.tp, c.tp + c.fn), f: f1(c) };
    });
    const macro = {
      p: rows.reduce((s, r) => s + r.p, 0) / rows.length,
      r: rows.reduce((s, r) => s + r.r, 0) / rows.length,
      f: rows.reduce((s, r) => s + r.f, 0) / rows.length,
    };
    const total = rows.reduce((s, r) => ({ tp: s.tp + r.tp, fp: s.fp + r.fp, fn: s.fn + r.fn }), { tp: 0, fp: 0, fn: 0 });
    const micro = { p: ratio(total.tp, total.tp + total.fp), r: ratio(total.tp, total.tp + total.fn), f: f1(total) };

    const line = (name: string, c: string, p: number, r: number, f: number): string => `${name.padEnd(18)}${c.padStart(14)}  ${pct(p)}  ${pct(r)}  ${pct(f)}`;
    const table = [
      `Theme tagging on ${labels.length} labelled paragraphs (tests/fixtures/labels/themes.yaml)`,
      `${'theme'.padEnd(18)}${'tp/fp/fn'.padStart(14)}  prec.  recall F1`,
      ...rows.map((r) => line(r.slug, `${r.tp}/${r.fp}/${r.fn}`, r.p, r.r, r.f)),
      line('macro', '', macro.p, macro.r, macro.f),
      line('micro', `${total.tp}/${total.fp}/${total.fn}`, micro.p, micro.r, micro.f),
      `${errors.length} paragraph(s) with a difference:`,
      ...errors.map((e) => `  ${e}`),
    ].join('\n');
    console.log(table);

    expect(table).toMatch(/^micro /mu);
    expect(macro.f, table).toBeGreaterThanOrEqual(MACRO_F1_FLOOR);
    expectCommittedAccuracy({ field: 'themes', label: '段落主题（宏平均）', labelEn: 'Paragraph themes (macro average)', precision: macro.p, recall: macro.r, n: labels.length, note: `macro-F1 ${macro.f.toFixed(3)}; 15 themes` });
  });

  test('document themes come from paragraphs the labels also file under them', () => {
    for (const record of records.values()) {
      const tagging = tagThemes(record, kb.themes);
      const labelled = labels.filter((l) => l.doc === record.id);
      for (const theme of tagging.themes) {
        const profile = tagging.themeProfile.find((t) => t.theme === theme);
        expect(profile?.paragraphs ?? 0, `${record.id}: ${theme}`).toBeGreaterThan(0);
        // A main theme of a document is one a reader also found in it.
        if (labelled.length >= 10) expect(labelled.some((l) => l.themes.includes(theme)), `${record.id}: ${theme}`).toBe(true);
      }
    }
  });
});
