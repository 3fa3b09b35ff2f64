/**
 * What one session runs and remembers: its prepared statements and portals, its transaction
 * status and its settings. Each statement goes where classifyStatement() sends it — the provider,
 * the shared catalog engine, or this session's own state (transactions, SET/SHOW) — and comes
 * back as PostgreSQL messages written to an Output. PgSession handles the connection around it.
 */
import { SqlError } from '../errors';
import type { QueryOptions, QueryParams, QueryResult } from '../types';
import * as msg from './protocol/backendMessages';
import type { CatalogEngine, EngineDescription, EngineOutcome } from './engine/CatalogEngine';
import { classifyStatement, type ProviderNames, type Route } from './classifyStatement';
import type * as fe from './protocol/frontendMessages';
import { formatAt, OID, type PgField } from './protocol/pgTypes';
import { encodeRows, resultFields, warningNotices, withFormats } from './providerResult';
import { SessionSettings } from './SessionSettings';
import { translateSql, type Translation } from './translateSql';
import { decodeParam } from './protocol/decodeParam';
import type { CopyRequest } from './copyStatement';
import { copyOut } from './protocol/copyOut';
import { readDataRow, readRowDescription } from './protocol/engineMessages';
import { Cursors, openCursor, type StreamedQuery } from './Cursors';
import { checkReplicate, replicateFields } from './replicateStatement';
import type { SessionRoute } from './sessionStatements';
import { codeTokens, isKeyword } from './pgLexer';
import * as proc from './procedureCall';
import { runOverStore } from './exec/runOverStore';
import type { StoreShape } from './exec/planFetches';
import { renamedColumns } from './engine/renamedColumns';
import { estimatedSizes, RELATION_SIZE_FUNCTION, usesSizeEstimate } from './engine/relationSizes';
import { sessionRole } from './sessionRole';
import { quoteLiteral } from './engine/catalogDdl';
import type { RowEstimates } from './exec/RowEstimates';

/**
 * The part of a provider Connection the endpoint uses. Rows come as arrays (rowMode 'array'):
 * PostgreSQL rows are positional, and object rows would keep one value of two columns that share
 * a name (`SELECT p."Id", v."Id" …`).
 */
export interface ProviderQuery {
  query(
    sql: string,
    params: QueryParams | undefined,
    opts: QueryOptions & { rowMode: 'array' },
  ): Promise<QueryResult<unknown[]>>;
  /** The rows of a SELECT one at a time (Connection.stream), for cursors over large results. */
  stream?(
    sql: string,
    params: QueryParams | undefined,
    opts: QueryOptions & { rowMode: 'array' },
  ): AsyncGenerator<unknown[]>;
}

export interface RunnerServices {
  provider: ProviderQuery;
  /** The provider connection has a replica (CacheLocation or CacheConnection) REPLICATE may write. */
  replica: boolean;
  engine: CatalogEngine;
  names: ProviderNames;
  /** Secret values (tokens, client secret) that must never be sent to a client. */
  secrets: ReadonlySet<string>;
  /** INSERT, UPDATE, DELETE and UPSERT of provider tables run (bcsql serve --read-write). */
  readWrite?: boolean;
  /** Store tables by exact name: statements reading them run in the engine over fetched rows. */
  shapes?: ReadonlyMap<string, StoreShape>;
  /** Lower-case procedure names: statements calling one run in the provider. */
  procedures?: ReadonlySet<string>;
  /** pg_class.reltuples from the API's totals. */
  estimates?: RowEstimates;
}

/** Where results go: messages in order, rows with the chance to flush and wait for the client. */
export interface Output {
  send(m: Buffer): void;
  sendRows(rows: Buffer[]): Promise<void>;
}

interface Prepared {
  sql: string;
  route: Route;
  /** Types from the Parse message (0 = let the server decide). */
  paramTypes: number[];
  /** PostgreSQL's typing of the statement; null when PostgreSQL cannot read it (provider dialect). */
  described: EngineDescription | null;
  translation?: Translation;
  /** Runs in the engine over the store's rows (runOverStore). */
  store?: boolean;
  /** Provider statements: result columns, fixed once a client has seen them. */
  fields?: PgField[];
  /** A provider result computed to describe the statement, for its next execution. */
  early?: QueryResult<unknown[]>;
  /** DECLARE … CURSOR: the cursor's query, which takes the statement's parameters. */
  inner?: Prepared;
}

interface Portal {
  stmt: Prepared;
  bind: fe.BindMessage;
  /** Decoded parameters (provider statements). */
  params: unknown[];
  result?: QueryResult<unknown[]>;
  outcome?: EngineOutcome;
  sent: number;
}

const MAX_STATEMENTS = 10_000;
/** Settings that change how values print and read, applied to each engine statement. */
const SESSION_STYLES = ['TimeZone', 'DateStyle', 'IntervalStyle'];
const NO_BIND: fe.BindMessage = {
  portal: '',
  statement: '',
  paramFormats: [],
  values: [],
  resultFormats: [],
};

export class StatementRunner {
  readonly #services: RunnerServices;
  readonly #settings: SessionSettings;
  readonly #statements = new Map<string, Prepared>();
  readonly #portals = new Map<string, Portal>();
  readonly #cursors = new Cursors();
  #tx: 'I' | 'T' | 'E' = 'I';
  /** Aborted by a CancelRequest or a disconnect: the statement using it (provider or engine) stops. */
  #cancel = new AbortController();

  constructor(services: RunnerServices, settings: SessionSettings) {
    this.#services = services;
    this.#settings = settings;
  }

  /** For ReadyForQuery: I idle, T in a transaction block, E in a failed one. */
  get transactionStatus(): 'I' | 'T' | 'E' {
    return this.#tx;
  }

  /** A statement failed: a transaction block it was in is now failed. */
  failed(): void {
    if (this.#tx === 'T') this.#tx = 'E';
  }

  /** Aborts the statement in flight (CancelRequest, disconnect); the next one starts afresh. */
  cancel(): void {
    this.#cancel.abort();
    this.#cancel = new AbortController();
  }

  /** The connection is gone: stop what runs and forget everything. */
  dispose(): void {
    this.cancel();
    this.#statements.clear();
    this.#portals.clear();
    this.#cursors.close(null);
  }

  /** One statement of a simple Query message, results and all. */
  async simple(text: string, out: Output): Promise<void> {
    const stmt = await this.#prepare(text, [], false);
    const outcome = await this.#run(stmt, null, true);
    for (const n of outcome.notices) out.send(n);
    if (outcome.rowDescription) out.send(outcome.rowDescription);
    await out.sendRows(outcome.rows);
    out.send(outcome.empty ? msg.emptyQueryResponse() : msg.commandComplete(outcome.tag));
  }

  async parse(p: fe.ParseMessage, out: Output): Promise<void> {
    if (p.name !== '' && this.#statements.has(p.name)) {
      throw new SqlError('ERR_SQL', `prepared statement "${p.name}" already exists`, { sqlState: '42P05' });
    }
    if (this.#statements.size >= MAX_STATEMENTS) {
      throw new SqlError('ERR_SQL', `too many prepared statements (${MAX_STATEMENTS}); close some first`, { sqlState: '53000' }); // prettier-ignore
    }
    this.#statements.set(p.name, await this.#prepare(p.sql, p.paramTypes, true));
    out.send(msg.parseComplete());
  }

  bind(b: fe.BindMessage, out: Output): void {
    if (b.portal !== '' && this.#portals.has(b.portal)) {
      throw new SqlError('ERR_SQL', `portal "${b.portal}" already exists`, { sqlState: '42P03' });
    }
    this.#portals.set(b.portal, this.#portalOf(this.#statement(b.statement), b));
    out.send(msg.bindComplete());
  }

  #portalOf(stmt: Prepared, b: fe.BindMessage): Portal {
    const types = this.#paramTypes(stmt);
    if (b.values.length !== types.length) {
      throw new SqlError(
        'ERR_PROTOCOL_BIND',
        `bind message supplies ${b.values.length} parameters, but prepared statement "${b.statement}" requires ${types.length}`,
        { sqlState: '08P01' },
      );
    }
    const params =
      (stmt.inner ?? stmt).route.kind === 'provider' && !(stmt.inner ?? stmt).store
        ? b.values.map((v, i) => decodeParam(v, types[i], formatAt(b.paramFormats, i), i))
        : [];
    return { stmt, bind: b, params, sent: 0 };
  }

  async describe(d: fe.TargetMessage, out: Output): Promise<void> {
    if (d.kind === 'S') {
      const stmt = this.#statement(d.name);
      const fields = await this.#fields(stmt, null);
      out.send(msg.parameterDescription(this.#paramTypes(stmt)));
      out.send(fields ? msg.rowDescription(fields) : msg.noData());
      return;
    }
    if (!this.#portals.has(d.name) && this.#cursors.has(d.name)) {
      out.send(this.#cursors.get(d.name).rowDescription); // a cursor is a portal too
      return;
    }
    const portal = this.#portal(d.name);
    const route = portal.stmt.route;
    if (route.kind === 'fetch' && !route.move) {
      out.send(this.#cursors.get(route.name).rowDescription); // the cursor's rows, in its format
      return;
    }
    const fields = await this.#fields(portal.stmt, portal);
    out.send(fields ? msg.rowDescription(withFormats(fields, portal.bind.resultFormats)) : msg.noData());
  }

  async execute(e: { portal: string; maxRows: number }, out: Output): Promise<void> {
    const portal = this.#portal(e.portal);
    portal.outcome ??= await this.#run(portal.stmt, portal, false);
    const outcome = portal.outcome;
    for (const n of outcome.notices.splice(0)) out.send(n);
    // COPY data is not rows: a row limit does not apply to it, as in PostgreSQL.
    const maxRows = portal.stmt.route.kind === 'copy' ? 0 : e.maxRows;
    const end = maxRows > 0 ? Math.min(outcome.rows.length, portal.sent + maxRows) : outcome.rows.length;
    await out.sendRows(outcome.rows.slice(portal.sent, end));
    portal.sent = end;
    if (portal.sent < outcome.rows.length) out.send(msg.portalSuspended());
    else out.send(outcome.empty ? msg.emptyQueryResponse() : msg.commandComplete(outcome.tag));
  }

  close(c: fe.TargetMessage, out: Output): void {
    // Closing a statement leaves its portals usable, as in PostgreSQL.
    if (c.kind === 'S') this.#statements.delete(c.name);
    else this.#portals.delete(c.name);
    out.send(msg.closeComplete());
  }

  #statement(name: string): Prepared {
    const stmt = this.#statements.get(name);
    if (!stmt)
      throw new SqlError('ERR_SQL', `prepared statement "${name}" does not exist`, { sqlState: '26000' });
    return stmt;
  }

  #portal(name: string): Portal {
    const portal = this.#portals.get(name);
    if (!portal) throw new SqlError('ERR_SQL', `portal "${name}" does not exist`, { sqlState: '34000' });
    return portal;
  }

  async #prepare(sql: string, paramTypes: number[], describeAll: boolean): Promise<Prepared> {
    const route = classifyStatement(sql, this.#services.names, this.#services.readWrite);
    if (route.kind === 'reject') throw route.error;
    if (route.kind === 'engine') sql = estimatedSizes(renamedColumns(sql));
    const stmt: Prepared = { sql, route, paramTypes, described: null };
    const engine = this.#services.engine;
    if (route.kind === 'replicate') {
      stmt.translation = translateSql(sql);
    } else if (route.kind === 'provider' && !route.write && this.#overStore(sql)) {
      stmt.store = true;
      stmt.described = await engine.describe(sql, paramTypes, this.#cancel.signal);
    } else if (route.kind === 'provider') {
      stmt.translation = translateSql(sql);
      // PostgreSQL's typing where it can read the query; the provider's own types otherwise.
      stmt.described = await engine.describe(sql, paramTypes, this.#cancel.signal).catch((err: unknown) => {
        if ((err as { sqlState?: string }).sqlState === '57014') throw err;
        return null;
      });
    } else if (route.kind === 'procedureCall') {
      const template = proc.statementWith(route, proc.noRows(route.procedure));
      stmt.described = await engine.describe(template, paramTypes, this.#cancel.signal);
    } else if (route.kind === 'declare') {
      stmt.inner = await this.#prepare(route.query, paramTypes, true);
      if (!['provider', 'engine'].includes(stmt.inner.route.kind)) {
        throw new SqlError('ERR_SQL_SYNTAX', 'DECLARE CURSOR needs a SELECT, VALUES or TABLE query', { sqlState: '42601' }); // prettier-ignore
      }
    } else if (describeAll && (route.kind === 'engine' || route.kind === 'show')) {
      stmt.described = await engine.describe(sql, paramTypes, this.#cancel.signal);
    }
    return stmt;
  }

  /** Not a procedure call or EXPLAIN: PostgreSQL can run it once the rows are there. */
  #overStore(sql: string): boolean {
    const { shapes, procedures } = this.#services;
    if (!shapes) return false;
    const t = codeTokens(sql);
    // EXPLAIN of a store query shows the provider's plan: the API requests it makes.
    if (isKeyword(t[0], 'EXEC', 'EXECUTE', 'EXPLAIN')) return false;
    return !t.some(
      (x) => (x.kind === 'word' || x.kind === 'quoted') && procedures?.has(x.value.toLowerCase()),
    );
  }

  #paramTypes(stmt: Prepared): number[] {
    if (stmt.inner) return this.#paramTypes(stmt.inner);
    if (stmt.route.kind === 'provider' && !stmt.store) {
      return Array.from(
        { length: stmt.translation!.paramCount },
        (_, i) => stmt.paramTypes[i] || stmt.described?.paramTypes[i] || OID.text,
      );
    }
    return stmt.described?.paramTypes ?? [];
  }

  /** Result columns for Describe; null when the statement returns no rows. */
  async #fields(stmt: Prepared, portal: Portal | null): Promise<PgField[] | null> {
    const kind = stmt.route.kind;
    if (kind === 'engine' || kind === 'show' || kind === 'procedureCall')
      return stmt.described?.fields ?? null;
    if (kind === 'executePrepared') return this.#fields(this.#statement(stmt.route.name), null);
    if (kind === 'replicate') return (stmt.fields ??= replicateFields());
    if (kind === 'fetch' && !stmt.route.move) {
      return readRowDescription(this.#cursors.get(stmt.route.name).rowDescription.subarray(5));
    }
    if (kind !== 'provider') return null;
    if (stmt.store) return stmt.described?.fields ?? null;
    if (stmt.fields) return stmt.fields;
    if (stmt.route.kind === 'provider' && stmt.route.write) return this.#writeFields(stmt);
    if (stmt.described?.fields)
      return (stmt.fields = stmt.described.fields.map((f) => ({ ...f, format: 0 })));
    // PostgreSQL cannot type it (provider dialect): the result itself tells the columns.
    let result: QueryResult<unknown[]>;
    if (portal) {
      result = portal.result = await this.#queryProvider(stmt, portal.params);
    } else if (stmt.translation!.paramCount === 0) {
      result = stmt.early = await this.#queryProvider(stmt, []);
    } else {
      throw new SqlError(
        'ERR_NOT_SUPPORTED',
        'cannot describe this statement before its parameters are bound: PostgreSQL cannot type it (it uses the provider dialect); bind parameters first or use PostgreSQL syntax',
        { sqlState: '0A000' },
      );
    }
    return (stmt.fields = resultFields(null, result));
  }

  /**
   * A write is never run to describe it (a client may describe and never execute): its columns are
   * PostgreSQL's typing of its RETURNING, none without one.
   */
  #writeFields(stmt: Prepared): PgField[] | null {
    const typed = stmt.described?.fields;
    if (typed) return typed.length ? (stmt.fields = typed.map((f) => ({ ...f, format: 0 }))) : null;
    if (!codeTokens(stmt.sql).some((t) => isKeyword(t, 'RETURNING'))) return null;
    throw new SqlError(
      'ERR_NOT_SUPPORTED',
      'cannot describe this write before running it: PostgreSQL cannot type its RETURNING (provider dialect); use PostgreSQL syntax or the simple query protocol',
      { sqlState: '0A000' },
    );
  }

  async #run(stmt: Prepared, portal: Portal | null, withDescription: boolean): Promise<EngineOutcome> {
    const route = stmt.route;
    this.#checkAborted(route);
    const engine = this.#services.engine;
    switch (route.kind) {
      case 'empty':
        return outcome('', true);
      case 'engine': {
        // Row estimates cost API requests: only for statements that read them (sizes derive from them).
        const sizes = usesSizeEstimate(stmt.sql);
        const estimates =
          sizes || /reltuples/i.test(stmt.sql) ? await this.#services.estimates?.update() : '';
        const prelude = [estimates, sizes ? RELATION_SIZE_FUNCTION : '', this.#role()]
          .filter(Boolean)
          .join('; ');
        return engine.run(stmt.sql, stmt.paramTypes, portal?.bind ?? NO_BIND, withDescription, this.#cancel.signal, prelude); // prettier-ignore
      }
      case 'show': {
        const out = await engine.run(stmt.sql, stmt.paramTypes, portal?.bind ?? NO_BIND, withDescription, this.#cancel.signal); // prettier-ignore
        const mine = this.#settings.get(route.name);
        const binary = formatAt(portal?.bind.resultFormats ?? [], 0) === 1;
        if (mine !== undefined && out.rows.length === 1 && !binary)
          out.rows = [msg.dataRow([Buffer.from(mine)])];
        return out;
      }
      case 'provider':
        if (stmt.store) return this.#runStore(stmt, portal?.bind ?? NO_BIND, withDescription);
        return this.#runProvider(stmt, portal, withDescription);
      case 'replicate': {
        checkReplicate(this.#services.replica, this.#tx);
        const out = await this.#runProvider(stmt, portal, withDescription);
        return { ...out, tag: out.tag.replace(/^SELECT/, 'REPLICATE') };
      }
      case 'copy':
        return this.#copy(route.copy);
      case 'procedureCall':
        return this.#procedureCall(route, stmt, portal?.bind ?? NO_BIND, withDescription);
      case 'prepare':
      case 'executePrepared':
      case 'declare':
      case 'fetch':
      case 'closeCursor':
        return this.#sessionObject(route, stmt, portal, withDescription);
      default:
        return this.#local(route, stmt.sql);
    }
  }

  async #runProvider(
    stmt: Prepared,
    portal: Portal | null,
    withDescription: boolean,
  ): Promise<EngineOutcome> {
    let result = portal?.result ?? stmt.early;
    stmt.early = undefined;
    result ??= await this.#queryProvider(stmt, portal?.params ?? []);
    const fields = (stmt.fields ??= resultFields(stmt.described, result));
    if (fields.length !== result.fields.length) {
      throw new SqlError(
        'ERR_INTERNAL',
        `the provider returned ${result.fields.length} columns where ${fields.length} were described; prepare the statement again`,
        { sqlState: 'XX000' },
      );
    }
    const formats = portal?.bind.resultFormats ?? [];
    const noRows = stmt.route.kind === 'provider' && stmt.route.write && fields.length === 0;
    return {
      rowDescription: withDescription && !noRows ? msg.rowDescription(withFormats(fields, formats)) : null,
      rows: encodeRows(fields, result, formats, this.#services.secrets),
      tag: commandTag(result),
      notices: warningNotices(result),
      empty: false,
    };
  }

  /** A procedure called as a function or by CALL: PostgreSQL evaluates the statement around its rows. */
  async #procedureCall(
    route: proc.ProcedureCallRoute,
    stmt: Prepared,
    bind: fe.BindMessage,
    withDescription: boolean,
  ): Promise<EngineOutcome> {
    const { engine, provider, secrets } = this.#services;
    const signal = this.#cancel.signal;
    const types = stmt.described?.paramTypes ?? stmt.paramTypes;
    const argsSql = proc.argumentsQuery(route);
    let values: Array<string | null> = [];
    if (argsSql) {
      const evaluated = await engine.run(argsSql, types, { ...bind, resultFormats: [] }, false, signal);
      values = readDataRow(evaluated.rows[0].subarray(5));
    }
    const exec = proc.providerCall(route, values);
    const params = exec.params.length ? exec.params : undefined;
    const result = await provider.query(exec.sql, params, { signal, rowMode: 'array', maskSecrets: true });
    const sql = proc.statementWith(route, proc.rowsAsValues(route.procedure, result, secrets));
    const out = await engine.run(sql, types, bind, withDescription, signal);
    if (route.call) out.tag = 'CALL';
    return out;
  }

  /** COPY … TO STDOUT: the query's rows, in the requested format, as COPY messages. */
  async #copy(copy: CopyRequest): Promise<EngineOutcome> {
    const inner = await this.#prepare(copy.query, [], false);
    if (inner.route.kind !== 'provider' && inner.route.kind !== 'engine') {
      throw new SqlError('ERR_SQL', 'COPY copies the rows of a table or of a SELECT, VALUES or TABLE query', { sqlState: '0A000' }); // prettier-ignore
    }
    const bind = { ...NO_BIND, resultFormats: [copy.format === 'binary' ? 1 : 0] };
    const result = await this.#run(inner, { stmt: inner, bind, params: [], sent: 0 }, true);
    const { messages, rowCount } = copyOut(copy, result.rowDescription, result.rows);
    result.rows = [];
    return { rowDescription: null, rows: messages, tag: `COPY ${rowCount}`, notices: result.notices, empty: false }; // prettier-ignore
  }

  /** PREPARE / EXECUTE and DECLARE / FETCH / MOVE / CLOSE: the session's own objects. */
  async #sessionObject(
    route: SessionRoute,
    stmt: Prepared,
    portal: Portal | null,
    withDescription: boolean,
  ): Promise<EngineOutcome> {
    switch (route.kind) {
      case 'prepare': {
        if (this.#statements.has(route.name)) {
          throw new SqlError('ERR_SQL', `prepared statement "${route.name}" already exists`, { sqlState: '42P05' }); // prettier-ignore
        }
        const types = await this.#typeOids(route.types);
        this.#statements.set(route.name, await this.#prepare(route.body, types, true));
        return outcome('PREPARE');
      }
      case 'executePrepared': {
        const target = this.#statement(route.name);
        const bind = await this.#executeArguments(route.name, route.args, this.#paramTypes(target));
        return this.#run(target, this.#portalOf(target, bind), withDescription);
      }
      case 'declare': {
        if (this.#tx === 'I' && !route.hold) {
          throw new SqlError('ERR_SQL', 'DECLARE CURSOR can only be used in transaction blocks', { sqlState: '25P01' }); // prettier-ignore
        }
        const inner = stmt.inner!;
        const bind = { ...(portal?.bind ?? NO_BIND), resultFormats: [route.binary ? 1 : 0] };
        const innerPortal: Portal = { stmt: inner, bind, params: portal?.params ?? [], sent: 0 };
        const source = await openCursor(
          this.#streamed(innerPortal),
          () => this.#run(inner, innerPortal, true),
          bind.resultFormats,
          this.#services.secrets,
        );
        this.#cursors.add(route.name, source, route.hold, this.#tx !== 'I');
        return outcome('DECLARE CURSOR');
      }
      case 'fetch': {
        const source = this.#cursors.get(route.name);
        const rows = await source.take(route.count);
        const tag = `${route.move ? 'MOVE' : 'FETCH'} ${rows.length}`;
        if (route.move) return outcome(tag);
        return { rowDescription: withDescription ? source.rowDescription : null, rows, tag, notices: [], empty: false }; // prettier-ignore
      }
      default:
        this.#cursors.close(route.name);
        return outcome(route.name === null ? 'CLOSE CURSOR ALL' : 'CLOSE CURSOR');
    }
  }

  /** Type OIDs of PREPARE's type names, as PostgreSQL resolves them. */
  async #typeOids(names: string[]): Promise<number[]> {
    if (names.length === 0) return [];
    const sql = `SELECT ${names.map((n) => `NULL::${n}`).join(', ')}`;
    const described = await this.#services.engine.describe(sql, [], this.#cancel.signal);
    return (described.fields ?? []).map((f) => f.typeOid);
  }

  /** EXECUTE's arguments, evaluated by PostgreSQL, as a Bind of their text forms. */
  async #executeArguments(name: string, args: string[], types: number[]): Promise<fe.BindMessage> {
    if (args.length !== types.length) {
      throw new SqlError('ERR_SQL', `wrong number of parameters for prepared statement "${name}": expected ${types.length} parameters but got ${args.length}`, { sqlState: '42601' }); // prettier-ignore
    }
    let values: Array<Buffer | null> = [];
    if (args.length > 0) {
      const evaluated = await this.#services.engine.run(`SELECT ${args.join(', ')}`, [], NO_BIND, false, this.#cancel.signal); // prettier-ignore
      values = readDataRow(evaluated.rows[0].subarray(5)).map((v) => (v === null ? null : Buffer.from(v)));
    }
    return { ...NO_BIND, statement: name, values };
  }

  /** A provider statement PostgreSQL could type streams its rows; others are computed whole. */
  #streamed(portal: Portal): StreamedQuery | null {
    const { stmt } = portal;
    const fields = stmt.described?.fields;
    const stream = this.#services.provider.stream?.bind(this.#services.provider);
    // Statements over store rows run in the engine, which returns them whole.
    if (stmt.route.kind !== 'provider' || stmt.store || !fields || !stream) return null;
    const { text, paramOrder } = stmt.translation!;
    const params = paramOrder.map((i) => portal.params[i]);
    const opts = { signal: this.#cancel.signal, rowMode: 'array' as const, maskSecrets: true };
    return { fields, rows: stream(text, params.length ? params : undefined, opts) };
  }

  #runStore(stmt: Prepared, bind: fe.BindMessage, withDescription: boolean): Promise<EngineOutcome> {
    const types = this.#paramTypes(stmt);
    const param = (n: number): unknown => {
      try {
        return decodeParam(
          bind.values[n - 1] ?? null,
          types[n - 1] ?? 0,
          formatAt(bind.paramFormats, n - 1),
          n - 1,
        );
      } catch {
        return undefined; // PostgreSQL reports the unreadable value itself.
      }
    };
    const services = { ...this.#services, shapes: this.#services.shapes! };
    const prelude = this.#role();
    return runOverStore(services, { sql: stmt.sql, paramTypes: stmt.paramTypes, bind, param, prelude }, withDescription, this.#cancel.signal); // prettier-ignore
  }

  /**
   * Statements run as the user who logged in (current_user), with the session's time zone and
   * output styles where it changed them (the engine is shared; its own stay the defaults).
   */
  #role(): string {
    const engine = this.#services.engine;
    const styles = SESSION_STYLES.filter((n) => {
      const v = this.#settings.get(n);
      return v !== undefined && v !== engine.defaults.get(n);
    }).map((n) => `SET LOCAL ${n} TO ${quoteLiteral(this.#settings.get(n)!)}`);
    return [sessionRole(this.#settings.get('session_authorization')), ...styles].filter(Boolean).join('; ');
  }

  async #queryProvider(stmt: Prepared, values: unknown[]): Promise<QueryResult<unknown[]>> {
    const { text, paramOrder } = stmt.translation!;
    const params = paramOrder.map((i) => values[i]);
    return this.#services.provider.query(text, params.length ? params : undefined, {
      signal: this.#cancel.signal,
      rowMode: 'array',
      // Another program reads the results: procedures' tokens are masked before any expression sees them.
      maskSecrets: true,
    });
  }

  #checkAborted(route: Route): void {
    if (this.#tx !== 'E' || route.kind === 'empty') return;
    if (route.kind === 'transaction' && ['commit', 'rollback', 'rollbackTo'].includes(route.action)) return;
    throw new SqlError(
      'ERR_SQL',
      'current transaction is aborted, commands ignored until end of transaction block',
      { sqlState: '25P02' },
    );
  }

  /** Statements this session answers itself. */
  async #local(route: Route, sql: string): Promise<EngineOutcome> {
    const settings = this.#settings;
    const report = (pairs: Array<[string, string]>): Buffer[] =>
      pairs.map(([n, v]) => msg.parameterStatus(n, v));
    switch (route.kind) {
      case 'transaction':
        return this.#transaction(route.action, route.tag);
      case 'set': {
        if (route.local || SessionSettings.isFixed(route.name)) return outcome('SET');
        const value = await this.#services.engine.trySet(sql, route.name);
        const changed = settings.set(route.name, value);
        return outcome('SET', false, changed ? report([changed]) : []);
      }
      case 'reset':
        return outcome('RESET', false, report(settings.reset(route.name)));
      case 'discard': {
        if (!route.all) return outcome(route.tag);
        this.#statements.clear();
        this.#portals.clear();
        this.#cursors.close(null);
        return outcome(route.tag, false, report(settings.reset(null)));
      }
      case 'deallocate':
        if (route.name === null) this.#statements.clear();
        else if (!this.#statements.delete(route.name)) this.#statement(route.name);
        return outcome(route.name === null ? 'DEALLOCATE ALL' : 'DEALLOCATE');
      case 'noop':
        return outcome(route.tag);
      default:
        return outcome('SET'); // ignoredSet
    }
  }

  /** The endpoint only reads, so a transaction block is bookkeeping: status and PostgreSQL's warnings. */
  #transaction(action: string, tag: string): EngineOutcome {
    const warn = (code: string, text: string): Buffer[] => [msg.noticeResponse(msg.errorFields(code, text, {}, 'WARNING'))]; // prettier-ignore
    const needBlock = (what: string): never => {
      throw new SqlError('ERR_SQL', `${what} can only be used in transaction blocks`, { sqlState: '25P01' });
    };
    switch (action) {
      case 'begin':
        if (this.#tx !== 'I')
          return outcome(tag, false, warn('25001', 'there is already a transaction in progress'));
        this.#tx = 'T';
        return outcome(tag);
      case 'commit':
      case 'rollback': {
        const was = this.#tx;
        this.#tx = 'I';
        this.#cursors.endTransaction(action === 'commit' && was === 'T');
        if (was === 'I') return outcome(tag, false, warn('25P01', 'there is no transaction in progress'));
        return outcome(was === 'E' ? 'ROLLBACK' : tag);
      }
      case 'rollbackTo':
        if (this.#tx === 'I') needBlock('ROLLBACK TO SAVEPOINT');
        this.#tx = 'T';
        return outcome(tag);
      default:
        if (this.#tx === 'I') needBlock(action === 'savepoint' ? 'SAVEPOINT' : 'RELEASE SAVEPOINT');
        return outcome(tag);
    }
  }
}

/** PostgreSQL's tag for a provider statement; an UPSERT is reported as the INSERT it is to clients. */
function commandTag(result: QueryResult<unknown[]>): string {
  switch (result.command) {
    case 'INSERT':
    case 'UPSERT':
      return `INSERT 0 ${result.rowCount}`;
    case 'UPDATE':
    case 'DELETE':
      return `${result.command} ${result.rowCount}`;
    default:
      return `SELECT ${result.rowCount}`;
  }
}

function outcome(tag: string, empty = false, notices: Buffer[] = []): EngineOutcome {
  return { rowDescription: null, rows: [], tag, notices, empty };
}
