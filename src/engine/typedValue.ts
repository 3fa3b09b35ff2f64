/**
 * What a value compared with a typed column must mean: a point in time for datetime columns, a
 * number for integer and decimal columns, true/false for boolean columns. The answer is the value
 * as SQLite stores that column (staged datetime text, a number, 1/0), or undefined when the value
 * cannot be one, which callers report as ERR_INVALID_VALUE rather than compare as text.
 */
import type { DataType } from '../types';
import { parseDateTimeValue } from './dateTimeText';

export type TypedColumn = 'datetime' | 'integer' | 'decimal' | 'boolean';

export function isTypedColumn(type: DataType | undefined): type is TypedColumn {
  return type === 'datetime' || type === 'integer' || type === 'decimal' || type === 'boolean';
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function typedValue(type: TypedColumn, v: unknown): string | number | undefined {
  switch (type) {
    case 'datetime':
      return parseDateTimeValue(v);
    case 'integer':
    case 'decimal':
      if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'bigint') return Number(v);
      return typeof v === 'string' && NUMERIC_TEXT.test(v) ? Number(v) : undefined;
    case 'boolean':
      if (v === true || v === 1) return 1;
      if (v === false || v === 0) return 0;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true' || s === '1') return 1;
        if (s === 'false' || s === '0') return 0;
      }
      return undefined;
  }
}

/** How an error message names what a column of `type` accepts. */
export function expected(type: TypedColumn): string {
  switch (type) {
    case 'datetime':
      return "a date or date-time (e.g. '2025-01-31', '2025-01-31T10:00:00Z', '01/31/2025' month first)";
    case 'integer':
      return 'a whole number';
    case 'decimal':
      return 'a number';
    case 'boolean':
      return "true/false, 1/0 or 'true'/'false'";
  }
}
