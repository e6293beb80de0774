/**
 * `npm run check` as a maintainer runs it: every document of a seed printed with its metadata and
 * the evidence behind each value, every diagnostic with file and line, sidecar corrections that
 * select nothing, `--changed` against git, and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentRecord } from '../src/lib/schema.ts';
import { cleanup, copySeeds, ingest, makeTempDir } from './helpers.ts';

const CHECK = join(process.cwd(), 'scripts', 'check.ts');
const SIDECAR = '002_07ecd39dfcf56a0e.meta.yaml';

function run(args: string[], cwd = process.cwd()): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CHECK, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of the block printed for one file (from its header to the next file's). */
function blockOf(stdout: string, fileName: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.includes(`${fileName} — `));
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && /^\S.* — \d+ document\(s\)/u.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

describe('npm run check on seeds with a bad file and a bad sidecar', () => {
  let seeds: string;
  let records: DocumentRecord[];
  let output: ReturnType<typeof run>;
  beforeAll(() => {
    seeds = copySeeds();
    dirs.push(seeds);
    records = ingest(seeds, 'unused', false).documents.map((d) => d.record);
    writeFileSync(join(seeds, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7, 8, 0, 0, 0, 0, 1, 2, 3, 4, 5]));
    // Line 2 selects a title the seed has; line 4 one it does not have; line 6 a line outside every document.
    const first = records.find((r) => r.source.file === '002_07ecd39dfcf56a0e.txt')!;
    writeFileSync(join(seeds, SIDECAR), `documents:\n  - match: ${first.title}\n    issuer: 某某市科学技术局\n  - match: 没有这个标题的文件\n    year: 2011\n  - line: 99999\n    year: 2000\n`);
    output = run(['--seeds', seeds]);
  });

  test('exits 1, with the summary counting the errors', () => {
    expect(output.status).toBe(1);
    expect(output.stdout).toMatch(/✖ 6 seed file\(s\), 10 document\(s\), 2 error\(s\), \d+ warning\(s\)\n?$/u);
  });

  test('prints every document with id, line range and each metadata value with its evidence phrase and line', () => {
    expect(records).toHaveLength(10);
    for (const record of records) {
      const block = blockOf(output.stdout, record.source.file);
      expect(block, record.source.file).toContain(`  ${record.id}  (lines ${record.source.startLine}–${record.source.endLine}`);
      const doc = block.slice(block.indexOf(`  ${record.id}  (lines`)).split('\n\n')[0]!;
      for (const label of ['title', 'place', 'year', 'docType', 'issuer', 'docNumber', 'themes', 'targets']) expect(doc, `${record.id} ${label}`).toMatch(new RegExp(`^    ${label} +\\S`, 'mu'));
      expect(doc).toMatch(new RegExp(`^    targets +${record.targets.length}$`, 'mu'));
      expect(doc).toContain(`    themes     ${record.themes.join(', ') || '—'}`);
      for (const e of record.evidence) {
        if (e.rule === 'sidecar') continue;
        expect(doc, `${record.id} ${e.field}`).toContain(`← ${e.line}:${e.column} “${e.phrase}” ${e.rule}`);
      }
    }
  });

  test('a corrected value shows the sidecar as its evidence', () => {
    const block = blockOf(output.stdout, '002_07ecd39dfcf56a0e.txt');
    expect(block).toMatch(/^ {4}issuer +某某市科学技术局\n +← 1:1 “"某某市科学技术局"” sidecar — .*002_07ecd39dfcf56a0e\.meta\.yaml/mu);
  });

  test('the binary file is shown with no documents and its error at file:line with the rule id', () => {
    const block = blockOf(output.stdout, 'broken.txt');
    expect(block).toMatch(/broken\.txt — 0 document\(s\), 1 error\(s\)/u);
    expect(block).toContain('no documents');
    expect(block).toMatch(/broken\.txt\n\s+1:1(?:-1:1)?\s+error\s+Unexpected .*binary-file\s+atlas/u);
  });

  test('corrections that select nothing are reported at their YAML line: an unknown title as an error, a line outside every document as a warning', () => {
    const block = blockOf(output.stdout, '002_07ecd39dfcf56a0e.txt');
    expect(block).toMatch(/meta\.yaml\n(?:.*\n)*?\s+4:1(?:-4:1)?\s+error\s+Unexpected `match: 没有这个标题的文件` that is no document's title in this seed.*sidecar-unmatched/u);
    expect(block).toMatch(/\s6:1(?:-6:1)?\s+warning\s+Unexpected `line: 99999` outside every document.*sidecar-unmatched/u);
    // Warnings from ingestion are there too, at their seed line.
    expect(block).toMatch(/\s17:5-17:\d+\s+warning\s+.*year-conflict/u);
  });

  test('named files show only their blocks, and errors elsewhere are still listed and still fail', () => {
    const named = run(['--seeds', seeds, join(seeds, '001_d9716b3adb24c593.txt'), '000_a1bb4dddb7c8d32b.txt']);
    expect(named.status).toBe(1);
    expect(named.stdout).toMatch(/^\S*001_d9716b3adb24c593\.txt — 2 document\(s\)/mu);
    expect(named.stdout).toMatch(/^\S*000_a1bb4dddb7c8d32b\.txt — 1 document\(s\)/mu);
    expect(named.stdout).not.toMatch(/^\S*00[234]_\w+\.txt — /mu);
    const elsewhere = named.stdout.slice(named.stdout.indexOf('Errors in files not shown above:'));
    expect(elsewhere).toMatch(/broken\.txt\n\s+1:1\S*\s+error .*binary-file/u);
    expect(elsewhere).toMatch(/meta\.yaml\n\s+4:1\S*\s+error .*sidecar-unmatched/u);
    expect(named.stdout).toMatch(/; 2 shown\n?$/u);
  });
});

describe('npm run check --changed', () => {
  test('shows new files and seeds whose sidecar changed, names removed ones, and exits 0 without errors', () => {
    const repo = makeTempDir('atlas-check-git-');
    dirs.push(repo);
    const seeds = join(repo, 'seeds');
    cpSync('seeds', seeds, { recursive: true });
    const git = (...args: string[]): void => {
      const result = spawnSync('git', ['-c', 'user.name=check', '-c', 'user.email=check@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'seeds');
    writeFileSync(join(seeds, '新文件.txt'), '关于印发科技创新券管理办法的通知\n\n第一条 为促进科技创新，制定本办法。\n第二条 本办法自印发之日起施行。\n');
    writeFileSync(join(seeds, SIDECAR), 'documents:\n  - index: 0\n    year: 2011\n');
    rmSync(join(seeds, '000_a1bb4dddb7c8d32b.txt'));

    const { status, stdout } = run(['--seeds', 'seeds', '--changed'], repo);
    expect(status).toBe(0);
    expect(stdout).toContain('Changed against HEAD: 2 seed file(s), 1 removed');
    expect(stdout).toContain('removed: seeds/000_a1bb4dddb7c8d32b.txt');
    expect(stdout).toMatch(/^seeds\/新文件\.txt — 1 document\(s\), 0 error\(s\)/mu);
    expect(stdout).toMatch(/^ {4}docType +通知\n +← \d+:\d+ “通知” title-ending/mu);
    expect(stdout).toMatch(/^seeds\/002_07ecd39dfcf56a0e\.txt — 5 document\(s\)/mu);
    expect(stdout).toContain(`  sidecar seeds/${SIDECAR}`);
    expect(stdout).not.toMatch(/^seeds\/00[134]_\w+\.txt — /mu);
    expect(stdout).toMatch(/✔ 5 seed file\(s\), 10 document\(s\), 0 error\(s\), \d+ warning\(s\); 2 shown\n?$/u);
  });
});

describe('npm run check usage', () => {
  test.each([
    { args: ['--sedes', 'x'], message: 'Usage: npm run check' },
    { args: ['--seeds', 'seeds', 'no-such-seed.txt'], message: 'no-such-seed.txt is not a file in the seeds folder seeds' },
    { args: ['--base', 'HEAD'], message: '--base needs --changed' },
    { args: ['--seeds', 'no-such-folder'], message: 'Seeds folder “no-such-folder” does not exist' },
  ])('$args → exit 2 with “$message”', ({ args, message }) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });
});
