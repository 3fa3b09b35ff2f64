/**
 * A row's values as the JSON BigCommerce takes: each column's value converted by its declared type
 * and placed at its source path (`custom_url.url` becomes `{custom_url: {url}}`).
 */
import type { ColumnDef } from '../../catalog/types';
import { SqlError } from '../../errors';

/**
 * The value the API expects for a column, from a SQL or JavaScript value. `v2`: the v2 APIs take
 * money and other decimals as strings ("12.5000"), as they answer them.
 */
export function apiValue(column: ColumnDef, v: unknown, row: number, v2 = false): unknown {
  if (v === null || v === undefined) return null;
  switch (column.type) {
    case 'integer':
    case 'decimal': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n === 'bigint') return Number(n);
      if (
        typeof n !== 'number' ||
        !Number.isFinite(n) ||
        (column.type === 'integer' && !Number.isInteger(n))
      ) {
        throw invalid(column, v, row, column.type === 'integer' ? 'a whole number' : 'a number');
      }
      return v2 && column.type === 'decimal' ? String(n) : n;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      throw invalid(column, v, row, 'TRUE or FALSE');
    case 'json':
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        throw invalid(column, v, row, 'JSON text');
      }
    case 'datetime':
      if (v instanceof Date) return v.toISOString();
      return String(v);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
  }
}

function invalid(column: ColumnDef, v: unknown, row: number, want: string): SqlError {
  const shown = typeof v === 'string' ? 'a string' : typeof v;
  return new SqlError(
    'ERR_INVALID_VALUE',
    `row ${row}: ${column.name} takes ${want}, but was given ${shown}; fix the value`,
    { property: column.name, row },
  );
}

/**
 * The request body of one row: the given columns at their source paths. A create leaves NULLs
 * out (the field keeps BigCommerce's default, as a column left out of INSERT would); an update
 * sends them, to clear the field, except that a text field is cleared with '' (BigCommerce's text
 * fields take no null).
 */
export function rowBody(
  columns: ColumnDef[],
  values: unknown[],
  row: number,
  opts: { omitNulls: boolean; v2: boolean },
): Record<string, unknown> {
  const { omitNulls, v2 } = opts;
  const body: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    const v = apiValue(c, values[i], row, v2);
    if (v !== null) setPath(body, c.source, v);
    else if (!omitNulls) setPath(body, c.source, c.type === 'string' ? '' : null);
  });
  return body;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const steps = dotted.split('.');
  let cur = target;
  for (const step of steps.slice(0, -1)) {
    const next = cur[step];
    if (next === null || typeof next !== 'object') cur[step] = {};
    cur = cur[step] as Record<string, unknown>;
  }
  cur[steps[steps.length - 1]] = value;
}
