import { expect, test } from 'vitest';
import { runQuery } from './run-query.ts';
import { buildMatcher, termToken } from './terms.ts';

/** A fake Pagefind that answers from a table and records what it was asked. */
function fake(answers: Record<string, number>) {
  const asked: (string | null)[] = [];
  return {
    asked,
    search: async (term: string | null) => {
      asked.push(term);
      return answers[term ?? '<null>'] ?? 0;
    },
  };
}
const matcher = buildMatcher(['人才引进']);
const count = (n: number): number => n;

test('browse: no query searches with filters only', async () => {
  const pf = fake({ '<null>': 9 });
  expect(await runQuery(pf, matcher, { query: '  ' }, count)).toEqual({ response: 9, mode: 'browse', terms: [], highlight: [] });
});

test('terms: a dictionary term is searched as its token', async () => {
  const pf = fake({ [termToken('人才引进')]: 4 });
  const outcome = await runQuery(pf, matcher, { query: '人才引进' }, count);
  expect(outcome).toEqual({ response: 4, mode: 'terms', terms: ['人才引进'], highlight: ['人才引进'] });
  expect(pf.asked).toEqual([termToken('人才引进')]);
});

test('fallback: no page holds the whole term, so Pagefind segments the query', async () => {
  const pf = fake({ '人才引进政策': 2 });
  const outcome = await runQuery(pf, matcher, { query: '人才引进政策' }, count);
  expect(outcome).toMatchObject({ response: 2, mode: 'fallback', highlight: ['人才引进', '政策'] });
  expect(pf.asked).toEqual([`${termToken('人才引进')} 政策`, '人才引进政策']);
});

test('plain: no dictionary term, or loose matching asked for', async () => {
  expect(await runQuery(fake({ 专利: 3 }), matcher, { query: '专利' }, count)).toMatchObject({ mode: 'plain', response: 3 });
  expect(await runQuery(fake({ 人才引进: 7 }), matcher, { query: '人才引进', loose: true }, count)).toMatchObject({ mode: 'plain', response: 7, terms: ['人才引进'] });
});
