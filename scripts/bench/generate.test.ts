/**
 * The synthetic corpus must be deterministic and must exercise the paths real input takes: it is ingested here
 * with the real pipeline, and the kinds of mess it is meant to carry must show up in the records and diagnostics.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestCorpus, type IngestResult } from '../lib/corpus.ts';
import { cleanup, makeTempDir } from '../../tests/helpers.ts';
import { collectMaterial, createRandom, generateCorpus, type GenerateResult } from './generate.ts';

const DOCUMENTS = 200;

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

describe('generateCorpus', () => {
  let dir: string;
  let generated: GenerateResult;
  let ingested: Extract<IngestResult, { ok: true }>;

  beforeAll(() => {
    dir = makeTempDir('atlas-generate-');
    generated = generateCorpus({ documents: DOCUMENTS, seedsDir: 'seeds', outDir: join(dir, 'a'), seed: 7 });
    const result = ingestCorpus({ seedsDir: join(dir, 'a'), outDir: join(dir, 'out'), write: false });
    if (!result.ok) throw new Error(result.message);
    ingested = result;
  });
  afterAll(() => cleanup(dir));

  test('the same seed writes the same bytes; another seed does not', () => {
    generateCorpus({ documents: DOCUMENTS, seedsDir: 'seeds', outDir: join(dir, 'b'), seed: 7 });
    generateCorpus({ documents: DOCUMENTS, seedsDir: 'seeds', outDir: join(dir, 'c'), seed: 8 });
    expect(treeHash(join(dir, 'b'))).toBe(treeHash(join(dir, 'a')));
    expect(treeHash(join(dir, 'c'))).not.toBe(treeHash(join(dir, 'a')));
  });

  test('every distinct document it writes comes out of the real ingest, and the copies are dropped as duplicates', () => {
    expect(generated.documents).toBe(DOCUMENTS);
    expect(ingested.errors).toBe(0);
    const duplicates = ingested.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'duplicate-document').length;
    expect(generated.duplicateFiles).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
    // Two generated documents can come out alike (same place, year and recombined text) and merge; nearly all stay apart.
    expect(ingested.documents.length).toBeGreaterThanOrEqual(DOCUMENTS * 0.97);
    expect(ingested.documents.length).toBeLessThanOrEqual(DOCUMENTS);
  });

  test('it carries the mess of real scrapes: compilations, GBK, chrome, truncation, scrubbed places, upload dates', () => {
    const records = ingested.documents.map((d) => d.record);
    const rules = new Set(ingested.files.flatMap((f) => f.messages.map((m) => m.ruleId)));
    const perFile = new Map<string, number>();
    for (const r of records) perFile.set(r.source.file, (perFile.get(r.source.file) ?? 0) + 1);
    expect(Math.max(...perFile.values())).toBeGreaterThan(1);
    expect(records.some((r) => r.source.encoding === 'gbk' || r.source.encoding === 'gb18030')).toBe(true);
    expect(records.some((r) => r.anonymized)).toBe(true);
    expect(records.some((r) => r.truncated)).toBe(true);
    expect(records.some((r) => r.evidence.some((e) => e.rule === 'page-date-ignored'))).toBe(true);
    expect(rules.has('duplicate-paragraph')).toBe(true);
    expect(rules.has('encoding-detected')).toBe(true);
  });

  test('places, years and types vary as a national corpus does', () => {
    const records = ingested.documents.map((d) => d.record);
    expect(new Set(records.map((r) => r.region.province).filter(Boolean)).size).toBeGreaterThan(20);
    expect(new Set(records.map((r) => r.year).filter(Boolean)).size).toBeGreaterThan(15);
    expect(new Set(records.map((r) => r.docType)).size).toBeGreaterThanOrEqual(4);
    expect(records.filter((r) => r.region.code !== null).length).toBeGreaterThan(DOCUMENTS * 0.8);
    expect(records.some((r) => r.targets.length > 0 && r.responsibilities.length > 0)).toBe(true);
  });
});

describe('generator parts', () => {
  test('the PRNG is seeded and uniform enough', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('the material is the seeds’ own headings and paragraphs, without U+FFFD or compilation markers', () => {
    const material = collectMaterial('seeds');
    expect(material.headings.length).toBeGreaterThan(30);
    expect(material.paragraphs.length).toBeGreaterThan(100);
    for (const line of [...material.headings, ...material.paragraphs]) {
      expect(line).not.toContain('\uFFFD');
      expect(line).not.toMatch(/^第[一二三四五六七八九十]+篇/u);
    }
  });

  test('a folder without usable text is an error that names it', () => {
    const empty = makeTempDir('atlas-empty-');
    try {
      expect(() => generateCorpus({ documents: 5, seedsDir: empty, outDir: join(empty, 'out') })).toThrow(empty);
    } finally {
      cleanup(empty);
    }
  });
});
