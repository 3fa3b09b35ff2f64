/** The request counts the planner promises, counted where the simulator receives them. */
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: 1000, orders: 500, customers: 200 });
});
afterAll(() => s.close());

describe('requests per query against a store of 1,000 products and 500 orders', () => {
  it.each<[string, number, number | null]>([
    ['SELECT * FROM Products WHERE Id = 7', 1, 1],
    ['SELECT * FROM Products WHERE Id IN (1, 2, 3)', 1, 3],
    ['SELECT Name FROM Products LIMIT 10', 1, 10],
    ['SELECT COUNT(*) FROM Products', 1, 1],
    ['SELECT COUNT(*) FROM Orders', 1, 1],
    ['SELECT * FROM OrderItems WHERE OrderId = 7', 1, null],
    ['SELECT * FROM Products', 4, 1000],
    ['SELECT * FROM Orders WHERE Id = 12', 1, 1],
    ['SELECT COUNT(*) FROM Orders WHERE StatusId = 11', 1, 1],
    ['SELECT * FROM Products WHERE Id = 99999', 1, 0],
    ['SELECT TOP 5 Id FROM Products', 1, 5],
    ['SELECT Id FROM Products LIMIT 300', 2, 300],
  ])('%s costs %i request(s)', async (sql, requests, rows) => {
    s.sim.resetRequests();
    const r = await s.conn.query(sql);
    expect(s.apiRequests()).toHaveLength(requests);
    expect(r.requestCount).toBe(requests);
    if (rows !== null) expect(r.rowCount).toBe(rows);
  });

  it("answers COUNT(*) with the store's real totals", async () => {
    expect((await s.conn.query('SELECT COUNT(*) AS n FROM Products')).rows).toEqual([{ n: 1000 }]);
    expect((await s.conn.query('SELECT COUNT(*) AS n FROM Orders')).rows).toEqual([{ n: 500 }]);
  });

  it('costs no request for a statement that fails before fetching', async () => {
    s.sim.resetRequests();
    await expect(s.conn.query('SELECT Nmae FROM Products')).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_COLUMN',
    });
    await expect(s.conn.query('SELECT * FROM Prodcts')).rejects.toMatchObject({ code: 'ERR_UNKNOWN_TABLE' });
    await expect(s.conn.query('SELECT * FROM Products WHERE Id = ?')).rejects.toMatchObject({
      code: 'ERR_MISSING_PARAMETER',
    });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it('pushes the filters into the query string the simulator receives', async () => {
    s.sim.resetRequests();
    await s.conn.query('SELECT Id FROM Products WHERE Id IN (4, 5) AND IsVisible = true');
    expect(s.apiRequests()[0].query).toMatchObject({ 'id:in': '4,5', is_visible: 'true' });
  });

  it("pushes each joined table's own WHERE terms: one GET and one child list instead of a fan-out", async () => {
    const sql =
      'SELECT p.Id AS pid, v.Id AS vid FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2 AND v.ProductId = 2 ORDER BY vid';
    s.sim.resetRequests();
    const on = await s.conn.query(sql);
    expect(s.apiRequests()).toHaveLength(2);
    expect(on.rowCount).toBeGreaterThan(0);
    const off = await s.connectWith({ Pushdown: false });
    try {
      s.sim.resetRequests();
      const r = await off.query(sql);
      expect(s.apiRequests().length).toBeGreaterThan(2);
      expect(r.rows).toEqual(on.rows);
    } finally {
      await off.close();
    }
  });
});
