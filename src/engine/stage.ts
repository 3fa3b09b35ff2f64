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
 * close) so a large scan does not hold every row in memory twice. Small in-memory databases are
 * pooled between statements (see below).
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
  /** Adds a table (staging created without `tables`, e.g. in tests). */
  createTable(table: StageTable): void;
  /** Map API records to rows (see recordToRow) and insert them in one transaction. */
  insertRecords(table: string, records: Record<string, unknown>[], parent?: Record<string, unknown>): void;
  /** A compiled statement, reused across statements with the same text on a pooled database. */
  prepare(sql: string): PreparedSql;
  /** The declared data type of a staged column, looked up case-insensitively. */
  columnType(table: string, column: string): DataType | undefined;
  /** Column names of every staged table, for "did you mean" suggestions. */
  columnNames(): string[];
  /** Ends the staging: an on-disk file is deleted; a small in-memory database is emptied and pooled. */
  close(): void;
}

export interface PreparedSql {
  statement: Database.Statement;
  /** statement.columns(), computed once (it is not cheap for wide tables). */
  columns: Database.ColumnDefinition[];
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

interface TableState {
  def: StageTable;
  types: Map<string, DataType>;
  insertMany?: (rows: SqlValue[][]) => void;
}

/** A database with a fixed set of empty tables, kept between statements. */
interface StagingDb {
  db: Database.Database;
  tables: Map<string, TableState>;
  statements: Map<string, PreparedSql>;
}

/*
 * Creating a database, its tables and compiling a statement over a 70-column table costs more than
 * a point query's HTTP round trip. So in-memory databases are pooled by their exact set of table
 * definitions (a statement only ever sees the tables it references), emptied after each use, and
 * keep their compiled statements.
 */
const POOL_PER_SHAPE = 2;
const POOL_MAX_SHAPES = 16;
const POOL_MAX_ROWS = 5000;
const STATEMENT_CACHE = 32;
const pool = new Map<string, StagingDb[]>();
const definitionIds = new WeakMap<object, number>();
let nextDefinitionId = 1;

function shapeKey(tables: StageTable[]): string {
  return tables
    .map((t) => {
      let id = definitionIds.get(t.columns);
      if (id === undefined) definitionIds.set(t.columns, (id = nextDefinitionId++));
      return `${t.name.toLowerCase()}#${id}`;
    })
    .sort()
    .join(',');
}

function newStagingDb(file: string): StagingDb {
  return { db: openDatabase(file), tables: new Map(), statements: new Map() };
}

function addTable(target: StagingDb, table: StageTable): void {
  const cols = table.columns.map((c) => `${quoteIdent(c.name)} ${declaredType(c.type)}`).join(', ');
  target.db.exec(`CREATE TABLE ${quoteIdent(table.name)} (${cols})`);
  const types = new Map(table.columns.map((c) => [c.name.toLowerCase(), c.type]));
  target.tables.set(table.name.toLowerCase(), { def: table, types });
}

function returnToPool(key: string, target: StagingDb): void {
  try {
    for (const t of target.tables.values()) target.db.prepare(`DELETE FROM ${quoteIdent(t.def.name)}`).run();
  } catch {
    closeQuietly(target.db);
    return;
  }
  const list = pool.get(key) ?? [];
  if (list.length >= POOL_PER_SHAPE || (!pool.has(key) && pool.size >= POOL_MAX_SHAPES)) {
    target.db.close();
    return;
  }
  list.push(target);
  pool.set(key, list);
}

/**
 * A staging database for one statement. With `tables`, it comes from the pool (or is created with
 * exactly those tables) and goes back to it on close() when it stayed small and in memory.
 */
export function createStaging(opts: { threshold: number; tables?: StageTable[] }): Staging {
  const key = opts.tables ? shapeKey(opts.tables) : undefined;
  let current: StagingDb | undefined = key ? pool.get(key)?.pop() : undefined;
  let poolable = key !== undefined;
  if (!current) {
    current = newStagingDb(':memory:');
    for (const t of opts.tables ?? []) addTable(current, t);
  }
  let target = current;
  let tmpDir: string | undefined;
  let rowCount = 0;
  let closed = false;

  const moveToDisk = () => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-stage-'));
    const file = path.join(tmpDir, 'stage.sqlite');
    target.db.prepare('VACUUM INTO ?').run(file);
    target.db.close();
    const moved = newStagingDb(file);
    for (const [k, t] of target.tables) moved.tables.set(k, { def: t.def, types: t.types });
    target = moved;
    poolable = false;
  };

  const entry = (name: string) => {
    const t = target.tables.get(name.toLowerCase());
    if (!t) throw new Error(`internal: table ${name} was not staged`);
    return t;
  };

  return {
    get db() {
      return target.db;
    },
    get onDisk() {
      return tmpDir !== undefined;
    },
    get rowCount() {
      return rowCount;
    },
    createTable(table) {
      addTable(target, table);
      poolable = false;
    },
    insertRecords(name, records, parent) {
      if (records.length === 0) return;
      if (!tmpDir && rowCount + records.length > opts.threshold) moveToDisk();
      const t = entry(name);
      if (!t.insertMany) {
        const marks = t.def.columns.map(() => '?').join(', ');
        const insert = target.db.prepare(`INSERT INTO ${quoteIdent(t.def.name)} VALUES (${marks})`);
        t.insertMany = target.db.transaction((rows: SqlValue[][]) => {
          for (const r of rows) insert.run(r);
        });
      }
      const map = rowMapper(t.def.columns);
      t.insertMany(records.map((r) => map(r, parent)));
      rowCount += records.length;
    },
    prepare(sql) {
      let hit = target.statements.get(sql);
      if (!hit) {
        const statement = target.db.prepare(sql);
        hit = { statement, columns: statement.reader ? statement.columns() : [] };
        if (target.statements.size >= STATEMENT_CACHE) target.statements.clear();
        target.statements.set(sql, hit);
      }
      return hit;
    },
    columnType(table, column) {
      return target.tables.get(table.toLowerCase())?.types.get(column.toLowerCase());
    },
    columnNames() {
      return [...target.tables.values()].flatMap((t) => t.def.columns.map((c) => c.name));
    },
    close() {
      if (closed) return;
      closed = true;
      if (poolable && key && target.db.open && rowCount <= POOL_MAX_ROWS) returnToPool(key, target);
      else closeQuietly(target.db);
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

function closeQuietly(db: Database.Database): void {
  try {
    if (db.open) db.close();
  } catch {
    // A statement still iterating keeps it busy; the garbage collector closes it later.
  }
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  // A throwaway database: durability buys nothing, speed does.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  if (file !== ':memory:') db.pragma('cache_size = -16000');
  return db;
}

type RowMapper = (record: Record<string, unknown>, parent?: Record<string, unknown>) => SqlValue[];
const mappers = new WeakMap<StageColumn[], RowMapper>();

/** recordToRow with each column's path split once per table definition. */
function rowMapper(columns: StageColumn[]): RowMapper {
  let m = mappers.get(columns);
  if (!m) {
    const readers = columns.map((c) => {
      const source = c.source ?? c.name;
      const type = c.type;
      if (source.startsWith('$parent.')) {
        const key = source.slice(8);
        return (_r: Record<string, unknown>, parent?: Record<string, unknown>) =>
          toSqlValue(type, lookupIgnoreCase(parent, key));
      }
      const steps = source.split('.');
      if (steps.length === 1) return (r: Record<string, unknown>) => toSqlValue(type, r[source]);
      return (r: Record<string, unknown>) => toSqlValue(type, readSteps(r, steps));
    });
    m = (record, parent) => readers.map((read) => read(record, parent));
    mappers.set(columns, m);
  }
  return m;
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
