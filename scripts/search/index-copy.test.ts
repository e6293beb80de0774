import { describe, expect, test } from 'vitest';
import { hasPagefindBody, prepareForIndex } from './index-copy.ts';
import { buildMatcher, termToken } from './terms.ts';

const matcher = buildMatcher(['人才引进', '蓝火计划']);
const T = termToken('人才引进');

describe('prepareForIndex', () => {
  test('adds tokens to text only: not to tags, attributes, comments, scripts or the title element', () => {
    const html = [
      '<html lang="zh-CN"><head><title>人才引进</title><script>var a = "人才引进";</script><style>/* 人才引进 */</style></head>',
      '<body><main><div class="prose" data-pagefind-body>',
      '<p title="人才引进>x" data-x=\'人才引进\'>做好人才引进&amp;工作</p><!-- 人才引进 -->',
      '</div></main></body></html>',
    ].join('');
    const out = prepareForIndex(html, matcher);
    expect(out).toBe(html.replace('做好人才引进&amp;', `做好人才引进 ${T} &amp;`));
  });

  test('puts the tokens of the metadata title into a `terms` metadata field inside the body', () => {
    const html = '<div data-pagefind-body><span data-pagefind-meta="title:关于实施蓝火计划的通知 &amp; 附件"></span><p>正文</p></div>';
    expect(prepareForIndex(html, matcher)).toBe(
      `<div data-pagefind-body><span hidden data-pagefind-meta="terms:${termToken('蓝火计划')}"></span><span data-pagefind-meta="title:关于实施蓝火计划的通知 &amp; 附件"></span><p>正文</p></div>`,
    );
  });

  test('leaves a page without terms unchanged', () => {
    const html = '<div data-pagefind-body><p>没有词典里的词。</p></div>';
    expect(prepareForIndex(html, matcher)).toBe(html);
  });
});

test.each([
  ['<div data-pagefind-body>', true],
  ['<div class="prose" data-pagefind-body="">', true],
  ['<p>data-pagefind-body</p>', false],
  ['<div data-pagefind-bodyx>', false],
])('hasPagefindBody(%s)', (html, expected) => {
  expect(hasPagefindBody(html)).toBe(expected);
});
