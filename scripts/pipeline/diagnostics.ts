/**
 * Positioned diagnostics for seed files, as vfile messages: `seeds/x.txt`
 * then `12:1-12:40 warning Unexpected … rule-id atlas`.
 */
import type { VFile } from 'vfile';
import { columnAt, type TextLine } from './types.ts';

export const SOURCE = 'atlas';

export type Severity = 'info' | 'warning' | 'error';

export interface Place {
  line: number;
  column: number;
  /** Length of the span in characters (defaults to the rest of the logical line when a TextLine is given). */
  length?: number;
}

/** Converts a TextLine (or a phrase inside it) into a vfile position. */
export function placeOf(line: TextLine, offset = 0, length = line.text.length - offset): Place {
  return { line: line.line, column: columnAt(line, offset), length: Math.max(length, 0) };
}

/** Records a diagnostic on the file; `error` marks the file as failing `--strict`. */
export function report(
  file: VFile,
  severity: Severity,
  reason: string,
  ruleId: string,
  place?: Place,
  cause?: Place,
): void {
  const position = place
    ? {
        start: { line: place.line, column: place.column },
        end: { line: place.line, column: place.column + (place.length ?? 0) },
      }
    : undefined;
  const options = {
    place: position,
    ruleId,
    source: SOURCE,
    cause: cause ? relatedPlace(file, cause) : undefined,
  };
  if (severity === 'info') {
    file.info(reason, options);
    return;
  }
  const message = file.message(reason, options);
  // vfile only has warnings and throwing fatals; an error here is a fatal that does not throw,
  // so one bad document never stops the others (Quartz-style per-file handling).
  if (severity === 'error') message.fatal = true;
}

/** Counts messages by severity across files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++;
      else if (message.fatal === false) warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

/** A `cause` pointing at the related place, printed by vfile-reporter as one line (no stack trace). */
function relatedPlace(file: VFile, place: Place): Error {
  const error = new Error(`see ${file.path}:${place.line}:${place.column}`);
  error.stack = error.message;
  return error;
}
