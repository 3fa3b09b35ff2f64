/**
 * Procedures through `bcsql serve` as PostgreSQL clients call them: set-returning functions in
 * FROM (positional, named and bound arguments, with SQL around the call), CALL, and the catalog
 * rows psql's \df reads — with the provider's own EXEC as the judge and the token never shown.
 */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { SECRET_MASK } from '../../src/options/properties';
import { run, servedClient } from './serverHarness';

const harness = servedClient();

const URL_PROC = '"GetOAuthAuthorizationURL"';

describe('procedures as set-returning functions', () => {
  it('returns the rows of the provider EXEC for positional and named arguments', async () => {
    const r = await harness.c.query(`SELECT * FROM ${URL_PROC}('http://cb.example/x', "State" => 'st-1')`);
    const direct = await harness.t.conn.query("EXEC GetOAuthAuthorizationURL CallbackUrl='http://cb.example/x', State='st-1'"); // prettier-ignore
    expect(r.fields.map((f) => f.name)).toEqual(['URL', 'State']);
    expect(r.rows).toEqual(direct.rows);
    expect(r.rows[0].URL).toContain('redirect_uri=http%3A%2F%2Fcb.example%2Fx');
  });

  it('binds parameters in the arguments and evaluates the SQL around the call', async () => {
    const r = await harness.c.query(
      `SELECT upper(p."State") AS s, position('state=' || $2 IN p."URL") > 0 AS has_state
         FROM ${URL_PROC}(State => $2, "CallbackUrl" => $1) AS p WHERE p."State" = $2`,
      ['http://cb.example/y', 'st-2'],
    );
    expect(r.rows).toEqual([{ s: 'ST-2', has_state: true }]);
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([25, 16]);
  });

  it('answers CALL with the procedure rows and the tag CALL', async () => {
    const r = await harness.c.query(`CALL ${URL_PROC}('http://cb.example/z')`);
    expect(r.command).toBe('CALL');
    expect(r.rows[0].URL).toContain('redirect_uri=http%3A%2F%2Fcb.example%2Fz');
  });

  it('refuses an argument the procedure does not take, naming its parameters (42883)', async () => {
    const err = await harness.c.query(`SELECT * FROM ${URL_PROC}(nope => 1)`).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(err?.code).toBe('42883');
    expect(err?.message).toMatch(/CallbackUrl text, Scope text, State text/);
  });

  it('masks the token columns of a procedure called as a function, whatever expression reads them', async () => {
    for (const sql of [
      'SELECT * FROM "RefreshOAuthAccessToken"()',
      'SELECT upper("OAuthAccessToken") AS v FROM "RefreshOAuthAccessToken"()',
      `SELECT encode(convert_to("OAuthAccessToken", 'UTF8'), 'base64') AS v FROM "RefreshOAuthAccessToken"()`,
      'CALL "RefreshOAuthAccessToken"()',
    ]) {
      const r = await harness.c.query({ text: sql, rowMode: 'array' });
      expect(r.rows.length).toBe(1);
      const text = JSON.stringify(r.rows);
      expect(text).not.toContain(harness.t.sim.accessToken.slice(-12));
      expect(text).not.toContain(Buffer.from(harness.t.sim.accessToken).toString('base64').slice(0, 12));
    }
    const plain = await harness.c.query('SELECT "OAuthAccessToken" FROM "RefreshOAuthAccessToken"()');
    expect(plain.rows).toEqual([{ OAuthAccessToken: SECRET_MASK }]);
  });

  it('refuses a procedure that changes the store while the endpoint is read-only (25006)', async () => {
    const writer = loadCatalog().procedures.find((p) => p.writes);
    expect(writer).toBeDefined();
    for (const sql of [`SELECT * FROM "${writer!.name}"(1)`, `CALL "${writer!.name}"(1)`]) {
      const code = await harness.c.query(sql).then(
        () => 'ran',
        (e: { code: string }) => e.code,
      );
      expect(code).toBe('25006');
    }
  });

  it('lists the procedures in pg_proc, so psql \\df shows them with their arguments', async () => {
    const r = await harness.c.query(
      "SELECT proname, prokind, pg_get_function_arguments(oid) AS args, obj_description(oid, 'pg_proc') AS d FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname", // prettier-ignore
    );
    const names = loadCatalog().procedures.map((p) => p.name);
    expect(r.rows.map((p) => [p.proname, p.prokind])).toEqual(names.sort().map((n) => [n, 'p']));
    const url = r.rows.find((p) => p.proname === 'GetOAuthAuthorizationURL')!;
    expect(url.args).toMatch(/^OUT "URL" text, IN "CallbackUrl" text DEFAULT NULL::text/);
    expect(url.d).toMatch(/^Builds the URL a user opens/);
    const psql = await run('psql', ['-X', '-h', '127.0.0.1', '-p', String(harness.t.port), '-U', 'analyst', '-d', 'bigcommerce', '-c', '\\df']); // prettier-ignore
    expect(psql.stderr).toBe('');
    expect(psql.stdout).toMatch(/^ public \| GetOAuthAuthorizationURL +\| +\| OUT "URL" text, .*\| proc$/m);
  });
});
