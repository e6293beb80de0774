/**
 * Command-line parsing shared by the scripts: `node:util` parseArgs (callers pass
 * `strict: true`), `--help`, and the usage printed on a mistake (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** The parsed flags, or the exit status when there is nothing more to do (0 after `--help`, 2 on a usage error). */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): Parsed<T> | number {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    console.log(usage);
    return 0;
  }
  return parsed;
}
