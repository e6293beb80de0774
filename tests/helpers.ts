/** Shared helpers for whole-pipeline tests: temporary seed folders and reading generated output. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ingestCorpus } from '../scripts/lib/corpus.ts';

/** A fresh temporary folder (removed by `cleanup`). */
export function makeTempDir(prefix = 'atlas-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies the real seeds into a new temporary folder. */
export function copySeeds(): string {
  const dir = makeTempDir('atlas-seeds-');
  cpSync('seeds', dir, { recursive: true });
  return dir;
}

export function cleanup(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** Runs the ingest on a folder, failing loudly if it cannot start. */
export function ingest(seedsDir: string, outDir: string, write = true) {
  const result = ingestCorpus({ seedsDir, outDir, write });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Every file below a folder with its bytes, keyed by relative path. */
export function readTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return out;
}
