/**
 * `npm run ingest` runs `ingestCorpusParallel`: worker threads and a content-hash cache. Neither may change a
 * byte of the output, and the cache must never serve a stale outcome.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestCorpus, ingestCorpusParallel } from '../scripts/lib/corpus.ts';
import { pipelineVersion } from '../scripts/lib/ingest-cache.ts';
import { cleanup, makeTempDir, readTree } from './helpers.ts';

let root: string;
let seeds: string;

/** Seeds plus the hostile site fixtures (sidecars, duplicates, bad encodings) in one folder. */
beforeAll(() => {
  root = makeTempDir('atlas-parallel-');
  seeds = join(root, 'seeds');
  cpSync('seeds', seeds, { recursive: true });
  cpSync('tests/fixtures/site-seeds', seeds, { recursive: true });
});
afterAll(() => cleanup(root));

function sequential(out: string): Map<string, Buffer> {
  const result = ingestCorpus({ seedsDir: seeds, outDir: out });
  if (!result.ok) throw new Error(result.message);
  return readTree(out);
}

async function parallel(out: string, options: { workers?: number; cache?: boolean; processed?: string[] } = {}): Promise<Map<string, Buffer>> {
  const result = await ingestCorpusParallel({
    seedsDir: seeds,
    outDir: out,
    workers: options.workers ?? 2,
    filesPerWorker: 1,
    cacheDir: options.cache === false ? undefined : join(out, '.cache', 'ingest'),
    onFile: (_index, _total, path) => options.processed?.push(path),
  });
  if (!result.ok) throw new Error(result.message);
  const tree = readTree(out);
  for (const key of [...tree.keys()]) if (key.startsWith('.cache')) tree.delete(key);
  return tree;
}

describe('ingestCorpusParallel', () => {
  let expected: Map<string, Buffer>;
  beforeAll(() => {
    expected = sequential(join(root, 'sequential'));
  });

  test('two worker threads write exactly what one thread writes (pages, corpus, targets, diagnostics)', async () => {
    const written = await parallel(join(root, 'workers'), { cache: false });
    expect([...written.keys()]).toEqual([...expected.keys()]);
    for (const [path, bytes] of expected) expect(written.get(path)?.equals(bytes), path).toBe(true);
  });

  test('a second run takes every file from the cache and writes the same bytes; a changed seed alone is processed again', async () => {
    const out = join(root, 'cached');
    const first: string[] = [];
    await parallel(out, { processed: first });
    const files = readdirSync(seeds, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !/\.meta\.ya?ml$/u.test(e.name)).length;
    expect(first).toHaveLength(files);
    expect(readdirSync(join(out, '.cache', 'ingest'))).toHaveLength(files);

    const second: string[] = [];
    const again = await parallel(out, { processed: second });
    expect(second).toEqual([]);
    for (const [path, bytes] of expected) expect(again.get(path)?.equals(bytes), path).toBe(true);

    const seed = readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort()[0] as string;
    const original = readFileSync(join(seeds, seed));
    try {
      writeFileSync(join(seeds, seed), Buffer.concat([original, Buffer.from('\n新增一段：加强科技特派员队伍建设，每年选派科技特派员50名。\n')]));
      const third: string[] = [];
      const changed = await parallel(out, { processed: third });
      expect(third).toEqual([seed]);
      const corpus = changed.get('corpus.json')?.toString('utf8') ?? '';
      expect(corpus).toContain('每年选派科技特派员50名');
      // Still one cache entry per seed: the changed seed's old entry is gone.
      expect(readdirSync(join(out, '.cache', 'ingest'))).toHaveLength(files);
    } finally {
      writeFileSync(join(seeds, seed), original);
    }
  });

  test('a sidecar change or a damaged cache entry is a miss, never a stale or broken result', async () => {
    const out = join(root, 'sidecar');
    await parallel(out);
    const sidecar = readdirSync(seeds, { recursive: true, encoding: 'utf8' }).find((name) => /\.meta\.ya?ml$/u.test(name));
    expect(sidecar).toBeDefined();
    const path = join(seeds, sidecar as string);
    const original = readFileSync(path);
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from('\n# a comment changes the bytes\n')]));
      const processed: string[] = [];
      await parallel(out, { processed });
      expect(processed).toEqual([(sidecar as string).replace(/\.meta\.ya?ml$/u, '.txt')]);
    } finally {
      writeFileSync(path, original);
    }
    const cacheDir = join(out, '.cache', 'ingest');
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{"files": [trunc');
    const processed: string[] = [];
    const rebuilt = await parallel(out, { processed });
    expect(processed.length).toBeGreaterThan(0);
    for (const [file, bytes] of expected) expect(rebuilt.get(file)?.equals(bytes), file).toBe(true);
  });

  test('the cache key covers the vocabularies: editing a theme file changes the pipeline version', () => {
    const content = join(root, 'content');
    for (const name of ['themes', 'instruments', 'indicators', 'glossary', 'agencies']) cpSync(join('content', name), join(content, name), { recursive: true });
    const before = pipelineVersion(content);
    expect(pipelineVersion(content)).toBe(before);
    const theme = join(content, 'themes', readdirSync(join(content, 'themes')).sort()[0] as string);
    writeFileSync(theme, `${readFileSync(theme, 'utf8')}\n`);
    expect(pipelineVersion(content)).not.toBe(before);
    rmSync(content, { recursive: true, force: true });
    expect(existsSync(content)).toBe(false);
  });
});
