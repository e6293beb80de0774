/**
 * `npm run ingest`: seeds folder → `documents/<id>.mdx` + `corpus.json`
 * (+ `diagnostics.json`) in the output folder. Flags: --seeds DIR, --out DIR,
 * --strict (exit non-zero on errors), --verbose (also list info messages),
 * --quiet (summary only), --workers N, --no-cache. Seeds unchanged since the last run (same bytes, sidecar,
 * pipeline code and vocabularies) come from the content-hash cache; the others are spread over worker threads.
 */
import { parseCommandLine } from './lib/cli.ts';
import { join } from 'node:path';
import { ingestCorpusParallel, formatReport } from './lib/corpus.ts';

const usage = `Usage: npm run ingest -- [--seeds DIR] [--out DIR] [--strict] [--verbose] [--quiet]

  --seeds DIR   folder of seed texts (default: seeds)
  --out DIR     output folder; documents/ and corpus.json inside are regenerated (default: content)
  --strict      exit with status 1 when any file has an error (CI)
  --verbose     also print info messages (every removed line, joined line …)
  --quiet       print only the summary
  --workers N   worker threads for changed seeds (default: one per CPU, at most 4; 1 = this thread)
  --no-cache    process every seed, ignoring the content-hash cache in <out>/.cache/ingest`;

async function main(): Promise<number> {
  const parsed = parseCommandLine(
    {
      options: {
        seeds: { type: 'string', default: 'seeds' },
        out: { type: 'string', default: 'content' },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        workers: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const progress = process.stderr.isTTY && !values.quiet;
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    console.error(`--workers takes a whole number ≥ 1, not “${values.workers}”\n\n${usage}`);
    return 2;
  }
  const result = await ingestCorpusParallel({
    seedsDir: values.seeds,
    outDir: values.out,
    workers,
    cacheDir: values['no-cache'] ? undefined : join(values.out, '.cache', 'ingest'),
    onFile: progress
      ? (index, total, path) => process.stderr.write(`\r\u001b[2K[${index + 1}/${total}] ${path}`)
      : undefined,
  });
  if (progress) process.stderr.write('\r\u001b[2K');
  if (!result.ok) {
    console.error(result.message);
    return 2;
  }
  const text = formatReport(result.files, { verbose: values.verbose, quiet: values.quiet });
  if (text !== '') console.error(text);
  console.error(result.summary);
  return values.strict && result.errors > 0 ? 1 : 0;
}

process.exitCode = await main();
