/**
 * RFC 4180 CSV: a header row, CRLF line endings, fields quoted when they hold `,`, `"`, CR or LF,
 * quotes doubled. NULL is an empty field and an empty string is `""`, so the two stay apart
 * (as in PostgreSQL's COPY … CSV).
 */
import type { Row } from '../../types';
import { cellText, isNull } from './cellText';

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

export function renderCsvRows(names: string[], rows: Row[]): string {
  return rows.map((row) => `${names.map((n) => value(row[n])).join(',')}\r\n`).join('');
}
