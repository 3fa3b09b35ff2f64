/** Renders a result in the shell's current output format. */
import type { ValueRow } from './cellText';
import { renderCsvHeader, renderCsvRows } from './renderCsv';
import { renderJsonRows } from './renderJson';
import { renderTable, type TableColumn, type TableOptions } from './renderTable';

export const FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function isOutputFormat(s: string): s is OutputFormat {
  return (FORMATS as readonly string[]).includes(s);
}

export function rowCountFooter(n: number): string {
  return `(${n} ${n === 1 ? 'row' : 'rows'})\n`;
}

/** psql's command tag for a write: `INSERT 0 3`, `UPDATE 12`; undefined for other statements. */
export function commandTag(command: string, rowCount: number): string | undefined {
  if (command === 'INSERT') return `INSERT 0 ${rowCount}`;
  if (command === 'UPDATE' || command === 'DELETE' || command === 'UPSERT') return `${command} ${rowCount}`;
  return undefined;
}

/** `footer` replaces the table format's row count (a write's command tag does, as in psql). */
export function renderResult(
  format: OutputFormat,
  columns: TableColumn[],
  rows: readonly ValueRow[],
  opts: TableOptions,
  footer?: string,
): string {
  const names = columns.map((c) => c.name);
  switch (format) {
    case 'csv':
      return renderCsvHeader(names) + renderCsvRows(rows);
    case 'json':
      return renderJsonRows(names, rows);
    case 'table':
      // A blank line after the footer separates one result from the next, as in psql.
      return `${renderTable(columns, rows, opts)}${footer ?? rowCountFooter(rows.length)}\n`;
  }
}
