/**
 * SQLite functions the typed-comparison rewrite calls (see typeComparisons.ts): reading a value
 * as a point in time in the staged form, so an expression compared with a datetime column
 * (CURRENT_DATE, date('now'), CAST(x AS DATE)) compares as time, not as text or a number.
 */
import type Database from 'better-sqlite3';
import { SqlError } from '../errors';
import { parseDateTimeValue } from './dateTimeText';

export function registerDateFunctions(db: Database.Database): void {
  // bcsql_datetime(x [, column, position]): the staged 'YYYY-MM-DDTHH:MM:SSZ' form of x.
  db.function('bcsql_datetime', { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [value, column, position] = args;
    return asDateTime(value, column, position);
  });
  // bcsql_date(x): CAST(x AS DATE) — the date part, 'YYYY-MM-DD'.
  db.function('bcsql_date', { deterministic: true }, (value: unknown) => {
    const dt = asDateTime(value, undefined, undefined);
    return dt === null ? null : dt.slice(0, 10);
  });
}

function asDateTime(value: unknown, column: unknown, position: unknown): string | null {
  if (value === null || value === undefined) return null;
  // SQLite's own date functions answer 'YYYY-MM-DD HH:MM:SS', which the parser reads as UTC.
  const dt = parseDateTimeValue(typeof value === 'string' ? value : String(value));
  if (dt !== undefined) return dt;
  const shown = typeof value === 'string' ? `'${value.slice(0, 60)}'` : String(value);
  const where = typeof column === 'string' ? ` compared with ${column}` : '';
  const at = typeof position === 'number' ? ` at position ${position}` : '';
  throw new SqlError('ERR_INVALID_VALUE', `${shown}${where}${at} is not a date or date-time`, {
    ...(typeof column === 'string' ? { property: column } : {}),
    ...(typeof position === 'number' ? { position } : {}),
  });
}
