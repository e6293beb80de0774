/**
 * `targets.csv`: every quantitative target of the corpus, one row each, with
 * its document's title and place, written beside `corpus.json`.
 *
 * Format: RFC 4180 — comma-separated, CRLF line ends, a header row always
 * present, a field quoted (and its quotes doubled) when it holds a comma, a
 * quote, or a line break. The text starts with a UTF-8 byte order mark so
 * that Excel opens the Chinese text as UTF-8 instead of the system code page
 * (https://support.microsoft.com/en-us/office/opening-csv-utf-8-files-correctly-in-excel-8a935af5-3416-4edd-ba7e-3dfd2bc4a032).
 * Text cells starting with `=`, `+`, `-` or `@` get a leading `'`, so a
 * spreadsheet never runs a hostile quote as a formula (OWASP "CSV injection").
 * Rows are sorted by document id, then line, then position in the document.
 */
import type { DocumentRecord } from '../../src/lib/schema.ts';

/** The byte order mark Excel needs to read the file as UTF-8. */
export const BOM = '\uFEFF';

/** Columns of targets.csv, in order (documented in `src/lib/codebook.ts`). */
export const TARGET_COLUMNS = [
  'documentId',
  'title',
  'province',
  'city',
  'county',
  'regionCode',
  'year',
  'indicator',
  'indicatorLabel',
  'value',
  'unit',
  'comparator',
  'measure',
  'baselineValue',
  'baselineUnit',
  'baselineYear',
  'targetYear',
  'scope',
  'paragraphId',
  'line',
  'quote',
  'url',
] as const;
export type TargetColumn = (typeof TARGET_COLUMNS)[number];

type Cell = string | number | null;
type CsvRecord = Pick<DocumentRecord, 'id' | 'title' | 'region' | 'year' | 'targets'>;

/** One CSV field: quoted when it holds a comma, quote, CR or LF; formula-like text defused. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** One CSV record (no line end). */
export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

/** The targets of all records as targets.csv text (BOM, header, one CRLF-terminated row per target). */
export function targetsCsv(records: readonly CsvRecord[]): string {
  const rows: { id: string; line: number; order: number; cells: Cell[] }[] = [];
  for (const record of records) {
    (record.targets ?? []).forEach((t, order) => {
      const cells: Record<TargetColumn, Cell> = {
        documentId: record.id,
        title: record.title,
        province: record.region?.province ?? null,
        city: record.region?.city ?? null,
        county: record.region?.county ?? null,
        regionCode: record.region?.code ?? null,
        year: record.year ?? null,
        indicator: t.indicator,
        indicatorLabel: t.indicatorLabel,
        value: t.value,
        unit: t.unit,
        comparator: t.comparator,
        measure: t.measure,
        baselineValue: t.baseline?.value ?? null,
        baselineUnit: t.baseline?.unit ?? null,
        baselineYear: t.baseline?.year ?? null,
        targetYear: t.targetYear,
        scope: t.scope,
        paragraphId: t.paragraphId,
        line: t.line,
        quote: t.quote,
        url: `/documents/${record.id}/#${t.paragraphId}`,
      };
      rows.push({ id: record.id, line: t.line, order, cells: TARGET_COLUMNS.map((c) => cells[c]) });
    });
  }
  // Code-point order of ids, independent of locale; then source line; then the extractor's order.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.line - b.line || a.order - b.order));
  return `${BOM}${[csvRow(TARGET_COLUMNS), ...rows.map((r) => csvRow(r.cells))].map((line) => `${line}\r\n`).join('')}`;
}
