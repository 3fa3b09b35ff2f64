/**
 * The embedded PostgreSQL engine (PGlite: PostgreSQL compiled to WebAssembly) that answers
 * catalog queries — pg_catalog, information_schema, version(), SHOW — over empty tables of the
 * same shape as the provider's, and types the provider's queries the way PostgreSQL would.
 *
 * Sessions share a small pool of engines (EnginePool), each call one exclusive, self-contained
 * exchange in PGlite's wire protocol with a time limit; statements run inside
 * `BEGIN READ ONLY … ROLLBACK`, so nothing a client sends (writes, set_config, SET) survives the
 * call or reaches another session. Results are forwarded byte for byte, so pg_catalog types,
 * binary formats and error fields are PostgreSQL's own.
 *
 * Building the engine runs initdb inside WebAssembly (seconds); the initialised data directory
 * with the catalog's tables is cached as a tarball keyed by PGlite version and DDL, after which a
 * start only loads it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { SystemTable } from '../../catalog/systemTables';
import type { Catalog } from '../../catalog/types';
import { SqlError } from '../../errors';
import { readNoticeFields } from '../protocol/backendMessages';
import { catalogDdl, quoteIdent } from './catalogDdl';
import * as wire from '../protocol/engineMessages';
import type { PgField } from '../protocol/pgTypes';
import { EnginePool } from './EnginePool';
import { PgliteThread } from './PgliteThread';

export const DATABASE_NAME = 'bigcommerce';
/** Bump when the cached data directory's layout changes without the DDL changing. */
const CACHE_FORMAT = 1;
const DESCRIBE_CACHE_SIZE = 1000;
/**
 * Temporary files live in the engine's in-memory file system, so they are memory: a statement
 * that spills more than this (a huge sort or materialised series) fails with 53400.
 */
const ENGINE_SETUP = "SET temp_file_limit = '128MB'; SET work_mem = '4MB'";

export interface EngineOutcome {
  /** RowDescription message, or null when the statement returns no rows. */
  rowDescription: Buffer | null;
  rows: Buffer[];
  tag: string;
  /** NoticeResponse messages (NOTICE and WARNING severities). */
  notices: Buffer[];
  /** The statement was empty (EmptyQueryResponse). */
  empty: boolean;
}

export interface EngineDescription {
  paramTypes: number[];
  fields: PgField[] | null;
}

export interface CatalogEngineOptions {
  catalog: Catalog;
  systemTables: readonly SystemTable[];
  /** Where the initialised data directory is cached; null to build it on every start. */
  cacheDir: string | null;
  log?: (line: string) => void;
  /** Longest a catalog statement may run, in milliseconds (0: no limit). Default 30 s. */
  timeoutMs?: number;
  /** Engines that may run at once, so one long statement does not hold up the rest. Default 2. */
  maxEngines?: number;
}

export class CatalogEngine {
  readonly #pool: EnginePool;
  readonly #described = new Map<string, EngineDescription | SqlError>();
  /** server_version and the other defaults the engine reports (name → value). */
  readonly defaults: ReadonlyMap<string, string>;

  private constructor(pool: EnginePool, defaults: Map<string, string>) {
    this.#pool = pool;
    this.defaults = defaults;
  }

  static async start(opts: CatalogEngineOptions): Promise<CatalogEngine> {
    const ddl = catalogDdl(opts.catalog, opts.systemTables);
    const version = pgliteVersion();
    const key = createHash('sha256').update(`${CACHE_FORMAT}\n${version}\n${ddl}`).digest('hex').slice(0, 16);
    const file = opts.cacheDir ? path.join(opts.cacheDir, `pglite-${version}-${key}.tar`) : null;
    const log = opts.log ?? ((): void => undefined);
    const startPool = (data: Uint8Array, first?: PgliteThread): Promise<EnginePool> =>
      EnginePool.start({ data, database: DATABASE_NAME, setup: ENGINE_SETUP, timeoutMs: opts.timeoutMs ?? 30_000, maxEngines: Math.max(1, opts.maxEngines ?? 2), log }, first); // prettier-ignore
    const cached = file ? readCached(file) : undefined;
    let pool = cached && (await startPool(cached).catch((err: Error) => unusableCache(file!, err, log)));
    if (!pool) {
      const built = await build(ddl, file, log);
      pool = await startPool(built.data, built.db);
    }
    const defaults = new Map<string, string>();
    const names = ['server_version', 'DateStyle', 'IntervalStyle', 'TimeZone', 'integer_datetimes', 'standard_conforming_strings', 'server_encoding']; // prettier-ignore
    const rows = await pool.run(
      (db) =>
      db.query<{ name: string; value: string }>('SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name', [names]), // prettier-ignore
    );
    for (const r of rows) defaults.set(r.name, r.value);
    return new CatalogEngine(pool, defaults);
  }

  /** Engines running now. */
  get engines(): number {
    return this.#pool.size;
  }

  /** Parameter and result types of a statement (PostgreSQL's Describe), without running it. */
  async describe(
    sql: string,
    paramTypes: readonly number[],
    signal?: AbortSignal,
  ): Promise<EngineDescription> {
    const key = `${paramTypes.join(',')}\0${sql}`;
    const hit = this.#described.get(key);
    if (hit instanceof SqlError) throw hit;
    if (hit) return hit;
    const result = await this.#pool.run(async (db) => {
      const out = await raw(db, [wire.parse(sql, paramTypes), wire.describe('S'), wire.sync()]);
      let params: number[] = [];
      let fields: PgField[] | null = null;
      for (const m of out) {
        if (m.type === 'E') return engineError(m.body);
        if (m.type === 't') params = wire.readParameterDescription(m.body);
        if (m.type === 'T') fields = wire.readRowDescription(m.body);
      }
      return { paramTypes: params, fields };
    }, signal);
    this.#described.set(key, result);
    if (this.#described.size > DESCRIBE_CACHE_SIZE)
      this.#described.delete(this.#described.keys().next().value!);
    if (result instanceof SqlError) throw result;
    return result;
  }

  /**
   * Runs one statement with the client's Bind values, read-only and rolled back. `prelude` (SQL)
   * runs first in the same transaction, before it turns read-only: catalog facts for the statement.
   */
  async run(
    sql: string,
    paramTypes: readonly number[],
    values: wire.BindValues,
    withDescription: boolean,
    signal?: AbortSignal,
    prelude = '',
  ): Promise<EngineOutcome> {
    const messages = statementMessages(sql, paramTypes, values, withDescription);
    return this.#pool.run(
      async (db) => readOutcome(await inReadOnlyTransaction(db, messages, prelude)),
      signal,
    );
  }

  /**
   * Runs one statement over store rows: inside one transaction on one engine, `tables` are loaded
   * into the catalog's tables of the same names, the transaction turns read-only, the statement
   * runs as written, and everything is rolled back, so the engine is empty again for the next call.
   * `prelude` runs after the rows are loaded, before the transaction turns read-only.
   */
  async runStaged(
    tables: readonly StagedTable[],
    sql: string,
    paramTypes: readonly number[],
    values: wire.BindValues,
    withDescription: boolean,
    signal?: AbortSignal,
    prelude = '',
  ): Promise<EngineOutcome> {
    return this.#pool.run(async (db) => {
      await loadTables(db, tables);
      try {
        const out = await raw(db, [
          wire.query(prelude ? `${prelude}; SET TRANSACTION READ ONLY` : 'SET TRANSACTION READ ONLY'),
          ...statementMessages(sql, paramTypes, values, withDescription),
          wire.sync(),
        ]);
        return readOutcome(afterSetup(out));
      } finally {
        if (db.alive) await raw(db, [wire.query('ROLLBACK')]);
      }
    }, signal);
  }

  /**
   * Checks a SET statement and returns the parameter's resulting value as PostgreSQL normalises
   * it ('ISO, MDY' for `SET datestyle = iso`); the engine's own setting is restored at once.
   */
  async trySet(setSql: string, name: string): Promise<string> {
    return this.#pool.run(async (db) => {
      const none = { paramFormats: [], values: [], resultFormats: [] };
      const show = { paramFormats: [], values: [Buffer.from(name, 'utf8')], resultFormats: [] };
      const out = await inReadOnlyTransaction(db, [
        wire.parse(setSql, []),
        wire.bind(none),
        wire.execute(),
        wire.parse('SELECT current_setting($1)', [25]),
        wire.bind(show),
        wire.execute(),
      ]);
      for (const m of out) {
        if (m.type === 'E') throw engineError(m.body);
        if (m.type === 'D') return wire.readDataRow(m.body)[0] ?? '';
      }
      return '';
    });
  }

  /** Stops every engine, including one running a statement. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}

/** Rows for one table of a statement: COPY text for `columns` (the others stay NULL). */
export interface StagedTable {
  name: string;
  columns: readonly string[];
  data: Buffer;
  /** The catalog has the table as a view: this DDL replaces it with a table for the statement. */
  asTable?: string;
}

/** BEGIN, then each table's rows; a failure rolls back and reports PostgreSQL's error. */
async function loadTables(db: PgliteThread, tables: readonly StagedTable[]): Promise<void> {
  // The catalog's foreign keys describe the store for tools; a statement's rows are a slice of it.
  await raw(db, [wire.query("BEGIN; SET LOCAL session_replication_role = 'replica'")]);
  try {
    for (const t of tables) {
      if (t.asTable) await db.exec(t.asTable);
      if (t.data.length === 0) continue;
      const cols = t.columns.map(quoteIdent).join(', ');
      await db.copy(`COPY ${quoteIdent(t.name)} (${cols}) FROM '/dev/blob'`, t.data);
    }
  } catch (err) {
    if (db.alive) await raw(db, [wire.query('ROLLBACK')]);
    throw new SqlError('ERR_INTERNAL', `could not load the store's rows into the engine: ${(err as Error).message}`, { sqlState: 'XX000' }); // prettier-ignore
  }
}

function statementMessages(
  sql: string,
  paramTypes: readonly number[],
  values: wire.BindValues,
  withDescription: boolean,
): Buffer[] {
  const messages = [wire.parse(sql, paramTypes), wire.bind(values)];
  if (withDescription) messages.push(wire.describe('P'));
  messages.push(wire.execute());
  return messages;
}

/** The statement's output up to its ReadyForQuery: rows, tag and notices, or its error thrown. */
function readOutcome(out: wire.BackendMessage[]): EngineOutcome {
  const outcome: EngineOutcome = { rowDescription: null, rows: [], tag: '', notices: [], empty: false };
  for (const m of out) {
    if (m.type === 'Z') break;
    if (m.type === 'E') throw engineError(m.body);
    if (m.type === 'T') outcome.rowDescription = m.raw;
    else if (m.type === 'D') outcome.rows.push(m.raw);
    else if (m.type === 'C') outcome.tag = m.body.toString('utf8', 0, Math.max(0, m.body.length - 1));
    else if (m.type === 'I') outcome.empty = true;
    else if (m.type === 'N' && isClientNotice(m.body)) outcome.notices.push(m.raw);
  }
  return outcome;
}

/** Messages between the engine's first and second ReadyForQuery (the statement's own output). */
async function inReadOnlyTransaction(
  db: PgliteThread,
  messages: Buffer[],
  prelude = '',
): Promise<wire.BackendMessage[]> {
  const out = await raw(db, [
    wire.query(prelude ? `BEGIN; ${prelude}; SET TRANSACTION READ ONLY` : 'BEGIN READ ONLY'),
    ...messages,
    wire.sync(),
    wire.query('ROLLBACK'),
  ]);
  const rest = afterSetup(out);
  const end = rest.findIndex((m) => m.type === 'Z');
  return end < 0 ? rest : rest.slice(0, end);
}

/** The messages after the setup query's ReadyForQuery; the setup's own error is thrown. */
function afterSetup(out: wire.BackendMessage[]): wire.BackendMessage[] {
  const first = out.findIndex((m) => m.type === 'Z');
  const failed = out.slice(0, Math.max(first, 0)).find((m) => m.type === 'E');
  if (failed) throw engineError(failed.body);
  return out.slice(first + 1);
}

async function raw(db: PgliteThread, messages: Buffer[]): Promise<wire.BackendMessage[]> {
  return wire.splitMessages(await db.raw(Buffer.concat(messages)));
}

function engineError(body: Buffer): SqlError {
  const fields = readNoticeFields(body);
  return new SqlError('ERR_SQL', fields.M ?? 'error in the catalog engine', { sqlState: fields.C ?? 'XX000', pgFields: fields }); // prettier-ignore
}

function isClientNotice(body: Buffer): boolean {
  const severity = readNoticeFields(body).V ?? '';
  return severity === 'NOTICE' || severity === 'WARNING' || severity === 'INFO';
}

function pgliteVersion(): string {
  const main = require.resolve('@electric-sql/pglite');
  const pkg = path.join(main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function readCached(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function unusableCache(file: string, err: Error, log: (line: string) => void): undefined {
  log(`catalog engine cache ${file} is unusable (${err.message}); rebuilding it`);
  fs.rmSync(file, { force: true });
  return undefined;
}

/** Runs initdb and the catalog's DDL; returns the data directory (cached in `file`) and the engine, still running. */
async function build(
  ddl: string,
  file: string | null,
  log: (line: string) => void,
): Promise<{ data: Buffer; db: PgliteThread }> {
  // initdb creates only "postgres"; a database named for the store is created, then opened.
  const init = await PgliteThread.start();
  await init.exec(`CREATE DATABASE ${DATABASE_NAME}`);
  const blank = await init.dump();
  await init.close();
  const db = await PgliteThread.start({ dataDir: blank, database: DATABASE_NAME });
  await db.exec(ddl);
  const dump = await db.dump();
  if (file) {
    try {
      const dir = path.dirname(file);
      fs.mkdirSync(dir, { recursive: true });
      await writeFileAtomic(file, dump);
      // Copies for other PGlite versions or catalogs are tens of megabytes each: keep only this one.
      for (const name of fs.readdirSync(dir)) {
        if (/^pglite-.*\.tar$/.test(name) && name !== path.basename(file)) fs.rmSync(path.join(dir, name), { force: true }); // prettier-ignore
      }
    } catch (err) {
      log(`could not cache the catalog engine in ${file}: ${(err as Error).message}`);
    }
  }
  return { data: dump, db };
}
