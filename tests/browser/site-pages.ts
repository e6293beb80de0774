/**
 * What the browser tests know about the built site without a browser: its routes and the
 * fixture documents' frontmatter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { frontmatterSchema, type Frontmatter } from '../../src/lib/schema.ts';
import { FIXTURE_DOCUMENTS } from './site-build.ts';

/** URL paths (`/`, `/documents/x/`) of every `index.html` in the built site. */
export function siteRoutes(distDir: string): string[] {
  const routes: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'index.html') {
        const folder = relative(distDir, dir).split(sep).filter(Boolean).join('/');
        routes.push(folder ? `/${folder}/` : '/');
      }
    }
  };
  walk(distDir);
  return routes.sort();
}

/**
 * The kind of page a route is: its first segment, with every further segment a wildcard
 * (`/documents/x/` → `/documents/{*}/`, `/themes/talent/2/` → `/themes/{*}/{*}/`).
 */
export function routeKind(route: string): string {
  const [first, ...rest] = route.split('/').filter(Boolean);
  return first === undefined ? '/' : `/${[first, ...rest.map(() => '{*}')].join('/')}/`;
}

/** One route of each kind (the first in sorted order), plus any routes asked for by name. */
export function routesPerKind(routes: readonly string[], also: readonly string[] = []): string[] {
  const byKind = new Map<string, string>();
  for (const route of routes) if (!byKind.has(routeKind(route))) byKind.set(routeKind(route), route);
  return [...new Set([...byKind.values(), ...also.filter((r) => routes.includes(r))])].sort();
}

/** Validated frontmatter of a fixture document, read from its MDX file. */
export function readFixture(id: string): Frontmatter {
  const text = readFileSync(join(FIXTURE_DOCUMENTS, `${id}.mdx`), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new Error(`${id}.mdx has no frontmatter`);
  return frontmatterSchema.parse(parse(match[1]!));
}

/** Ids of the hand-written fixture documents. */
export const FIXTURE_IDS = {
  plain: 'sample-benxi-2015-chuangxin-qudong-shishi-fangan',
  inferred: 'sample-xiangtan-2004-keji-xianjin-chengshi-chuangjian',
  hostile: 'sample-hostile-keji-chuangxin-quan-banfa',
} as const;

/** Ids of the anchored elements (`p-…`, `s-…`, `t-…`) in a fixture document's body. */
export function fixtureAnchors(id: string): string[] {
  const text = readFileSync(join(FIXTURE_DOCUMENTS, `${id}.mdx`), 'utf8');
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  return [...body.matchAll(/<\w+ id="([pst]-[0-9a-z-]+)"/g)].map((m) => m[1]!);
}
