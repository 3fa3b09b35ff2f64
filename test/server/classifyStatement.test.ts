import { classifyStatement, type Route } from '../../src/server/classifyStatement';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { statementWith, type ProcedureCallRoute } from '../../src/server/procedureCall';

const names = new Set(['products', 'orders', 'sys_tables', 'getoauthauthorizationurl']);
const route = (sql: string): Route => classifyStatement(sql, names);
const kind = (sql: string): string => route(sql).kind;

describe('classifyStatement', () => {
  it('sends statements on BigCommerce tables, sys_* tables and procedures to the provider', () => {
    expect(kind('SELECT * FROM "Products"')).toBe('provider');
    expect(kind('select id from products p join orders o on o.x = p.id')).toBe('provider');
    expect(kind('SELECT "public"."Products"."Id" FROM "public"."Products"')).toBe('provider');
    expect(kind('SELECT * FROM sys_tables')).toBe('provider');
    expect(kind("SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'x'")).toBe('provider');
    expect(kind('EXEC GetOAuthAuthorizationURL')).toBe('provider');
  });

  it('sends catalog and engine-only queries to the embedded PostgreSQL', () => {
    expect(kind("SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relname = 'Products'")).toBe('engine');
    expect(kind('SELECT version()')).toBe('engine');
    expect(kind('SELECT 1')).toBe('engine');
    expect(kind('SELECT products(1)')).toBe('engine');
    expect(kind('SELECT x AS products FROM pg_class')).toBe('engine');
    expect(kind('SELECT * FROM pg_catalog.products')).toBe('engine');
  });

  it('handles transaction control, settings and session commands in the session', () => {
    expect(route('BEGIN')).toMatchObject({ kind: 'transaction', action: 'begin', tag: 'BEGIN' });
    expect(route('START TRANSACTION READ ONLY')).toMatchObject({ action: 'begin', tag: 'START TRANSACTION' });
    expect(route('end')).toMatchObject({ action: 'commit' });
    expect(route('ROLLBACK TO SAVEPOINT s1')).toMatchObject({ action: 'rollbackTo' });
    expect(route("SET search_path TO 'public'")).toEqual({ kind: 'set', name: 'search_path', local: false });
    expect(route("SET LOCAL TIME ZONE 'UTC'")).toEqual({ kind: 'set', name: 'TimeZone', local: true });
    expect(route('SET myapp.flag = on')).toEqual({ kind: 'set', name: 'myapp.flag', local: false });
    expect(kind('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE')).toBe('ignoredSet');
    expect(route('RESET ALL')).toEqual({ kind: 'reset', name: null });
    expect(route('SHOW TRANSACTION ISOLATION LEVEL')).toEqual({
      kind: 'show',
      name: 'transaction_isolation',
    });
    expect(route('DISCARD ALL')).toEqual({ kind: 'discard', tag: 'DISCARD ALL', all: true });
    expect(route('DEALLOCATE PREPARE s1')).toEqual({ kind: 'deallocate', name: 's1' });
    expect(kind('-- only a comment')).toBe('empty');
  });

  it('refuses writes as read-only (25006), naming the BigCommerce table', () => {
    const r = route('INSERT INTO "Products" ("Id") VALUES (1)');
    expect(r.kind).toBe('reject');
    const err = (r as unknown as { error: Error & { sqlState: string } }).error;
    expect(err.sqlState).toBe('25006');
    expect(err.message).toMatch(/cannot execute INSERT on "Products": bcsql serve is a read-only endpoint/);
    for (const sql of ['UPDATE orders SET x = 1', 'CREATE TABLE t (a int)', 'TRUNCATE products', 'VACUUM']) {
      expect((route(sql) as { error?: { sqlState: string } }).error?.sqlState).toBe('25006');
    }
  });

  it('sends writes of BigCommerce tables to the provider when the endpoint is read-write, and nothing else', () => {
    const rw = (sql: string) => classifyStatement(sql, names, true);
    expect(rw('INSERT INTO "Products" ("Name") VALUES ($1) RETURNING "Id"')).toEqual({
      kind: 'provider',
      write: true,
    });
    expect(rw('update orders set "StatusId" = 2 where "Id" = 1')).toEqual({ kind: 'provider', write: true });
    expect(rw('DELETE FROM public."Products" WHERE "Id" = 1')).toEqual({ kind: 'provider', write: true });
    for (const sql of [
      'TRUNCATE products',
      'CREATE TABLE t (a int)',
      'INSERT INTO t VALUES (1)',
      'DROP TABLE products',
    ]) {
      expect((rw(sql) as { error?: { sqlState: string } }).error?.sqlState).toBe('25006');
    }
  });

  it('reads COPY … TO STDOUT as a copy of its query, and refuses COPY FROM as a write (25006)', () => {
    expect(route('COPY "Products" ("Id") TO STDOUT CSV HEADER')).toMatchObject({
      kind: 'copy',
      copy: { query: 'SELECT "Id" FROM "Products"', format: 'csv', header: true },
    });
    expect((route('COPY products FROM STDIN') as { error?: { sqlState: string } }).error?.sqlState).toBe(
      '25006',
    );
  });

  it('reads prepared statements and cursors as the session objects they act on', () => {
    expect(route('PREPARE q (int, text) AS SELECT $1, $2')).toEqual({ kind: 'prepare', name: 'q', types: ['int', 'text'], body: 'SELECT $1, $2' }); // prettier-ignore
    expect(route("EXECUTE q(1 + 2, 'a,b')")).toEqual({ kind: 'executePrepared', name: 'q', args: ['1 + 2', "'a,b'"] }); // prettier-ignore
    expect(route('DECLARE "C" BINARY NO SCROLL CURSOR WITH HOLD FOR SELECT 1')).toEqual({ kind: 'declare', name: 'C', hold: true, binary: true, query: 'SELECT 1' }); // prettier-ignore
    expect(route('FETCH FORWARD 5 FROM c')).toEqual({ kind: 'fetch', name: 'c', count: 5, move: false });
    expect(route('MOVE ALL IN c')).toEqual({ kind: 'fetch', name: 'c', count: null, move: true });
    expect(route('FETCH c')).toEqual({ kind: 'fetch', name: 'c', count: 1, move: false });
    expect(route('CLOSE ALL')).toEqual({ kind: 'closeCursor', name: null });
    expect((route('FETCH BACKWARD 2 FROM c') as { error?: { sqlState: string } }).error?.sqlState).toBe(
      '55000',
    );
  });

  it('refuses what the endpoint does not do (0A000): LISTEN, SCROLL cursors, sleeps', () => {
    for (const sql of [
      'LISTEN x',
      'DECLARE c SCROLL CURSOR FOR SELECT 1',
      "PREPARE TRANSACTION 'x'",
      'SELECT pg_sleep(10)',
    ]) {
      expect((route(sql) as { error?: { sqlState: string } }).error?.sqlState).toBe('0A000');
    }
  });
});

describe('procedure calls', () => {
  const catalog = loadCatalog();
  const withProcedures = {
    has: (n: string) => names.has(n) || !!catalog.findProcedure(n),
    procedure: (n: string) => catalog.findProcedure(n),
  };

  it('reads a procedure called as a function in FROM, with positional and named arguments', () => {
    const r = classifyStatement(`SELECT "URL" FROM public."GetOAuthAuthorizationURL"('x', "State" => $1) AS r`, withProcedures); // prettier-ignore
    expect(r).toMatchObject({ kind: 'procedureCall', call: false, args: [['CallbackUrl', "'x'"], ['State', '$1']] }); // prettier-ignore
    expect(statementWith(r as ProcedureCallRoute, 'VALUES (1, 2)')).toBe(
      `WITH "bcsql procedure arguments" AS (SELECT ('x')::text, ($1)::text), "GetOAuthAuthorizationURL"("URL", "State") AS (VALUES (1, 2)) SELECT "URL" FROM "GetOAuthAuthorizationURL" AS r`,
    );
  });

  it('reads CALL of a procedure as the same call, and keeps a WITH of the statement first', () => {
    expect(classifyStatement('CALL "RefreshOAuthAccessToken"()', withProcedures)).toMatchObject({ kind: 'procedureCall', call: true, args: [] }); // prettier-ignore
    const r = classifyStatement(
      'WITH x AS (SELECT 1) SELECT * FROM x, "GetOAuthAuthorizationURL"()',
      withProcedures,
    );
    expect(statementWith(r as ProcedureCallRoute, 'SELECT 1, 2')).toMatch(/^WITH "bcsql procedure arguments" AS \(SELECT NULL\), "GetOAuthAuthorizationURL"\("URL", "State"\) AS \(SELECT 1, 2\), x AS \(SELECT 1\) SELECT \* FROM x, "GetOAuthAuthorizationURL"$/); // prettier-ignore
  });

  it('refuses a named argument the procedure does not take (42883)', () => {
    const r = classifyStatement('SELECT * FROM "GetOAuthAuthorizationURL"(nope => 1)', withProcedures);
    expect((r as { error?: { sqlState: string } }).error?.sqlState).toBe('42883');
  });
});
