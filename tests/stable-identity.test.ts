/**
 * Stable identity on copies of the real seeds: document ids, section anchors and paragraph
 * anchors depend only on each document's own text, so they do not move when
 *
 * - an unrelated seed is added (one that cites existing documents, and one holding two documents),
 * - any one seed is removed,
 * - every seed is renamed (into reverse code-point order, Chinese names, a subfolder),
 * - a paragraph is inserted at the start, in the middle, at the end, before a heading or after
 *   table rows of a document (every other paragraph and section of that document keeps its anchor),
 * - and, for two different documents that would share an id, their seed files are renamed.
 *
 * For documents the change does not touch, the page body (everything below the frontmatter,
 * where the anchors live) must stay byte-identical; only corpus-level frontmatter (cited-by,
 * related documents, the seed's file name) may change.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuiltDocument } from '../scripts/pipeline/index.ts';
import type { Section } from '../src/lib/schema.ts';
import { cleanup, copySeeds, ingest, makeTempDir } from './helpers.ts';

interface Identity {
  id: string;
  file: string;
  /** Section anchors keyed by the path of titles from the top. */
  sections: Map<string, string>;
  /** Paragraph anchors keyed by their text (a repeated text keeps its order: `text\0n`). */
  paragraphs: Map<string, string>;
  /** The page below its frontmatter. */
  body: string;
}

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

function seedsCopy(): string {
  const dir = copySeeds();
  dirs.push(dir);
  return dir;
}

function sectionAnchors(sections: readonly Section[], path: string[] = [], out = new Map<string, string>()): Map<string, string> {
  for (const section of sections) {
    const here = [...path, section.title];
    out.set(here.join(' › '), section.id);
    sectionAnchors(section.children, here, out);
  }
  return out;
}

function identityOf({ record, mdx }: BuiltDocument): Identity {
  const paragraphs = new Map<string, string>();
  for (const paragraph of record.paragraphs) {
    let key = paragraph.text;
    for (let n = 2; paragraphs.has(key); n++) key = `${paragraph.text}\u0000${n}`;
    paragraphs.set(key, paragraph.id);
  }
  const end = mdx.indexOf('\n---\n', 3);
  return { id: record.id, file: record.source.file, sections: sectionAnchors(record.sections), paragraphs, body: mdx.slice(end + 5) };
}

/** Every document of a seeds folder, keyed by title (asserted unique). */
function identities(seedsDir: string): Map<string, Identity> {
  return identitiesOf(ingest(seedsDir, 'unused', false));
}

function identitiesOf(result: ReturnType<typeof ingest>): Map<string, Identity> {
  expect(result.errors, result.summary).toBe(0);
  const out = new Map<string, Identity>();
  for (const doc of result.documents) {
    expect(out.has(doc.record.title), `two documents titled ${doc.record.title}`).toBe(false);
    out.set(doc.record.title, identityOf(doc));
  }
  return out;
}

/** Asserts that a document kept its id, every section anchor and every paragraph anchor (and, unless edited, its page body). */
function expectSameIdentity(title: string, before: Identity, after: Identity | undefined, { edited = false } = {}): void {
  expect(after, `${title} is still there`).toBeDefined();
  if (!after) return;
  expect(after.id, `id of ${title}`).toBe(before.id);
  expect(after.sections, `section anchors of ${title}`).toEqual(before.sections);
  for (const [text, id] of before.paragraphs) expect(after.paragraphs.get(text), `anchor of “${text.slice(0, 24)}” in ${title}`).toBe(id);
  if (!edited) {
    expect(after.paragraphs.size, `paragraphs of ${title}`).toBe(before.paragraphs.size);
    expect(after.body, `page body of ${title}`).toBe(before.body);
  }
}

const SEED_FILES = readdirSync('seeds').filter((name) => name.endsWith('.txt')).sort();
let baseline: BuiltDocument[];
let before: Map<string, Identity>;

beforeAll(() => {
  const result = ingest('seeds', 'unused', false);
  baseline = result.documents;
  before = identitiesOf(result);
  expect(before.size).toBeGreaterThanOrEqual(SEED_FILES.length);
});

describe('ids and anchors do not depend on other seeds', () => {
  test('adding unrelated seeds (one citing existing documents, one holding two documents) changes nothing', () => {
    const seeds = seedsCopy();
    const cited = [...before.keys()].slice(0, 2);
    writeFileSync(
      join(seeds, '000_a_new.txt'),
      ['关于加快科技金融发展的实施意见', `为贯彻落实《${cited[0]}》和《${cited[1]}》,支持科技型中小企业融资,结合实际,提出如下意见。`, '一、总体要求', '到2020年,科技贷款余额达到100亿元以上。'].join('\n'),
    );
    writeFileSync(
      join(seeds, 'zzz 新增 汇编.txt'),
      ['第一篇:2012年科技工作要点', '2012年全县科技工作要点', '一、加强科技创新平台建设,推动企业研发中心建设。', '第二篇:2013年科技工作要点', '2013年全县科技工作要点', '一、实施知识产权战略,提高专利申请量。'].join('\n'),
    );
    const after = identities(seeds);
    expect(after.size).toBeGreaterThanOrEqual(before.size + 3);
    for (const [title, identity] of before) expectSameIdentity(title, identity, after.get(title));
  });

  test.each(SEED_FILES)('removing %s changes no other document', (name) => {
    const seeds = seedsCopy();
    rmSync(join(seeds, name));
    const after = identities(seeds);
    const removed = [...before].filter(([, identity]) => identity.file === name);
    expect(removed.length).toBeGreaterThan(0);
    for (const [title] of removed) expect(after.has(title)).toBe(false);
    for (const [title, identity] of before) if (identity.file !== name) expectSameIdentity(title, identity, after.get(title));
  });

  test('renaming every seed (reverse order, Chinese names, a subfolder) changes no id or anchor', () => {
    const seeds = seedsCopy();
    const renamed = new Map<string, string>();
    mkdirSync(join(seeds, '子目录'));
    SEED_FILES.forEach((name, index) => {
      // Reverse code-point order: the files are now read in the opposite order.
      const next = `${index === 0 ? '子目录/' : ''}${String.fromCharCode(0x9fa5 - index)} 政策 ${SEED_FILES.length - index}.txt`;
      renameSync(join(seeds, name), join(seeds, next));
      renamed.set(name, next);
    });
    const after = identities(seeds);
    expect(after.size).toBe(before.size);
    for (const [title, identity] of before) {
      expectSameIdentity(title, identity, after.get(title));
      expect(after.get(title)?.file).toBe(renamed.get(identity.file));
    }
  });
});

describe('anchors survive a paragraph inserted elsewhere in the same document', () => {
  type Where = 'first' | 'middle' | 'last' | 'heading' | 'table';
  /** Distinct texts, so the dedupe stage keeps every copy. */
  const inserted = (n: number): string => `为进一步做好相关工作（补充说明之${n}），请各有关单位认真贯彻执行。`;

  /**
   * Seed lines to insert before. Lines of an attachment list (`附件:1.…表` / `2.…表`) are left out:
   * an item is recognised as one only right after the previous one, so text inserted between two
   * items, or right after the last one, legitimately changes how the list reads.
   */
  function insertionLines(record: BuiltDocument['record'], where: Where): number[] {
    const { paragraphs } = record;
    const ok = paragraphs.filter((p, i) => p.kind !== 'attachment' && paragraphs[i - 1]?.kind !== 'attachment');
    if (where === 'heading') {
      const sections = record.sections.flatMap(function flat(s: Section): Section[] { return [s, ...s.children.flatMap(flat)]; });
      const middle = sections[Math.floor(sections.length / 2)];
      return middle ? [middle.line] : [];
    }
    // After every table row with agency cells: the new text must not be read as one more cell or glued to one.
    if (where === 'table') return paragraphs.filter((p, i) => p.kind === 'table-row' && (paragraphs[i - 1]?.cells?.length ?? 0) > 1).map((p) => p.line);
    const at = where === 'first' ? ok[0] : where === 'last' ? ok.at(-1) : ok[Math.floor(ok.length / 2)];
    return at ? [at.line] : [];
  }

  test.each([
    ['before the first paragraph', 'first'],
    ['in the middle', 'middle'],
    ['before the last paragraph or table row', 'last'],
    ['before a heading', 'heading'],
    ['after every table row with agency cells', 'table'],
  ] as const)('a paragraph inserted %s of every document', (_name, where) => {
    const seeds = seedsCopy();
    const points = new Map<string, number[]>();
    const expected = new Map<string, number>();
    for (const { record } of baseline) {
      const lines = insertionLines(record, where);
      points.set(record.source.file, [...(points.get(record.source.file) ?? []), ...lines]);
      expected.set(record.title, lines.length);
    }
    let n = 0;
    for (const [file, lines] of points) {
      const path = join(seeds, file);
      const text = readFileSync(path, 'utf8').split('\n');
      for (const line of [...lines].sort((a, b) => b - a)) text.splice(line - 1, 0, inserted(++n));
      writeFileSync(path, text.join('\n'));
    }
    expect(n).toBeGreaterThan(0);
    const after = identities(seeds);
    expect(after.size).toBe(before.size);
    for (const [title, identity] of before) {
      expectSameIdentity(title, identity, after.get(title), { edited: true });
      const added = [...(after.get(title)?.paragraphs.keys() ?? [])].filter((text) => text.startsWith('为进一步做好相关工作（补充说明之'));
      expect(added.length, `paragraphs inserted into ${title}`).toBe(expected.get(title));
      expect(after.get(title)?.paragraphs.size, title).toBe(identity.paragraphs.size + added.length);
    }
  });
});

describe('documents that share an id', () => {
  /** Two different documents whose titles, places and years give the same id. */
  const TWINS = [
    ['关于加快科技金融发展的实施意见', '为加快科技金融发展,支持科技型中小企业融资,提出如下意见。'],
    ['关于加快科技金融发展的实施意见', '为推动科技与金融结合,完善科技信贷体系,提出如下意见。'],
  ];

  test('keep their ids when their seed files are renamed (which one gets the suffix depends on the text, not the file name)', () => {
    const seeds = makeTempDir('atlas-twins-');
    dirs.push(seeds);
    writeFileSync(join(seeds, 'a.txt'), TWINS[0]?.join('\n') ?? '');
    writeFileSync(join(seeds, 'b.txt'), TWINS[1]?.join('\n') ?? '');
    const idsByText = (): Map<string, string> =>
      new Map(ingest(seeds, 'unused', false).documents.map((d) => [d.record.paragraphs[0]?.text ?? '', d.record.id]));
    const first = idsByText();
    expect(new Set(first.values()).size).toBe(2);
    renameSync(join(seeds, 'a.txt'), join(seeds, 'c.txt'));
    expect(idsByText()).toEqual(first);
  });
});
