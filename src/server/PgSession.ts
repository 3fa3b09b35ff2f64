/**
 * One client connection speaking PostgreSQL protocol 3.0: startup (SSLRequest answered 'N',
 * CancelRequest), password authentication, the simple query protocol and the extended protocol
 * (Parse/Bind/Describe/Execute/Close/Sync/Flush, named statements and portals, row limits with
 * PortalSuspended). Statements go where classifyStatement() sends them: the provider, the shared
 * catalog engine, or this session's own state (transactions, settings).
 *
 * Messages are handled strictly one at a time in arrival order (pipelining is safe), and nothing
 * a client sends can throw out of the session: a malformed message ends only this connection
 * with a FATAL error, and an error in a statement leaves the session usable.
 */
import type { Socket } from 'node:net';
import { SqlError } from '../errors';
import type { QueryOptions, QueryParams, QueryResult } from '../types';
import * as msg from './backendMessages';
import type { CatalogEngine, EngineDescription, EngineOutcome } from './CatalogEngine';
import { quoteIdent, quoteLiteral } from './catalogDdl';
import { classifyStatement, type ProviderNames, type Route } from './classifyStatement';
import { errorResponseFields } from './errorFields';
import { FrameReader, protocolViolation, type Frame } from './FrameReader';
import * as fe from './frontendMessages';
import {
  createAuthExchange,
  type AuthExchange,
  type AuthMethod,
  type PasswordVerifier,
} from './passwordAuth';
import { splitStatements } from './pgLexer';
import { formatAt, OID, type PgField } from './pgTypes';
import { encodeRows, resultFields, warningNotices, withFormats } from './providerResult';
import { SessionSettings } from './SessionSettings';
import { translateSql, type Translation } from './translateSql';
import { decodeParam } from './valueCodec';

/** The part of a provider Connection the endpoint uses. */
export interface ProviderQuery {
  query(sql: string, params?: QueryParams, opts?: QueryOptions): Promise<QueryResult>;
}

export interface SessionServices {
  provider: ProviderQuery;
  engine: CatalogEngine;
  names: ProviderNames;
  /** null: no password (loopback only). */
  auth: { method: AuthMethod; verifier: PasswordVerifier } | null;
  /** Secret values (tokens, client secret) that must never be sent to a client. */
  secrets: ReadonlySet<string>;
  maxMessageBytes: number;
  /** Milliseconds a client has to finish startup and authentication. */
  startupTimeoutMs: number;
  log(line: string): void;
  /** Handles a CancelRequest that arrived on this connection. */
  cancel(processId: number, secretKey: number): void;
}

interface Prepared {
  sql: string;
  route: Route;
  /** Types from the Parse message (0 = let the server decide). */
  paramTypes: number[];
  /** PostgreSQL's typing of the statement; null when PostgreSQL cannot read it (provider dialect). */
  described: EngineDescription | null;
  translation?: Translation;
  /** Provider statements: result columns, fixed once a client has seen them. */
  fields?: PgField[];
  /** A provider result computed to describe the statement, for its next execution. */
  early?: QueryResult;
}

interface Portal {
  stmt: Prepared;
  bind: fe.BindMessage;
  /** Decoded parameters (provider statements). */
  params: unknown[];
  result?: QueryResult;
  outcome?: EngineOutcome;
  sent: number;
}

const MAX_STATEMENTS = 10_000;
const FLUSH_BYTES = 256 * 1024;
const HIGH_WATER = 1024 * 1024;
const NO_BIND: fe.BindMessage = {
  portal: '',
  statement: '',
  paramFormats: [],
  values: [],
  resultFormats: [],
};
const STARTUP_IGNORED = new Set(['user', 'database', 'options', 'replication']);

export class PgSession {
  readonly #socket: Socket;
  readonly #services: SessionServices;
  readonly #reader: FrameReader;
  readonly #secretKey: number;
  #phase: 'startup' | 'auth' | 'ready' | 'closed' = 'startup';
  #out: Buffer[] = [];
  #outBytes = 0;
  #busy = false;
  #auth?: AuthExchange;
  #user = '';
  #startupParams: Record<string, string> = {};
  #settings?: SessionSettings;
  #tx: 'I' | 'T' | 'E' = 'I';
  #skipToSync = false;
  readonly #statements = new Map<string, Prepared>();
  readonly #portals = new Map<string, Portal>();
  #running: AbortController | null = null;
  readonly #startupTimer: NodeJS.Timeout;
  readonly #closed: Promise<void>;

  constructor(
    socket: Socket,
    services: SessionServices,
    readonly processId: number,
    secretKey: number,
  ) {
    this.#socket = socket;
    this.#services = services;
    this.#secretKey = secretKey;
    this.#reader = new FrameReader(services.maxMessageBytes);
    this.#startupTimer = setTimeout(() => {
      services.log(`session ${processId}: no startup within ${services.startupTimeoutMs} ms; closing`);
      socket.destroy();
    }, services.startupTimeoutMs);
    this.#startupTimer.unref();
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#reader.push(chunk);
      if (this.#reader.buffered > HIGH_WATER) socket.pause();
      void this.#pump();
    });
    socket.on('error', () => undefined); // 'close' follows; a reset by the peer is not our error
    socket.on('close', () => this.#onClose());
  }

  /** Resolves when the connection has closed. */
  get closed(): Promise<void> {
    return this.#closed;
  }

  /** A CancelRequest for this session: aborts the statement in flight, if the key matches. */
  cancel(secretKey: number): boolean {
    if (secretKey !== this.#secretKey) return false;
    this.#running?.abort();
    return true;
  }

  /** Ends the connection (server shutdown): the client sees FATAL 57P01. */
  terminate(): void {
    if (this.#phase === 'closed') return;
    this.#send(msg.errorResponse(msg.errorFields('57P01', 'terminating connection: bcsql serve is shutting down', {}, 'FATAL'))); // prettier-ignore
    void this.#flush().finally(() => {
      this.#socket.end();
      setTimeout(() => this.#socket.destroy(), 1000).unref();
    });
  }

  #onClose(): void {
    this.#phase = 'closed';
    clearTimeout(this.#startupTimer);
    this.#running?.abort();
    this.#statements.clear();
    this.#portals.clear();
    this.#out = [];
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (;;) {
        if (this.#phase === 'closed') return;
        let frame: Frame | undefined;
        try {
          frame = this.#reader.next();
        } catch (err) {
          await this.#fatal(err);
          return;
        }
        if (!frame) break;
        await this.#handle(frame);
      }
    } finally {
      this.#busy = false;
      if (this.#socket.isPaused() && this.#reader.buffered <= HIGH_WATER && this.#phase !== 'closed') {
        this.#socket.resume();
      }
    }
  }

  async #handle(frame: Frame): Promise<void> {
    try {
      if (this.#phase === 'startup') await this.#startup(frame.body);
      else if (this.#phase === 'auth') await this.#authenticate(frame);
      else if (this.#phase === 'ready') await this.#message(frame);
    } catch (err) {
      await this.#fatal(err);
    }
  }

  // ---- startup and authentication ---------------------------------------------------------

  async #startup(body: Buffer): Promise<void> {
    const packet = fe.readStartupPacket(body);
    if (packet.kind === 'ssl' || packet.kind === 'gssenc') {
      this.#socket.write('N'); // no TLS here: the client goes on in plain text or gives up
      return;
    }
    if (packet.kind === 'cancel') {
      this.#services.cancel(packet.processId, packet.secretKey);
      this.#socket.end();
      this.#phase = 'closed';
      return;
    }
    const { params } = packet;
    if (params.replication && !/^(false|off|no|0)$/i.test(params.replication)) {
      throw new SqlError('ERR_NOT_SUPPORTED', 'replication connections are not supported by bcsql serve', { sqlState: '0A000' }); // prettier-ignore
    }
    if (!params.user) {
      throw new SqlError('ERR_PROTOCOL', 'no PostgreSQL user name specified in startup packet', { sqlState: '28000' }); // prettier-ignore
    }
    this.#reader.startupDone();
    this.#user = params.user;
    this.#startupParams = params;
    const unknownOptions = Object.keys(params).filter((k) => k.startsWith('_pq_.'));
    if (packet.minor > 0 || unknownOptions.length > 0)
      this.#send(msg.negotiateProtocolVersion(0, unknownOptions));
    const auth = this.#services.auth;
    if (auth) {
      this.#phase = 'auth';
      this.#auth = createAuthExchange(auth.method, auth.verifier, this.#user);
      this.#send(this.#auth.begin());
      await this.#flush();
      return;
    }
    await this.#completeStartup();
  }

  async #authenticate(frame: Frame): Promise<void> {
    if (frame.type !== 'p')
      throw protocolViolation(`expected a password message, got message type "${frame.type}"`);
    const { reply, done } = this.#auth!.step(frame.body);
    for (const m of reply) this.#send(m);
    if (done) await this.#completeStartup();
    else await this.#flush();
  }

  async #completeStartup(): Promise<void> {
    const engine = this.#services.engine;
    const settings = new SessionSettings([
      ...engine.defaults,
      ['client_encoding', 'UTF8'],
      ['application_name', ''],
      ['default_transaction_read_only', 'on'],
      ['in_hot_standby', 'off'],
      ['is_superuser', 'off'],
      ['scram_iterations', '4096'],
      ['session_authorization', this.#user],
    ]);
    this.#settings = settings;
    const requested = Object.entries(this.#startupParams).filter(
      ([k]) => !STARTUP_IGNORED.has(k) && !k.startsWith('_pq_.'),
    );
    requested.push(...commandLineOptions(this.#startupParams.options ?? ''));
    for (const [name, value] of requested) {
      if (SessionSettings.isFixed(name)) continue;
      const normalised = await engine.trySet(`SET ${quoteIdent(name)} TO ${quoteLiteral(value)}`, name);
      settings.set(name, normalised);
      settings.setDefault(name, normalised);
    }
    clearTimeout(this.#startupTimer);
    this.#send(msg.authenticationOk());
    for (const [name, value] of settings.reported()) this.#send(msg.parameterStatus(name, value));
    this.#send(msg.backendKeyData(this.processId, this.#secretKey));
    this.#send(msg.readyForQuery('I'));
    this.#phase = 'ready';
    await this.#flush();
    this.#services.log(`session ${this.processId}: user "${this.#user}" connected`);
  }

  // ---- messages after startup ---------------------------------------------------------------

  async #message(frame: Frame): Promise<void> {
    const { type, body } = frame;
    if (type === 'X') {
      this.#socket.end();
      this.#phase = 'closed';
      return;
    }
    if (type === 'S') {
      this.#skipToSync = false;
      this.#send(msg.readyForQuery(this.#tx));
      await this.#flush();
      return;
    }
    if (type === 'H') return this.#flush();
    if (this.#skipToSync) return;
    if (type === 'Q') return this.#simpleQuery(fe.readQuery(body));
    try {
      switch (type) {
        case 'P':
          return await this.#parse(fe.readParse(body));
        case 'B':
          return this.#bind(fe.readBind(body));
        case 'D':
          return await this.#describe(fe.readTarget(body, 'Describe'));
        case 'E':
          return await this.#execute(fe.readExecute(body));
        case 'C':
          return this.#close(fe.readTarget(body, 'Close'));
        case 'F':
          throw new SqlError('ERR_NOT_SUPPORTED', 'the function-call protocol is not supported by bcsql serve', { sqlState: '0A000' }); // prettier-ignore
        case 'd':
        case 'c':
        case 'f':
          return; // COPY data outside COPY: PostgreSQL ignores it too
        default:
          throw protocolViolation(`invalid frontend message type "${type}"`);
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_PROTOCOL') throw err;
      this.#statementFailed(err);
      this.#skipToSync = true;
    }
  }

  async #simpleQuery(sql: string): Promise<void> {
    const statements = splitStatements(sql);
    if (statements.length === 0) this.#send(msg.emptyQueryResponse());
    for (const text of statements) {
      try {
        const stmt = await this.#prepare(text, [], false);
        const outcome = await this.#run(stmt, null, true);
        for (const n of outcome.notices) this.#send(n);
        if (outcome.rowDescription) this.#send(outcome.rowDescription);
        await this.#sendRows(outcome.rows);
        this.#send(outcome.empty ? msg.emptyQueryResponse() : msg.commandComplete(outcome.tag));
      } catch (err) {
        this.#statementFailed(err);
        break;
      }
    }
    this.#send(msg.readyForQuery(this.#tx));
    await this.#flush();
  }

  async #parse(p: fe.ParseMessage): Promise<void> {
    if (p.name !== '' && this.#statements.has(p.name)) {
      throw new SqlError('ERR_SQL', `prepared statement "${p.name}" already exists`, { sqlState: '42P05' });
    }
    if (this.#statements.size >= MAX_STATEMENTS) {
      throw new SqlError('ERR_SQL', `too many prepared statements (${MAX_STATEMENTS}); close some first`, { sqlState: '53000' }); // prettier-ignore
    }
    this.#statements.set(p.name, await this.#prepare(p.sql, p.paramTypes, true));
    this.#send(msg.parseComplete());
  }

  #bind(b: fe.BindMessage): void {
    const stmt = this.#statement(b.statement);
    const types = this.#paramTypes(stmt);
    if (b.values.length !== types.length) {
      throw new SqlError(
        'ERR_PROTOCOL_BIND',
        `bind message supplies ${b.values.length} parameters, but prepared statement "${b.statement}" requires ${types.length}`,
        { sqlState: '08P01' },
      );
    }
    if (b.portal !== '' && this.#portals.has(b.portal)) {
      throw new SqlError('ERR_SQL', `portal "${b.portal}" already exists`, { sqlState: '42P03' });
    }
    const params =
      stmt.route.kind === 'provider'
        ? b.values.map((v, i) => decodeParam(v, types[i], formatAt(b.paramFormats, i), i))
        : [];
    this.#portals.set(b.portal, { stmt, bind: b, params, sent: 0 });
    this.#send(msg.bindComplete());
  }

  async #describe(d: fe.TargetMessage): Promise<void> {
    if (d.kind === 'S') {
      const stmt = this.#statement(d.name);
      const fields = await this.#fields(stmt, null);
      this.#send(msg.parameterDescription(this.#paramTypes(stmt)));
      this.#send(fields ? msg.rowDescription(fields) : msg.noData());
      return;
    }
    const portal = this.#portal(d.name);
    const fields = await this.#fields(portal.stmt, portal);
    this.#send(fields ? msg.rowDescription(withFormats(fields, portal.bind.resultFormats)) : msg.noData());
  }

  async #execute(e: { portal: string; maxRows: number }): Promise<void> {
    const portal = this.#portal(e.portal);
    portal.outcome ??= await this.#run(portal.stmt, portal, false);
    const outcome = portal.outcome;
    for (const n of outcome.notices.splice(0)) this.#send(n);
    const end = e.maxRows > 0 ? Math.min(outcome.rows.length, portal.sent + e.maxRows) : outcome.rows.length;
    await this.#sendRows(outcome.rows.slice(portal.sent, end));
    portal.sent = end;
    if (portal.sent < outcome.rows.length) this.#send(msg.portalSuspended());
    else this.#send(outcome.empty ? msg.emptyQueryResponse() : msg.commandComplete(outcome.tag));
  }

  #close(c: fe.TargetMessage): void {
    // Closing a statement leaves its portals usable, as in PostgreSQL.
    if (c.kind === 'S') this.#statements.delete(c.name);
    else this.#portals.delete(c.name);
    this.#send(msg.closeComplete());
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

  // ---- statements -----------------------------------------------------------------------------

  async #prepare(sql: string, paramTypes: number[], describeAll: boolean): Promise<Prepared> {
    const route = classifyStatement(sql, this.#services.names);
    if (route.kind === 'reject') throw route.error;
    const stmt: Prepared = { sql, route, paramTypes, described: null };
    const engine = this.#services.engine;
    if (route.kind === 'provider') {
      stmt.translation = translateSql(sql);
      // PostgreSQL's typing where it can read the query; the provider's own types otherwise.
      stmt.described = await engine.describe(sql, paramTypes).catch(() => null);
    } else if (describeAll && (route.kind === 'engine' || route.kind === 'show')) {
      stmt.described = await engine.describe(sql, paramTypes);
    }
    return stmt;
  }

  #paramTypes(stmt: Prepared): number[] {
    if (stmt.route.kind === 'provider') {
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
    if (kind === 'engine' || kind === 'show') return stmt.described?.fields ?? null;
    if (kind !== 'provider') return null;
    if (stmt.fields) return stmt.fields;
    if (stmt.described?.fields)
      return (stmt.fields = stmt.described.fields.map((f) => ({ ...f, format: 0 })));
    // PostgreSQL cannot type it (provider dialect): the result itself tells the columns.
    let result: QueryResult;
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

  async #run(stmt: Prepared, portal: Portal | null, withDescription: boolean): Promise<EngineOutcome> {
    const route = stmt.route;
    this.#checkAborted(route);
    const engine = this.#services.engine;
    switch (route.kind) {
      case 'empty':
        return outcome('', true);
      case 'engine':
        return engine.run(stmt.sql, stmt.paramTypes, portal?.bind ?? NO_BIND, withDescription);
      case 'show': {
        const out = await engine.run(stmt.sql, stmt.paramTypes, portal?.bind ?? NO_BIND, withDescription);
        const mine = this.#settings!.get(route.name);
        const binary = formatAt(portal?.bind.resultFormats ?? [], 0) === 1;
        if (mine !== undefined && out.rows.length === 1 && !binary)
          out.rows = [msg.dataRow([Buffer.from(mine)])];
        return out;
      }
      case 'provider':
        return this.#runProvider(stmt, portal, withDescription);
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
    return {
      rowDescription: withDescription ? msg.rowDescription(withFormats(fields, formats)) : null,
      rows: encodeRows(fields, result, formats, this.#services.secrets),
      tag: `SELECT ${result.rowCount}`,
      notices: warningNotices(result),
      empty: false,
    };
  }

  async #queryProvider(stmt: Prepared, values: unknown[]): Promise<QueryResult> {
    const { text, paramOrder } = stmt.translation!;
    const params = paramOrder.map((i) => values[i]);
    const controller = new AbortController();
    this.#running = controller;
    try {
      return await this.#services.provider.query(text, params.length ? params : undefined, {
        signal: controller.signal,
      });
    } finally {
      if (this.#running === controller) this.#running = null;
    }
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
    const settings = this.#settings!;
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

  // ---- output ---------------------------------------------------------------------------------

  #statementFailed(err: unknown): void {
    if (this.#tx === 'T') this.#tx = 'E';
    this.#send(
      msg.errorResponse(
        errorResponseFields(err, (l) => this.#services.log(`session ${this.processId}: ${l}`)),
      ),
    );
  }

  async #fatal(err: unknown): Promise<void> {
    if (this.#phase === 'closed') return;
    const fields = {
      ...errorResponseFields(err, (l) => this.#services.log(`session ${this.processId}: ${l}`)),
    };
    fields.S = fields.V = 'FATAL';
    this.#send(msg.errorResponse(fields));
    await this.#flush();
    this.#phase = 'closed';
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 1000).unref();
  }

  #send(m: Buffer): void {
    this.#out.push(m);
    this.#outBytes += m.length;
  }

  async #sendRows(rows: Buffer[]): Promise<void> {
    for (const r of rows) {
      this.#send(r);
      if (this.#outBytes >= FLUSH_BYTES) await this.#flush();
    }
  }

  async #flush(): Promise<void> {
    if (this.#out.length === 0 || this.#phase === 'closed' || this.#socket.destroyed) {
      this.#out = [];
      this.#outBytes = 0;
      return;
    }
    const data = Buffer.concat(this.#out);
    this.#out = [];
    this.#outBytes = 0;
    if (this.#socket.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        resolve();
      };
      this.#socket.on('drain', done);
      this.#socket.on('close', done);
    });
  }
}

function outcome(tag: string, empty = false, notices: Buffer[] = []): EngineOutcome {
  return { rowDescription: null, rows: [], tag, notices, empty };
}

/** `-c name=value` and `--name=value` from the startup `options` parameter (PGOPTIONS). */
function commandLineOptions(options: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const words = options.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let setting: string | undefined;
    if (words[i] === '-c') setting = words[++i];
    else if (words[i].startsWith('-c')) setting = words[i].slice(2);
    else if (words[i].startsWith('--')) setting = words[i].slice(2);
    const eq = setting?.indexOf('=') ?? -1;
    if (setting && eq > 0) out.push([setting.slice(0, eq).replace(/-/g, '_'), setting.slice(eq + 1)]);
  }
  return out;
}
