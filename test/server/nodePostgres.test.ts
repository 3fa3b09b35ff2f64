/**
 * node-postgres (`pg`), which speaks the extended protocol (Parse/Bind/Describe/Execute/Sync)
 * for every parameterised query, against `bcsql serve`.
 */
import { Client, types as pgTypes } from 'pg';
import { START_TIMEOUT, startTestServer, type TestServer } from './serverHarness';

let t: TestServer;
const clients: Client[] = [];

/**
 * Store columns are bigint and numeric, which node-postgres hands over as strings unless told
 * otherwise; these tests read them as numbers, as applications comparing with JavaScript values do.
 */
const asNumbers = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? Number : pgTypes.getTypeParser(oid, format as 'text'),
};

async function client(applicationName = 'pg-test', numbers = true): Promise<Client> {
  const c = new Client({
    host: '127.0.0.1',
    port: t.port,
    user: 'analyst',
    database: 'bigcommerce',
    application_name: applicationName,
    ...(numbers ? { types: asNumbers } : {}),
  });
  await c.connect();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  t = await startTestServer();
}, START_TIMEOUT);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await t?.close();
});

describe('node-postgres', () => {
  it('runs a parameterised query and returns the same rows as the provider', async () => {
    const c = await client();
    const r = await c.query(
      'SELECT "Id", "Name", "Price" FROM "Products" WHERE "Price" > $1 AND "IsVisible" = $2 ORDER BY "Id"',
      [50, true],
    );
    const direct = await t.conn.query('SELECT Id, Name, Price FROM Products WHERE Price > ? AND IsVisible = ? ORDER BY Id', [50, true]); // prettier-ignore
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows).toEqual(direct.rows);
  });

  it('expands an array bound to = ANY($1) and pushes it down as one id:in request', async () => {
    const c = await client();
    t.sim.resetRequests();
    const r = await c.query('SELECT "Id", "Name" FROM "Products" WHERE "Id" = ANY($1) ORDER BY "Id"', [
      [3, 1, 2],
    ]);
    const direct = await t.conn.query('SELECT Id, Name FROM Products WHERE Id IN (1, 2, 3) ORDER BY Id');
    expect(r.rows.map((row) => row.Id)).toEqual([1, 2, 3]);
    expect(r.rows).toEqual(direct.rows);
    expect(t.sim.requests.filter((q) => q.kind === 'api')[0]?.query).toMatchObject({ 'id:in': '3,1,2' });
  });

  it('returns numbers as numbers, booleans as booleans, timestamps as Dates and json as values', async () => {
    const c = await client();
    const r = await c.query(
      'SELECT "Id", "Price", "IsVisible", "DateModified", "Categories" FROM "Products" WHERE "Id" = $1',
      [1],
    );
    const direct = (await t.conn.query('SELECT Id, Price, IsVisible, DateModified, Categories FROM Products WHERE Id = 1')).rows[0]; // prettier-ignore
    const row = r.rows[0];
    expect(row.Id).toBe(1);
    expect(typeof row.Price).toBe('number');
    expect(row.Price).toBe(direct.Price);
    expect(row.IsVisible).toBe(direct.IsVisible);
    expect(row.DateModified).toBeInstanceOf(Date);
    expect(row.DateModified.toISOString().replace('.000Z', 'Z')).toBe(direct.DateModified);
    expect(row.Categories).toEqual(JSON.parse(String(direct.Categories)));
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([20, 1700, 16, 1184, 3802]);
  });

  it('types expressions as PostgreSQL does: count(*) is int8 (a string in pg), count(*)::int a number', async () => {
    const c = await client('pg-test', false);
    const r = await c.query('SELECT count(*) AS n, count(*)::int AS m FROM "Brands"');
    const direct = await t.conn.query('SELECT count(*) AS n FROM Brands');
    expect(r.rows[0]).toEqual({ n: String(direct.rows[0].n), m: direct.rows[0].n });
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([20, 23]);
  });

  it("keeps both values of two columns named Id with rowMode 'array'", async () => {
    const c = await client();
    const r = await c.query({
      text: 'SELECT p."Id", v."Id" FROM "Products" p JOIN "ProductVariants" v ON v."ProductId" = p."Id" WHERE p."Id" = $1 ORDER BY v."Id"',
      values: [2],
      rowMode: 'array',
    });
    const variants = await t.conn.query('SELECT Id FROM ProductVariants WHERE ProductId = 2 ORDER BY Id');
    const ids = variants.rows.map((v) => v.Id);
    // At least one variant id differs from the product's, so a lost value would show.
    expect(ids.some((id) => id !== 2)).toBe(true);
    expect(r.fields.map((f) => f.name)).toEqual(['Id', 'Id']);
    expect(r.rows).toEqual(ids.map((id) => [2, id]));
  });

  it('runs a named prepared statement twice with different parameters', async () => {
    const c = await client();
    const byId = (id: number) =>
      c.query({
        name: 'product-by-id',
        text: 'SELECT "Id", "Name" FROM "Products" WHERE "Id" = $1',
        values: [id],
      });
    const first = await byId(2);
    t.sim.resetRequests();
    const second = await byId(3);
    expect(first.rows).toEqual([{ Id: 2, Name: expect.any(String) }]);
    expect(second.rows).toEqual([{ Id: 3, Name: expect.any(String) }]);
    expect(second.rows[0].Name).not.toBe(first.rows[0].Name);
    // Id = n is a get-by-id on the API: one request per execution.
    expect(t.sim.requests.filter((q) => q.path.includes('/catalog/products'))).toHaveLength(1);
  });

  it('estimates rows in pg_class.reltuples from the API totals: one request per table, then cached', async () => {
    const c = await client();
    const sql = `SELECT relname, reltuples FROM pg_class WHERE relname IN ('Orders', 'Products', 'ProductVariants') AND relkind = 'r' ORDER BY 1`; // prettier-ignore
    t.sim.resetRequests();
    const first = await c.query(sql);
    const counted = t.sim.requests.filter((q) => q.kind === 'api');
    t.sim.resetRequests();
    const again = await c.query(sql);
    expect(t.sim.requests.filter((q) => q.kind === 'api')).toHaveLength(0);
    const total = async (table: string) => Number((await t.conn.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n); // prettier-ignore
    // A child table has no cheap total: it keeps PostgreSQL's "unknown".
    expect(first.rows).toEqual([
      { relname: 'Orders', reltuples: await total('Orders') },
      { relname: 'ProductVariants', reltuples: -1 },
      { relname: 'Products', reltuples: await total('Products') },
    ]);
    expect(again.rows).toEqual(first.rows);
    expect(counted.length).toBeGreaterThan(2);
    // One page of one record (v3's total), or a v2 count endpoint: never a scan.
    expect(counted.filter((q) => q.query.limit !== '1' && !q.path.endsWith('/count'))).toEqual([]);
    expect(new Set(counted.map((q) => q.path)).size).toBe(counted.length);
  });

  it('answers current_user with the user who logged in, in catalog and store statements', async () => {
    const c = await client();
    expect((await c.query('SELECT current_user AS u')).rows).toEqual([{ u: 'analyst' }]);
    const store = await c.query('SELECT current_user AS u, count(*) AS n FROM "Brands"');
    expect(store.rows[0].u).toBe('analyst');
    expect(store.rows[0].n).toBeGreaterThan(0);
    // The role reads every table and nothing a superuser alone may.
    await expect(c.query("SELECT pg_read_file('PG_VERSION')")).rejects.toMatchObject({ code: '42501' });
  });

  it("prints timestamps in the session's time zone after SET TIME ZONE, in store and catalog statements", async () => {
    const c = await client();
    await c.query("SET TIME ZONE 'Asia/Kolkata'");
    const r = await c.query(`SELECT "DateCreated"::text AS d, TIMESTAMPTZ '2025-01-01 00:00:00+00'::text AS k FROM "Orders" ORDER BY "Id" LIMIT 1`); // prettier-ignore
    expect(r.rows[0].d).toMatch(/\+05:30$/);
    expect(r.rows[0].k).toBe('2025-01-01 05:30:00+05:30');
    expect((await c.query('SELECT now()::text AS n')).rows[0].n).toMatch(/\+05:30$/);
  });

  it('binds a parameter used twice and out of order', async () => {
    const c = await client();
    const r = await c.query('SELECT "Id" FROM "Products" WHERE "Id" >= $2 AND "Id" <= $1 AND "Id" <> $2 ORDER BY "Id"', [5, 3]); // prettier-ignore
    expect(r.rows.map((x) => x.Id)).toEqual([4, 5]);
  });

  it('filters on a timestamp parameter given as a Date', async () => {
    const c = await client();
    const cut = new Date('2025-01-01T00:00:00Z');
    const r = await c.query('SELECT "Id" FROM "Orders" WHERE "DateCreated" >= $1 ORDER BY "Id"', [cut]);
    const direct = await t.conn.query('SELECT Id FROM Orders WHERE DateCreated >= ? ORDER BY Id', ['2025-01-01T00:00:00Z']); // prettier-ignore
    expect(r.rows).toEqual(direct.rows);
  });

  it('answers catalog queries with parameters from the embedded PostgreSQL', async () => {
    const c = await client();
    const r = await c.query(
      'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position LIMIT 2',
      ['public', 'Orders'],
    );
    expect(r.rows).toEqual([
      { column_name: 'Id', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'CustomerId', data_type: 'bigint', is_nullable: 'YES' },
    ]);
    const v = await c.query('SELECT current_database() AS db, current_schema() AS schema, version() LIKE $1 AS pg', ['PostgreSQL %']); // prettier-ignore
    expect(v.rows).toEqual([{ db: 'bigcommerce', schema: 'public', pg: true }]);
  });

  it('reports an error with its SQLSTATE and goes on in the same session', async () => {
    const c = await client();
    await expect(
      c.query('SELECT * FROM "Products" WHERE "Id" = $1::interval', ['1 day']),
    ).rejects.toMatchObject({
      code: '42883',
      message: expect.stringMatching(/operator does not exist: bigint = interval/),
    });
    await expect(c.query('INSERT INTO "Brands" ("Id") VALUES ($1)', [9])).rejects.toMatchObject({
      code: '25006',
    });
    await expect(c.query('SELECT 1 FROM pg_class WHERE nosuch = $1', [1])).rejects.toMatchObject({
      code: '42703',
    });
    const r = await c.query('SELECT "Name" FROM "Brands" WHERE "Id" = $1', [1]);
    expect(r.rows).toHaveLength(1);
  });

  it('keeps sessions independent: a SET in one is not seen by another', async () => {
    const [a, b] = await Promise.all([client('first'), client('second')]);
    await a.query("SET application_name = 'changed'");
    const [ra, rb] = await Promise.all([a.query('SHOW application_name'), b.query('SHOW application_name')]);
    expect(ra.rows[0].application_name).toBe('changed');
    expect(rb.rows[0].application_name).toBe('second');
  });

  it('serves concurrent sessions at the same time with correct results', async () => {
    const sessions = await Promise.all([client(), client(), client(), client()]);
    const results = await Promise.all(
      sessions.map((c, i) => c.query('SELECT "Id", "Name" FROM "Products" WHERE "Id" = $1', [i + 1])),
    );
    results.forEach((r, i) => expect(r.rows[0].Id).toBe(i + 1));
  });

  it('never sends the access token to a client', async () => {
    const c = await client();
    const props = await c.query('SELECT "Name", "Value" FROM sys_connection_props WHERE "Name" IN ($1, $2)', [
      'OAuthAccessToken',
      'OAuthClientSecret',
    ]);
    expect(props.rows).toEqual(
      expect.arrayContaining([
        { Name: 'OAuthAccessToken', Value: '********' },
        { Name: 'OAuthClientSecret', Value: '********' },
      ]),
    );
    // Without a refresh token this procedure answers with the connection's current token.
    const refreshed = await c.query('SELECT * FROM "RefreshOAuthAccessToken"');
    expect(refreshed.rows[0].OAuthAccessToken).toBe('********');
    expect(JSON.stringify(refreshed.rows)).not.toContain(t.sim.accessToken);
  });
});
