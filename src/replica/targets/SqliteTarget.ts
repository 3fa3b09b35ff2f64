/**
 * A replica in a SQLite file (default bigcommerce.db). Tables use the engine's staging types
 * (INTEGER, REAL, BOOLEAN, DATETIME, TEXT), so the file can answer SELECTs exactly as staging
 * would. WAL journaling keeps the file consistent when the process is killed mid-write: a
 * transaction is either in the file or not.
 */
import Database from 'better-sqlite3';
import { declaredType, quoteIdent as q } from '../../engine/stage';
import type { SqlValue } from '../../engine/sqlValues';
import type { TableLayout } from '../layout';
import { insertRows } from './insertRows';
import { columnList, newRowsSql, notStagedSql, STATE_TABLE, upsertSql } from './sqlText';
import type { ApplyCounts, ChangeSet, ReplicaTarget, SyncState } from './types';

const STAGED = 'temp._bcsql_in';
const PARENTS = 'temp._bcsql_parents';

export class SqliteTarget implements ReplicaTarget {
  readonly description: string;
  readonly #db: Database.Database;

  constructor(readonly file: string) {
    this.description = file;
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 10000');
  }

  async init(): Promise<void> {
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (table_name TEXT PRIMARY KEY, strategy TEXT NOT NULL, ` +
        `high_water TEXT, synced_at TEXT NOT NULL, columns TEXT NOT NULL, store_hash TEXT NOT NULL)`,
    );
  }

  async ensureTable(layout: TableLayout, parent?: TableLayout): Promise<void> {
    const wanted = layout.columns.map((c) => c.name).join(',');
    const have = (this.#db.pragma(`table_info(${q(layout.name)})`) as { name: string }[]).map((c) => c.name);
    if (have.join(',') === wanted) return;
    const cols = layout.columns.map(
      (c) => `${q(c.name)} ${declaredType(c.type)}${layout.primaryKey.includes(c.name) ? ' NOT NULL' : ''}`,
    );
    cols.push(`PRIMARY KEY (${layout.primaryKey.map(q).join(', ')})`);
    if (parent && layout.strategy.kind === 'children') {
      const s = layout.strategy;
      cols.push(
        `FOREIGN KEY (${q(s.column)}) REFERENCES ${q(parent.name)} (${q(s.parentColumn)}) ON DELETE CASCADE`,
      );
    }
    this.#db.transaction(() => {
      this.#db.exec(`DROP TABLE IF EXISTS ${q(layout.name)}`);
      this.#db.prepare(`DELETE FROM ${STATE_TABLE} WHERE table_name = ?`).run(layout.name);
      this.#db.exec(`CREATE TABLE ${q(layout.name)} (${cols.join(', ')})`);
      if (layout.strategy.kind === 'children') {
        const c = layout.strategy.column;
        this.#db.exec(`CREATE INDEX ${q(`${layout.name}_${c}`)} ON ${q(layout.name)} (${q(c)})`);
      }
    })();
  }

  async states(): Promise<SyncState[]> {
    const rows = this.#db.prepare(`SELECT * FROM ${STATE_TABLE}`).all() as Record<string, string>[];
    return rows.map((r) => ({
      table: r.table_name,
      strategy: r.strategy,
      highWater: r.high_water ?? null,
      syncedAt: r.synced_at,
      columns: r.columns,
      storeHash: r.store_hash,
    }));
  }

  async rowCount(layout: TableLayout): Promise<number> {
    return (this.#db.prepare(`SELECT count(*) AS n FROM ${q(layout.name)}`).get() as { n: number }).n;
  }

  async countKeys(layout: TableLayout, keys: (string | number)[]): Promise<number> {
    if (keys.length === 0) return 0;
    const k = q(layout.primaryKey[0]);
    const sql = `SELECT count(*) AS n FROM ${q(layout.name)} WHERE ${k} IN (SELECT value FROM json_each(?))`;
    return (this.#db.prepare(sql).get(JSON.stringify(keys)) as { n: number }).n;
  }

  async keys(layout: TableLayout): Promise<(string | number)[]> {
    const k = q(layout.primaryKey[0]);
    return this.#db
      .prepare(`SELECT ${k} FROM ${q(layout.name)}`)
      .raw(true)
      .all()
      .map((r) => (r as SqlValue[])[0]!);
  }

  async changedParents(
    parent: TableLayout,
    keyColumn: string,
    dateColumn: string | null,
    since: string | null,
    extra: string[] = [],
  ) {
    const t = q(parent.name);
    const latest = dateColumn
      ? ((this.#db.prepare(`SELECT max(${q(dateColumn)}) AS m FROM ${t}`).get() as { m: string | null }).m ??
        null)
      : null;
    const where = dateColumn && since ? ` WHERE ${q(dateColumn)} >= ?` : '';
    const cols = [keyColumn, ...extra].map(q).join(', ');
    const stmt = this.#db.prepare(`SELECT ${cols} FROM ${t}${where}`).raw(true);
    const rows = (where ? stmt.all(since) : stmt.all()) as SqlValue[][];
    return { keys: rows.map((r) => r[0]!), values: rows.map((r) => r.slice(1)), latest };
  }

  async apply(layout: TableLayout, change: ChangeSet, state: SyncState): Promise<ApplyCounts> {
    const table = q(layout.name);
    return this.#db.transaction(() => {
      if (change.replaceAll && !this.#db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) {
        // A first sync: nothing to merge with or delete, so the rows go straight in.
        insertRows(this.#db, table, layout.columns.length, change.upserts);
        this.#saveState(state);
        return { inserted: change.upserts.length, updated: 0, deleted: 0 };
      }
      this.#stage(layout, change.upserts);
      const inserted = (this.#db.prepare(newRowsSql(layout, table, STAGED)).get() as { n: number }).n;
      const touched = this.#db
        .prepare(upsertSql(layout, table, STAGED, (a, b) => `${a} IS NOT ${b}`))
        .run().changes;
      const deleted = this.#delete(layout, change);
      this.#saveState(state);
      this.#db.exec(`DROP TABLE ${STAGED}`);
      return { inserted, updated: touched - inserted, deleted };
    })();
  }

  #stage(layout: TableLayout, rows: SqlValue[][]): void {
    this.#db.exec(`DROP TABLE IF EXISTS ${STAGED}`);
    // The table's own column types, so keys compare (and use the index) as in the table.
    this.#db.exec(`CREATE TABLE ${STAGED} AS SELECT ${columnList(layout)} FROM ${q(layout.name)} WHERE 0`);
    if (rows.length === 0) return;
    insertRows(this.#db, STAGED, layout.columns.length, rows);
    // Merges and deletions look rows up by key on both sides.
    this.#db.exec(`CREATE INDEX temp._bcsql_in_key ON _bcsql_in (${layout.primaryKey.map(q).join(', ')})`);
  }

  #delete(layout: TableLayout, change: ChangeSet): number {
    const table = q(layout.name);
    let deleted = 0;
    if (change.replaceAll) {
      deleted += this.#db
        .prepare(`DELETE FROM ${table} WHERE ${notStagedSql(layout, table, STAGED)}`)
        .run().changes;
    }
    if (change.deleteKeys && change.deleteKeys.length > 0) {
      const k = q(layout.primaryKey[0]);
      const sql = `DELETE FROM ${table} WHERE ${k} IN (SELECT value FROM json_each(?))`;
      deleted += this.#db.prepare(sql).run(JSON.stringify(change.deleteKeys)).changes;
    }
    if (change.replaceParents && change.replaceParents.length > 0 && layout.strategy.kind === 'children') {
      this.#db.exec(`DROP TABLE IF EXISTS ${PARENTS}`);
      this.#db.exec(`CREATE TABLE ${PARENTS} (k PRIMARY KEY)`);
      const insert = this.#db.prepare(`INSERT OR IGNORE INTO ${PARENTS} VALUES (?)`);
      for (const k of change.replaceParents) insert.run(k);
      const col = q(layout.strategy.column);
      const sql = `DELETE FROM ${table} WHERE ${col} IN (SELECT k FROM ${PARENTS}) AND ${notStagedSql(layout, table, STAGED)}`;
      deleted += this.#db.prepare(sql).run().changes;
      this.#db.exec(`DROP TABLE ${PARENTS}`);
    }
    return deleted;
  }

  #saveState(s: SyncState): void {
    this.#db
      .prepare(`INSERT OR REPLACE INTO ${STATE_TABLE} VALUES (?, ?, ?, ?, ?, ?)`)
      .run(s.table, s.strategy, s.highWater, s.syncedAt, s.columns, s.storeHash);
  }

  async rows(layout: TableLayout): Promise<SqlValue[][]> {
    return this.#db
      .prepare(`SELECT ${columnList(layout)} FROM ${q(layout.name)}`)
      .raw(true)
      .all() as SqlValue[][];
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
