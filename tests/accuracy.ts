/**
 * Keeps `content/accuracy.json` (shown on the About page) equal to what the
 * evaluation tests measure. A test hands over its figures; when they differ
 * from the committed row the test fails, and `npm run accuracy` rewrites the
 * rows (ATLAS_WRITE_ACCURACY=1, test files one at a time).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { accuracySchema, type Accuracy } from '../src/lib/corpus-data.ts';

const PATH = 'content/accuracy.json';
const MEASURED_ON =
  '种子文本中人工标注的段落与条目（规则也据这些文本调整，属样本内评测） · hand-labelled paragraphs and items of the seed texts (tests/fixtures/labels/); the rules were tuned on the same texts, so these are in-sample figures';

type Metric = Accuracy['metrics'][number];

const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

export function expectCommittedAccuracy(metric: Metric): void {
  const row = { ...metric, precision: round(metric.precision), recall: round(metric.recall) };
  const committed: Accuracy = existsSync(PATH) ? accuracySchema.parse(JSON.parse(readFileSync(PATH, 'utf8'))) : { measuredOn: MEASURED_ON, metrics: [] };
  if (process.env.ATLAS_WRITE_ACCURACY === '1') {
    const metrics = [...committed.metrics.filter((m) => m.field !== row.field), row].sort((a, b) => (a.field < b.field ? -1 : 1));
    writeFileSync(PATH, `${JSON.stringify({ measuredOn: MEASURED_ON, metrics }, null, 2)}\n`);
    return;
  }
  expect(committed.metrics.find((m) => m.field === row.field), `${PATH} is out of date: run \`npm run accuracy\``).toEqual(row);
}
