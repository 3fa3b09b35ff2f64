/**
 * Projection end to end: the include_fields the simulator receives, the bytes it sends back per
 * row, what staging holds, and that the answers equal those of reading every field.
 */
import * as path from 'node:path';
import { readIfExists, tempDir } from '../auth/oauthTestKit';
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 600, orders: 40, customers: 20 });
});
afterAll(() => s.close());

/** Response bytes per row of a statement, as the simulator wrote them. */
async function bytesPerRow(sql: string): Promise<number> {
  s.sim.resetRequests();
  const r = await s.conn.query(sql);
  const bytes = s.sim.requests.filter((q) => q.kind === 'api').reduce((n, q) => n + (q.bytes ?? 0), 0);
  expect(r.rowCount).toBeGreaterThan(0);
  return bytes / r.rowCount;
}

describe('include_fields', () => {
  it.each<[string, string[]]>([
    ['SELECT Id, Name, Price FROM Products', ['id,name,price', 'id,name,price', 'id,name,price']],
    ['SELECT Name FROM Products WHERE Id = 3', ['id,name']],
    [
      'SELECT BrandId, COUNT(*) FROM Products GROUP BY BrandId LIMIT 1',
      ['id,brand_id', 'id,brand_id', 'id,brand_id'],
    ],
    [
      'SELECT p.Name, b.Name FROM Products p JOIN Brands b ON b.Id = p.BrandId WHERE p.Id = 3',
      ['id,name,brand_id', 'id,name'],
    ],
    ['SELECT * FROM Products WHERE Id = 3', ['']],
  ])('%s asks for %j', async (sql, expected) => {
    s.sim.resetRequests();
    await s.conn.query(sql);
    const sent = s.apiRequests().map((r) => r.query.include_fields ?? '');
    expect(sent.sort()).toEqual([...expected].sort());
  });

  it('sends no include_fields to v2 endpoints, and none with Pushdown=false', async () => {
    s.sim.resetRequests();
    await s.conn.query('SELECT Id, TotalIncTax FROM Orders');
    expect(s.apiRequests().some((r) => 'include_fields' in r.query)).toBe(false);
    const off = await s.connectWith({ Pushdown: false });
    s.sim.resetRequests();
    await off.query('SELECT Id, Name, Price FROM Products');
    expect(s.apiRequests().some((r) => 'include_fields' in r.query)).toBe(false);
  });

  it('brings SELECT Id, Name, Price to under a tenth of the bytes per row of SELECT *', async () => {
    const narrow = await bytesPerRow('SELECT Id, Name, Price FROM Products');
    const star = await bytesPerRow('SELECT * FROM Products');
    expect(narrow * 10).toBeLessThanOrEqual(star);
  });

  it('answers as reading every field does, for the table, a join, a child fan-out and v2', async () => {
    const off = await s.connectWith({ Pushdown: false });
    for (const sql of [
      'SELECT Id, Name, Price FROM Products ORDER BY Id',
      'SELECT b.Name AS brand, COUNT(*) AS n, MAX(p.Price) AS top FROM Products p JOIN Brands b ON b.Id = p.BrandId GROUP BY b.Name ORDER BY b.Name',
      'SELECT ProductId, COUNT(*) AS n FROM ProductImages WHERE ProductId IN (1, 2, 3) GROUP BY ProductId ORDER BY ProductId',
      'SELECT Id, CustomerId FROM Orders ORDER BY Id',
    ]) {
      expect((await s.conn.query(sql)).rows).toEqual((await off.query(sql)).rows);
    }
  });

  it('still suggests a column the statement does not read for a misspelt one, without a request', async () => {
    s.sim.resetRequests();
    await expect(s.conn.query('SELECT Id, Prise FROM Products')).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_COLUMN',
      message: expect.stringContaining('Price'),
    });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it('shows the fields asked for in EXPLAIN and in the Verbosity 2 log line of each request', async () => {
    const explain = await s.conn.query('EXPLAIN SELECT Name FROM Products WHERE Id = 3');
    expect(explain.rows[0]).toMatchObject({ Fields: 'id, name' });
    const logfile = path.join(tempDir('projection-'), 'bcsql.log');
    const logged = await s.connectWith({ Logfile: logfile, Verbosity: 2 });
    await logged.query('SELECT Name FROM Products WHERE Id = 3');
    await logged.close();
    expect(readIfExists(logfile)).toMatch(/GET \/v3\/catalog\/products\/3 fields=id,name 200/);
  });
});
