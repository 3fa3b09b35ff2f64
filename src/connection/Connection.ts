/**
 * A connection to one BigCommerce store (node-postgres style): `connect()` resolves the options
 * and wires auth, the REST client and the catalog; `query()` runs one statement; `stream()` yields
 * a large result row by row; `close()` cancels what is in flight and refuses later statements.
 */
import { createAuthSession } from '../auth/createAuthSession';
import type { AuthSession } from '../auth/types';
import { loadCatalog } from '../catalog/loadCatalog';
import type { Catalog } from '../catalog/types';
import type { ExecutionContext } from '../engine/context';
import type { ReplicaFactory, ReplicaHooks } from '../engine/replicaHooks';
import { executeSelect, streamSelect } from '../engine/executeSelect';
import { explainResult, explainSelect } from '../engine/explain';
import { runProcedure } from '../engine/runProcedure';
import { executeWrite } from '../engine/write/executeWrite';
import { explainWriteRows } from '../engine/write/explainWrite';
import { shapeResult, shapeRow, type EngineResult } from '../engine/rowShape';
import { registerArgumentSecrets, statementSecrets } from '../procedures/registerArgumentSecrets';
import { systemTableSources } from '../engine/systemTableSources';
import { ApiError, BigCommerceSqlError, SqlError } from '../errors';
import { createLogger, type Logger } from '../log';
import { BigCommerceClient } from '../rest/BigCommerceClient';
import type { RestClient } from '../rest/types';
import { parseStatement } from '../sql/parseStatement';
import type { ExplainStatement, ReplicateStatement, Statement } from '../sql/types';
import type { QueryOptions, QueryParams, QueryResult, Row } from '../types';
import { secretValues } from '../options/properties';
import { resolveOptions, type OptionsInput } from '../options/resolveOptions';
import type { ConnectionOptions } from '../options/types';

/** Connects to a store: a connection string (`AuthScheme=OAuth;StoreId=…;OAuthAccessToken=…`) or an options object. */
export async function connect(input: string | Record<string, unknown>): Promise<Connection> {
  return Connection.connect(input);
}

export class Connection {
  // Private fields (#) keep secrets out of console.log(conn) and JSON.stringify(conn).
  readonly #options: ConnectionOptions;
  readonly #logger: Logger;
  readonly #auth: AuthSession;
  readonly #client: RestClient;
  readonly #catalog: Catalog;
  readonly #oauthRequests: { count: number };
  readonly #replica?: ReplicaHooks;
  readonly #closing = new AbortController();
  #closed = false;
  readonly #streams = new Set<{ close(): void }>();

  private constructor(parts: {
    options: ConnectionOptions;
    logger: Logger;
    auth: AuthSession;
    client: RestClient;
    catalog: Catalog;
    oauthRequests: { count: number };
    replica?: ReplicaHooks;
  }) {
    this.#options = parts.options;
    this.#logger = parts.logger;
    this.#auth = parts.auth;
    this.#client = parts.client;
    this.#catalog = parts.catalog;
    this.#oauthRequests = parts.oauthRequests;
    this.#replica = parts.replica;
  }

  /** `extensions.replica` adds REPLICATE and the cache properties (src/replica provides it). */
  static async connect(
    input: OptionsInput,
    extensions: { replica?: ReplicaFactory } = {},
  ): Promise<Connection> {
    const options = resolveOptions(input, process.env);
    const logger = createLogger({
      logfile: options.Logfile,
      verbosity: options.Verbosity,
      secrets: secretValues(options),
    });
    const oauthRequests = { count: 0 };
    const auth = await createAuthSession(options, logger, { oauthRequests });
    const client = new BigCommerceClient({ options, auth, logger });
    const catalog = loadCatalog();
    // Offline never calls BigCommerce, so there is no token to get on connect.
    if (options.AuthScheme === 'OAuth' && options.InitiateOAuth !== 'OFF' && !options.Offline) {
      // InitiateOAuth works "on connect": read the store, refresh, exchange OAuthVerifier
      // or sign in now, so that connect() resolves only with a usable token and a missing token,
      // an unreadable settings file or a denied sign-in is reported by connect() itself.
      try {
        await auth.accessToken();
      } catch (err) {
        await Connection.#abandon(client, logger, err);
        throw err;
      }
    }
    logger.log(2, `connected: ApiBaseURL=${options.ApiBaseURL} StoreId=${options.StoreId ?? '(none)'}`);
    const replica = extensions.replica?.(options);
    return new Connection({ options, logger, auth, client, catalog, oauthRequests, replica });
  }

  /** A connect() that failed part-way: release what was opened and say why in the Logfile. */
  static async #abandon(client: RestClient, logger: Logger, err: unknown): Promise<void> {
    // The desktop flow's callback listener is closed by the flow itself, whatever its outcome.
    const closable = client as RestClient & { close?: () => void | Promise<void> };
    if (typeof closable.close === 'function') await Promise.resolve(closable.close()).catch(() => undefined);
    if (err instanceof BigCommerceSqlError) logger.log(1, `connect failed: ${err.code}: ${err.message}`);
  }

  /** True after close(). */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Runs one statement: `?` placeholders take an array, `@name` placeholders an object keyed by name.
   * Rows are objects keyed by column name (a name used twice keeps its last column's value, as in
   * node-postgres), or arrays in column order with `{ rowMode: 'array' }`, which keep every value.
   */
  query<R extends unknown[] = unknown[]>(
    sql: string,
    params: QueryParams | undefined,
    opts: QueryOptions & { rowMode: 'array' },
  ): Promise<QueryResult<R>>;
  query<R extends Row = Row>(
    sql: string,
    params?: QueryParams,
    opts?: QueryOptions & { rowMode?: undefined },
  ): Promise<QueryResult<R>>;
  query(sql: string, params?: QueryParams, opts?: QueryOptions): Promise<QueryResult<Row | unknown[]>>;
  async query(
    sql: string,
    params?: QueryParams,
    opts: QueryOptions = {},
  ): Promise<QueryResult<Row | unknown[]>> {
    const stmt = this.#parse(sql);
    const ctx = this.#context(opts);
    try {
      const answer =
        stmt.kind === 'exec'
          ? await runProcedure(ctx, stmt, params)
          : stmt.kind === 'explain'
            ? await this.#explain(ctx, stmt, params)
            : stmt.kind === 'replicate'
              ? await this.#replicate(ctx, stmt)
              : stmt.kind === 'write'
                ? await executeWrite(ctx, stmt, params, { systemTables: this.#systemTables() })
                : await executeSelect(ctx, stmt, params, { systemTables: this.#systemTables() });
      const result = shapeResult(answer, opts.rowMode);
      this.#logger.log(
        1,
        `${result.command}: ${result.rowCount} rows, ${result.requestCount} requests (statement: ${this.#loggable(sql, stmt)})`,
      );
      return result;
    } catch (err) {
      throw this.#failed(err, ctx, this.#loggable(sql, stmt));
    }
  }

  /**
   * The rows of a SELECT one at a time, for results too large to hold: the result is never
   * collected into an array, and staging moves to disk above StagingRowThreshold. Rows as query().
   */
  stream<R extends unknown[] = unknown[]>(
    sql: string,
    params: QueryParams | undefined,
    opts: QueryOptions & { rowMode: 'array' },
  ): AsyncGenerator<R>;
  stream<R extends Row = Row>(
    sql: string,
    params?: QueryParams,
    opts?: QueryOptions & { rowMode?: undefined },
  ): AsyncGenerator<R>;
  stream(sql: string, params?: QueryParams, opts?: QueryOptions): AsyncGenerator<Row | unknown[]>;
  async *stream(sql: string, params?: QueryParams, opts: QueryOptions = {}): AsyncGenerator<Row | unknown[]> {
    const stmt = this.#parse(sql);
    const ctx = this.#context(opts);
    try {
      if (stmt.kind === 'exec') {
        yield* shapeResult(await runProcedure(ctx, stmt, params), opts.rowMode).rows;
        return;
      }
      if (stmt.kind === 'explain') {
        yield* shapeResult(await this.#explain(ctx, stmt, params), opts.rowMode).rows;
        return;
      }
      if (stmt.kind === 'replicate') {
        yield* shapeResult(await this.#replicate(ctx, stmt), opts.rowMode).rows;
        return;
      }
      if (stmt.kind === 'write') {
        const env = { systemTables: this.#systemTables() };
        yield* shapeResult(await executeWrite(ctx, stmt, params, env), opts.rowMode).rows;
        return;
      }
      const rows = await streamSelect(ctx, stmt, params, { systemTables: this.#systemTables() });
      // close() ends streams left half-read (their staging files go with them).
      this.#streams.add(rows);
      try {
        for await (const values of rows.values()) {
          if (this.#closed) return;
          yield shapeRow(values, rows.fields, opts.rowMode);
          if (this.#closed) return;
        }
      } finally {
        this.#streams.delete(rows);
        rows.close();
      }
    } catch (err) {
      throw this.#failed(err, ctx, this.#loggable(sql, stmt));
    }
  }

  /** Cancels statements in flight; later statements fail with ERR_CONNECTION_CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    for (const rows of this.#streams) rows.close();
    this.#streams.clear();
    const closable = this.#client as RestClient & { close?: () => void | Promise<void> };
    if (typeof closable.close === 'function') await closable.close();
    await this.#replica?.close();
    this.#logger.log(2, 'connection closed');
  }

  #replicate(ctx: ExecutionContext, stmt: ReplicateStatement): Promise<EngineResult> {
    if (!this.#replica) {
      throw new BigCommerceSqlError(
        'ERR_REPLICA_UNAVAILABLE',
        'REPLICATE needs the replica module: connect with connect() from the package (or bcsql), not Connection.connect() alone',
      );
    }
    return this.#replica.replicate(ctx, stmt);
  }

  /** EXPLAIN: the plan from the pure planner, or the replica's answer; no request is sent. */
  async #explain(
    ctx: ExecutionContext,
    stmt: ExplainStatement,
    params: QueryParams | undefined,
  ): Promise<EngineResult> {
    const select = stmt.select;
    const env = { systemTables: this.#systemTables().map((t) => t.name) };
    if (stmt.write) {
      // A write's read goes to BigCommerce, never the replica (executeWrite.ts).
      const read = explainSelect(select, this.#catalog, this.#options, params, env);
      return explainResult([...read, ...explainWriteRows(stmt.write, this.#catalog)]);
    }
    const rows = explainSelect(select, this.#catalog, this.#options, params, env);
    const replica =
      ctx.cache && rows.every((r) => r.Mode !== 'procedure')
        ? await ctx.cache.peek(
            ctx,
            rows.map((r) => r.Table),
          )
        : undefined;
    if (!replica) return explainResult(rows);
    return explainResult(explainSelect(select, this.#catalog, this.#options, params, env, replica));
  }

  #systemTables() {
    return systemTableSources(this.#catalog, this.#options, () => {
      try {
        return this.#auth.storeHash();
      } catch {
        return undefined;
      }
    });
  }

  #parse(sql: string): Statement {
    if (this.#closed) {
      throw new BigCommerceSqlError(
        'ERR_CONNECTION_CLOSED',
        'the connection is closed; call connect() again to run statements',
      );
    }
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw new SqlError('ERR_SQL_SYNTAX', 'query() needs the SQL text as a non-empty string');
    }
    let stmt: Statement;
    try {
      stmt = parseStatement(sql);
    } catch (err) {
      // Text that does not parse is not logged: a secret in it could not be told apart.
      if (err instanceof BigCommerceSqlError) this.#logger.log(1, `${err.code}: ${err.message}`);
      throw err;
    }
    if (this.#options.Offline && stmt.kind !== 'select' && stmt.kind !== 'explain') {
      const verb = stmt.kind === 'write' ? stmt.command : stmt.kind.toUpperCase();
      throw new BigCommerceSqlError(
        'ERR_OFFLINE',
        `Offline=true reads only the replica; ${verb} would call BigCommerce. Set Offline=false to run it`,
      );
    }
    if (this.#options.ReadOnly && stmt.kind === 'write') {
      throw new BigCommerceSqlError(
        'ERR_READ_ONLY_CONNECTION',
        `${stmt.command} refused: the connection has ReadOnly=true; connect without it to change data`,
      );
    }
    // A secret passed positionally has no parameter name beside it for the logger's patterns to catch.
    registerArgumentSecrets(this.#catalog, stmt, this.#logger);
    // Level 2 shows the statement before the HTTP lines it causes; level 1 has only its summary.
    this.#logger.log(2, `statement: ${this.#loggable(sql, stmt)}`);
    return stmt;
  }

  /** The statement as log lines show it: an EXEC of an unknown procedure keeps its arguments to itself. */
  #loggable(sql: string, stmt: Statement): string {
    if (statementSecrets(this.#catalog, stmt).opaque)
      return '(not shown: it passes secret arguments to a procedure)';
    if (stmt.kind !== 'exec' || this.#catalog.findProcedure(stmt.procedure)) return sql;
    return `EXEC ${stmt.procedure} (arguments not shown: unknown procedure)`;
  }

  #context(opts: QueryOptions): ExecutionContext {
    if (opts.signal?.aborted)
      throw new ApiError('ERR_CANCELLED', 'the statement was cancelled before it started');
    const signal = opts.signal ? AbortSignal.any([opts.signal, this.#closing.signal]) : this.#closing.signal;
    return {
      options: this.#options,
      catalog: this.#catalog,
      logger: this.#logger,
      auth: this.#auth,
      client: this.#client,
      warnings: [],
      signal,
      onProgress: opts.onProgress,
      maskSecrets: opts.maskSecrets,
      oauthRequests: this.#oauthRequests,
      cache: this.#replica?.cache,
    };
  }

  #failed(err: unknown, ctx: ExecutionContext, statement: string): unknown {
    if (this.#closed && !(err instanceof BigCommerceSqlError && err.code === 'ERR_CONNECTION_CLOSED')) {
      if (ctx.signal?.aborted) {
        return new BigCommerceSqlError(
          'ERR_CONNECTION_CLOSED',
          'the connection was closed while the statement ran',
        );
      }
    }
    if (err instanceof BigCommerceSqlError)
      this.#logger.log(1, `${err.code}: ${err.message} (statement: ${statement})`);
    return err;
  }
}
