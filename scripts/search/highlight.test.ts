import { describe, expect, test } from 'vitest';
import { highlightParts } from './highlight.ts';

describe('highlightParts', () => {
  test('marks every occurrence, longest needle first', () => {
    expect(highlightParts('实施人才引进，人才优先', ['人才', '人才引进'])).toEqual([
      { text: '实施', mark: false },
      { text: '人才引进', mark: true },
      { text: '，', mark: false },
      { text: '人才', mark: true },
      { text: '优先', mark: false },
    ]);
  });

  test.each([
    ['', ['x'], []],
    ['无匹配', ['x'], [{ text: '无匹配', mark: false }]],
    ['abc', [], [{ text: 'abc', mark: false }]],
    ['R&D经费', ['r&d'], [{ text: 'R&D', mark: true }, { text: '经费', mark: false }]],
    ['<img src=x>', ['img'], [{ text: '<', mark: false }, { text: 'img', mark: true }, { text: ' src=x>', mark: false }]],
  ])('%s', (text, needles, parts) => {
    expect(highlightParts(text, needles)).toEqual(parts);
  });
});
