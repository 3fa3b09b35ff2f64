/**
 * A replica in PostgreSQL: one schema per store, tables with the provider's names, numeric money,
 * timestamptz datetimes and jsonb JSON, primary keys, and a foreign key from each child table to
 * its parent (ON DELETE CASCADE). Each table's changes are copied into a temporary table with
 * COPY and merged in the same transaction that records the new sync state.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent as q } from '../../engine/stage';
import type { SqlValue } from '../../engine/sqlValues';
import { BigCommerceSqlError } from '../../errors';
import type { TableLayout } from '../layout';
import { copyLine, pgType, pgTypes } from './pgValues';
import { columnList, newRowsSql, notStagedSql, STATE_TABLE, upsertSql } from './sqlText';
import type { ApplyCounts, ChangeSet, ReplicaTarget, SyncState } from './types';

const STAGED = '_bcsql_in';

export class PgTarget implements ReplicaTarget {
  readonly description: string;
  readonly #client: Client;
  readonly #schema: string;
  #connected?: Promise<void>;

  constructor(url: string, schema: string) {
    this.#schema = schema;
    this.description = `${redactUrl(url)} schema ${schema}`;
    this.#client = new Client({ connectionString: url, types: pgTypes });
    // An idle connection that drops must not crash the process; the next query reports it.
    this.#client.on('error', () => undefined);
  }

  #t(name: string): string {
    return `${q(this.#schema)}.${q(name)}`;
  }

  async #query<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<{ rows: T[]; rowCount: number }> {
    await this.#connect();
    const res = await this.#client.query(sql, params);
    return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
  }

  #connect(): Promise<void> {
    this.#connected ??= this.#client.connect().then(
      () => this.#client.query("SET TIME ZONE 'UTC'").then(() => undefined),
      (err: Error) => {
        throw new BigCommerceSqlError(
          'ERR_REPLICA_TARGET',
          `cannot connect to the PostgreSQL replica ${this.description}: ${err.message}`,
        );
      },
    );
    return this.#connected;
  }

  async init(): Promise<void> {
    await this.#query(`CREATE SCHEMA IF NOT EXISTS ${q(this.#schema)}`);
    await this.#query(
      `CREATE TABLE IF NOT EXISTS ${this.#t(STATE_TABLE)} (table_name text PRIMARY KEY, strategy text NOT NULL, ` +
        `high_water timestamptz, synced_at timestamptz NOT NULL, columns text NOT NULL, store_hash text NOT NULL)`,
    );
  }

  async ensureTable(layout: TableLayout, parent?: TableLayout): Promise<void> {
    const { rows } = await this.#query<{ column_name: string }>(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [this.#schema, layout.name],
    );
    if (rows.map((r) => r.column_name).join(',') === layout.columns.map((c) => c.name).join(',')) return;
    const cols = layout.columns.map(
      (c) => `${q(c.name)} ${pgType(c.type)}${layout.primaryKey.includes(c.name) ? ' NOT NULL' : ''}`,
    );
    cols.push(`PRIMARY KEY (${layout.primaryKey.map(q).join(', ')})`);
    if (parent && layout.strategy.kind === 'children') {
      const s = layout.strategy;
      cols.push(
        `FOREIGN KEY (${q(s.column)}) REFERENCES ${this.#t(parent.name)} (${q(s.parentColumn)}) ON DELETE CASCADE`,
      );
    }
    await this.#transaction(async () => {
      await this.#query(`DROP TABLE IF EXISTS ${this.#t(layout.name)} CASCADE`);
      await this.#query(`DELETE FROM ${this.#t(STATE_TABLE)} WHERE table_name = $1`, [layout.name]);
      await this.#query(`CREATE TABLE ${this.#t(layout.name)} (${cols.join(', ')})`);
      if (layout.strategy.kind === 'children') {
        await this.#query(`CREATE INDEX ON ${this.#t(layout.name)} (${q(layout.strategy.column)})`);
      }
    });
  }

  async #transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.#query('BEGIN');
    try {
      const out = await fn();
      await this.#query('COMMIT');
      return out;
    } catch (err) {
      await this.#client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async states(): Promise<SyncState[]> {
    const { rows } = await this.#query<Record<string, string | null>>(
      `SELECT * FROM ${this.#t(STATE_TABLE)}`,
    );
    return rows.map((r) => ({
      table: r.table_name!,
      strategy: r.strategy!,
      highWater: r.high_water,
      syncedAt: r.synced_at!,
      columns: r.columns!,
      storeHash: r.store_hash!,
    }));
  }

  async rowCount(layout: TableLayout): Promise<number> {
    return (await this.#query<{ n: number }>(`SELECT count(*) AS n FROM ${this.#t(layout.name)}`)).rows[0].n;
  }

  async countKeys(layout: TableLayout, keys: (string | number)[]): Promise<number> {
    if (keys.length === 0) return 0;
    const k = q(layout.primaryKey[0]);
    const sql = `SELECT count(*) AS n FROM ${this.#t(layout.name)} WHERE ${k}::text = ANY($1::text[])`;
    return (await this.#query<{ n: number }>(sql, [keys.map(String)])).rows[0].n;
  }

  async keys(layout: TableLayout): Promise<(string | number)[]> {
    const k = q(layout.primaryKey[0]);
    const { rows } = await this.#query<Record<string, string | number>>(
      `SELECT ${k} AS k FROM ${this.#t(layout.name)}`,
    );
    return rows.map((r) => r.k);
  }

  async changedParents(
    parent: TableLayout,
    keyColumn: string,
    dateColumn: string | null,
    since: string | null,
    extra: string[] = [],
  ) {
    const t = this.#t(parent.name);
    const latest = dateColumn
      ? (await this.#query<{ m: string | null }>(`SELECT max(${q(dateColumn)}) AS m FROM ${t}`)).rows[0].m
      : null;
    const where = dateColumn && since ? ` WHERE ${q(dateColumn)} >= $1` : '';
    const more = extra.map((c, i) => `, ${q(c)} AS v${i}`).join('');
    const { rows } = await this.#query<Record<string, SqlValue>>(
      `SELECT ${q(keyColumn)} AS k${more} FROM ${t}${where}`,
      where ? [since] : [],
    );
    return {
      keys: rows.map((r) => r.k as string | number),
      values: rows.map((r) => extra.map((_, i) => r[`v${i}`])),
      latest,
    };
  }

  async apply(layout: TableLayout, change: ChangeSet, state: SyncState): Promise<ApplyCounts> {
    const table = this.#t(layout.name);
    return this.#transaction(async () => {
      await this.#query(`CREATE TEMP TABLE ${STAGED} (LIKE ${table}) ON COMMIT DROP`);
      await this.#copy(layout, change.upserts);
      // Statistics for the merge's anti-joins: a temporary table has none until analysed.
      await this.#query(`ANALYZE ${STAGED}`);
      const inserted = Number(
        (await this.#query<{ n: number }>(newRowsSql(layout, table, STAGED))).rows[0].n,
      );
      const touched = (
        await this.#query(upsertSql(layout, table, STAGED, (a, b) => `${a} IS DISTINCT FROM ${b}`))
      ).rowCount;
      const deleted = await this.#delete(layout, change);
      await this.#query(
        `INSERT INTO ${this.#t(STATE_TABLE)} VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (table_name) DO UPDATE SET ` +
          'strategy = excluded.strategy, high_water = excluded.high_water, synced_at = excluded.synced_at, ' +
          'columns = excluded.columns, store_hash = excluded.store_hash',
        [state.table, state.strategy, state.highWater, state.syncedAt, state.columns, state.storeHash],
      );
      return { inserted, updated: touched - inserted, deleted };
    });
  }

  async #copy(layout: TableLayout, rows: SqlValue[][]): Promise<void> {
    if (rows.length === 0) return;
    const stream = this.#client.query(copyFrom(`COPY ${STAGED} (${columnList(layout)}) FROM STDIN`));
    const chunks = function* () {
      for (let i = 0; i < rows.length; i += 500) {
        yield rows
          .slice(i, i + 500)
          .map((r) => copyLine(layout.columns, r))
          .join('');
      }
    };
    await pipeline(Readable.from(chunks()), stream);
  }

  async #delete(layout: TableLayout, change: ChangeSet): Promise<number> {
    const table = this.#t(layout.name);
    let deleted = 0;
    if (change.replaceAll) {
      deleted += (await this.#query(`DELETE FROM ${table} WHERE ${notStagedSql(layout, table, STAGED)}`))
        .rowCount;
    }
    const k = q(layout.primaryKey[0]);
    if (change.deleteKeys && change.deleteKeys.length > 0) {
      const sql = `DELETE FROM ${table} WHERE ${k}::text = ANY($1::text[])`;
      deleted += (await this.#query(sql, [change.deleteKeys.map(String)])).rowCount;
    }
    if (change.replaceParents && change.replaceParents.length > 0 && layout.strategy.kind === 'children') {
      const col = q(layout.strategy.column);
      const sql = `DELETE FROM ${table} WHERE ${col}::text = ANY($1::text[]) AND ${notStagedSql(layout, table, STAGED)}`;
      deleted += (await this.#query(sql, [change.replaceParents.map(String)])).rowCount;
    }
    return deleted;
  }

  async rows(layout: TableLayout): Promise<SqlValue[][]> {
    await this.#connect();
    const res = await this.#client.query({
      text: `SELECT ${columnList(layout)} FROM ${this.#t(layout.name)}`,
      rowMode: 'array',
    });
    return res.rows as SqlValue[][];
  }

  async close(): Promise<void> {
    if (this.#connected) await this.#client.end().catch(() => undefined);
  }
}

/** The URL as it may be shown: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
