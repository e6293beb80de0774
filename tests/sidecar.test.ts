/**
 * Corrections without code: a `seeds/<name>.meta.yaml` beside a seed fixes
 * fields and boundaries; a bad sidecar is reported at its YAML line and
 * ignored, and the documents still build from what was extracted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, copySeeds, ingest } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

function seedsWithSidecar(name: string, yaml: string): string {
  const seeds = copySeeds();
  dirs.push(seeds);
  writeFileSync(join(seeds, name), yaml);
  return seeds;
}

describe('sidecar corrections', () => {
  test('fields of a selected document are corrected, with evidence naming the sidecar', () => {
    const seeds = seedsWithSidecar(
      '002_07ecd39dfcf56a0e.meta.yaml',
      [
        '# 第五篇 is 三明市科学技术局 (names scrubbed on the page)',
        'documents:',
        '  - match: 科学技术局2021年全市科技工作要点',
        '    region: { code: "350400" }',
        '    issuer: 三明市科学技术局',
        '  - line: 45',
        '    issuer: 常熟市科学技术局',
        '    id: changshu-2010-kejiju-gongzuo-yaodian',
      ].join('\n'),
    );
    const docs = ingest(seeds, 'unused', false).documents.map((d) => d.record);
    const sanming = docs.find((d) => d.title === '科学技术局2021年全市科技工作要点');
    expect(sanming?.region).toMatchObject({ province: '福建省', city: '三明市', level: 'prefecture', code: '350400' });
    expect(sanming?.inferredRegion).toBeNull();
    expect(sanming?.issuer).toBe('三明市科学技术局');
    expect(sanming?.evidence.find((e) => e.field === 'region')).toMatchObject({ rule: 'sidecar' });
    expect(sanming?.evidence.find((e) => e.field === 'region')?.note).toContain('002_07ecd39dfcf56a0e.meta.yaml');
    const changshu = docs.find((d) => d.title === '2010年科技工作要点');
    expect(changshu?.id).toBe('changshu-2010-kejiju-gongzuo-yaodian');
    expect(changshu?.issuer).toBe('常熟市科学技术局');
  });

  test('document boundaries can be forbidden and forced', () => {
    // 第四篇 (marker at 72, title at 73) merged into 第三篇; a new document forced at line 61.
    const seeds = seedsWithSidecar('002_07ecd39dfcf56a0e.meta.yaml', 'noSplit: [72, 73]\nsplit: [61]\n');
    const docs = ingest(seeds, 'unused', false).documents.map((d) => d.record).filter((d) => d.source.file.startsWith('002'));
    expect(docs.map((d) => [d.source.startLine, d.source.endLine]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([
      [1, 16],
      [17, 44],
      [45, 60],
      [61, 83],
      [85, 118],
    ]);
  });

  test.each([
    ['malformed YAML (a key twice)', 'documents:\n  - line: 45\n    year: 2010\n    year: 2011\n', 4, 'Unexpected YAML'],
    ['malformed YAML (an unclosed bracket, noticed at the end)', 'documents:\n  - line: 45\n    year: [2010\n', 4, 'Unexpected YAML'],
    ['an unknown field', 'documents:\n  - line: 45\n    yaer: 2010\n', 3, 'unknown field(s) `yaer`'],
    ['no selector', 'documents:\n  - year: 2010\n', 2, 'exactly one of `line`, `index` or `match`'],
    ['a wrong type', 'documents:\n  - line: 45\n    year: "twenty-ten"\n', 3, '`documents.0.year`'],
  ])('%s is an error at its YAML line, and the documents still build', (_case, yaml, line, phrase) => {
    const seeds = seedsWithSidecar('002_07ecd39dfcf56a0e.meta.yaml', yaml);
    const result = ingest(seeds, 'unused', false);
    const file = result.files.find((f) => f.path.endsWith('002_07ecd39dfcf56a0e.meta.yaml'));
    const message = file?.messages.find((m) => m.ruleId === 'sidecar-invalid');
    expect(message?.fatal).toBe(true);
    expect(message?.line).toBe(line);
    expect(message?.reason).toContain(phrase);
    expect(result.documents).toHaveLength(10);
    expect(result.documents.find((d) => d.record.title === '2010年科技工作要点')?.record.year).toBe(2010);
  });

  test('a sidecar without its seed is reported', () => {
    const seeds = seedsWithSidecar('gone.meta.yaml', 'documents: []\n');
    const file = ingest(seeds, 'unused', false).files.find((f) => f.path.endsWith('gone.meta.yaml'));
    expect(file?.messages.map((m) => m.ruleId)).toEqual(['sidecar-orphan']);
  });
});
