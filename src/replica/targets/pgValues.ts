/**
 * Values between the engine's staged form and PostgreSQL: COPY text lines on the way in, and type
 * parsers on the way out that give back what staging holds (numbers, 1/0 booleans, ISO 8601 UTC
 * datetimes, JSON text), so a PostgreSQL replica answers like a SQLite one.
 */
import type { ColumnDef } from '../../catalog/types';
import { normaliseDateTime, type SqlValue } from '../../engine/sqlValues';
import type { DataType } from '../../types';

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
function copyValue(type: DataType, v: SqlValue): string {
  if (v === null) return '\\N';
  if (type === 'boolean') return v ? 't' : 'f';
  // A datetime the API sent in no recognisable form stays text in staging; timestamptz cannot hold it.
  if (type === 'datetime' && !ISO_UTC.test(String(v))) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

export function copyLine(columns: ColumnDef[], row: SqlValue[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyValue(columns[i].type, row[i]);
  return `${line}\n`;
}

/** The session runs in UTC, so timestamptz text is `2024-05-01 10:00:00+00`. */
function utcText(t: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)?\+00$/.exec(t);
  return m ? `${m[1]}T${m[2]}Z` : normaliseDateTime(t);
}

/** pg type OIDs read back into staged values. */
const PARSERS: Record<number, (text: string) => unknown> = {
  20: Number, // int8
  1700: Number, // numeric
  16: (t) => (t === 't' ? 1 : 0), // bool
  1184: utcText, // timestamptz
  3802: (t) => t, // jsonb: the JSON text, as staging holds it
};

export const pgTypes = {
  getTypeParser: (oid: number, format?: string) => {
    const parser = PARSERS[oid];
    if (parser) return parser;
    return (format === 'binary' ? (b: unknown) => b : (t: string) => t) as (t: string) => unknown;
  },
};
