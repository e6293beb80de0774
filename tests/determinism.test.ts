/**
 * Determinism and stable identity: two runs, or the same files created in
 * another order, give byte-identical output; ids and paragraph anchors do not
 * move when other seeds change or a paragraph is inserted elsewhere.
 */
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, copySeeds, ingest, makeTempDir, readTree } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

function temp(prefix: string): string {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}

function idsByTitle(seedsDir: string): Map<string, string> {
  const result = ingest(seedsDir, 'unused', false);
  return new Map(result.documents.map((d) => [d.record.title, d.record.id]));
}

describe('determinism', () => {
  test('two runs give byte-identical output', () => {
    const a = temp('atlas-a-');
    const b = temp('atlas-b-');
    ingest('seeds', a);
    ingest('seeds', b);
    const treeA = readTree(a);
    const treeB = readTree(b);
    expect([...treeA.keys()]).toEqual([...treeB.keys()]);
    expect(treeA.size).toBeGreaterThan(10);
    for (const [path, bytes] of treeA) expect(bytes.equals(treeB.get(path) ?? Buffer.alloc(0)), path).toBe(true);
  });

  test('the same files created in reverse order give the same output', () => {
    const reversed = temp('atlas-rev-');
    for (const name of readdirSync('seeds').sort().reverse()) copyFileSync(join('seeds', name), join(reversed, name));
    const a = temp('atlas-ra-');
    const b = temp('atlas-rb-');
    ingest('seeds', a);
    ingest(reversed, b);
    const treeA = readTree(a);
    for (const [path, bytes] of readTree(b)) expect(bytes.equals(treeA.get(path) ?? Buffer.alloc(0)), path).toBe(true);
  });
});

describe('stable identity', () => {
  test('ids do not change when another seed is removed, renamed or added', () => {
    const before = idsByTitle('seeds');
    const seeds = copySeeds();
    dirs.push(seeds);
    rmSync(join(seeds, '003_e2c49a8bb5a5bd3b.txt'));
    renameSync(join(seeds, '000_a1bb4dddb7c8d32b.txt'), join(seeds, '提升 创新力 方案.txt'));
    writeFileSync(join(seeds, 'zzz_new.txt'), '关于加快科技金融发展的实施意见\n为加快科技金融发展,支持科技型中小企业融资,结合本省实际,提出如下意见。\n');
    const after = idsByTitle(seeds);
    expect(after.size).toBe(before.size); // one removed, one added
    for (const [title, id] of after) {
      if (title === '关于加快科技金融发展的实施意见') continue;
      expect(id, title).toBe(before.get(title));
    }
  });

  test('anchors of untouched paragraphs survive a paragraph inserted elsewhere', () => {
    const seeds = copySeeds();
    dirs.push(seeds);
    const path = join(seeds, '004_debde86919b242d6.txt');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(40, 0, '', '(补充)新增一段用于测试锚点稳定的文字,其余段落的锚点不应改变。', '');
    writeFileSync(path, lines.join('\n'));
    const anchors = (dir: string): Map<string, string> => {
      const doc = ingest(dir, 'unused', false).documents.find((d) => d.record.title === '科技先进城市创建工作实施方案');
      return new Map((doc?.record.paragraphs ?? []).map((p) => [p.text, p.id]));
    };
    const before = anchors('seeds');
    const after = anchors(seeds);
    expect(after.size).toBe(before.size + 1);
    for (const [text, id] of before) expect(after.get(text), text.slice(0, 20)).toBe(id);
  });
});
