/**
 * Values between the API and SQLite. On the way in, dates (v2 RFC 2822, v3 ISO with offsets)
 * become one fixed-width ISO 8601 UTC form, '2024-05-01T10:00:00Z', so text comparison orders
 * them in time; decimal strings become numbers; booleans 0/1; objects and arrays JSON text. On the
 * way out, a boolean column's 0/1 becomes false/true.
 */
import type { DataType, FieldInfo } from '../types';

export type SqlValue = string | number | null;

export interface StageColumn {
  name: string;
  type: DataType;
  /**
   * Dotted path into the API record; `$parent.<Column>` reads the parent row; `$owner.<path>` reads
   * the listed record an unnested row came from. Absent: read the row by column name.
   */
  source?: string;
}

type RowMapper = (
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
  owner?: Record<string, unknown>,
) => SqlValue[];
const mappers = new WeakMap<StageColumn[], RowMapper>();

type Reader = (
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
  owner?: Record<string, unknown>,
) => SqlValue;

/** How one column's value is read from a record (its path split once). */
function columnReader(c: StageColumn): Reader {
  const source = c.source ?? c.name;
  const type = c.type;
  if (source.startsWith('$parent.')) {
    const key = source.slice(8);
    return (_r: Record<string, unknown>, parent?: Record<string, unknown>) =>
      toSqlValue(type, lookupIgnoreCase(parent, key));
  }
  if (source.startsWith('$owner.')) {
    const ownerSteps = source.slice(7).split('.');
    return (_r: Record<string, unknown>, _p?: Record<string, unknown>, owner?: Record<string, unknown>) =>
      toSqlValue(type, readSteps(owner, ownerSteps));
  }
  const steps = source.split('.');
  if (steps.length === 1) return (r: Record<string, unknown>) => toSqlValue(type, r[source]);
  return (r: Record<string, unknown>) => toSqlValue(type, readSteps(r, steps));
}

/** recordToRow with each column's path split once per table definition. */
export function rowMapper(columns: StageColumn[]): RowMapper {
  let m = mappers.get(columns);
  if (!m) {
    const readers = columns.map(columnReader);
    m = (record, parent, owner) => readers.map((read) => read(record, parent, owner));
    mappers.set(columns, m);
  }
  return m;
}

type RowWriter = (
  out: SqlValue[],
  at: number,
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
  owner?: Record<string, unknown>,
) => void;
const writers = new WeakMap<StageColumn[], RowWriter>();

/**
 * rowMapper's values written straight into `out` from index `at`: staging fills one flat array
 * per batch of rows, with no array per row.
 */
export function rowWriter(columns: StageColumn[]): RowWriter {
  let w = writers.get(columns);
  if (!w) {
    const readers = columns.map(columnReader);
    const n = readers.length;
    w = (out, at, record, parent, owner) => {
      for (let i = 0; i < n; i++) out[at + i] = readers[i](record, parent, owner);
    };
    writers.set(columns, w);
  }
  return w;
}

/** One API record as a row of SQL values, in column order. */
export function recordToRow(
  columns: StageColumn[],
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
): SqlValue[] {
  return rowMapper(columns)(record, parent);
}

/** Same as recordToRow, keyed by column name. */
export function recordToObject(
  columns: StageColumn[],
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
): Record<string, SqlValue> {
  const values = recordToRow(columns, record, parent);
  return Object.fromEntries(columns.map((c, i) => [c.name, values[i]]));
}

/** `custom_url.url`, `images.0.url`; undefined when any step is missing. */
export function readPath(record: unknown, dotted: string): unknown {
  return readSteps(record, dotted.split('.'));
}

function readSteps(record: unknown, steps: string[]): unknown {
  let cur: unknown = record;
  for (const key of steps) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function lookupIgnoreCase(obj: Record<string, unknown> | undefined, key: string): unknown {
  if (!obj) return undefined;
  if (key in obj) return obj[key];
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : obj[k];
}

/** A value from the API (or a system table) as SQLite should store it for a column of `type`. */
export function toSqlValue(type: DataType, v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'integer':
    case 'decimal': {
      if (typeof v === 'boolean') return v ? 1 : 0;
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'number') return v ? 1 : 0;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true' || s === '1') return 1;
        if (s === 'false' || s === '0') return 0;
      }
      return null;
    case 'datetime':
      return normaliseDateTime(v);
    case 'json':
      return JSON.stringify(v);
    default:
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
      return JSON.stringify(v);
  }
}

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;
const RFC_2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}/;

/**
 * The canonical staged form of a date: 'YYYY-MM-DDTHH:MM:SSZ' (UTC, whole seconds, fixed width).
 * Epoch seconds (numbers or digit strings) are read as such; '' and zero dates are NULL; text that is not recognisably a date is kept as it came.
 */
export function normaliseDateTime(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  let ms: number;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string') {
    const s = v.trim();
    if (s === '' || /^0000-00-00/.test(s)) return null;
    // Some v2 fields carry Unix epoch seconds as a string.
    if (/^\d{9,11}$/.test(s)) return normaliseDateTime(Number(s));
    if (!ISO_LIKE.test(s) && !RFC_2822.test(s)) return s;
    // A bare ISO date-time without an offset is UTC, not local time.
    const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)
      ? `${s.replace(' ', 'T')}Z`
      : s;
    ms = Date.parse(withZone);
    if (Number.isNaN(ms)) return s;
  } else return null;
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * SQLite's values typed by their columns: booleans are stored as 0/1. The row array SQLite handed
 * over is typed in place (it is the caller's own), and untouched when no column is boolean.
 */
export function valueTyper(fields: FieldInfo[]): (values: unknown[]) => unknown[] {
  const booleans = fields.flatMap((f, i) => (f.dataType === 'boolean' ? [i] : []));
  if (booleans.length === 0) return (values) => values;
  return (values) => {
    for (const i of booleans) if (typeof values[i] === 'number') values[i] = values[i] !== 0;
    return values;
  };
}
