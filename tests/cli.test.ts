/**
 * `npm run ingest` as a maintainer runs it: flags, messages printed as
 * `file` + `line:col severity message rule-id`, the summary, and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanup, copySeeds, makeTempDir } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

function run(args: string[]): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['scripts/ingest.ts', ...args], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('ingest CLI', () => {
  test('ingests seeds/ in --strict mode without errors', () => {
    const out = makeTempDir('atlas-cli-');
    dirs.push(out);
    const { status, stderr } = run(['--seeds', 'seeds', '--out', out, '--strict']);
    expect(status).toBe(0);
    expect(stderr).toMatch(/✔ 5 file\(s\), 10 document\(s\), 0 error\(s\), \d+ warning\(s\)/u);
    // Warnings are printed with file, position and rule id.
    expect(stderr).toContain('seeds/003_e2c49a8bb5a5bd3b.txt');
    expect(stderr).toMatch(/15:1-15:\d+\s+warning\s+Unexpected repeated paragraph \(first at line 5\).*duplicate-paragraph\s+atlas/u);
  });

  test('a bad file fails --strict with its diagnostic, and the others are still written', () => {
    const seeds = copySeeds();
    const out = makeTempDir('atlas-cli-');
    dirs.push(seeds, out);
    writeFileSync(join(seeds, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7, 8, 0, 0, 0, 0, 1, 2, 3, 4, 5]));
    const strict = run(['--seeds', seeds, '--out', out, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/broken\.txt\n\s*1:1(?:-1:1)?\s+error\s+Unexpected .*binary-file\s+atlas/u);
    expect(strict.stderr).toMatch(/✖ 6 file\(s\), 10 document\(s\), 1 error\(s\)/u);
    const lenient = run(['--seeds', seeds, '--out', out]);
    expect(lenient.status).toBe(0);
  });

  test('a missing seeds folder is a clear usage error', () => {
    const { status, stderr } = run(['--seeds', 'no-such-folder']);
    expect(status).toBe(2);
    expect(stderr).toContain('Seeds folder “no-such-folder” does not exist');
  });

  test('an unknown flag prints the usage', () => {
    const { status, stderr } = run(['--sedes', 'x']);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage: npm run ingest');
  });
});
