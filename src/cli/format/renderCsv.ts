/**
 * RFC 4180 CSV: a header row, CRLF line endings, fields quoted when they hold `,`, `"`, CR or LF,
 * quotes doubled. NULL is an empty field and an empty string is `""`, so the two stay apart
 * (as in PostgreSQL's COPY … CSV).
 */
import { cellText, isNull, type ValueRow } from './cellText';

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function value(v: unknown): string {
  if (isNull(v)) return '';
  const text = cellText(v);
  return text === '' ? '""' : field(text);
}

export function renderCsvHeader(names: string[]): string {
  return `${names.map(field).join(',')}\r\n`;
}

/** Rows in column order; a header may name two columns alike, each keeps its own field. */
export function renderCsvRows(rows: readonly ValueRow[]): string {
  return rows.map((row) => `${row.map(value).join(',')}\r\n`).join('');
}
