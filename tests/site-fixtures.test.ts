import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DOCUMENTS } from './browser/site-build.ts';
import { readFixture } from './browser/site-pages.ts';

const files = readdirSync(FIXTURE_DOCUMENTS).filter((name) => name.endsWith('.mdx'));

describe('site fixture documents', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s matches the frontmatter contract and its file name', (file) => {
    const id = file.replace(/\.mdx$/, '');
    expect(readFixture(id).id).toBe(id);
  });

  it.each(files)('%s body uses only the elements the pipeline emits', (file) => {
    const body = readFileSync(join(FIXTURE_DOCUMENTS, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    const tags = new Set([...body.matchAll(/(?<!\\)<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]));
    for (const tag of tags) expect(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td']).toContain(tag);
  });
});
