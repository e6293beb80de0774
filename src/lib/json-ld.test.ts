import { describe, expect, test } from 'vitest';
import { frontmatterSchema } from './schema.ts';
import { buildLegislationJsonLd, serializeJsonLd, type LinkedDocument } from './json-ld.ts';

const SITE = 'https://policy-atlas.example.org';
const themeNames = new Map([['talent', { name: '人才', nameEn: 'Talent' }]]);

function doc(extra: Record<string, unknown> = {}): LinkedDocument {
  return frontmatterSchema.parse({
    id: 'benxi-2015-fangan',
    title: '本溪市创新驱动实施方案(2015年—2020年)',
    docType: '实施方案',
    region: { province: '辽宁省', city: '本溪市', level: 'prefecture', code: '210500' },
    year: 2015,
    period: { start: 2015, end: 2020 },
    issuer: '本溪市人民政府',
    docNumber: '本政发〔2015〕1号',
    themes: ['talent', 'unknown-theme'],
    citations: [
      { kind: 'title', text: '关于…的意见', paragraphId: 'p-1', line: 3, target: 'liaoning-2014-yijian' },
      { kind: 'title', text: '别的', paragraphId: 'p-1', line: 3, target: null },
    ],
    chars: 10,
    source: { file: 'a.txt', startLine: 1, endLine: 2, sha256: 'a'.repeat(64) },
    ...extra,
  });
}

describe('buildLegislationJsonLd', () => {
  test('a document with every field', () => {
    expect(buildLegislationJsonLd(doc(), { site: SITE, themeNames })).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Legislation',
      '@id': `${SITE}/documents/benxi-2015-fangan/`,
      url: `${SITE}/documents/benxi-2015-fangan/`,
      name: '本溪市创新驱动实施方案(2015年—2020年)',
      inLanguage: 'zh-CN',
      legislationType: '实施方案',
      legislationIdentifier: '本政发〔2015〕1号',
      legislationDate: '2015',
      datePublished: '2015',
      temporalCoverage: '2015/2020',
      legislationJurisdiction: { '@type': 'AdministrativeArea', name: '辽宁省本溪市', identifier: '210500' },
      legislationPassedBy: { '@type': 'GovernmentOrganization', name: '本溪市人民政府' },
      about: [{ '@type': 'DefinedTerm', name: '人才', alternateName: 'Talent', url: `${SITE}/themes/talent/` }],
      citation: [`${SITE}/documents/liaoning-2014-yijian/`],
    });
  });

  test('unknown values are left out, not guessed', () => {
    const ld = buildLegislationJsonLd(doc({ region: {}, year: null, period: null, issuer: null, docNumber: null, themes: [], citations: [] }), { site: SITE, themeNames });
    expect(Object.keys(ld)).toEqual(['@context', '@type', '@id', 'url', 'name', 'inLanguage', 'legislationType']);
  });
});

describe('serializeJsonLd', () => {
  test.each([
    ['</script><script>alert(1)</script>'],
    ['<!-- x -->'],
    ['a & b > c'],
    ['line\u2028separator\u2029'],
    ['"quotes" \\ backslash'],
  ])('round-trips %s without characters that end a script', (title) => {
    const text = serializeJsonLd({ name: title });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/u);
    expect(JSON.parse(text)).toEqual({ name: title });
  });
});
