/** EXPLAIN answers the plan without a request, and its estimates match what running costs. */
import { simSetup, type SimSetup } from './simConnection';
import { cleanEnv, ensureBuilt, runCli } from '../cli/cliHarness';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { parseStatement } from '../../src/sql/parseStatement';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 600, orders: 300, customers: 100 });
});
afterAll(() => s.close());

async function explain(sql: string, params?: unknown[]) {
  s.sim.resetRequests();
  const r = await s.conn.query(`EXPLAIN ${sql}`, params);
  expect(s.sim.requests).toHaveLength(0);
  expect(r.requestCount).toBe(0);
  expect(r.command).toBe('EXPLAIN');
  return r.rows;
}

describe('EXPLAIN', () => {
  it('describes a get by id as one request to the get endpoint', async () => {
    expect(await explain('SELECT * FROM Products WHERE Id = 7')).toEqual([
      {
        Table: 'Products',
        Mode: 'get',
        Endpoint: expect.stringMatching(/^GET \/v3\/catalog\/products\/7(\?|$)/),
        ApiFilters: 'Id = → path',
        LeftToSqlite: null,
        Requests: 1,
        Fields: null,
        Detail: null,
      },
    ]);
  });

  it('describes a limited list with its pushed filters, what SQLite keeps and its page count', async () => {
    const [row] = await explain(
      'SELECT Id FROM Products WHERE IsVisible = true AND Width = 1.5 AND Price * 2 > 3 LIMIT 300',
    );
    expect(row).toMatchObject({ Table: 'Products', Mode: 'list', Requests: null });
    expect(row.ApiFilters).toContain('IsVisible = → is_visible');
    expect(row.Endpoint).toContain('is_visible=true');
    expect(row.LeftToSqlite).toBe('Width = 1.5 AND other WHERE terms');
    const [limited] = await explain('SELECT Id FROM Products WHERE IsVisible = true LIMIT 300');
    expect(limited).toMatchObject({ Mode: 'list', Requests: 2, LeftToSqlite: null });
    expect(limited.Detail).toContain('stops after 300 records');
  });

  it('describes COUNT(*), child lists, fan-outs, joins and system tables', async () => {
    expect(await explain('SELECT COUNT(*) FROM Orders WHERE StatusId = 11')).toEqual([
      expect.objectContaining({ Table: 'Orders', Mode: 'count', Requests: 1 }),
    ]);
    expect(await explain('SELECT * FROM OrderItems WHERE OrderId IN (?, ?)', [3, 4])).toEqual([
      expect.objectContaining({
        Table: 'OrderItems',
        Mode: 'children',
        ApiFilters: 'OrderId IN → path',
        Detail: expect.stringContaining('one list per parent key (2): 3, 4'),
      }),
    ]);
    const fan = await explain('SELECT * FROM OrderItems WHERE Quantity > 1');
    expect(fan).toEqual([
      expect.objectContaining({
        Mode: 'fanout',
        Requests: null,
        LeftToSqlite: 'Quantity > 1',
        Detail: expect.stringContaining('lists Orders keys'),
      }),
    ]);
    const join = await explain(
      'SELECT p.Name, v.Sku FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2 AND v.Sku = 2',
    );
    // p.Id = 2 is carried across v.ProductId = p.Id: one child list.
    expect(join.map((r) => [r.Table, r.Mode, r.Requests])).toEqual([
      ['Products', 'get', 1],
      ['ProductVariants', 'children', null],
    ]);
    expect(join[1].LeftToSqlite).toContain('join conditions');
    const dependent = await explain(
      "SELECT o.Id, i.Name FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.DateCreated >= '2026-01-20T00:00:00Z'",
    );
    expect(dependent.map((r) => [r.Table, r.Mode, r.Requests])).toEqual([
      ['Orders', 'list', null],
      ['OrderItems', 'dependent', null],
    ]);
    expect(dependent[0].ApiFilters).toBe('DateCreated >= → min_date_created');
    expect(dependent[1].Detail).toContain('after Orders: one list per Orders.Id fetched (at most');
    expect(await explain('SELECT * FROM sys_tables')).toEqual([
      expect.objectContaining({ Table: 'sys_tables', Mode: 'system', Requests: 0 }),
    ]);
  });

  it('pushes nothing with Pushdown=false and says every term is left to SQLite', async () => {
    const off = await s.connectWith({ Pushdown: false });
    s.sim.resetRequests();
    const r = await off.query('EXPLAIN SELECT * FROM Products WHERE Id = 7');
    expect(s.sim.requests).toHaveLength(0);
    expect(r.rows).toEqual([
      expect.objectContaining({ Mode: 'list', ApiFilters: null, LeftToSqlite: 'Id = 7', Requests: null }),
    ]);
  });

  it.each([
    'SELECT * FROM Products WHERE Id = 7',
    'SELECT * FROM Products WHERE Id = 99999',
    'SELECT Name FROM Products LIMIT 10',
    'SELECT Id FROM Products LIMIT 300',
    'SELECT TOP 5 Id FROM Products',
    'SELECT COUNT(*) FROM Products',
    'SELECT COUNT(*) FROM Orders',
    'SELECT * FROM Orders WHERE Id = 12',
    'SELECT * FROM Stores',
  ])('estimates exactly the requests that %s then costs', async (sql) => {
    const rows = await explain(sql);
    const estimate = rows.reduce((n, r) => n + (r.Requests as number), 0);
    expect(rows.every((r) => typeof r.Requests === 'number')).toBe(true);
    s.sim.resetRequests();
    const run = await s.conn.query(sql);
    expect(run.requestCount).toBe(estimate);
  });

  it('checks placeholders as running would, and answers array rows in column order', async () => {
    await expect(s.conn.query('EXPLAIN SELECT * FROM Products WHERE Id = ?')).rejects.toMatchObject({
      code: 'ERR_MISSING_PARAMETER',
    });
    const r = await s.conn.query('EXPLAIN SELECT * FROM Products WHERE Id = ?', [5], { rowMode: 'array' });
    expect(r.fields.map((f) => f.name)).toEqual([
      'Table',
      'Mode',
      'Endpoint',
      'ApiFilters',
      'LeftToSqlite',
      'Requests',
      'Fields',
      'Detail',
    ]);
    expect(r.rows[0].slice(0, 2)).toEqual(['Products', 'get']);
  });

  it('rejects EXPLAIN of anything but a SELECT, pointing at what follows it', async () => {
    expect(() => parseStatement("EXPLAIN EXEC GetOAuthAuthorizationURL CallbackUrl='x'")).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_SUPPORTED', position: 9 }),
    );
    expect(() => parseStatement('EXPLAIN')).toThrow(expect.objectContaining({ code: 'ERR_SQL_SYNTAX' }));
    expect(() => parseStatement('EXPLAIN SELECT Id FROM')).toThrow(
      expect.objectContaining({ code: 'ERR_SQL_SYNTAX' }),
    );
  });
});

describe('EXPLAIN in bcsql', () => {
  it('prints the plan and, with \\timing, that it cost nothing, next to what the statement then costs', async () => {
    await ensureBuilt();
    s.sim.resetRequests();
    const r = await runCli(['-q', '-f', 'csv'], {
      env: cleanEnv({ BIGCOMMERCE_CONNECTION: simulatorConnectionString(s.sim) }),
      input: '\\timing\nEXPLAIN SELECT Id FROM Products LIMIT 300;\nSELECT Id FROM Products LIMIT 300;\n',
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    // CSV lines end with CRLF (RFC 4180).
    const lines = r.stdout.split(/\r?\n/);
    expect(lines.slice(1, 3)).toEqual([
      'Table,Mode,Endpoint,ApiFilters,LeftToSqlite,Requests,Fields,Detail',
      'Products,list,GET /v3/catalog/products?include_fields=id,,,2,id,stops after 300 records; page size 250',
    ]);
    expect(r.stdout.match(/Time: [\d.]+ ms, \d+ API requests/g)).toEqual([
      expect.stringMatching(/, 0 API requests$/),
      expect.stringMatching(/, 2 API requests$/),
    ]);
    expect(s.sim.requests.filter((q) => q.kind === 'api')).toHaveLength(2);
  }, 120000);
});
