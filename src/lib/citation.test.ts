import { describe, expect, test } from 'vitest';
import { citationUrl, formatEnglishCitation, formatGbCitation, type CitableDocument } from './citation.ts';

const SITE = 'https://policy-atlas.example.org';
const doc: CitableDocument = {
  id: 'xiangtan-2004-keji' as CitableDocument['id'],
  title: '湘潭市科技先进城市创建工作实施方案',
  issuer: '湘潭市人民政府',
  docNumber: '潭政发〔2004〕6号',
  year: 2004,
};

describe('citationUrl', () => {
  test('is the absolute document URL, with the paragraph anchor when given', () => {
    expect(citationUrl(doc.id, { site: SITE })).toBe(`${SITE}/documents/xiangtan-2004-keji/`);
    expect(citationUrl(doc.id, { site: `${SITE}/`, paragraphId: 'p-1abc' })).toBe(`${SITE}/documents/xiangtan-2004-keji/#p-1abc`);
    expect(citationUrl(doc.id, { site: new URL(SITE), paragraphId: null })).toBe(`${SITE}/documents/xiangtan-2004-keji/`);
  });
});

describe('formatGbCitation', () => {
  test('issuer, title: number [EB/OL], atlas, year and URL', () => {
    expect(formatGbCitation(doc, { site: SITE, paragraphId: 'p-1abc' })).toBe(
      `湘潭市人民政府. 湘潭市科技先进城市创建工作实施方案: 潭政发〔2004〕6号[EB/OL]. 创新政策图谱, 2004. ${SITE}/documents/xiangtan-2004-keji/#p-1abc.`,
    );
  });

  test('unknown issuer, number and year', () => {
    expect(formatGbCitation({ ...doc, issuer: null, docNumber: null, year: null }, { site: SITE })).toBe(
      `佚名. 湘潭市科技先进城市创建工作实施方案[EB/OL]. 创新政策图谱, [出版年不详]. ${SITE}/documents/xiangtan-2004-keji/.`,
    );
  });
});

describe('formatEnglishCitation', () => {
  test('issuer, year, title with number, atlas and URL', () => {
    expect(formatEnglishCitation(doc, { site: SITE })).toBe(
      `湘潭市人民政府. (2004). 湘潭市科技先进城市创建工作实施方案 [潭政发〔2004〕6号]. Innovation Policy Atlas. ${SITE}/documents/xiangtan-2004-keji/`,
    );
  });

  test('unknown issuer, number and year', () => {
    expect(formatEnglishCitation({ ...doc, issuer: null, docNumber: null, year: null }, { site: SITE, paragraphId: 'p-2' })).toBe(
      `Anonymous. (n.d.). 湘潭市科技先进城市创建工作实施方案. Innovation Policy Atlas. ${SITE}/documents/xiangtan-2004-keji/#p-2`,
    );
  });

  test('hostile title text is kept as plain text (escaping is the page’s job)', () => {
    const hostile = { ...doc, title: '<script>alert(1)</script>' };
    expect(formatEnglishCitation(hostile, { site: SITE })).toContain('<script>alert(1)</script>');
  });
});
