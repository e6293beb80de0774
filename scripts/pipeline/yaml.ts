/**
 * YAML validated by a zod schema, with every problem reported at its own
 * line: used for sidecar corrections and for the knowledge vocabularies'
 * frontmatter.
 */
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { VFile } from 'vfile';
import type { z } from 'zod';
import { report } from './diagnostics.ts';

export interface ParseYamlOptions {
  /** Rule id of the diagnostics. */
  ruleId: string;
  /** What happens to invalid input, ending each message (`sidecar ignored`). */
  consequence: string;
  /** How to name the whole document in messages (`the sidecar`). */
  what: string;
  /** Lines before the YAML in its file (frontmatter starts after `---`). */
  lineOffset?: number;
}

/** Parses YAML and validates it; returns null (with positioned errors on `file`) when either fails. */
export function parseYaml<S extends z.ZodType>(text: string, schema: S, file: VFile, options: ParseYamlOptions): z.output<S> | null {
  const { ruleId, consequence, what, lineOffset = 0 } = options;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(unclosedQuoteStart(doc, error) ?? error.pos[0]);
      report(file, 'error', `Unexpected YAML: ${error.message.split('\n')[0] ?? ''}; ${consequence}`, ruleId, { line: pos.line + lineOffset, column: pos.col });
    }
    return null;
  }
  const value: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    // An unknown key is reported at the key itself, not at the mapping that holds it.
    const keyPath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const node = nodeAt(doc.contents, keyPath, issue.code === 'unrecognized_keys');
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = path.length > 0 ? `\`${path.join('.')}\`` : what;
    const detail = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : issue.message;
    report(file, 'error', `Unexpected value at ${where}: ${detail}; ${consequence}`, ruleId, { line: pos.line + lineOffset, column: pos.col });
  }
  return null;
}

/** `yaml` reports a quote left open at the end of the file; a maintainer needs the line where it opens. */
function unclosedQuoteStart(doc: Document, error: YAMLError): number | null {
  if (error.code !== 'MISSING_CHAR' || !/quote/u.test(error.message)) return null;
  let start: number | null = null;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range && node.range[1] >= error.pos[0]) start ??= node.range[0];
    },
  });
  return start;
}

function nodeAt(root: unknown, path: readonly PropertyKey[], wantKey = false): YamlNode | null {
  let node = root as YamlNode | null;
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      if (wantKey && depth === path.length - 1) return pair.key as YamlNode;
      node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof key === 'number') {
      node = (node.items[key] as YamlNode | undefined) ?? node;
    } else {
      return node;
    }
  }
  return node;
}
