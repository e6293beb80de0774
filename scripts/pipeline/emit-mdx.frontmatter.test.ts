/** The frontmatter must read back identically with js-yaml, the YAML 1.1 parser Astro uses for MDX frontmatter. */
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { frontmatterSchema, withoutPageDetail, type Frontmatter } from '../../src/lib/schema.ts';
import { stringifyFrontmatter } from './emit-mdx.ts';

const base: Frontmatter = frontmatterSchema.parse({
  id: 'cn-2004-keji',
  title: '科技先进城市创建工作实施方案',
  chars: 10,
  source: { file: '004 文件.txt', startLine: 1, endLine: 2, sha256: 'a'.repeat(64) },
});

describe('frontmatter YAML', () => {
  test.each([
    ['an upload date', '2022-11-15 02:12:00'],
    ['a date', '2013-03-03'],
    ['an octal-looking number', '0o17'],
    ['a YAML 1.1 boolean', 'yes'],
    ['null', 'null'],
    ['a number', '2015'],
    ['a colon and hash', 'title: x # y'],
    ['a leading dash', '- 列表'],
    ['a document separator', '---'],
    ['quotes and backslashes', '“引号” "q" \\ \\n'],
    ['full-width punctuation', '(2015年—2020年):;'],
  ])('a phrase that is %s stays a string', (_case, phrase) => {
    const data = { ...base, evidence: [{ field: 'year', phrase, line: 3, column: 4, rule: 'page-date-ignored', note: '' }] };
    expect(load(stringifyFrontmatter(data))).toEqual(withoutPageDetail(data));
    expect(frontmatterSchema.parse(load(stringifyFrontmatter(data)))).toEqual(data);
  });
});
