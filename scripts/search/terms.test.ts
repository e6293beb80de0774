import { describe, expect, test } from 'vitest';
import { annotateText, buildMatcher, findTerms, rewriteQuery, stripTokens, termToken, TOKEN_PREFIX } from './terms.ts';

const matcher = buildMatcher(['知识产权', '知识产权质押', '质押', '人才引进', '蓝火计划', '创客空间']);

describe('termToken', () => {
  test('is stable, ASCII, fixed-length and distinct per term', () => {
    const tokens = ['人才引进', '引进人才', '知识产权质押', '知识产权'].map(termToken);
    for (const token of tokens) expect(token).toMatch(new RegExp(`^${TOKEN_PREFIX}[0-9a-z]{7}$`));
    expect(new Set(tokens).size).toBe(4);
    expect(termToken('人才引进')).toBe(termToken('人才引进'));
  });

  test('passes the query segmenter whole', () => {
    const segments = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(termToken('创客空间'))];
    expect(segments).toHaveLength(1);
  });
});

describe('findTerms', () => {
  test('finds nested and overlapping terms', () => {
    expect(findTerms('推进知识产权质押融资', matcher).map((m) => [m.term, m.start, m.end])).toEqual([
      ['知识产权', 2, 6],
      ['知识产权质押', 2, 8],
      ['质押', 6, 8],
    ]);
  });

  test.each([
    ['', []],
    ['人才', []],
    ['引进人才，人才的引进', []],
    ['𠀀人才引进', ['人才引进']],
  ])('%s', (text, terms) => {
    expect(findTerms(text, matcher).map((m) => m.term)).toEqual(terms);
  });
});

describe('annotateText', () => {
  test('appends each token once after the run of Han characters holding the term', () => {
    const out = annotateText('加快推进人才引进工作，实施蓝火计划。人才引进', matcher);
    expect(out).toBe(`加快推进人才引进工作 ${termToken('人才引进')} ，实施蓝火计划 ${termToken('蓝火计划')} 。人才引进 ${termToken('人才引进')} `);
  });

  test('leaves text without terms as it is', () => {
    expect(annotateText('Full-width ＡＢＣ，和“引号”', matcher)).toBe('Full-width ＡＢＣ，和“引号”');
  });

  test('stripTokens undoes it', () => {
    for (const text of ['推进知识产权质押融资，鼓励创客空间。', '人才引进 and more', '人才引进']) {
      expect(stripTokens(annotateText(text, matcher))).toBe(text);
    }
  });
});

describe('rewriteQuery', () => {
  test.each([
    ['人才引进', [termToken('人才引进')], ['人才引进'], []],
    ['人才引进政策', [termToken('人才引进'), '政策'], ['人才引进'], ['政策']],
    ['知识产权质押', [termToken('知识产权质押')], ['知识产权质押'], []],
    ['  蓝火计划　创客空间 ', [termToken('蓝火计划'), termToken('创客空间')], ['蓝火计划', '创客空间'], []],
    ['质押融资', [termToken('质押'), '融资'], ['质押'], ['融资']],
    ['科技', ['科技'], [], ['科技']],
    ['', [], [], []],
  ])('%s', (query, pagefind, terms, rest) => {
    const rewritten = rewriteQuery(query, matcher);
    expect(rewritten).toEqual({ pagefind: pagefind.join(' '), terms, rest });
  });
});
