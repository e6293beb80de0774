import { describe, expect, test } from 'vitest';
import { documentRecordSchema, type DocumentRecord } from '../../src/lib/schema.ts';
import { getRegionByCode } from '../../src/lib/divisions.ts';
import { linkDocuments } from './links.ts';

const SOURCE = { file: 'x.txt', startLine: 1, endLine: 9, sha256: '0'.repeat(64) };

function doc(id: string, fields: Partial<Omit<DocumentRecord, 'region'>> & { code?: string } = {}): DocumentRecord {
  const { code, ...rest } = fields;
  return documentRecordSchema.parse({
    id,
    title: `文件${id}`,
    chars: 1,
    source: SOURCE,
    region: code ? getRegionByCode(code) : undefined,
    ...rest,
  });
}

const cite = (kind: 'title' | 'number', text: string) => ({ kind, text, paragraphId: 'p-1', line: 2, target: null });

describe('linkDocuments: citations', () => {
  test('a title cited without its issuer prefix resolves, and the cited document lists the citing one', () => {
    const cited = doc('a', { title: '中共某市委 某市人民政府关于加快科技创新的若干意见' });
    const citing = doc('b', { citations: [cite('title', '关于加快科技创新的若干意见')] });
    const [a, b] = linkDocuments([cited, citing]);
    expect(b?.citations[0]?.target).toBe('a');
    expect(a?.citedBy).toEqual([{ id: 'b', title: '文件b', paragraphId: 'p-1', text: '关于加快科技创新的若干意见' }]);
  });

  test('a number resolves whatever brackets it is written with', () => {
    const [a, b] = linkDocuments([doc('a', { docNumber: '某政发〔2012〕12号' }), doc('b', { citations: [cite('number', '某政发[2012]12号')] })]);
    expect(b?.citations[0]?.target).toBe('a');
    expect(a?.citedBy.map((c) => c.id)).toEqual(['b']);
  });

  test('a citation outside the corpus stays unlinked', () => {
    const [, b] = linkDocuments([doc('a'), doc('b', { citations: [cite('title', '国家中长期科学和技术发展规划纲要')] })]);
    expect(b?.citations[0]?.target).toBeNull();
  });

  test('a title two places share is linked only to the one on the citing place’s chain', () => {
    const title = '关于加快科技创新的若干意见';
    const records = [
      doc('hangzhou', { title, code: '330100' }),
      doc('nanjing', { title, code: '320100' }),
      doc('jiangning', { code: '320115', citations: [cite('title', title)] }),
      doc('nowhere', { citations: [cite('title', title)] }),
    ];
    const linked = linkDocuments(records);
    expect(linked[2]?.citations[0]?.target).toBe('nanjing');
    expect(linked[3]?.citations[0]?.target).toBeNull();
  });
});

describe('linkDocuments: related documents', () => {
  test('documents sharing themes, programs and a city are related, with every reason', () => {
    const shared = { themes: ['talent', 'finance', 'ip'], programs: [{ slug: 'spark', name: '星火计划', variants: ['星火计划'], count: 1, paragraphIds: ['p-1'] }] };
    const [a] = linkDocuments([
      doc('a', { ...shared, code: '320115', year: 2015 }),
      doc('b', { ...shared, code: '320100', year: 2015 }),
      doc('c', { themes: ['agriculture'], code: '450100', year: 2001 }),
    ]);
    expect(a?.related.map((r) => r.id)).toEqual(['b']);
    expect(a?.related[0]?.reasons).toEqual([
      { kind: 'programs', shared: ['spark'] },
      { kind: 'themes', shared: ['talent', 'finance', 'ip'] },
      { kind: 'place', shared: ['南京市', '江苏省'] },
      { kind: 'period', shared: ['2015'] },
    ]);
  });

  test('a citation relates two documents on its own, both ways', () => {
    const linked = linkDocuments([doc('a', { docNumber: '某发〔2004〕6号' }), doc('b', { citations: [cite('number', '某发〔2004〕6号')] })]);
    expect(linked[0]?.related[0]).toMatchObject({ id: 'b', reasons: [{ kind: 'citation', shared: ['cited-by'] }] });
    expect(linked[1]?.related[0]).toMatchObject({ id: 'a', reasons: [{ kind: 'citation', shared: ['cites'] }] });
  });

  test('sharing only a province and a year is not enough', () => {
    const linked = linkDocuments([doc('a', { code: '320100', year: 2010 }), doc('b', { code: '320500', year: 2010 })]);
    expect(linked[0]?.related).toEqual([]);
  });

  test('a feature most of the corpus shares proposes no candidates, but still scores the ones rarer features find', () => {
    const records = Array.from({ length: 60 }, (_, i) => doc(`d${String(i).padStart(2, '0')}`, { themes: ['governance', 'talent', 'finance', 'ip'], year: 2000 + (i % 20) }));
    records.push(doc('x', { themes: ['governance', 'talent', 'finance', 'ip'], programs: [{ slug: 'torch', name: '火炬计划', variants: ['火炬计划'], count: 1, paragraphIds: [] }] }));
    records.push(doc('y', { themes: ['governance', 'talent', 'finance', 'ip'], programs: [{ slug: 'torch', name: '火炬计划', variants: ['火炬计划'], count: 1, paragraphIds: [] }] }));
    const linked = linkDocuments(records, { candidateCap: 10 });
    const x = linked.find((r) => r.id === 'x');
    expect(x?.related.map((r) => r.id)).toEqual(['y']);
    expect(x?.related[0]?.score).toBe(1 + 4 * 0.6);
    // Without the cap, every document sharing the four themes is a candidate.
    expect(linkDocuments(records).find((r) => r.id === 'x')?.related.length).toBe(6);
  });

  test('the result is deterministic and leaves its input untouched', () => {
    const records = [doc('a', { themes: ['talent', 'ip', 'finance', 'platforms'] }), doc('b', { themes: ['talent', 'ip', 'finance', 'platforms'] })];
    const before = JSON.stringify(records);
    expect(JSON.stringify(linkDocuments(records))).toBe(JSON.stringify(linkDocuments(records)));
    expect(JSON.stringify(records)).toBe(before);
  });
});
