/** SELECT end to end: connect → parse → plan → fetch from the simulator → SQLite → typed rows. */
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { packageVersion } from '../../src/catalog/packageRoot';
import type { Connection } from '../../src';
import { requiredWhere, simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 120, customers: 40, orders: 60 });
});
afterAll(() => s.close());

describe('every table', () => {
  const tables = loadCatalog().tables;

  it.each(tables.map((t) => [t.name, t] as const))(
    '%s answers SELECT * … LIMIT 5 with its columns',
    async (name, def) => {
      const r = await s.conn.query(`SELECT * FROM ${name}${requiredWhere(s.sim, def)} LIMIT 5`);
      expect(r.fields.map((f) => f.name)).toEqual(def.columns.map((c) => c.name));
      expect(r.fields.map((f) => f.dataType)).toEqual(def.columns.map((c) => c.type));
      expect(r.rowCount).toBeGreaterThan(0);
      expect(r.rowCount).toBeLessThanOrEqual(5);
      expect(r.warnings).toEqual([]);
    },
  );
});

describe('values come back typed', () => {
  it('returns booleans, ISO 8601 UTC datetimes, numbers and JSON text', async () => {
    const { rows } = await s.conn.query(
      'SELECT IsVisible, DateModified, Price, Categories FROM Products WHERE Id = 1',
    );
    const [p] = rows;
    expect(typeof p.IsVisible).toBe('boolean');
    expect(p.DateModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(typeof p.Price).toBe('number');
    expect(Array.isArray(JSON.parse(p.Categories as string))).toBe(true);
  });

  it('turns v2 RFC 2822 dates and decimal strings into ISO dates and numbers', async () => {
    const raw = s.sim.store.order(3)!;
    const { rows } = await s.conn.query('SELECT DateCreated, TotalIncTax FROM Orders WHERE Id = 3');
    expect(rows[0].DateCreated).toBe(
      new Date(raw.date_created as string).toISOString().replace('.000Z', 'Z'),
    );
    expect(rows[0].TotalIncTax).toBe(Number(raw.total_inc_tax));
  });
});

describe('system tables', () => {
  it('lists the columns of a table in order', async () => {
    const { rows } = await s.conn.query(
      "SELECT ColumnName FROM sys_tablecolumns WHERE TableName = 'Products' ORDER BY Ordinal LIMIT 3",
    );
    expect(rows.map((r) => r.ColumnName)).toEqual(['Id', 'Name', 'Type']);
  });

  it('lists every table in sys_tables', async () => {
    const { rows } = await s.conn.query(
      "SELECT TableName FROM SYS_TABLES WHERE TableType IN ('TABLE', 'VIEW')",
    );
    expect(rows).toHaveLength(loadCatalog().tables.length);
  });

  it('shows connection properties with the token masked', async () => {
    const { rows } = await s.conn.query(
      "SELECT Name, Value FROM sys_connection_props WHERE Name IN ('OAuthAccessToken', 'StoreId', 'Pushdown') ORDER BY Name",
    );
    expect(rows).toEqual([
      { Name: 'OAuthAccessToken', Value: expect.not.stringContaining(s.sim.accessToken) },
      { Name: 'Pushdown', Value: 'true' },
      { Name: 'StoreId', Value: s.sim.storeHash },
    ]);
  });

  it('reports the provider version, the SQLite version and the store in sys_information', async () => {
    const { rows } = await s.conn.query('SELECT Version, SqliteVersion, StoreId FROM sys_information');
    expect(rows).toEqual([
      { Version: packageVersion(), SqliteVersion: expect.stringMatching(/^3\./), StoreId: s.sim.storeHash },
    ]);
  });

  it('joins system tables with each other and costs no API request', async () => {
    s.sim.resetRequests();
    const { rows } = await s.conn.query(
      "SELECT t.TableName, COUNT(*) AS n FROM sys_tables t JOIN sys_tablecolumns c ON c.TableName = t.TableName WHERE t.TableName = 'Brands' GROUP BY t.TableName",
    );
    expect(rows).toEqual([{ TableName: 'Brands', n: loadCatalog().findTable('Brands')!.columns.length }]);
    expect(s.apiRequests()).toHaveLength(0);
  });
});

describe('procedures through SELECT', () => {
  it('runs SELECT * FROM GetOAuthAuthorizationURL WHERE … as the procedure', async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId });
    const r = await c.query(
      "SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'http://localhost:33333' AND State = ?",
      ['xyz'],
    );
    expect(r.command).toBe('SELECT');
    expect(r.rows[0].URL).toContain(`${s.sim.loginBaseUrl}/oauth2/authorize?`);
    expect(r.rows[0].URL).toContain('state=xyz');
  });

  it("runs the user's select list over the procedure's result", async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId });
    const r = await c.query(
      "SELECT URL, length(State) AS n FROM GetOAuthAuthorizationURL WHERE CallbackUrl = 'http://localhost:33333' AND State = 'xyz'",
    );
    expect(r.fields).toEqual([
      { name: 'URL', dataType: 'string' },
      { name: 'n', dataType: 'integer' },
    ]);
    expect(r.rows).toEqual([{ URL: expect.stringContaining('state=xyz'), n: 3 }]);
  });

  it('binds ? values outside the WHERE (LIMIT ?) after the ones that became arguments', async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId, CallbackURL: 'http://localhost:33333' });
    const r = await c.query('SELECT State FROM GetOAuthAuthorizationURL WHERE State = ? LIMIT ?', ['abc', 0]);
    expect(r.rows).toEqual([]);
    const named = await c.query('SELECT State FROM GetOAuthAuthorizationURL WHERE State = @s', { s: 'abc' });
    expect(named.rows).toEqual([{ State: 'abc' }]);
  });

  it('streams the projected rows too', async () => {
    const c = await s.connectWith({ OAuthClientId: s.sim.clientId, CallbackURL: 'http://localhost:33333' });
    const rows: unknown[] = [];
    for await (const row of c.stream("SELECT State FROM GetOAuthAuthorizationURL WHERE State = 'q'"))
      rows.push(row);
    expect(rows).toEqual([{ State: 'q' }]);
  });

  it('reports a mistyped column before running the procedure, so no code is spent', async () => {
    s.sim.resetRequests();
    await expect(
      s.conn.query("SELECT Tokn FROM GetOAuthAccessToken WHERE AuthMode = 'WEB' AND Verifier = 'code-1234'"),
    ).rejects.toMatchObject({ code: 'ERR_UNKNOWN_COLUMN', message: expect.stringContaining('"Tokn"') });
    expect(s.sim.requests).toHaveLength(0);
  });

  it('rejects a WHERE that is not Param = value terms', async () => {
    await expect(
      s.conn.query("SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl LIKE 'http%'"),
    ).rejects.toMatchObject({ code: 'ERR_SQL_SYNTAX' });
  });
});

describe('errors', () => {
  it('suggests the table that was meant', async () => {
    await expect(s.conn.query('SELECT * FROM Prodcts')).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_TABLE',
      message: expect.stringContaining('did you mean "Products"?'),
    });
  });

  it('suggests the column that was meant', async () => {
    await expect(s.conn.query('SELECT o.Id, o.TotalIncTx FROM Orders o')).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_COLUMN',
      message: expect.stringContaining('did you mean "TotalIncTax"?'),
    });
  });

  it('suggests the column that was meant when the mistyped name is quoted, "Nmae" or [Nmae]', async () => {
    for (const sql of [
      'SELECT "Nmae" FROM Products',
      'SELECT [Nmae] FROM Products',
      'SELECT Id FROM Products WHERE "Nmae" = \'x\'',
    ]) {
      const err = await s.conn.query(sql).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'ERR_UNKNOWN_COLUMN',
        message: expect.stringContaining('no column "Nmae"; did you mean "Name"?'),
      });
      expect((err as Error).message).not.toMatch(/string literal/);
    }
  });

  it("passes SQLite's own message for other SQL errors", async () => {
    await expect(s.conn.query('SELECT Id FROM Products GROUP BY')).rejects.toMatchObject({
      code: expect.stringMatching(/^ERR_SQL/),
    });
    await expect(s.conn.query('SELECT abs(Id, Id, Id) FROM Products')).rejects.toMatchObject({
      code: 'ERR_SQL',
      message: expect.stringContaining('wrong number of arguments'),
    });
  });

  it('says to check the token on a 401, without the token in the message', async () => {
    const c = await s.connectWith({ OAuthAccessToken: 'not-a-valid-token' });
    const err = await c.query('SELECT * FROM Brands').catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'ERR_API_UNAUTHORIZED' });
    expect((err as Error).message).not.toContain('not-a-valid-token');
  });

  it('names the scope a table needs on a 403', async () => {
    const token = s.sim.issueToken({ scope: 'store_v2_products_read_only' });
    const c = await s.connectWith({ OAuthAccessToken: token });
    await expect(c.query('SELECT * FROM Orders')).rejects.toMatchObject({
      code: 'ERR_API_FORBIDDEN',
      message: expect.stringContaining('store_v2_orders'),
    });
  });
});

describe('child tables', () => {
  it('fans out over every parent when the parent key is not in WHERE', async () => {
    s.sim.resetRequests();
    const r = await s.conn.query('SELECT COUNT(*) AS n FROM OrderItems');
    const expected = s.sim.store.records('orderProducts').length;
    expect(r.rows).toEqual([{ n: expected }]);
    expect(r.warnings).toEqual([]);
    expect(s.apiRequests().filter((q) => /\/orders\/\d+\/products$/.test(q.path))).toHaveLength(60);
  });

  it('warns when MaxFanOut cuts the fan-out short, never silently', async () => {
    const c = await s.connectWith({ MaxFanOut: 3 });
    const r = await c.query('SELECT DISTINCT OrderId FROM OrderItems');
    expect(r.rowCount).toBeLessThanOrEqual(3);
    expect(r.warnings).toEqual([expect.stringContaining('MaxFanOut')]);
  });

  it("reads a missing parent's children as no rows", async () => {
    const r = await s.conn.query('SELECT * FROM OrderItems WHERE OrderId = 999999');
    expect(r.rows).toEqual([]);
  });
});

describe('stream()', () => {
  it('yields the same rows as query(), from on-disk staging above the threshold', async () => {
    const c = await s.connectWith({ StagingRowThreshold: 50 });
    const streamed: unknown[] = [];
    for await (const row of c.stream('SELECT Id, IsVisible FROM Products ORDER BY Id')) streamed.push(row);
    const { rows } = await s.conn.query('SELECT Id, IsVisible FROM Products ORDER BY Id');
    expect(streamed).toEqual(rows);
    expect(streamed).toHaveLength(120);
  });

  it('stops early when the consumer breaks out', async () => {
    let n = 0;
    for await (const _row of s.conn.stream('SELECT Id FROM Products')) {
      if (++n === 3) break;
    }
    expect(n).toBe(3);
    // The connection still works after an abandoned stream.
    expect((await s.conn.query('SELECT COUNT(*) AS n FROM Products')).rows).toEqual([{ n: 120 }]);
  });
});

describe('cancellation and close()', () => {
  let slow: Connection;
  beforeAll(async () => {
    slow = await s.connectWith({ MaxConcurrentRequests: 1 });
  });
  afterEach(() => s.sim.setLatency(0));

  it('cancels a statement through its AbortSignal and stops sending requests', async () => {
    s.sim.setLatency(100);
    s.sim.resetRequests();
    const controller = new AbortController();
    const pending = slow.query('SELECT * FROM OrderItems', undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    const sent = s.apiRequests().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(s.apiRequests().length).toBeLessThanOrEqual(sent + 1);
    expect(sent).toBeLessThan(61);
  });

  it('refuses a statement whose signal is already aborted, before any request', async () => {
    s.sim.resetRequests();
    const controller = new AbortController();
    controller.abort();
    await expect(
      s.conn.query('SELECT * FROM Brands', undefined, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'ERR_CANCELLED',
    });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it('fails statements in flight and after close() with ERR_CONNECTION_CLOSED', async () => {
    const c = await s.connectWith({ MaxConcurrentRequests: 1 });
    s.sim.setLatency(100);
    const pending = c.query('SELECT * FROM OrderItems');
    await new Promise((r) => setTimeout(r, 150));
    await c.close();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CONNECTION_CLOSED' });
    await expect(c.query('SELECT 1 FROM Brands')).rejects.toMatchObject({ code: 'ERR_CONNECTION_CLOSED' });
    expect(c.closed).toBe(true);
  });
});

describe('progress', () => {
  it('reports pages as they arrive', async () => {
    const events: { table: string; pagesFetched: number }[] = [];
    await s.conn.query('SELECT * FROM Products', undefined, { onProgress: (p) => events.push(p) });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.table === 'Products')).toBe(true);
  });
});
