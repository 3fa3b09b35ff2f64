/**
 * Terms of a PostgreSQL statement turned into the provider's WHERE for fetching one table. A
 * filter is passed on only when the provider cannot drop a row PostgreSQL would keep: constants
 * are converted to the column's type the way PostgreSQL reads them, datetime bounds are widened
 * to whole seconds (the provider keeps whole seconds), text is only compared for equality, and a
 * value that does not convert is left to PostgreSQL (which then raises its own error).
 */
import type { DataType } from '../../types';
import { parseTimestamp } from '../protocol/valueCodec';
import type { ColumnRef, CompareOp, Constant, Term } from './readTerm';

export interface ProviderFilter {
  /** `"Col" >= ?`, `"Col" IN (?, ?)` … */
  sql: string;
  values: unknown[];
}

export interface ColumnShape {
  name: string;
  type: DataType;
}

/** The provider's filter for `term` on a table whose columns are `columns`, if it is one. */
export function providerFilter(
  term: Term,
  columns: readonly ColumnShape[],
  owns: (ref: ColumnRef) => boolean,
): ProviderFilter | null {
  if (term.kind === 'join' || !owns(term.ref)) return null;
  const col = columns.find((c) => c.name === term.ref.column);
  if (!col) return null;
  const name = `"${col.name.replace(/"/g, '""')}"`;
  if (term.kind === 'in') {
    const values = term.values.map((v) => converted(col.type, '=', v));
    if (values.length === 0 || values.some((v) => v === undefined)) return null;
    return { sql: `${name} IN (${values.map(() => '?').join(', ')})`, values };
  }
  if (term.kind === 'between') {
    const low = converted(col.type, '>=', term.low);
    const high = converted(col.type, '<=', term.high);
    if (low === undefined || high === undefined) return null;
    return { sql: `${name} >= ? AND ${name} <= ?`, values: [low, high] };
  }
  const value = converted(col.type, term.op, term.value);
  if (value === undefined) return null;
  // Datetime bounds were widened to whole seconds, so strict comparisons become inclusive.
  const op = col.type === 'datetime' && term.op !== '=' ? (term.op.startsWith('<') ? '<=' : '>=') : term.op;
  return { sql: `${name} ${op} ?`, values: [value] };
}

/** The value as the provider compares it with a column of `type`; undefined to not pass it on. */
function converted(type: DataType, op: CompareOp, c: Constant): unknown {
  const v = c.value;
  if (v === null || v === undefined) return undefined;
  switch (type) {
    case 'integer': {
      const n = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' ? Number(v) : NaN;
      return Number.isSafeInteger(n) && !c.asDate ? n : undefined;
    }
    case 'decimal': {
      const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
      return Number.isFinite(n) && !c.asDate ? n : undefined;
    }
    case 'string':
      return op === '=' && typeof v === 'string' && !c.asDate ? v : undefined;
    case 'boolean':
      return op === '=' && typeof v === 'boolean' ? v : undefined;
    case 'datetime':
      return datetimeBound(op, v, c.asDate);
    default:
      return undefined;
  }
}

function datetimeBound(op: CompareOp, v: unknown, asDate: boolean): string | undefined {
  if (op === '=' && asDate) return undefined;
  const t = parseTimestamp(v instanceof Date ? v : String(v));
  if (!t) return undefined;
  let ms = t.ms;
  if (asDate) ms = Math.floor(ms / 86_400_000) * 86_400_000;
  const whole = Math.floor(ms / 1000) * 1000;
  if (op === '=' && (whole !== ms || t.extraMicros !== 0)) return undefined;
  const bound = op.startsWith('<') && (whole !== ms || t.extraMicros !== 0) ? whole + 1000 : whole;
  return new Date(bound).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
