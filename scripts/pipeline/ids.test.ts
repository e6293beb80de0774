/**
 * ids: readable ASCII document ids built from a document's own metadata,
 * stable across runs and distinct for distinct titles.
 */
import { describe, expect, test } from 'vitest';
import { UNKNOWN_REGION, type Region } from '../../src/lib/schema.ts';
import { buildDocumentId } from './ids.ts';
import { regionOfCode } from './places.ts';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

interface Meta {
  title: string;
  year: number | null;
  region: Region;
  issuer: string | null;
}

function meta(title: string, year: number | null = null, code: string | null = null, issuer: string | null = null): Meta {
  return { title, year, region: code ? regionOfCode(code) : UNKNOWN_REGION, issuer };
}

/** The seed documents, as the metadata stage describes them. */
const SEED_DOCUMENTS: [string, Meta][] = [
  ['000', meta('提升创新力工作方案')],
  ['001 青岛', meta('中共青岛市委青岛市人民政府关于大力实施创新驱动发展战略的意见', null, '370200', '中共青岛市委、青岛市人民政府')],
  ['001 本溪', meta('本溪市创新驱动实施方案(2015年—2020年)', 2015, '210500')],
  ['002 湘西', meta('2011年全州科技工作要点', 2011, '433100', '湘西自治州科学技术局')],
  ['002 多拉特乡', meta('2009年多拉特乡科技工作要点', 2009, '654224200')],
  ['002 常熟', meta('2010年科技工作要点', 2010, '320581')],
  ['002 江苏', meta('2013年全省科技工作要点', 2013, '320000', '江苏省科技厅')],
  ['002 xx', meta('科学技术局2021年全市科技工作要点', 2021, null, '科学技术局')],
  ['003 嵊州', meta('嵊州市实施十大行动争创省创新型试点城市', null, '330683')],
  ['004', meta('科技先进城市创建工作实施方案', 2004)],
];

describe('buildDocumentId', () => {
  test.each(SEED_DOCUMENTS)('seed %s: lower-case ASCII words joined by "-", at most 90 characters', (_name, input) => {
    const id = buildDocumentId(input);
    expect(id).toMatch(ID);
    expect(id.length).toBeLessThanOrEqual(90);
  });

  test('the seed documents all get different ids', () => {
    const ids = SEED_DOCUMENTS.map(([, input]) => buildDocumentId(input));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each([
    ['本溪', meta('本溪市创新驱动实施方案(2015年—2020年)', 2015, '210500'), /^benxi-2015-/u],
    ['嵊州', meta('嵊州市实施十大行动争创省创新型试点城市', null, '330683'), /^shengzhou-nd-/u],
    ['no place', meta('提升创新力工作方案'), /^cn-nd-/u],
    ['no place, with a year', meta('科技先进城市创建工作实施方案', 2004), /^cn-2004-/u],
  ])('%s: place slug, then year or nd', (_name, input, prefix) => {
    expect(buildDocumentId(input)).toMatch(prefix);
  });

  test('the document type ends the id and the place is not repeated in the words', () => {
    const id = buildDocumentId(meta('本溪市创新驱动实施方案(2015年—2020年)', 2015, '210500'));
    expect(id).toMatch(/-shishi-fangan(?:-[0-9a-z]{4})?$/u);
    expect(id.split('-').filter((w) => w === 'benxi')).toHaveLength(1);
    // The period in the title replaces the bare year, so plans that differ only in period stay apart.
    expect(id).toBe('benxi-2015-2020-chuangxin-qudong-shishi-fangan');
  });

  test('the same inputs give the same id (no randomness, no dependence on other documents)', () => {
    for (const [, input] of SEED_DOCUMENTS) expect(buildDocumentId({ ...input })).toBe(buildDocumentId(input));
  });

  test.each([
    ['different subjects', meta('科技创新平台建设实施方案', 2016), meta('科技金融结合试点实施方案', 2016)],
    ['same first words, different ending words', meta('关于加快推进科技创新平台和科技金融结合试点工作的实施方案', 2016), meta('关于加快推进科技创新平台和科技金融结合改革工作的实施方案', 2016)],
    ['different document types', meta('科技创新平台建设实施方案', 2016), meta('科技创新平台建设管理办法', 2016)],
    ['only the number differs', meta('关于印发第1批科技计划项目的通知', 2016), meta('关于印发第2批科技计划项目的通知', 2016)],
    ['traditional vs simplified', meta('科技創新平台建設實施方案', 2016), meta('科技创新平台建设实施方案', 2016)],
  ])('different titles → different ids: %s', (_name, a, b) => {
    expect(buildDocumentId(a)).not.toBe(buildDocumentId(b));
  });

  test.each([
    ['only the period in brackets differs', meta('本溪市创新驱动实施方案(2015年—2020年)', 2015, '210500'), meta('本溪市创新驱动实施方案(2016年—2020年)', 2015, '210500')],
    ['only a filler word differs (全省 / 全市)', meta('2013年全省科技工作要点', 2013), meta('2013年全市科技工作要点', 2013)],
  ])('different titles → different ids: %s', (_name, a, b) => {
    expect(buildDocumentId(a)).not.toBe(buildDocumentId(b));
  });

  test.each([
    ['an empty-looking title', '(无标题)'],
    ['only punctuation', '……'],
    ['hostile markup', '<script>alert(1)</script>{process.exit(1)}实施方案'],
    ['Latin and digits', 'ISO9000质量管理体系推广实施方案'],
    ['full-width digits and letters', '２０１６年ＩＳＯ９０００推广方案'],
    ['a very long title', `关于${'进一步加快推进科技创新'.repeat(12)}的实施意见`],
  ])('%s still gives a valid id', (_name, title) => {
    const id = buildDocumentId(meta(title, 2016));
    expect(id).toMatch(ID);
    expect(id.length).toBeLessThanOrEqual(90);
    expect(id.startsWith('cn-2016-')).toBe(true);
  });

  test('maxWords is an option; dropping words adds a 4-character hash', () => {
    const input = meta('关于加快推进科技创新平台和科技金融结合试点工作的实施方案', 2016);
    const short = buildDocumentId(input, { maxWords: 1 });
    expect(short).toMatch(/^cn-2016-[a-z0-9]+-shishi-fangan-[0-9a-z]{4}$/u);
  });
});
