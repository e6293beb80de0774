/**
 * The search-cost benchmark on the test site: it finds what the search page finds, and its numbers
 * are plausible. (The numbers themselves depend on the machine; `scripts/bench/search-cost.ts` prints them.)
 */
import { describe, expect, inject, it, test } from 'vitest';
import { measureSearchCost, median, type QueryCost, type Traffic } from '../../scripts/bench/search-cost.ts';

const siteDir = inject('siteDir');
const chromiumPath = inject('chromiumPath');

/** A policy term with hits on the test site. */
const FOUND = '人才引进';
/**
 * A query without hits, not even in the page's per-character fallback: rare characters no policy text
 * holds. (量子纠缠态 is not one: 量子 alone finds a document.) Its "first result" is the status line
 * announcing 共 0 份, as the benchmark defines it.
 */
const NOTHING = '龘靐齉';

test.each([
  [[5], 5],
  [[3, 1, 2], 2],
  [[4, 1, 3, 2], 2.5],
])('median(%j) is %d', (values, expected) => {
  expect(median(values)).toBe(expected);
});

describe.skipIf(!siteDir || !chromiumPath)('search cost', () => {
  it('measures a query with hits and one without, typed and as a deep link', { timeout: 120_000 }, async () => {
    const costs = await measureSearchCost({ distDir: siteDir, chromiumPath, queries: [FOUND, NOTHING], runs: 1 });
    expect(costs.map((c) => [c.query, c.results > 0])).toEqual([
      [FOUND, true],
      [NOTHING, false],
    ]);
    expect(costs[1]!.results).toBe(0);

    const check = (cost: QueryCost, way: 'typed' | 'deepLink'): Traffic => {
      const traffic = cost[way];
      expect(traffic.ms, `${cost.query} ${way} ms`).toBeGreaterThan(0);
      expect(traffic.bytes, `${cost.query} ${way} bytes`).toBeGreaterThan(0);
      expect(traffic.requests, `${cost.query} ${way} requests`).toBeGreaterThan(0);
      expect(traffic.pagefindBytes, `${cost.query} ${way} pagefindBytes`).toBeLessThanOrEqual(traffic.bytes);
      return traffic;
    };
    for (const cost of costs) {
      const typed = check(cost, 'typed');
      const deepLink = check(cost, 'deepLink');
      // A fresh browser loads the page and all of Pagefind's runtime; the open page has them already.
      expect(deepLink.bytes, cost.query).toBeGreaterThan(typed.bytes);
      expect(deepLink.pagefindBytes, cost.query).toBeGreaterThan(0);
    }
  });
});
