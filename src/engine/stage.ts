/**
 * Staging: one SQLite database per statement holding the rows of every table it references, so
 * SQLite can run the user's SQL as written. Tables get the catalog's column names and declared
 * types, which lets SQLite resolve `products`, [Products] and "Products" alike and lets the
 * result keep each column's type.
 *
 * Values are normalised on the way in: dates (v2 RFC 2822, v3 ISO with offsets) become one
 * fixed-width ISO 8601 UTC form, '2024-05-01T10:00:00Z', so text comparison orders them in time;
 * decimal strings become numbers; booleans 0/1; objects and arrays JSON text.
 *
 * Rows start in memory; past `threshold` rows the database moves to a temporary file (deleted on
 * close) so a large scan does not hold every row in memory twice.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataType } from '../types';

export type SqlValue = string | number | null;

export interface StageColumn {
  name: string;
  type: DataType;
  /** Dotted path into the API record; `$parent.<Column>` reads the parent row. Absent: read the row by column name. */
  source?: string;
}

export interface StageTable {
  name: string;
  columns: StageColumn[];
}

export interface Staging {
  /** The current database (it changes once, when staging moves to disk). */
  readonly db: Database.Database;
  readonly onDisk: boolean;
  readonly rowCount: number;
  createTable(table: StageTable): void;
  /** Map API records to rows (see recordToRow) and insert them in one transaction. */
  insertRecords(table: string, records: Record<string, unknown>[], parent?: Record<string, unknown>): void;
  /** The declared data type of a staged column, looked up case-insensitively. */
  columnType(table: string, column: string): DataType | undefined;
  /** Column names of every staged table, for "did you mean" suggestions. */
  columnNames(): string[];
  close(): void;
}

/** SQLite declared type per data type: BOOLEAN and DATETIME keep their meaning visible in the schema. */
export function declaredType(type: DataType): string {
  switch (type) {
    case 'integer':
      return 'INTEGER';
    case 'decimal':
      return 'REAL';
    case 'boolean':
      return 'BOOLEAN';
    case 'datetime':
      return 'DATETIME';
    default:
      return 'TEXT';
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function createStaging(opts: { threshold: number }): Staging {
  let db = openDatabase(':memory:');
  let tmpDir: string | undefined;
  let rowCount = 0;
  const tables = new Map<
    string,
    { def: StageTable; insert?: Database.Statement; types: Map<string, DataType> }
  >();

  const moveToDisk = () => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-stage-'));
    const file = path.join(tmpDir, 'stage.sqlite');
    db.prepare('VACUUM INTO ?').run(file);
    db.close();
    db = openDatabase(file);
    for (const t of tables.values()) t.insert = undefined;
  };

  const entry = (name: string) => {
    const t = tables.get(name.toLowerCase());
    if (!t) throw new Error(`internal: table ${name} was not staged`);
    return t;
  };

  return {
    get db() {
      return db;
    },
    get onDisk() {
      return tmpDir !== undefined;
    },
    get rowCount() {
      return rowCount;
    },
    createTable(table) {
      const cols = table.columns.map((c) => `${quoteIdent(c.name)} ${declaredType(c.type)}`).join(', ');
      db.exec(`CREATE TABLE ${quoteIdent(table.name)} (${cols})`);
      const types = new Map(table.columns.map((c) => [c.name.toLowerCase(), c.type]));
      tables.set(table.name.toLowerCase(), { def: table, types });
    },
    insertRecords(name, records, parent) {
      if (records.length === 0) return;
      if (!tmpDir && rowCount + records.length > opts.threshold) moveToDisk();
      const t = entry(name);
      if (!t.insert) {
        const marks = t.def.columns.map(() => '?').join(', ');
        t.insert = db.prepare(`INSERT INTO ${quoteIdent(t.def.name)} VALUES (${marks})`);
      }
      const insert = t.insert;
      const columns = t.def.columns;
      db.transaction(() => {
        for (const r of records) insert.run(recordToRow(columns, r, parent));
      })();
      rowCount += records.length;
    },
    columnType(table, column) {
      return tables.get(table.toLowerCase())?.types.get(column.toLowerCase());
    },
    columnNames() {
      return [...tables.values()].flatMap((t) => t.def.columns.map((c) => c.name));
    },
    close() {
      if (db.open) db.close();
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  // A throwaway database: durability buys nothing, speed does.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  if (file !== ':memory:') db.pragma('cache_size = -16000');
  return db;
}

/** One API record as a row of SQL values, in column order. */
export function recordToRow(
  columns: StageColumn[],
  record: Record<string, unknown>,
  parent?: Record<string, unknown>,
): SqlValue[] {
  return columns.map((c) => {
    const source = c.source ?? c.name;
    const raw = source.startsWith('$parent.')
      ? lookupIgnoreCase(parent, source.slice(8))
      : readPath(record, source);
    return toSqlValue(c.type, raw);
  });
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
  let cur: unknown = record;
  for (const key of dotted.split('.')) {
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
