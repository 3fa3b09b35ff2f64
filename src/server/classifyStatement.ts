/**
 * Decides where one statement runs, so each kind goes to the one place that can answer it:
 * - statements that name a BigCommerce table, a sys_* table or a procedure → the provider;
 * - REPLICATE → the provider too, into the server's own replica (never a target the client names);
 * - transaction control, SET/RESET/SHOW, DISCARD, DEALLOCATE → the session itself, because the
 *   endpoint only reads and each session keeps its own settings;
 * - COPY … TO STDOUT → the rows of its query, formatted as COPY data; COPY FROM → read-only error;
 * - PREPARE/EXECUTE, DECLARE/FETCH/MOVE/CLOSE → the session's prepared statements and cursors;
 * - INSERT, UPDATE, DELETE and UPSERT of a provider table → the provider when the endpoint was
 *   started with --read-write, else a read-only error; other writes and DDL → a read-only error;
 *   LISTEN, NOTIFY → not supported;
 * - everything else (catalog queries, version(), SELECT 1 …) → the embedded PostgreSQL engine,
 *   which holds empty tables of the same shape, so pg_catalog and information_schema answer as
 *   PostgreSQL would.
 */
import type { ProcedureDef } from '../catalog/types';
import { SqlError } from '../errors';
import { procedureCallRoute, type ProcedureCallRoute } from './procedureCall';
import { parseCopy, type CopyRequest } from './copyStatement';
import {
  parseCloseCursor,
  parseDeclare,
  parseExecute,
  parseFetch,
  parsePrepare,
  type SessionRoute,
} from './sessionStatements';
import { codeTokens, identName, isKeyword, isOp, type PgToken } from './pgLexer';

export type TransactionAction = 'begin' | 'commit' | 'rollback' | 'rollbackTo' | 'savepoint' | 'release';

export type Route =
  | { kind: 'empty' }
  /** `write`: an INSERT, UPDATE, DELETE or UPSERT the provider runs (bcsql serve --read-write). */
  | { kind: 'provider'; write?: true }
  /** The provider's REPLICATE: it writes the server's replica, so it has rules of its own. */
  | { kind: 'replicate' }
  | { kind: 'engine' }
  | { kind: 'transaction'; action: TransactionAction; tag: string }
  /** `name` as written (for SHOW after SET); `local`: SET LOCAL, which lasts only for a transaction. */
  | { kind: 'set'; name: string; local: boolean }
  /** SET TRANSACTION / SESSION CHARACTERISTICS / ROLE …: accepted and ignored (the endpoint only reads). */
  | { kind: 'ignoredSet' }
  | { kind: 'reset'; name: string | null }
  | { kind: 'show'; name: string }
  | { kind: 'discard'; tag: string; all: boolean }
  | { kind: 'deallocate'; name: string | null }
  | { kind: 'noop'; tag: string }
  /** COPY … TO STDOUT: the rows of `copy.query`, formatted as COPY data. */
  | { kind: 'copy'; copy: CopyRequest }
  | SessionRoute
  | ProcedureCallRoute
  | { kind: 'reject'; error: SqlError };

export interface ProviderNames {
  /** Lower-case names of BigCommerce tables, sys_* tables and procedures. */
  has(lowerName: string): boolean;
  /** The procedure of a lower-case name, so it can be called as a function or by CALL. */
  procedure?(lowerName: string): ProcedureDef | undefined;
}

const WRITES = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'REPLACE', 'TRUNCATE', 'CREATE', 'DROP', 'ALTER',
  'GRANT', 'REVOKE', 'COMMENT', 'VACUUM', 'ANALYZE', 'ANALYSE', 'CLUSTER', 'REINDEX', 'REFRESH',
  'LOCK', 'SECURITY', 'IMPORT', 'REASSIGN', 'CHECKPOINT', 'LOAD', 'CALL', 'DO',
]); // prettier-ignore
const PROVIDER_WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'UPSERT']);
const UNSUPPORTED = new Set(['LISTEN', 'NOTIFY']);
const SESSION_STATEMENTS: Record<string, (sql: string) => SessionRoute> = {
  PREPARE: parsePrepare,
  DECLARE: parseDeclare,
  FETCH: parseFetch,
  MOVE: parseFetch,
  CLOSE: parseCloseCursor,
};
const SLEEP = new Set(['pg_sleep', 'pg_sleep_for', 'pg_sleep_until']);
const SCHEMAS = new Set(['public', 'bigcommerce', 'dbo']);

/** `readWrite`: the endpoint runs writes of provider tables (bcsql serve --read-write). */
export function classifyStatement(sql: string, names: ProviderNames, readWrite = false): Route {
  const t = codeTokens(sql);
  if (t.length === 0) return { kind: 'empty' };
  const first = t[0].kind === 'word' ? t[0].text.toUpperCase() : '';
  const sleep = t.find((x) => x.kind === 'word' && SLEEP.has(x.text.toLowerCase()));
  if (sleep) {
    return reject(
      '0A000',
      `${sleep.text}() is not available on this endpoint: catalog queries share one embedded engine, so a sleep would stall every session`,
    );
  }
  switch (first) {
    case 'BEGIN':
    case 'START':
      return { kind: 'transaction', action: 'begin', tag: first === 'BEGIN' ? 'BEGIN' : 'START TRANSACTION' };
    case 'COMMIT':
    case 'END':
      if (isKeyword(t[1], 'PREPARED')) return unsupported('COMMIT PREPARED');
      return { kind: 'transaction', action: 'commit', tag: 'COMMIT' };
    case 'ROLLBACK':
    case 'ABORT':
      if (isKeyword(t[1], 'PREPARED')) return unsupported('ROLLBACK PREPARED');
      return t.some((x) => isKeyword(x, 'TO'))
        ? { kind: 'transaction', action: 'rollbackTo', tag: 'ROLLBACK' }
        : { kind: 'transaction', action: 'rollback', tag: 'ROLLBACK' };
    case 'SAVEPOINT':
      return { kind: 'transaction', action: 'savepoint', tag: 'SAVEPOINT' };
    case 'RELEASE':
      return { kind: 'transaction', action: 'release', tag: 'RELEASE' };
    case 'SET':
      return classifySet(t);
    case 'RESET':
      return isKeyword(t[1], 'ALL') || t.length < 2
        ? { kind: 'reset', name: null }
        : { kind: 'reset', name: settingName(t, 1) };
    case 'SHOW':
      return { kind: 'show', name: showName(t) };
    case 'DISCARD': {
      const what = t[1]?.text.toUpperCase() ?? 'ALL';
      return { kind: 'discard', tag: `DISCARD ${what}`, all: what === 'ALL' };
    }
    case 'DEALLOCATE': {
      const i = isKeyword(t[1], 'PREPARE') ? 2 : 1;
      return { kind: 'deallocate', name: isKeyword(t[i], 'ALL') || !t[i] ? null : identName(t[i]) };
    }
    case 'UNLISTEN':
      return { kind: 'noop', tag: 'UNLISTEN' };
    case 'COPY':
      try {
        return { kind: 'copy', copy: parseCopy(sql) };
      } catch (err) {
        return { kind: 'reject', error: err as SqlError };
      }
    case 'EXEC':
    case 'EXECUTE':
      // The provider's procedure call, or PostgreSQL's EXECUTE of a prepared statement.
      if (t[1] && isName(t[1]) && names.has(t[1].value.toLowerCase())) return { kind: 'provider' };
      if (first === 'EXEC') return providerTable(t, names) ? { kind: 'provider' } : unsupported('EXEC');
      return sessionStatement(parseExecute, sql);
    case 'PREPARE':
      if (isKeyword(t[1], 'TRANSACTION')) return unsupported('PREPARE TRANSACTION');
      break;
    case 'REPLICATE':
      // A client may not choose where the server writes (a file path, another database host).
      if (isKeyword(t[1], 'INTO')) {
        return reject(
          '0A000',
          "REPLICATE INTO is not accepted by bcsql serve: it replicates only into its own connection's replica (CacheLocation or CacheConnection); send REPLICATE <Table>, REPLICATE TABLES (…) or REPLICATE ALL",
        );
      }
      return { kind: 'replicate' };
  }
  if (SESSION_STATEMENTS[first]) return sessionStatement(SESSION_STATEMENTS[first], sql);
  const call = procedureCall(sql, t, names, readWrite);
  if (call) return call;
  if (readWrite && PROVIDER_WRITES.has(first) && providerTable(t, names))
    return { kind: 'provider', write: true };
  if (WRITES.has(first)) return readOnly(first, providerTable(t, names), readWrite);
  if (UNSUPPORTED.has(first)) return unsupported(first);
  return providerTable(t, names) ? { kind: 'provider' } : { kind: 'engine' };
}

/** A procedure called as a function in FROM or by CALL, in a statement that reads no table of the provider. */
function procedureCall(sql: string, t: PgToken[], names: ProviderNames, readWrite: boolean): Route | null {
  const lookup = names.procedure?.bind(names);
  if (!lookup || !t.some((x) => isName(x) && lookup(x.value.toLowerCase()))) return null;
  let route: ProcedureCallRoute | null;
  try {
    route = procedureCallRoute(sql, lookup);
  } catch (err) {
    return { kind: 'reject', error: err as SqlError };
  }
  if (!route) return null;
  if (route.procedure.writes && !readWrite) {
    return reject('25006', `cannot execute ${route.procedure.name}: it changes the store, and bcsql serve is read-only unless started with --read-write`); // prettier-ignore
  }
  // Joined with a store table, the statement stays the provider's (its dialect has no such call).
  const tables = { has: (n: string) => names.has(n) && !lookup(n) };
  return providerTable(codeTokens(route.head + route.body), tables) ? null : route;
}

function sessionStatement(parse: (sql: string) => SessionRoute, sql: string): Route {
  try {
    return parse(sql);
  } catch (err) {
    return { kind: 'reject', error: err as SqlError };
  }
}

/** The first token naming a provider table or procedure, if any. */
function providerTable(t: PgToken[], names: ProviderNames): PgToken | undefined {
  return t.find((x, i) => {
    if (!isName(x) || !names.has(x.value.toLowerCase())) return false;
    // A function call, unless it is INSERT INTO "T" (columns…) or the like.
    if (isOp(t[i + 1], '(') && !isKeyword(t[i - 1], 'INTO', 'TABLE', 'UPDATE', 'FROM', 'JOIN', 'ONLY'))
      return false;
    if (isKeyword(t[i - 1], 'AS')) return false; // an alias
    if (isOp(t[i - 1], '.')) {
      const q = t[i - 2];
      return !!q && isName(q) && SCHEMAS.has(q.value.toLowerCase());
    }
    return true;
  });
}

function isName(t: PgToken): boolean {
  return t.kind === 'word' || t.kind === 'quoted';
}

function classifySet(t: PgToken[]): Route {
  let i = 1;
  let local = false;
  if (isKeyword(t[i], 'SESSION') && !isKeyword(t[i + 1], 'CHARACTERISTICS', 'AUTHORIZATION')) i++;
  else if (isKeyword(t[i], 'LOCAL')) {
    local = true;
    i++;
  }
  if (isKeyword(t[i], 'TIME') && isKeyword(t[i + 1], 'ZONE')) return { kind: 'set', name: 'TimeZone', local };
  if (isKeyword(t[i], 'NAMES')) return { kind: 'set', name: 'client_encoding', local };
  if (
    isKeyword(t[i], 'TRANSACTION', 'CHARACTERISTICS', 'ROLE', 'AUTHORIZATION', 'CONSTRAINTS') ||
    (isKeyword(t[i], 'SESSION') && isKeyword(t[i + 1], 'CHARACTERISTICS', 'AUTHORIZATION'))
  ) {
    return { kind: 'ignoredSet' };
  }
  if (!t[i])
    return reject('42601', 'SET needs a parameter name and a value, as in SET search_path TO public');
  return { kind: 'set', name: settingName(t, i), local };
}

/** A (possibly dotted: `myapp.flag`) parameter name starting at token `i`. */
function settingName(t: PgToken[], i: number): string {
  let name = t[i].kind === 'quoted' ? t[i].value : t[i].text;
  while (isOp(t[i + 1], '.') && t[i + 2]) {
    name += `.${t[i + 2].kind === 'quoted' ? t[i + 2].value : t[i + 2].text}`;
    i += 2;
  }
  return name;
}

function showName(t: PgToken[]): string {
  if (isKeyword(t[1], 'TIME') && isKeyword(t[2], 'ZONE')) return 'TimeZone';
  if (isKeyword(t[1], 'TRANSACTION') && isKeyword(t[2], 'ISOLATION')) return 'transaction_isolation';
  if (isKeyword(t[1], 'SESSION') && isKeyword(t[2], 'AUTHORIZATION')) return 'session_authorization';
  return t[1] ? settingName(t, 1) : '';
}

function reject(sqlState: string, message: string): Route {
  const code =
    sqlState === '25006' ? 'ERR_READ_ONLY' : sqlState === '0A000' ? 'ERR_NOT_SUPPORTED' : 'ERR_SQL_SYNTAX';
  return { kind: 'reject', error: new SqlError(code, message, { sqlState }) };
}

function unsupported(what: string): Route {
  return reject(
    '0A000',
    `${what} is not supported by bcsql serve; it answers SELECT queries and catalog queries`,
  );
}

function readOnly(verb: string, table: PgToken | undefined, readWrite: boolean): Route {
  const target = table ? ` on "${table.value}"` : '';
  if (readWrite) {
    return reject('25006', `cannot execute ${verb}${target}: only INSERT, UPDATE, DELETE and UPSERT of BigCommerce tables change data here`); // prettier-ignore
  }
  return reject(
    '25006',
    `cannot execute ${verb}${target}: bcsql serve is a read-only endpoint; start it with --read-write to run INSERT, UPDATE and DELETE`,
  );
}
