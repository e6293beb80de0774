import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { themeEntrySchema } from '../../src/lib/vocabulary.ts';
import { cleanup, makeTempDir } from '../../tests/helpers.ts';
import { loadKnowledgeBase } from './index.ts';
import { loadVocabulary } from './vocabulary.ts';

const dirs: string[] = [];
afterEach(() => cleanup(...dirs.splice(0)));

function folder(files: Record<string, string>): string {
  const dir = makeTempDir('atlas-vocab-');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = '---\nslug: talent\nname: 人才\nnameEn: Talent\nterms:\n  - 人才\n  - { term: 人才引进, weight: 2 }\n---\n人才的培养与引进。\n';

describe('loadVocabulary', () => {
  test('an entry loads with its terms normalised and its body', () => {
    const { entries, files } = loadVocabulary(folder({ 'talent.md': GOOD }), themeEntrySchema);
    expect(files.flatMap((f) => f.messages)).toEqual([]);
    expect(entries[0]).toMatchObject({ slug: 'talent', terms: [{ term: '人才', weight: 1 }, { term: '人才引进', weight: 2 }], body: '人才的培养与引进。' });
  });

  test.each([
    ['no frontmatter', 'talent.md', '人才\n', 1, /without YAML frontmatter/u],
    ['broken YAML', 'talent.md', '---\nslug: talent\nname: [人才\n---\n', 3, /Unexpected YAML/u],
    ['a missing field, reported at its line in the file', 'talent.md', '---\nslug: talent\nname: 人才\nterms: [人才]\n---\n', 2, /Unexpected value at `nameEn`: .*expected string/u],
    ['a bad regular expression', 'talent.md', '---\nslug: talent\nname: 人才\nnameEn: Talent\nterms: [人才]\npatterns:\n  - pattern: "人才("\n---\n', 7, /not a valid regular expression/u],
    ['a slug that is not the file name', 'people.md', GOOD, 2, /expected the file name “people”/u],
  ])('%s is an error with its line, and the entry is left out', (_name, file, text, line, message) => {
    const { entries, files } = loadVocabulary(folder({ [file]: text, 'finance.md': GOOD.replace('talent', 'finance') }), themeEntrySchema);
    expect(entries.map((e) => e.slug)).toEqual(['finance']);
    const messages = files.flatMap((f) => f.messages.map((m) => ({ path: f.path, line: m.line, reason: m.reason, fatal: m.fatal })));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line, fatal: true });
    expect(messages[0]?.path).toContain(file);
    expect(messages[0]?.reason).toMatch(message);
  });

  test('a missing folder is an empty vocabulary', () => {
    expect(loadVocabulary('/nonexistent/atlas', themeEntrySchema)).toEqual({ entries: [], files: [] });
  });
});

describe('the committed vocabularies', () => {
  test('load without a single diagnostic', () => {
    const kb = loadKnowledgeBase();
    expect(kb.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line} ${m.reason}`))).toEqual([]);
    expect(kb.themes.length).toBeGreaterThanOrEqual(15);
    expect(kb.instruments.length).toBeGreaterThan(0);
    expect(kb.indicators.length).toBeGreaterThan(0);
    expect(kb.glossary.length).toBeGreaterThan(0);
    expect(kb.agencies.length).toBeGreaterThan(0);
  });

  test('a broken vocabulary entry is reported by the ingest, and other entries still tag', () => {
    const content = makeTempDir('atlas-content-');
    dirs.push(content);
    mkdirSync(join(content, 'themes'));
    writeFileSync(join(content, 'themes', 'talent.md'), GOOD);
    writeFileSync(join(content, 'themes', 'broken.md'), '---\nslug: broken\n---\n');
    const kb = loadKnowledgeBase(content);
    expect(kb.themes.map((t) => t.slug)).toEqual(['talent']);
    expect(kb.files.find((f) => f.path.endsWith('broken.md'))?.messages[0]?.ruleId).toBe('vocabulary-invalid');
  });
});
