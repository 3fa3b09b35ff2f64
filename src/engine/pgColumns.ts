/**
 * How provider columns live in PostgreSQL, for every place that puts rows there (the replica's
 * PostgreSQL target, and the tables `bcsql serve` runs statements over): money as numeric so
 * sums stay exact, datetimes as timestamptz, JSON as jsonb, integers as bigint because a
 * BigCommerce integer column is not promised to fit 32 bits. Values travel as COPY text lines.
 */
import type { DataType } from '../types';
import type { SqlValue } from './sqlValues';

export function pgType(type: DataType): string {
  switch (type) {
    case 'integer':
      return 'bigint';
    case 'decimal':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'datetime':
      return 'timestamptz';
    case 'json':
      return 'jsonb';
    default:
      return 'text';
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** One value as COPY's text format writes it (`\N` is NULL). */
function copyValue(type: DataType, v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (type === 'boolean') return v ? 't' : 'f';
  // A datetime the API sent in no recognisable form stays text in staging; timestamptz cannot hold it.
  if (type === 'datetime' && !ISO_UTC.test(String(v))) return '\\N';
  if (type === 'json' && typeof v === 'object') v = JSON.stringify(v);
  return String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** A row as one line of COPY text (tab-separated, newline-terminated). */
export function copyLine(
  columns: readonly { type: DataType }[],
  row: readonly (SqlValue | unknown)[],
): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyValue(columns[i].type, row[i]);
  return `${line}\n`;
}
