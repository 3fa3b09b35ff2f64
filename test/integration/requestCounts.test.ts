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
    // Pushdown off reads every product's variants one product at a time: slow on a loaded machine.
  }, 240_000);
});

describe('requests per join against the demo store (200 products, 100 customers, 300 orders)', () => {
  let demo: SimSetup;
  beforeAll(async () => {
    demo = await simSetup({});
  });
  afterAll(() => demo.close());

  // Before constants were carried across equalities and children fetched per parent row, the
  // first of these cost 310 requests (a fan-out over every order) and the third 311.
  it.each<[string, number, number]>([
    ['SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5', 2, 3],
    ['SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE i.OrderId = 5', 2, 3],
    [
      "SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.DateCreated >= '2026-01-01'",
      9,
      12,
    ],
    ['SELECT * FROM Orders o LEFT JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5', 2, 3],
    [
      'SELECT * FROM Orders o JOIN OrderItems i ON o.Id = i.OrderId JOIN OrderCoupons c ON c.OrderId = o.Id WHERE o.Id IN (5, 6)',
      7,
      1,
    ],
    [
      'SELECT * FROM Orders o JOIN OrderShippingAddresses a ON a.OrderId = o.Id WHERE o.StatusId = 11',
      48,
      44,
    ],
    ['SELECT * FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id WHERE p.Id = 2', 2, 1],
    [
      'SELECT * FROM Products p LEFT JOIN ProductImages im ON im.ProductId = p.Id WHERE p.Id IN (1, 2, 3)',
      4,
      4,
    ],
    ['SELECT * FROM Customers c JOIN CustomerAddresses a ON a.CustomerId = c.Id WHERE c.Id = 3', 2, 2],
    ['SELECT * FROM Orders o, OrderItems i WHERE i.OrderId = o.Id AND o.Id = 7', 2, 1],
    [
      "select * from orders o join orderitems i on i.orderid = o.id where o.datecreated >= '2026-01-01'",
      9,
      12,
    ],
  ])('%s costs %i requests', async (sql, requests, rows) => {
    demo.sim.resetRequests();
    const r = await demo.conn.query(sql);
    expect(demo.apiRequests()).toHaveLength(requests);
    expect(r.requestCount).toBe(requests);
    expect(r.rowCount).toBe(rows);
    expect(r.warnings).toEqual([]);
  });

  it('carries o.Id = 5 to OrderItems as its parent key: one GET and one child list', async () => {
    demo.sim.resetRequests();
    await demo.conn.query('SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.Id = 5');
    expect(demo.apiRequests().map((q) => q.path.replace(/^.*\/v2/, '/v2'))).toEqual(
      expect.arrayContaining(['/v2/orders/5', '/v2/orders/5/products']),
    );
  });

  it('fetches a dependent child table only for the parent rows fetched, after them', async () => {
    demo.sim.resetRequests();
    await demo.conn.query(
      "SELECT * FROM Orders o JOIN OrderItems i ON i.OrderId = o.Id WHERE o.DateCreated >= '2026-01-01'",
    );
    const paths = demo.apiRequests().map((q) => q.path.replace(/^.*\/v2/, '/v2'));
    const lastParentPage = paths.lastIndexOf('/v2/orders');
    const children = paths.filter((p) => /^\/v2\/orders\/\d+\/products$/.test(p));
    expect(children).toHaveLength(paths.length - lastParentPage - 1);
    const fresh = (demo.sim.store.records('orders') as { date_created: string }[]).filter(
      (o) => Date.parse(o.date_created) >= Date.UTC(2026, 0, 1),
    );
    expect(children).toHaveLength(fresh.length);
  });

  it('bounds a dependent fetch by MaxFanOut with the fan-out warning', async () => {
    const bounded = await demo.connectWith({ MaxFanOut: 3 });
    demo.sim.resetRequests();
    const r = await bounded.query(
      'SELECT * FROM Orders o JOIN OrderShippingAddresses a ON a.OrderId = o.Id WHERE o.StatusId = 11',
    );
    expect(demo.apiRequests()).toHaveLength(2 + 3);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /OrderShippingAddresses: read the children of only the first 3 Orders \(MaxFanOut\)/,
      ),
    ]);
  });
});
