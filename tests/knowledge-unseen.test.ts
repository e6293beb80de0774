/**
 * A document nobody tuned on: written from scratch in the genre (a district's
 * 实施意见 with targets, agency clauses, programs and a citation) after the
 * vocabularies and rules were done, with expectations written from reading it.
 * The same code must give it sensible themes, targets and agencies.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ingestSeed } from '../scripts/pipeline/index.ts';
import type { DocumentRecord } from '../src/lib/schema.ts';

const PATH = 'tests/fixtures/unseen/district-implementation-opinions.txt';
let doc: DocumentRecord;

beforeAll(() => {
  const { documents, file } = ingestSeed({ path: PATH, bytes: readFileSync(PATH) });
  expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
  expect(documents).toHaveLength(1);
  doc = documents[0]!.record;
});

describe('an unseen document', () => {
  test('metadata', () => {
    expect(doc).toMatchObject({ year: 2017, docNumber: '南府〔2017〕18号', docType: '实施意见' });
    expect(doc.region).toMatchObject({ city: '佛山市', county: '南海区', code: '440605' });
  });

  test('themes a researcher would file it under', () => {
    for (const theme of ['enterprises', 'platforms', 'talent', 'finance', 'commercialization', 'governance']) {
      expect(doc.themes, theme).toContain(theme);
    }
    const byText = (needle: string) => doc.paragraphs.find((p) => p.text.includes(needle))?.themes.map((t) => t.theme) ?? [];
    expect(byText('设立科技信贷风险补偿资金')).toContain('finance');
    expect(byText('深入实施人才引进工程')).toContain('talent');
    expect(byText('选派科技特派员')).toContain('agriculture');
    expect(byText('开展科技活动周和科普宣传活动')).toContain('outreach');
  });

  test('policy instruments of all three kinds where the text uses them', () => {
    const types = (needle: string) => doc.paragraphs.find((p) => p.text.includes(needle))?.instruments.map((i) => i.type) ?? [];
    expect(types('设立科技信贷风险补偿资金')).toContain('environment');
    expect(types('给予最高1000万元资助')).toContain('supply');
    expect(types('成立区科技创新工作领导小组')).toContain('environment');
  });

  test('targets with value, unit, year and baseline', () => {
    const find = (indicator: string) => doc.targets.find((t) => t.indicator === indicator);
    expect(find('rd-intensity')).toMatchObject({ value: 3.2, unit: '%', comparator: 'gte', targetYear: 2020 });
    expect(find('high-tech-enterprises')).toMatchObject({ value: 600, unit: '家', comparator: 'gte', targetYear: 2020, baseline: { value: 320, unit: '家' } });
    expect(find('invention-patents-per-10k')).toMatchObject({ value: 25, unit: '件', targetYear: 2020 });
    expect(find('tech-contract-turnover')).toMatchObject({ value: 15, unit: '%', measure: 'annual-growth', comparator: 'gte' });
    expect(find('fiscal-st-share')).toMatchObject({ value: 4, unit: '%', comparator: 'gte' });
    // Money given as a reward or grant is not a target.
    expect(doc.targets.some((t) => t.value === 300000 || t.value === 10000000)).toBe(false);
  });

  test('lead and cooperating agencies, normalised', () => {
    const of = (needle: string) => doc.responsibilities.find((r) => doc.paragraphs.find((p) => p.id === r.paragraphId)?.text.includes(needle));
    expect(of('壮大高新技术企业队伍')).toMatchObject({ lead: ['区科技局'], cooperating: ['区财政局', '区税务局'] });
    // 区科学技术局 is the same body as 区科技局.
    expect(of('发展科技金融')?.cooperating).toEqual(expect.arrayContaining(['区科技局', '区财政局']));
    expect(of('推动科技成果转化')).toMatchObject({ lead: ['区科技局'], cooperating: [] });
    expect(of('加强组织领导')?.byRemit).toBe(true);
    const bureau = doc.agencies.find((a) => a.name === '区科技局');
    expect(bureau?.variants).toEqual(expect.arrayContaining(['区科技局', '区科学技术局']));
  });

  test('programs and citations', () => {
    const programs = doc.programs.map((p) => p.name).join(' ');
    for (const name of ['科技特派员', '院士工作站', '众创空间']) expect(programs).toContain(name);
    expect(doc.citations.map((c) => [c.kind, c.text, c.target])).toEqual([
      ['title', '广东省人民政府关于加快科技创新的若干政策意见', null],
      ['number', '粤府〔2015〕1号', null],
    ]);
  });
});
