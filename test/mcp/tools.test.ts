/**
 * bcsql mcp driven by the MCP SDK's own client, over stdio and over streamable HTTP, against a
 * simulator this test starts (so it can count the requests the server sends and compare answers
 * with a direct connection).
 */
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { csvRows, startMcp, type McpSession, type Transport } from './mcpHarness';

let sim: Simulator;
let conn: Connection;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false, products: 600, orders: 300, customers: 100 });
  env = { BIGCOMMERCE_CONNECTION: simulatorConnectionString(sim) };
  conn = await connect(simulatorConnectionString(sim));
}, 60000);
afterAll(async () => {
  await conn?.close();
  await sim?.close();
});

const apiRequests = () => sim.requests.filter((r) => r.kind === 'api');

describe.each<Transport>(['stdio', 'http'])('bcsql mcp over %s', (transport) => {
  let s: McpSession;
  beforeAll(async () => {
    s = await startMcp({ transport, env, args: ['--budget', '20'] });
  }, 120000);
  afterAll(() => s?.close());
  beforeEach(() => {
    sim.setLatency(0);
    sim.resetRequests();
  });

  it('lists the five tools, each with a description and a JSON-Schema input', async () => {
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'call_procedure',
      'describe_table',
      'explain_query',
      'list_tables',
      'run_query',
    ]);
    for (const t of tools) {
      expect(t.description!.length).toBeGreaterThan(80);
      expect(t.inputSchema.type).toBe('object');
    }
    const run = tools.find((t) => t.name === 'run_query')!;
    expect(run.inputSchema.required).toEqual(['sql']);
    expect(Object.keys(run.inputSchema.properties!)).toEqual(['sql', 'params', 'maxRows', 'format']);
  });

  it('lists every table, with row counts from the API when asked', async () => {
    const plain = await s.call('list_tables');
    expect(plain.isError).toBe(false);
    expect(plain.text).toMatch(/^Products: /m);
    expect(plain.text).toMatch(/^OrderItems \[child of Orders \(WHERE OrderId = …\)\]: /m);
    expect(apiRequests()).toHaveLength(0);
    const counted = await s.call('list_tables', { rowCounts: true });
    const tables = counted.structured.tables as { name: string; rowCount: number | null }[];
    const withCounts = tables.filter((t) => t.rowCount !== null);
    // One request per count, within the budget of 20; the rest are left out and the answer says so.
    expect(withCounts.length).toBeGreaterThan(3);
    expect(withCounts.length).toBeLessThanOrEqual(20);
    expect(apiRequests()).toHaveLength(withCounts.length);
    expect(counted.text).toContain(`note: no row count for ${tables.length - withCounts.length} tables`);
    for (const t of withCounts.slice(0, 3)) {
      const direct = await conn.query(`SELECT COUNT(*) AS n FROM ${t.name}`);
      expect(t.rowCount).toBe(direct.rows[0].n);
    }
  });

  it('describes a table: columns, keys, references and the filters sent to the API', async () => {
    const r = await s.call('describe_table', { table: 'orders' });
    expect(r.isError).toBe(false);
    expect(r.text).toContain('Orders: ');
    expect(r.text).toMatch(/^ {2}Id integer NOT NULL \[API filters: [^\]]*=/m);
    expect(r.text).toMatch(/^ {2}CustomerId integer .*→ Customers\.Id/m);
    const columns = r.structured.columns as { name: string; apiFilters: string[] }[];
    expect(columns.find((c) => c.name === 'DateCreated')!.apiFilters).toEqual(
      expect.arrayContaining(['>=', '<=']),
    );
    const items = await s.call('describe_table', { table: 'OrderItems' });
    expect(items.structured.parent).toEqual({ table: 'Orders', column: 'OrderId', parentColumn: 'Id' });
    const bad = await s.call('describe_table', { table: 'Prodcts' });
    expect(bad).toMatchObject({
      isError: true,
      text: 'ERR_UNKNOWN_TABLE: no table "Prodcts"; did you mean "Products"? (list_tables lists them)',
    });
  });

  it('runs a query: the same rows as a direct connection, and the requests it really cost', async () => {
    const sql = 'SELECT Id, Name, Price FROM Products WHERE Id IN (3, 4, 5) ORDER BY Id';
    const r = await s.call('run_query', { sql });
    const sent = apiRequests().length;
    const direct = await conn.query(sql, undefined, { rowMode: 'array' });
    expect(r.isError).toBe(false);
    const rows = csvRows(r.text);
    expect(rows[0]).toEqual(['Id', 'Name', 'Price']);
    expect(rows.slice(1)).toEqual(direct.rows.map((row) => row.map(String)));
    expect(r.structured).toMatchObject({ rowCount: 3, returnedRows: 3, truncated: false });
    expect(r.structured.requestCount).toBe(sent);
    expect(sent).toBe(1);
    const params = await s.call('run_query', {
      sql: 'SELECT Name FROM Products WHERE Id = ?',
      params: [4],
      format: 'text',
    });
    expect(params.text).toContain(String(direct.rows[1][1]));
  });

  it('cuts long answers at maxRows and says so, with the full rowCount', async () => {
    const r = await s.call('run_query', { sql: 'SELECT Id FROM Customers ORDER BY Id', maxRows: 7 });
    expect(csvRows(r.text)).toHaveLength(8);
    expect(r.text).toContain('note: showing the first 7 of 100 rows (maxRows 7)');
    expect(r.structured).toMatchObject({ rowCount: 100, returnedRows: 7, truncated: true });
  });

  it('answers bad SQL with a tool error carrying the code and message, no stack, no request', async () => {
    const syntax = await s.call('run_query', { sql: 'SELEC Id FROM Products' });
    expect(syntax.isError).toBe(true);
    expect(syntax.text).toMatch(/^ERR_SQL_SYNTAX: /);
    const column = await s.call('run_query', { sql: 'SELECT Nmae FROM Products' });
    expect(column.text).toBe('ERR_UNKNOWN_COLUMN: no column "Nmae"; did you mean "Name"? in Products');
    for (const r of [syntax, column]) expect(r.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
    const invalid = await s.client.callTool({ name: 'run_query', arguments: { sql: 42 } });
    expect(invalid.isError).toBe(true);
    expect(apiRequests()).toHaveLength(0);
  });

  it('refuses writes without --read-write before they reach the provider', async () => {
    for (const sql of [
      'DELETE FROM Products WHERE Id = 1',
      "UPDATE Products SET Name = 'x' WHERE Id = 1",
      'WITH x AS (SELECT 1) DELETE FROM Products',
    ]) {
      const r = await s.call('run_query', { sql });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(
        /^ERR_READ_ONLY: (DELETE|UPDATE) refused: this MCP server is read-only\. Start bcsql mcp with --read-write/,
      );
    }
    const proc = await s.call('call_procedure', { name: 'DeleteBrandImage', arguments: { BrandId: 1 } });
    expect(proc.isError).toBe(true);
    expect(proc.text).toMatch(/^ERR_READ_ONLY: DeleteBrandImage refused: it changes the store/);
    expect(apiRequests()).toHaveLength(0);
  });

  it('explains a query without sending a request, with its estimate against the budget', async () => {
    const r = await s.call('explain_query', { sql: 'SELECT Id FROM Products LIMIT 300' });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ estimatedRequests: 2, budget: 20, withinBudget: true });
    expect(r.text).toContain('GET /v3/catalog/products');
    const unknown = await s.call('explain_query', { sql: 'SELECT * FROM OrderItems' });
    expect(unknown.structured).toMatchObject({ estimatedRequests: null, withinBudget: null });
    expect(unknown.text).toContain('fanout');
    expect(sim.requests).toHaveLength(0);
  });

  it('refuses a query whose estimate exceeds the budget before sending anything', async () => {
    const r = await s.call('run_query', { sql: 'SELECT Id FROM Products LIMIT 6000' });
    expect(r).toMatchObject({ isError: true });
    expect(r.text).toMatch(
      /^ERR_REQUEST_BUDGET: this query would send about 24 API requests, more than the request budget of 20; nothing was sent/,
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('stops a query of unknown cost once it passes the budget, and says so', async () => {
    const r = await s.call('run_query', { sql: 'SELECT COUNT(*) FROM OrderItems' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(
      /^ERR_REQUEST_BUDGET: stopped after \d+ API requests: the request budget of 20 was reached/,
    );
    // In-flight requests may finish (at most the client's concurrency), nothing after them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(apiRequests().length).toBeGreaterThan(20);
    expect(apiRequests().length).toBeLessThanOrEqual(40);
  });

  it('reports progress notifications while a query reads page after page', async () => {
    sim.setLatency(30);
    const events: { progress: number; total?: number; message?: string }[] = [];
    const r = await s.call(
      'run_query',
      { sql: 'SELECT Id FROM Products LIMIT 600' },
      { onprogress: (p) => events.push(p) },
    );
    expect(r.isError).toBe(false);
    expect(r.structured.rowCount).toBe(600);
    // One notification per page is sent; at least one must reach the client (seen: all 3 alone,
    // as few as 1 in a loaded full run, which is not yet explained).
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(3);
    expect(events.map((e) => e.progress)).toEqual([...events.map((e) => e.progress)].sort((a, b) => a - b));
    expect(events[0]).toMatchObject({
      total: 3,
      message: expect.stringMatching(/^Products: \d+ (of 600 )?rows read, \d+ API requests so far$/),
    });
  });

  it('cancels a slow query when the client cancels the request, and keeps serving', async () => {
    sim.setLatency(400);
    const abort = new AbortController();
    const pending = s.call(
      'run_query',
      {
        sql: `SELECT * FROM OrderItems WHERE OrderId IN (${Array.from({ length: 60 }, (_, i) => i + 1).join(', ')})`,
      },
      { signal: abort.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const afterCancel = apiRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(apiRequests().length).toBe(afterCancel);
    expect(afterCancel).toBeLessThan(40);
    sim.setLatency(0);
    expect((await s.call('run_query', { sql: 'SELECT Id FROM Products WHERE Id = 1' })).isError).toBe(false);
  }, 20000);

  it('calls the OAuth procedures with every token masked', async () => {
    const url = await s.call('call_procedure', {
      name: 'GetOAuthAuthorizationURL',
      arguments: { CallbackUrl: 'http://localhost:33333', State: 'xyz' },
    });
    expect(url.isError).toBe(false);
    expect(url.text).toContain(`${sim.loginBaseUrl}/oauth2/authorize?`);
    const refresh = await s.call('call_procedure', { name: 'RefreshOAuthAccessToken' });
    expect(refresh.isError).toBe(false);
    expect((refresh.structured.rows as Record<string, unknown>[])[0].OAuthAccessToken).toBe('********');
    const viaSql = await s.call('run_query', {
      sql: 'SELECT OAuthAccessToken AS t FROM RefreshOAuthAccessToken',
    });
    expect(viaSql.text).toMatch(/^ERR_USE_CALL_PROCEDURE: RefreshOAuthAccessToken is a stored procedure/);
    const props = await s.call('run_query', {
      sql: "SELECT Name, Value FROM sys_connection_props WHERE Name IN ('OAuthClientSecret', 'OAuthAccessToken')",
    });
    expect(props.text).not.toContain(sim.clientSecret);
  });

  it('serves one schema resource per table', async () => {
    const { resources } = await s.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('bigcommerce://tables/Products');
    const read = await s.client.readResource({ uri: 'bigcommerce://tables/Orders' });
    const schema = JSON.parse((read.contents[0] as { text: string }).text);
    expect(schema).toMatchObject({ name: 'Orders', primaryKey: ['Id'] });
    expect(schema.columns.map((c: { name: string }) => c.name)).toContain('CustomerId');
  });

  it('never shows the client secret or the access token in a tool result or a log line', () => {
    const seen = s.seen();
    expect(seen.length).toBeGreaterThan(1000);
    for (const secret of [sim.clientSecret, sim.accessToken]) {
      expect(seen).not.toContain(secret);
      expect(seen).not.toContain(encodeURIComponent(secret));
      expect(seen).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});
