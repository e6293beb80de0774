/**
 * The content-hash cache of `ingestCorpusParallel`: one JSON file per seed file, named by a hash of
 * everything its outcome depends on — the seed's bytes and path, its sidecar's bytes, the pipeline's
 * source code, the vocabularies and the locked dependency versions. Any change to one of those is a
 * miss, so a stale entry can never be used; entries no seed needs any more are deleted after a run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedJob, SeedOutcome } from './corpus.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Code and data every outcome depends on (folders are read recursively; tests excluded). */
const CODE = ['scripts/pipeline', 'scripts/knowledge', 'scripts/lib', 'src/lib', 'package-lock.json'];
const VOCABULARIES = ['themes', 'instruments', 'indicators', 'glossary', 'agencies'];

/** Hash of the pipeline's code and of the vocabularies in `contentDir` (default: the project's `content/`). */
export function pipelineVersion(contentDir = join(ROOT, 'content')): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    const entries = readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const file of entries) hash.update(file.slice(path.length)).update('\0').update(readFileSync(file)).update('\0');
  };
  for (const path of CODE) {
    const full = join(ROOT, path);
    if (path.endsWith('.json')) hash.update(existsSync(full) ? readFileSync(full) : '');
    else add(full);
  }
  for (const name of VOCABULARIES) add(join(contentDir, name));
  return hash.digest('hex');
}

export interface IngestCache {
  get(job: SeedJob): SeedOutcome | undefined;
  set(job: SeedJob, outcome: SeedOutcome): void;
  /** Deletes every entry that none of these jobs uses. */
  keepOnly(jobs: readonly SeedJob[]): void;
}

export function openCache(dir: string, contentDir?: string): IngestCache {
  const version = pipelineVersion(contentDir);
  mkdirSync(dir, { recursive: true });
  const keyOf = (job: SeedJob): string | null => {
    try {
      const hash = createHash('sha256').update(version).update('\0').update(job.path).update('\0').update(job.displayPath).update('\0');
      hash.update(readFileSync(job.absolute)).update('\0');
      if (job.sidecarAbsolute) hash.update(readFileSync(job.sidecarAbsolute));
      return hash.digest('hex');
    } catch {
      // Unreadable: never cached, so the pipeline reports it every time.
      return null;
    }
  };
  const keys = new Map<SeedJob, string | null>();
  const key = (job: SeedJob): string | null => {
    if (!keys.has(job)) keys.set(job, keyOf(job));
    return keys.get(job) ?? null;
  };
  return {
    get(job) {
      const k = key(job);
      if (k === null) return undefined;
      try {
        return JSON.parse(readFileSync(join(dir, `${k}.json`), 'utf8')) as SeedOutcome;
      } catch {
        return undefined;
      }
    },
    set(job, outcome) {
      const k = key(job);
      if (k !== null) writeFileSync(join(dir, `${k}.json`), JSON.stringify(outcome));
    },
    keepOnly(jobs) {
      const wanted = new Set(jobs.map((job) => `${key(job)}.json`));
      for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name), { force: true });
    },
  };
}
