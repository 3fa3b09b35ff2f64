/**
 * Staging: one SQLite database per statement holding the rows of every table it references, so
 * SQLite can run the user's SQL as written. Tables get the catalog's column names and declared
 * types, which lets SQLite resolve `products`, [Products] and "Products" alike and lets the
 * result keep each column's type.
 *
 * API values become SQL values on the way in (see sqlValues.ts).
 *
 * Rows start in memory; past `threshold` rows the database moves to a temporary file (deleted on
 * close) so a large scan does not hold every row in memory twice. Small in-memory databases are
 * pooled between statements (see below).
 */
import Database from 'better-sqlite3';
import * as path from 'node:path';
import type { DataType } from '../types';
import { registerDecimalAggregates } from './decimalAggregates';
import { registerDateFunctions } from './sqlFunctions';
import { readPath, rowWriter, type SqlValue, type StageColumn } from './sqlValues';
import { makeStagingDir, removeStagingDir } from './stagingFiles';

export type { SqlValue, StageColumn } from './sqlValues';

export interface StageTable {
  name: string;
  columns: StageColumn[];
  /** Each record inserted yields one row per element of this array property (TableDef.unnest). */
  unnest?: string;
}

export interface Staging {
  /** The current database (it changes once, when staging moves to disk). */
  readonly db: Database.Database;
  readonly onDisk: boolean;
  /** The on-disk database file, once staging moved to disk. */
  readonly file?: string;
  readonly rowCount: number;
  /** Adds a table (staging created without `tables`, e.g. in tests). */
  createTable(table: StageTable): void;
  /** Map API records to rows (see sqlValues.recordToRow) and insert them in one transaction. */
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
  /** Inserts records (their rows, for an unnested table) and returns how many rows that made. */
  insertMany?: (records: Record<string, unknown>[], parent?: Record<string, unknown>) => number;
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
    tmpDir = makeStagingDir();
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
    get file() {
      return tmpDir === undefined ? undefined : path.join(tmpDir, 'stage.sqlite');
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
      t.insertMany ??= batchInserter(target.db, t.def);
      rowCount += t.insertMany(records, parent);
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
      if (tmpDir) removeStagingDir(tmpDir);
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
  registerDateFunctions(db);
  registerDecimalAggregates(db);
  return db;
}

/** Rows per INSERT: a page of records at once, within SQLite's limit of 32,766 bound values. */
const MAX_BATCH_ROWS = 500;
const MAX_VARIABLES = 32766;

/**
 * One multi-row INSERT per batch, its values converted straight into one flat array: binding a
 * page at once costs far less than a statement step and an array per row.
 */
function batchInserter(
  db: Database.Database,
  def: StageTable,
): (records: Record<string, unknown>[], parent?: Record<string, unknown>) => number {
  const width = def.columns.length;
  const batch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_VARIABLES / width)));
  const row = `(${def.columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Database.Statement>();
  const insert = (rows: number): Database.Statement => {
    let st = statements.get(rows);
    if (!st) {
      st = db.prepare(`INSERT INTO ${quoteIdent(def.name)} VALUES ${Array(rows).fill(row).join(', ')}`);
      statements.set(rows, st);
    }
    return st;
  };
  const write = rowWriter(def.columns);
  const run = db.transaction((values: SqlValue[], rows: number) => {
    for (let done = 0; done < rows; done += batch) {
      const n = Math.min(batch, rows - done);
      const slice = done === 0 && n === rows ? values : values.slice(done * width, (done + n) * width);
      insert(n).run(slice);
    }
  });
  return (records, parent) => {
    const values: SqlValue[] = [];
    let rows = 0;
    if (!def.unnest) {
      values.length = records.length * width;
      for (const r of records) write(values, width * rows++, r, parent);
    } else {
      for (const owner of records) {
        const items = readPath(owner, def.unnest);
        if (!Array.isArray(items)) continue;
        for (const item of items) {
          if (item !== null && typeof item === 'object')
            write(values, width * rows++, item as Record<string, unknown>, parent, owner);
        }
      }
    }
    if (rows > 0) run(values, rows);
    return rows;
  };
}
