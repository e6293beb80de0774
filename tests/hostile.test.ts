/**
 * The hostile-input corpus (tests/fixtures/hostile/: committed small files, plus the huge, binary and
 * encoding-specific ones that generate.ts writes) ingested together with a copy of seeds/ by
 * `ingest --strict`, as CI runs it. What must happen to each file is stated in cases.ts: its exact
 * diagnostics (rule id, line, severity), the documents that come out, and text that must stay text.
 * Every page is then parsed and compiled with the MDX compiler the site itself uses (satteri, through
 * @astrojs/mdx 8) — a different parser from the one emit checks with — and must hold nothing but the
 * pipeline's own elements, no ESM, no expression, and the hostile text as text.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToJs, mdxToMdast } from 'satteri';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentRecord } from '../src/lib/schema.ts';
import { HOSTILE_CASES, SIDECARS, type ExpectedDiagnostic, type HostileCase } from './fixtures/hostile/cases.ts';
import { GENERATED, generateHostile, MANY_LINES } from './fixtures/hostile/generate.ts';
import { cleanup, ingest, makeTempDir } from './helpers.ts';

const HOSTILE = 'tests/fixtures/hostile';
/** The small hostile files that also go into the browser test build. */
const SITE_HOSTILE = 'tests/fixtures/site-seeds/adversarial';
/** The files of tests/fixtures/hostile/ that are code, not input. */
const NOT_INPUT = new Set(['generate.ts', 'cases.ts']);
/** The ingest must finish well inside the test's own time. */
const CLI_TIMEOUT_MS = 55_000;
/** MDX features of the site (astro.config.mjs: `mdx({ gfm: false, smartypants: false })`). */
const FEATURES = { gfm: false, smartPunctuation: false, frontmatter: true } as const;

/** Elements and attributes the pipeline writes (emit-mdx.ts); anything else in a page came from a seed. */
const ELEMENTS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'mark', 'ParagraphLinks']);
const ATTRIBUTES = new Set(['id', 'data-line', 'data-kind', 'data-themes', 'scope', 'className', 'title', 'paragraph', 'themes']);
/** Elements whose text is one piece of document text (a paragraph, heading, caption or cell). */
const TEXT_OWNERS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'div', 'caption', 'th', 'td']);

interface Diagnostic {
  file: string;
  line: number | null;
  column: number | null;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
}

interface MdNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
}

let seedsDir = '';
let outDir = '';
let cli: { status: number | null; signal: NodeJS.Signals | null; stderr: string; seconds: number };
let diagnostics: Diagnostic[] = [];
let documents: DocumentRecord[] = [];
let pages = new Map<string, string>();

beforeAll(() => {
  seedsDir = makeTempDir('atlas-hostile-seeds-');
  outDir = makeTempDir('atlas-hostile-out-');
  cpSync('seeds', seedsDir, { recursive: true });
  for (const name of readdirSync(HOSTILE)) if (!NOT_INPUT.has(name)) cpSync(join(HOSTILE, name), join(seedsDir, name));
  generateHostile(seedsDir);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['scripts/ingest.ts', '--seeds', seedsDir, '--out', outDir, '--strict'], {
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  cli = { status: run.status, signal: run.signal, stderr: run.stderr, seconds: (Date.now() - started) / 1000 };
  console.log(`[hostile] ingest --strict of seeds/ + ${readdirSync(seedsDir).length - readdirSync('seeds').length} hostile files: ${cli.seconds.toFixed(1)} s`);
  if (cli.status === null) throw new Error(`ingest did not finish (${cli.signal ?? 'no signal'}) within ${CLI_TIMEOUT_MS / 1000} s:\n${cli.stderr.slice(-4000)}`);
  diagnostics = (JSON.parse(readFileSync(join(outDir, 'diagnostics.json'), 'utf8')) as { diagnostics: Diagnostic[] }).diagnostics;
  documents = (JSON.parse(readFileSync(join(outDir, 'corpus.json'), 'utf8')) as { documents: DocumentRecord[] }).documents;
  pages = new Map(readdirSync(join(outDir, 'documents')).map((name) => [name.replace(/\.mdx$/u, ''), readFileSync(join(outDir, 'documents', name), 'utf8')]));
}, 90_000);

afterAll(() => cleanup(seedsDir, outDir));

/** The messages a case is about: those of its file and of its sidecar. */
function messagesOf(hostile: HostileCase): Diagnostic[] {
  const files = new Set([hostile.file, ...hostile.diagnostics.map((d) => d.file ?? hostile.file)]);
  return diagnostics.filter((d) => files.has(d.file));
}

function key(d: { file?: string; ruleId?: string | null; rule?: string; line: number | null; severity: string }, file: string): string {
  return `${d.file ?? file} ${d.severity} ${d.ruleId ?? d.rule} @${d.line}`;
}

function documentsOf(file: string): DocumentRecord[] {
  return documents.filter((d) => d.source.file === file).sort((a, b) => a.source.startLine - b.source.startLine);
}

/** Every text of a page, one string per paragraph, heading, caption or cell (marks and all), and the node types met. */
function readPage(mdx: string): { texts: string[]; frontmatter: unknown; problems: string[] } {
  const tree = mdxToMdast(mdx, { features: FEATURES, position: false }) as MdNode;
  const texts: string[] = [];
  const problems: string[] = [];
  let frontmatter: unknown = null;
  const textOf = (node: MdNode): string => (node.type === 'text' ? String(node.value) : (node.children ?? []).map(textOf).join(''));
  const visit = (node: MdNode, parent: MdNode | null): void => {
    switch (node.type) {
      case 'root':
        break;
      case 'yaml':
        if (parent?.type !== 'root') problems.push('frontmatter below the top');
        frontmatter = JSON.parse(String(node.value));
        return;
      case 'paragraph':
      case 'text':
        if (parent?.type === 'root' && !(node.type === 'paragraph' && node.children?.length === 1 && /^h[2-6]$/u.test(node.children[0]?.name ?? ''))) {
          problems.push(`${node.type} outside the generated elements`);
        }
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        if (!ELEMENTS.has(node.name ?? '')) problems.push(`element <${node.name ?? ''}>`);
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== 'mdxJsxAttribute' || !ATTRIBUTES.has(attribute.name ?? '') || typeof attribute.value !== 'string') {
            problems.push(`attribute ${attribute.type} ${attribute.name ?? ''} on <${node.name ?? ''}>`);
          }
        }
        if (TEXT_OWNERS.has(node.name ?? '')) texts.push(textOf(node));
        break;
      default:
        // ESM, expressions, raw HTML, links, images, emphasis, code, Markdown headings, lists, breaks…
        problems.push(`${node.type} node`);
    }
    for (const child of node.children ?? []) visit(child, node);
  };
  visit(tree, null);
  return { texts, frontmatter, problems };
}

const parsed = new Map<string, ReturnType<typeof readPage>>();
/** A page read once (the 200,000-paragraph page takes seconds to parse). */
function pageOf(id: string): ReturnType<typeof readPage> {
  let page = parsed.get(id);
  if (!page) parsed.set(id, (page = readPage(pages.get(id) ?? '')));
  return page;
}

describe('hostile inputs through ingest --strict', () => {
  test('the ingest finishes, fails --strict with exit 1, and reports no internal error', () => {
    expect(cli.signal).toBeNull();
    expect(cli.status).toBe(1);
    expect(diagnostics.filter((d) => d.ruleId === 'internal-error' || d.ruleId === 'mdx-unsafe')).toEqual([]);
    const errors = HOSTILE_CASES.flatMap((c) => c.diagnostics.filter((d) => d.severity === 'error'));
    expect(cli.stderr).toMatch(new RegExp(`✖ \\d+ file\\(s\\), ${documents.length} document\\(s\\), ${errors.length} error\\(s\\)`, 'u'));
  });

  test('every error is printed under its file with its line and rule id', () => {
    const lines = cli.stderr.split('\n');
    for (const hostile of HOSTILE_CASES) {
      for (const expected of hostile.diagnostics.filter((d) => d.severity === 'error')) {
        const file = expected.file ?? hostile.file;
        const header = lines.findIndex((line) => line.endsWith(`/${file}`));
        expect(header, `${file} has a block in the report`).toBeGreaterThanOrEqual(0);
        const end = lines.findIndex((line, i) => i > header && line !== '' && !/^\s*(?:\d+:\d+|\[cause\])/u.test(line));
        const block = lines.slice(header + 1, end < 0 ? undefined : end);
        const pattern = new RegExp(`^\\s*${expected.line}:\\d+(?:-\\d+:\\d+)?\\s+error\\s+Unexpected .*\\s${expected.rule}\\s+atlas$`, 'u');
        expect(block.some((line) => pattern.test(line)), `${file}: ${expected.line} error ${expected.rule} in\n${block.join('\n')}`).toBe(true);
      }
    }
  });

  test.each(HOSTILE_CASES.map((c) => [c.file, c] as const))('%s gets exactly its diagnostics', (_file, hostile) => {
    const actual = messagesOf(hostile);
    const shown = actual.filter((d) => d.severity !== 'info').map((d) => key(d, hostile.file)).sort();
    expect(shown).toEqual(hostile.diagnostics.filter((d) => d.severity !== 'info').map((d) => key(d, hostile.file)).sort());
    const infos = actual.filter((d) => d.severity === 'info').map((d) => key(d, hostile.file));
    for (const info of hostile.diagnostics.filter((d: ExpectedDiagnostic) => d.severity === 'info')) expect(infos).toContain(key(info, hostile.file));
  });

  test.each(HOSTILE_CASES.map((c) => [c.file, c] as const))('%s gives its documents with the hostile text as text', (_file, hostile) => {
    const docs = documentsOf(hostile.file);
    expect(docs.map((d) => d.title)).toEqual(hostile.titles);
    if (hostile.paragraphs !== undefined) expect(docs[0]?.paragraphs).toHaveLength(hostile.paragraphs);
    const headings = (sections: DocumentRecord['sections']): string[] => sections.flatMap((s) => [s.title, ...headings(s.children)]);
    const texts = docs.flatMap((d) => [d.title, ...headings(d.sections), ...d.paragraphs.map((p) => p.text), ...d.paragraphs.flatMap((p) => p.cells ?? [])]);
    const shown = docs.flatMap((d) => pageOf(d.id).texts);
    for (const literal of hostile.literals ?? []) {
      expect(texts.some((t) => t.includes(literal)), `record text holds ${literal}`).toBe(true);
      expect(shown.some((t) => t.includes(literal)), `page text holds ${literal}`).toBe(true);
    }
  });

  test('no file is lost silently: each gives documents or a warning or error saying why', () => {
    const files = readdirSync(seedsDir).filter((name) => !/\.meta\.ya?ml$/u.test(name));
    const silent = files.filter((file) => documentsOf(file).length === 0 && !diagnostics.some((d) => d.file === file && d.severity !== 'info'));
    expect(silent).toEqual([]);
    expect(files.length).toBe(readdirSync('seeds').length + HOSTILE_CASES.length);
  });

  test('every seed document still comes out, as it does without the hostile files', () => {
    const alone = makeTempDir('atlas-hostile-alone-');
    try {
      const plain = ingest('seeds', alone, false).documents.map((d) => d.record);
      expect(plain).toHaveLength(10);
      const shape = (d: DocumentRecord) => ({ id: d.id, title: d.title, file: d.source.file, start: d.source.startLine, paragraphs: d.paragraphs.map((p) => p.text) });
      const fromSeeds = documents.filter((d) => /^\d{3}_[0-9a-f]{16}\.txt$/u.test(d.source.file));
      expect(fromSeeds.map(shape)).toEqual(plain.map(shape));
    } finally {
      cleanup(alone);
    }
  });

  test('nothing in the 1 MB line is lost: its paragraphs are the line, cut after sentence ends', () => {
    const [doc] = documentsOf(GENERATED.longLine);
    const line = readFileSync(join(seedsDir, GENERATED.longLine), 'utf8');
    expect(line.includes('\n')).toBe(false);
    expect(Buffer.byteLength(line)).toBeGreaterThanOrEqual(1024 * 1024);
    expect(doc?.paragraphs.map((p) => p.text).join('')).toBe(line.replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
    expect(Math.max(...(doc?.paragraphs ?? []).slice(0, 1000).map((p) => p.text.length))).toBeLessThanOrEqual(10_000);
    expect(readFileSync(join(seedsDir, GENERATED.manyLines), 'utf8').split('\n')).toHaveLength(MANY_LINES + 2);
  });

  test('every page parses with the site’s MDX compiler into the pipeline’s elements only, and compiles to a module that imports nothing but the JSX runtime', () => {
    expect(pages.size).toBe(documents.length);
    for (const doc of documents) {
      const mdx = pages.get(doc.id) ?? '';
      const { problems, frontmatter } = pageOf(doc.id);
      expect(problems, doc.id).toEqual([]);
      expect((frontmatter as { title?: string } | null)?.title, doc.id).toBe(doc.title);
      const { code } = mdxToJs(mdx, { features: FEATURES, jsxImportSource: 'astro', elementAttributeNameCase: 'html' });
      // One import (the JSX runtime) and one export (the page component): no ESM from a seed.
      const statements = code.split('\n').filter((line) => /^\s*(?:import|export)\b/u.test(line));
      expect(statements.map((line) => line.replace(/^import \{[\w\s,]+\} from "astro\/jsx-runtime";$/u, 'import runtime')), doc.id).toEqual(['import runtime', 'export default MDXContent;']);
      expect(code, doc.id).not.toMatch(/set:html|dangerouslySetInnerHTML|\beval\(|new Function/u);
    }
  });
});

describe('hostile inputs without --strict, and the fixtures themselves', () => {
  test('without --strict the same errors are printed but the run succeeds and writes the good documents', () => {
    const seeds = makeTempDir('atlas-hostile-lenient-');
    const out = makeTempDir('atlas-hostile-lenient-out-');
    try {
      for (const name of ['injection-title.txt', 'sidecar-malformed.txt', 'sidecar-malformed.meta.yaml']) cpSync(join(HOSTILE, name), join(seeds, name));
      cpSync(join(seedsDir, GENERATED.binary), join(seeds, GENERATED.binary));
      const run = spawnSync(process.execPath, ['scripts/ingest.ts', '--seeds', seeds, '--out', out], { encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/binary-junk\.txt\n\s*1:1(?:-1:1)?\s+error\s+Unexpected .*binary-file\s+atlas/u);
      expect(run.stderr).toMatch(/sidecar-malformed\.meta\.yaml\n\s*3:12(?:-3:12)?\s+error\s+Unexpected YAML: Missing closing "quote; sidecar ignored\s+sidecar-invalid\s+atlas/u);
      expect(run.stderr).toMatch(/✖ 3 file\(s\), 2 document\(s\), 2 error\(s\)/u);
      expect(readdirSync(join(out, 'documents'))).toHaveLength(2);
    } finally {
      cleanup(seeds, out);
    }
  });

  test('generate.ts writes the same bytes every time', () => {
    const [a, b] = [makeTempDir('atlas-hostile-gen-'), makeTempDir('atlas-hostile-gen-')];
    try {
      const names = generateHostile(a);
      expect(generateHostile(b)).toEqual(names);
      expect(names).toEqual(Object.values(GENERATED).sort());
      const digest = (dir: string, name: string) => createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
      for (const name of names) expect(digest(a, name), name).toBe(digest(b, name));
      expect(statSync(join(a, GENERATED.empty)).size).toBe(0);
    } finally {
      cleanup(a, b);
    }
  });

  test('every case has its input, and the browser build holds exactly the committed cases marked for it', () => {
    const committed = readdirSync(HOSTILE).filter((name) => !NOT_INPUT.has(name));
    expect(committed.filter((name) => !SIDECARS.includes(name)).sort()).toEqual(HOSTILE_CASES.filter((c) => !c.generated).map((c) => c.file).sort());
    const site = HOSTILE_CASES.filter((c) => c.site);
    expect(site.every((c) => !c.generated)).toBe(true);
    const expected = [...site.map((c) => c.file), ...SIDECARS.filter((s) => site.some((c) => c.file === s.replace('.meta.yaml', '.txt')))].sort();
    expect(readdirSync(SITE_HOSTILE).sort()).toEqual(expected);
    for (const name of expected) expect(readFileSync(join(SITE_HOSTILE, name)).equals(readFileSync(join(HOSTILE, name))), name).toBe(true);
  });
});
