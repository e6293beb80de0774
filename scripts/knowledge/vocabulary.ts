/**
 * Loads the hand-written vocabularies (`content/<kind>/<slug>.md`): YAML
 * frontmatter validated by the schemas in `src/lib/vocabulary.ts`, Markdown
 * body kept as `body`. A bad entry is reported at its line and left out; the
 * other entries still load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import type { z } from 'zod';
import type { Loaded } from '../../src/lib/vocabulary.ts';
import { report } from '../pipeline/diagnostics.ts';
import { parseYaml } from '../pipeline/yaml.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)([\s\S]*)$/u;

export interface VocabularyResult<T> {
  entries: Loaded<T>[];
  files: VFile[];
}

/** Every `*.md` entry of a folder, sorted by file name; a missing folder gives no entries. */
export function loadVocabulary<S extends z.ZodType<{ slug: string }>>(dir: string, schema: S): VocabularyResult<z.output<S>> {
  const entries: Loaded<z.output<S>>[] = [];
  const files: VFile[] = [];
  if (!existsSync(dir)) return { entries, files };
  const bySlug = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const path = relative(process.cwd(), join(dir, name)).split(sep).join('/');
    const file = new VFile({ path });
    files.push(file);
    const entry = parseEntry(readFileSync(join(dir, name), 'utf8'), schema, file);
    if (!entry) continue;
    const expected = name.replace(/\.md$/u, '');
    if (entry.slug !== expected) {
      report(file, 'error', `Unexpected slug “${entry.slug}”, expected the file name “${expected}”; entry left out`, 'vocabulary-invalid', { line: 2, column: 1 });
      continue;
    }
    const first = bySlug.get(entry.slug);
    if (first) {
      report(file, 'error', `Unexpected second entry “${entry.slug}” (first in ${first}); entry left out`, 'vocabulary-invalid', { line: 1, column: 1 });
      continue;
    }
    bySlug.set(entry.slug, path);
    entries.push({ ...entry, file: path });
  }
  return { entries, files };
}

/** One entry: frontmatter validated, body trimmed; null (with a positioned error) when invalid. */
export function parseEntry<S extends z.ZodType>(text: string, schema: S, file: VFile): (z.output<S> & { body: string }) | null {
  const match = FRONTMATTER.exec(text.replace(/^\uFEFF/u, ''));
  if (!match) {
    report(file, 'error', 'Unexpected file without YAML frontmatter, expected `---` on the first line; entry left out', 'vocabulary-invalid', { line: 1, column: 1 });
    return null;
  }
  const data = parseYaml(match[1] ?? '', schema, file, { ruleId: 'vocabulary-invalid', consequence: 'entry left out', what: 'the frontmatter', lineOffset: 1 });
  if (data === null) return null;
  return { ...data, body: (match[2] ?? '').trim() };
}
