import { describe, expect, test } from 'vitest';
import { formatBytes, markdownReport, replaceReadmeTable, TARGETS, type Machine, type SizeResult } from './run.ts';

const machine: Machine = { cpuModel: 'Test CPU', cpuCount: 2, memoryBytes: 24 * 1024 ** 3, os: 'Linux 6', node: '24.0.0', date: '2026-11-22', runs: 3 };
const step = (seconds: number, peakRss: number) => ({ seconds, runs: [seconds], peakRss, ok: true });

function result(documents: number, ingestSeconds: number, astroSeconds: number, peak: number): SizeResult {
  return {
    documents,
    seedFiles: documents,
    seedBytes: documents * 17_000,
    generateSeconds: 1,
    ingest: { ...step(ingestSeconds, peak), docsPerSecond: documents / ingestSeconds, mbPerSecond: (documents * 0.017) / ingestSeconds },
    ingestUnchanged: step(1, peak),
    ingestOneChanged: step(2, peak),
    astro: step(astroSeconds, peak),
    pagefind: step(10, peak / 2),
    fullBuild: { seconds: ingestSeconds + astroSeconds + 10, peakRss: peak },
    dist: { bytes: 1e6, files: 10, pages: documents * 3, pagefindBytes: 1e5, pagefindFiles: 5 },
    pageWeights: [{ kind: 'document', path: '/documents/x/', pages: documents, html: 50_000, css: 5_000, js: 1_000, other: 0, bytes: 56_000, gzip: 20_000, requests: 3 }],
    search: [{ query: '人才引进', results: 5, typed: { ms: 120, bytes: 150_000, pagefindBytes: 140_000, requests: 8 }, deepLink: { ms: 800, bytes: 400_000, pagefindBytes: 300_000, requests: 20 } }],
  };
}

describe('the benchmark report', () => {
  test('states every target at the largest size, met or missed, and by how much a miss is off', () => {
    const report = markdownReport([result(100, 2, 10, 1e9), result(10_000, 200, 900, 8 * 1024 ** 3)], machine);
    expect(report).toContain('2 × Test CPU');
    expect(report).toContain('| N = 100 | N = 10,000 |');
    expect(report).toContain(`ingest ≥ ${TARGETS.ingestDocsPerSecond} documents/s: ✖ 50 docs/s (10.0× off the target)`);
    expect(report).toContain('full build < 10 min: ✖ 18.5 min (1.9× off the target)');
    expect(report).toContain('peak memory < 4 GB: ✖ 8.00 GB (2.0× off the target)');
    expect(report).toContain('search fetches < 300 KB (worst query): ✔ 146.5 KB');
    expect(report).toContain('first results < 300 ms (worst query): ✔ 120 ms');
    expect(report).toContain('document page < 100 KB transferred: ✔ 19.5 KB');
  });

  test('replaces only the generated block of the README', () => {
    const readme = 'intro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\nafter\n';
    expect(replaceReadmeTable(readme, 'new table')).toBe('intro\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\nafter\n');
    expect(() => replaceReadmeTable('no markers', 'x')).toThrow('bench:start');
  });

  test('formats sizes', () => {
    expect(formatBytes(null)).toBe('n/a');
    expect(formatBytes(512 * 1024)).toBe('512.0 KB');
    expect(formatBytes(3 * 1024 ** 2)).toBe('3.0 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GB');
  });
});
