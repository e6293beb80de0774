/**
 * `npm run ingest`: seeds folder → `documents/<id>.mdx` + `corpus.json`
 * (+ `diagnostics.json`) in the output folder. Flags: --seeds DIR, --out DIR,
 * --strict (exit non-zero on errors), --verbose (also list info messages),
 * --quiet (summary only).
 */
import { parseCommandLine } from './lib/cli.ts';
import { ingestCorpus, formatReport } from './lib/corpus.ts';

const usage = `Usage: npm run ingest -- [--seeds DIR] [--out DIR] [--strict] [--verbose] [--quiet]

  --seeds DIR   folder of seed texts (default: seeds)
  --out DIR     output folder; documents/ and corpus.json inside are regenerated (default: content)
  --strict      exit with status 1 when any file has an error (CI)
  --verbose     also print info messages (every removed line, joined line …)
  --quiet       print only the summary`;

function main(): number {
  const parsed = parseCommandLine(
    {
      options: {
        seeds: { type: 'string', default: 'seeds' },
        out: { type: 'string', default: 'content' },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    },
    usage,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const progress = process.stderr.isTTY && !values.quiet;
  const result = ingestCorpus({
    seedsDir: values.seeds,
    outDir: values.out,
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

process.exitCode = main();
