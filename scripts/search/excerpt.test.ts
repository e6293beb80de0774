import { expect, test } from 'vitest';
import { cleanExcerpt, excerptNeedles } from './excerpt.ts';
import { termToken } from './terms.ts';

test('excerptNeedles keeps whole strings found and splits the others into words', () => {
  const segmenter = { segment: (text: string) => (text === '质押融资' ? ['质押', '融资'] : [text]).map((segment) => ({ segment, isWordLike: true })) };
  expect(excerptNeedles('推进质押贷款和融资', ['质押融资', '贷款'], segmenter)).toEqual(['质押', '融资', '贷款']);
  expect(excerptNeedles('质押融资', ['质押融资'])).toEqual(['质押融资']);
});

test('cleanExcerpt decodes Pagefind entities once, drops tokens and extra spaces', () => {
  const t = termToken('人才引进');
  expect(cleanExcerpt(`加快人才引进 ${t} ，&lt;img&gt; &amp;lt;  a&quot;b`)).toBe('加快人才引进，<img> &lt; a"b');
});
