/**
 * Quantitative targets measured against the hand-labelled list of every
 * target statement in the seed documents (`tests/fixtures/labels/targets.yaml`,
 * written by reading the text before the extractor existed). Prints one line
 * per label (found / missing / wrong value-unit / wrong year), the extra
 * (unlabelled) targets found, and precision and recall overall and per
 * indicator.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { COMPARATORS, type DocumentRecord, type Target } from '../src/lib/schema.ts';
import { loadKnowledgeBase } from '../scripts/knowledge/index.ts';
import { extractTargets } from '../scripts/knowledge/targets.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';
import { expectCommittedAccuracy } from './accuracy.ts';

const labelSchema = z.object({
  doc: z.string(),
  paragraph: z.string(),
  quote: z.string().min(1),
  indicator: z.string(),
  value: z.number(),
  unit: z.string(),
  comparator: z.enum(COMPARATORS),
  measure: z.enum(['level', 'growth', 'annual-growth']),
  targetYear: z.number().int().nullable(),
  baseline: z.object({ value: z.number(), unit: z.string(), year: z.number().int().nullable() }).nullable(),
});
const notTargetSchema = z.object({
  paragraph: z.string(),
  quote: z.string().min(1),
  value: z.number(),
  unit: z.string().optional(),
  why: z.string(),
});
const fixtureSchema = z.object({ targets: z.array(labelSchema).min(1), notTargets: z.array(notTargetSchema).min(1) });
type Label = z.output<typeof labelSchema>;

const fixture = fixtureSchema.parse(parse(readFileSync('tests/fixtures/labels/targets.yaml', 'utf8')));

const sameNumber = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const overlaps = (a: string, b: string): boolean => a.includes(b) || b.includes(a);
const show = (t: Pick<Target, 'value' | 'unit' | 'targetYear'>): string => `${t.value} ${t.unit} @${t.targetYear ?? '—'}`;

type Status = 'found' | 'missing' | 'wrong value/unit' | 'wrong year';
interface Match {
  label: Label;
  status: Status;
  target: Target | null;
}

let dir = '';
let records: DocumentRecord[] = [];
let extracted: Target[] = [];
let paragraphText = new Map<string, string>();
let matches: Match[] = [];

beforeAll(() => {
  dir = makeTempDir('atlas-targets-');
  const kb = loadKnowledgeBase();
  records = ingest('seeds', dir, false).documents.map((d) => d.record);
  // Run the extractor itself (not whatever the records already carry), with the project's vocabulary.
  extracted = records.flatMap((r) => extractTargets(r, kb.indicators));
  paragraphText = new Map(records.flatMap((r) => r.paragraphs.map((p) => [p.id, p.text] as const)));
  matches = matchLabels(fixture.targets, extracted);
}, 120_000);

afterAll(() => cleanup(dir));

/** Pairs each label with one extracted target of the same paragraph whose quote overlaps the label's, each target used once. */
function matchLabels(labels: readonly Label[], targets: readonly Target[]): Match[] {
  const used = new Set<Target>();
  const candidatesOf = (label: Label): Target[] => targets.filter((t) => !used.has(t) && t.paragraphId === label.paragraph && overlaps(t.quote, label.quote));
  const sameValue = (label: Label, t: Target): boolean => sameNumber(t.value, label.value) && t.unit === label.unit;
  // Exact matches first, so a near miss never takes the target an exact label needs.
  const result = new Map<Label, Match>();
  for (const label of labels) {
    const exact = candidatesOf(label).find((t) => sameValue(label, t) && t.targetYear === label.targetYear);
    if (exact) {
      used.add(exact);
      result.set(label, { label, status: 'found', target: exact });
    }
  }
  for (const label of labels) {
    if (result.has(label)) continue;
    const candidates = candidatesOf(label);
    const wrongYear = candidates.find((t) => sameValue(label, t));
    const any = wrongYear ?? candidates[0];
    if (any) used.add(any);
    result.set(label, { label, status: wrongYear ? 'wrong year' : any ? 'wrong value/unit' : 'missing', target: any ?? null });
  }
  return labels.map((l) => result.get(l) as Match);
}

describe('quantitative targets against the labelled seed targets', () => {
  test('every label quote and near-miss quote is verbatim text of its paragraph', () => {
    for (const item of [...fixture.targets, ...fixture.notTargets]) {
      expect(paragraphText.get(item.paragraph), `${item.paragraph}: ${item.quote}`).toContain(item.quote);
    }
  });

  test('every labelled target is found with the right value, unit and target year (recall = 1)', () => {
    const lines = matches.map(({ label, status, target }) => {
      const mark = status === 'found' ? '✔' : '✖';
      const got = target && status !== 'found' ? `  got ${show(target)} “${target.quote}”` : '';
      return `${mark} ${status.padEnd(16)} ${label.paragraph} ${show(label).padEnd(24)} ${label.quote}${got}`;
    });
    const found = matches.filter((m) => m.status === 'found').length;
    console.log(`Targets: per-label match (${found}/${matches.length})\n${lines.join('\n')}`);
    expect(matches.filter((m) => m.status !== 'found').map((m) => `${m.status}: ${m.label.paragraph} ${m.label.quote}`)).toEqual([]);
  });

  test('precision over everything extracted from the seeds is at least 0.9; extras are printed', () => {
    const matched = new Set(matches.filter((m) => m.status === 'found').map((m) => m.target));
    const extras = extracted.filter((t) => !matched.has(t));
    const precision = (extracted.length - extras.length) / extracted.length;
    const recall = matched.size / fixture.targets.length;
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      [
        `Targets: extracted ${extracted.length}, labelled ${fixture.targets.length}, matched ${matched.size}`,
        `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`,
        `extra (unlabelled) targets: ${extras.length}`,
        ...extras.map((t) => `  + ${t.paragraphId} ${show(t).padEnd(24)} [${t.indicator}] ${t.quote}`),
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expectCommittedAccuracy({ field: 'targets', label: '量化目标', labelEn: 'Quantitative targets', precision, recall, n: fixture.targets.length, note: `value, unit and target year all right; ${fixture.notTargets.length} near-misses not extracted` });
  });

  test('no near-miss number (date, selection, allocation, rule, quoted name …) is extracted', () => {
    const wrongly = fixture.notTargets.filter((nt) =>
      extracted.some((t) => t.paragraphId === nt.paragraph && sameNumber(t.value, nt.value) && (nt.unit === undefined || t.unit === nt.unit) && overlaps(t.quote, nt.quote)),
    );
    console.log(`Targets: near-misses not extracted ${fixture.notTargets.length - wrongly.length}/${fixture.notTargets.length}`);
    expect(wrongly.map((nt) => `${nt.paragraph} ${nt.quote} (${nt.why})`)).toEqual([]);
  });

  test('comparator, measure and baseline agree with the labels; indicator precision and recall per indicator', () => {
    const found = matches.filter((m): m is Match & { target: Target } => m.status === 'found' && m.target !== null);
    const agree = (field: (m: Match & { target: Target }) => boolean): number => found.filter(field).length / found.length;
    const comparator = agree((m) => m.target.comparator === m.label.comparator);
    const measure = agree((m) => m.target.measure === m.label.measure);
    const baseline = agree((m) => JSON.stringify(m.target.baseline) === JSON.stringify(m.label.baseline));
    const indicator = agree((m) => m.target.indicator === m.label.indicator);
    const disagreements = found
      .filter((m) => m.target.comparator !== m.label.comparator || m.target.measure !== m.label.measure || m.target.indicator !== m.label.indicator)
      .map(
        (m) =>
          `  ${m.label.paragraph} ${m.label.quote}: ` +
          [
            m.target.indicator !== m.label.indicator ? `indicator ${m.target.indicator} (label ${m.label.indicator}, phrase “${m.target.indicatorLabel}”)` : '',
            m.target.comparator !== m.label.comparator ? `comparator ${m.target.comparator} (label ${m.label.comparator})` : '',
            m.target.measure !== m.label.measure ? `measure ${m.target.measure} (label ${m.label.measure})` : '',
          ]
            .filter(Boolean)
            .join('; '),
      );
    const slugs = [...new Set(found.flatMap((m) => [m.label.indicator, m.target.indicator]))].sort();
    const rows = slugs.map((slug) => {
      const labelled = found.filter((m) => m.label.indicator === slug).length;
      const assigned = found.filter((m) => m.target.indicator === slug).length;
      const both = found.filter((m) => m.label.indicator === slug && m.target.indicator === slug).length;
      const p = assigned === 0 ? 1 : both / assigned;
      const r = labelled === 0 ? 1 : both / labelled;
      const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
      return `  ${slug.padEnd(26)} labelled ${String(labelled).padStart(3)}  assigned ${String(assigned).padStart(3)}  P ${p.toFixed(2)}  R ${r.toFixed(2)}  F1 ${f.toFixed(2)}`;
    });
    console.log(
      [
        `Targets: field agreement on ${found.length} found targets — comparator ${comparator.toFixed(3)}, measure ${measure.toFixed(3)}, baseline ${baseline.toFixed(3)}, indicator ${indicator.toFixed(3)}`,
        'Indicator per item:',
        ...rows,
        `Disagreements (${disagreements.length}):`,
        ...disagreements,
      ].join('\n'),
    );
    expect(comparator).toBeGreaterThanOrEqual(0.95);
    expect(measure).toBeGreaterThanOrEqual(0.95);
    expect(baseline).toBe(1);
    expect(indicator).toBeGreaterThanOrEqual(0.85);
  });

  test('the issue’s own examples come out with the right value, unit, year and baseline', () => {
    const pick = (paragraph: string, value: number): Target | undefined => extracted.find((t) => t.paragraphId === paragraph && sameNumber(t.value, value));
    expect(pick('p-5b48lmp', 2.77)).toMatchObject({ indicator: 'rd-intensity', unit: '%', targetYear: 2016 });
    expect(pick('p-6rpzphv', 600)).toMatchObject({ indicator: 'patent-applications', unit: '件', comparator: 'gte', targetYear: 2006, scope: '全市' });
    expect([1.45, 1.5, 1.6].map((v) => pick('p-2xwmz8t', v)?.targetYear)).toEqual([2004, 2005, 2006]);
    expect(pick('p-4nk0ns9', 12)).toMatchObject({ measure: 'annual-growth', comparator: 'gte', unit: '%' });
    expect(pick('p-62yf7pl', 20)).toMatchObject({ baseline: { value: 10, unit: '家', year: null }, comparator: 'gte', targetYear: 2006 });
  });
});
