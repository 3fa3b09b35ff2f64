/**
 * "Which 5 customers spent most last month?" asked of the demo store the way an assistant would
 * (list_tables → describe_table → run_query), with the answer checked against a direct
 * conn.query on the same seeded store.
 */
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { simulatorConnectionString } from '../../src/cli/simulatorConnection';
import { csvRows, startMcp, type McpSession } from './mcpHarness';

let s: McpSession;
let sim: Simulator;
let conn: Connection;
beforeAll(async () => {
  s = await startMcp({ transport: 'stdio', args: ['--demo'] });
  // The demo store is the simulator's default store: the same seed gives the same data.
  sim = await startSimulator();
  conn = await connect(simulatorConnectionString(sim));
}, 180000);
afterAll(async () => {
  await s?.close();
  await conn?.close();
  await sim?.close();
});

/** The month before the one holding `iso`, as [first day, first day of the next month). */
function previousMonth(iso: string): [string, string] {
  const d = new Date(iso);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const day = (x: Date) => x.toISOString().slice(0, 10);
  return [day(start), day(end)];
}

describe('an assistant answering "which 5 customers spent most last month?" on the demo store', () => {
  it('finds the tables, reads their columns and gets the same top 5 as a direct query', async () => {
    const tables = await s.call('list_tables');
    expect(tables.text).toMatch(/^Orders: /m);
    expect(tables.text).toMatch(/^Customers: /m);

    const orders = await s.call('describe_table', { table: 'Orders' });
    expect(orders.text).toMatch(/^ {2}CustomerId integer .*→ Customers\.Id/m);
    expect(orders.text).toMatch(/^ {2}DateCreated datetime .*\[API filters: [^\]]*>=/m);
    expect(orders.text).toMatch(/^ {2}TotalIncTax decimal/m);
    const customers = await s.call('describe_table', { table: 'Customers' });
    expect(customers.text).toMatch(/^ {2}Email string/m);

    // "Last month" of the store's own calendar: the month before its latest order.
    const latest = await s.call('run_query', { sql: 'SELECT MAX(DateCreated) AS Latest FROM Orders' });
    const [from, to] = previousMonth(csvRows(latest.text)[1][0]);

    const sql =
      'SELECT c.Id, c.FirstName, c.LastName, c.Email, COUNT(*) AS Orders, SUM(o.TotalIncTax) AS Spent ' +
      'FROM Orders o JOIN Customers c ON c.Id = o.CustomerId ' +
      'WHERE o.DateCreated >= ? AND o.DateCreated < ? ' +
      'GROUP BY c.Id, c.FirstName, c.LastName, c.Email ORDER BY Spent DESC, c.Id LIMIT 5';
    const params = [`${from}T00:00:00Z`, `${to}T00:00:00Z`];
    const plan = await s.call('explain_query', { sql, params });
    expect(plan.isError).toBe(false);
    const answer = await s.call('run_query', { sql, params });
    expect(answer.isError).toBe(false);
    const rows = csvRows(answer.text);
    expect(rows[0]).toEqual(['Id', 'FirstName', 'LastName', 'Email', 'Orders', 'Spent']);
    expect(rows).toHaveLength(6);

    const direct = await conn.query(sql, params, { rowMode: 'array' });
    expect(rows.slice(1)).toEqual(direct.rows.map((r) => r.map(String)));
    expect(answer.structured.requestCount).toBe(direct.requestCount);
  }, 120000);
});
