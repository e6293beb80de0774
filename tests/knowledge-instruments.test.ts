/**
 * Policy-instrument tagging measured against a reading of the seeds:
 * `tests/fixtures/labels/instruments.yaml` gives, for every seed paragraph,
 * the instrument types and tools a reader assigns (written before the
 * tagger was tuned). The test prints precision, recall and F1 per type and
 * per tool, and holds the type-level macro-F1 to at least 0.85.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { defaultKnowledgeBase } from '../scripts/knowledge/index.ts';
import { tagInstruments } from '../scripts/knowledge/instruments.ts';
import { INSTRUMENT_TYPES, type DocumentRecord, type InstrumentHit } from '../src/lib/schema.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';
import { expectCommittedAccuracy } from './accuracy.ts';

const LABELS = join('tests', 'fixtures', 'labels', 'instruments.yaml');
/** Floors the tagger reaches on the seeds (type macro-F1 as the issue asks; the tool floor is what is reached with margin). */
const MIN_TYPE_MACRO_F1 = 0.85;
const MIN_TYPE_F1 = 0.8;
const MIN_TOOL_MACRO_F1 = 0.8;

const labelSchema = z.object({
  doc: z.string(),
  paragraph: z.string().regex(/^p-[0-9a-z]+(?:-\d+)?$/),
  /** The start of the paragraph's text, so a label cannot drift onto another paragraph. */
  text: z.string().min(1),
  types: z.array(z.enum(INSTRUMENT_TYPES)),
  tools: z.array(z.string()),
});
type Label = z.output<typeof labelSchema>;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

function score({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Per-class counts of a multi-label classification: gold and predicted class sets per item. */
function evaluate(classes: readonly string[], items: readonly { gold: Set<string>; predicted: Set<string> }[]): Map<string, Scores> {
  const result = new Map<string, Scores>();
  for (const c of classes) {
    const counts = { tp: 0, fp: 0, fn: 0 };
    for (const { gold, predicted } of items) {
      if (gold.has(c) && predicted.has(c)) counts.tp++;
      else if (predicted.has(c)) counts.fp++;
      else if (gold.has(c)) counts.fn++;
    }
    result.set(c, score(counts));
  }
  return result;
}

const macroF1 = (scores: Map<string, Scores>): number => [...scores.values()].reduce((sum, s) => sum + s.f1, 0) / scores.size;

function table(title: string, scores: Map<string, Scores>): string {
  const pad = Math.max(...[...scores.keys()].map((k) => k.length), 8);
  const rows = [...scores].map(
    ([c, s]) =>
      `  ${c.padEnd(pad)}  ${String(s.tp + s.fn).padStart(4)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${s.precision.toFixed(2)}  ${s.recall.toFixed(2)}  ${s.f1.toFixed(2)}`,
  );
  return [
    title,
    `  ${'class'.padEnd(pad)}  gold    tp   fp   fn  prec  rec   F1`,
    ...rows,
    `  ${'macro-F1'.padEnd(pad)}  ${' '.repeat(36)}${macroF1(scores).toFixed(3)}`,
  ].join('\n');
}

const knowledge = defaultKnowledgeBase();
const tools = knowledge.instruments;
const toolType = new Map(tools.map((t) => [t.slug, t.type]));
let outDir: string;
let records: Map<string, DocumentRecord>;
let labels: Label[];
/** Hits by `doc#paragraph`, computed afresh from the vocabulary. */
const predictions = new Map<string, InstrumentHit[]>();

beforeAll(() => {
  outDir = makeTempDir('atlas-instruments-');
  const result = ingest('seeds', outDir, false);
  records = new Map(result.documents.map((d) => [d.record.id, d.record]));
  labels = z.array(labelSchema).parse(parseYaml(readFileSync(LABELS, 'utf8')));
  for (const record of records.values()) {
    for (const [id, hits] of tagInstruments(record, tools).byParagraph) predictions.set(`${record.id}#${id}`, hits);
  }
});
afterAll(() => cleanup(outDir));

describe('instrument vocabulary', () => {
  test('every file of content/instruments loads without a diagnostic', () => {
    const messages = knowledge.files.filter((f) => f.path.includes('content/instruments/')).flatMap((f) => f.messages.map(String));
    expect(messages).toEqual([]);
    expect(new Set(tools.map((t) => t.type))).toEqual(new Set(INSTRUMENT_TYPES));
  });
});

describe('labelled instruments of the seed paragraphs', () => {
  test('the labelled set is large enough and covers every document and type', () => {
    expect(labels.length).toBeGreaterThanOrEqual(150);
    expect(new Set(labels.map((l) => l.doc))).toEqual(new Set(records.keys()));
    for (const type of INSTRUMENT_TYPES) expect(labels.filter((l) => l.types.includes(type)).length, type).toBeGreaterThanOrEqual(10);
    expect(labels.filter((l) => l.tools.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  test('every label names a known tool, and its types are those of its tools', () => {
    for (const l of labels) {
      for (const tool of l.tools) expect(toolType.has(tool), `${l.paragraph}: unknown tool “${tool}”`).toBe(true);
      const implied = INSTRUMENT_TYPES.filter((t) => l.tools.some((tool) => toolType.get(tool) === t));
      expect(l.types, `${l.doc}#${l.paragraph}`).toEqual(implied);
    }
  });

  test('every labelled paragraph exists and still starts with the labelled text', () => {
    const problems: string[] = [];
    for (const l of labels) {
      const record = records.get(l.doc);
      const paragraph = record?.paragraphs.find((p) => p.id === l.paragraph);
      if (!record) problems.push(`${l.doc}: no such document in the ingested seeds`);
      else if (!paragraph) problems.push(`${l.doc}#${l.paragraph}: no such paragraph (its text changed?) — labelled “${l.text}”`);
      else if (!paragraph.text.startsWith(l.text)) problems.push(`${l.doc}#${l.paragraph}: text starts “${paragraph.text.slice(0, 30)}”, label says “${l.text}”`);
    }
    expect(problems).toEqual([]);
  });

  test(`types reach macro-F1 ≥ ${MIN_TYPE_MACRO_F1} (each type ≥ ${MIN_TYPE_F1}); tools reach macro-F1 ≥ ${MIN_TOOL_MACRO_F1}`, () => {
    const items = labels.map((l) => {
      const hits = predictions.get(`${l.doc}#${l.paragraph}`) ?? [];
      return { label: l, hits };
    });
    const types = evaluate(
      INSTRUMENT_TYPES,
      items.map(({ label, hits }) => ({ gold: new Set<string>(label.types), predicted: new Set<string>(hits.map((h) => h.type)) })),
    );
    const toolScores = evaluate(
      tools.map((t) => t.slug).sort((a, b) => INSTRUMENT_TYPES.indexOf(toolType.get(a) ?? 'supply') - INSTRUMENT_TYPES.indexOf(toolType.get(b) ?? 'supply')),
      items.map(({ label, hits }) => ({ gold: new Set(label.tools), predicted: new Set(hits.map((h) => h.tool)) })),
    );
    console.log(`${table(`Instrument types on ${labels.length} labelled seed paragraphs`, types)}\n\n${table('Instrument tools', toolScores)}`);
    expect(macroF1(types)).toBeGreaterThanOrEqual(MIN_TYPE_MACRO_F1);
    for (const [type, s] of types) expect(s.f1, type).toBeGreaterThanOrEqual(MIN_TYPE_F1);
    expect(macroF1(toolScores)).toBeGreaterThanOrEqual(MIN_TOOL_MACRO_F1);
    const mean = (scores: Map<string, Scores>, key: 'precision' | 'recall'): number => [...scores.values()].reduce((sum, s) => sum + s[key], 0) / scores.size;
    expectCommittedAccuracy({ field: 'instruments', label: '政策工具类型（宏平均）', labelEn: 'Policy instrument types (macro average)', precision: mean(types, 'precision'), recall: mean(types, 'recall'), n: labels.length, note: `macro-F1 ${macroF1(types).toFixed(3)}; tools macro-F1 ${macroF1(toolScores).toFixed(3)}` });
  });

  test('paragraphs labelled with no instrument are mostly left untagged', () => {
    const none = labels.filter((l) => l.tools.length === 0);
    const tagged = none.filter((l) => predictions.has(`${l.doc}#${l.paragraph}`));
    expect(tagged.length / none.length).toBeLessThanOrEqual(0.1);
  });
});

describe('instruments in the ingested records', () => {
  test('the pipeline stores what tagInstruments returns, and each document profile counts its paragraphs', () => {
    for (const record of records.values()) {
      for (const p of record.paragraphs) expect(p.instruments, `${record.id}#${p.id}`).toEqual(predictions.get(`${record.id}#${p.id}`) ?? []);
      const counts = new Map<string, number>();
      for (const p of record.paragraphs) for (const h of p.instruments) counts.set(h.tool, (counts.get(h.tool) ?? 0) + 1);
      expect(record.instruments.map((i) => [i.tool, i.paragraphs]).sort()).toEqual([...counts].sort());
      const order = record.instruments.map((i) => i.paragraphs);
      expect(order, record.id).toEqual([...order].sort((a, b) => b - a));
    }
  });

  test('every hit is explained by words found in its paragraph or, as §term, in an enclosing heading', () => {
    for (const record of records.values()) {
      const titles = new Map<string, string>();
      const walk = (sections: DocumentRecord['sections']): void => {
        for (const s of sections) {
          titles.set(s.id, s.title);
          walk(s.children);
        }
      };
      walk(record.sections);
      for (const p of record.paragraphs) {
        const headings = p.sectionPath.map((id) => titles.get(id) ?? '').join('\n');
        for (const hit of p.instruments) {
          expect(hit.terms.length, `${p.id} ${hit.tool}`).toBeGreaterThan(0);
          expect(hit.terms.some((t) => !t.startsWith('§')), `${p.id} ${hit.tool}: tagged by headings alone`).toBe(true);
          for (const term of hit.terms) {
            if (term.startsWith('§')) expect(headings, `${p.id} ${hit.tool} ${term}`).toContain(term.slice(1));
            else expect(p.text, `${p.id} ${hit.tool} ${term}`).toContain(term);
          }
        }
      }
    }
  });

  test('tagging stays well under a millisecond per paragraph', () => {
    const all = [...records.values()];
    const paragraphs = all.reduce((n, r) => n + r.paragraphs.length, 0);
    const start = performance.now();
    for (let i = 0; i < 5; i++) for (const record of all) tagInstruments(record, tools);
    const perParagraph = (performance.now() - start) / (5 * paragraphs);
    expect(perParagraph).toBeLessThan(0.5);
  });
});
