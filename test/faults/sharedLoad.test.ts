/**
 * Faults where work is spread out: several connections sharing one store's quota, child-table
 * fan-out over many parents, and conn.stream() with staging on disk. Each returns exactly the
 * seed's rows or fails with a code — never a partial result.
 */
import { BigCommerceSqlError } from '../../src';
import {
  expectedProducts,
  faultSetup,
  failureOf,
  PRODUCTS_SQL,
  requestsPerPage,
  type FaultSetup,
} from './faultKit';

describe('three connections scanning one store with a quota of 12 requests per second', () => {
  let s: FaultSetup;
  beforeAll(async () => {
    // 1,250 products = 5 pages; three scans = 15 requests against a window of 12.
    s = await faultSetup({
      products: 1250,
      customers: 5,
      orders: 5,
      seed: 15,
      rateLimit: { quota: 12, windowMs: 1000 },
    });
  });
  afterAll(() => s.close());

  it('return every row to each of them, with no 429 surfaced and none provoked at the server', async () => {
    const conns = await Promise.all([s.connectWith(), s.connectWith(), s.connectWith()]);
    s.sim.resetRequests();
    const results = await Promise.all(conns.map((c) => c.query(PRODUCTS_SQL)));
    for (const r of results) expect(r.rows).toEqual(expectedProducts(s.sim));
    // The first answer told the shared pacer the quota; the rest waited for the next window.
    expect(s.apiRequests().filter((q) => q.status === 429)).toHaveLength(0);
    expect(s.apiRequests()).toHaveLength(15);
  });
});

describe('one scan spanning three rate-limit windows (quota 4 per 300 ms, 12 pages)', () => {
  let s: FaultSetup;
  beforeAll(async () => {
    s = await faultSetup({
      products: 3000,
      customers: 5,
      orders: 5,
      seed: 18,
      rateLimit: { quota: 4, windowMs: 300 },
    });
  });
  afterAll(() => s.close());

  it('returns every row without provoking a single 429', async () => {
    const conn = await s.connectWith();
    s.sim.resetRequests();
    const r = await conn.query('SELECT Id FROM Products ORDER BY Id');
    expect(r.rows).toEqual(expectedProducts(s.sim).map((p) => ({ Id: p.Id })));
    expect(s.apiRequests().filter((q) => q.status === 429)).toHaveLength(0);
    expect(s.apiRequests()).toHaveLength(12);
  });
});

describe('child-table fan-out (OrderItems over every order) under faults', () => {
  let s: FaultSetup;
  let expected: Record<string, unknown>[];
  beforeAll(async () => {
    s = await faultSetup({ products: 20, customers: 10, orders: 40, seed: 16 });
    expected = s.sim.store
      .records('orderProducts')
      .map((i) => ({ Id: i.id, OrderId: i.order_id, ProductId: i.product_id }))
      .sort((a, b) => Number(a.OrderId) - Number(b.OrderId) || Number(a.Id) - Number(b.Id));
  });
  afterAll(() => s.close());
  beforeEach(() => {
    s.sim.setFaults(undefined);
    s.sim.resetRequests();
  });
  const sql = 'SELECT Id, OrderId, ProductId FROM OrderItems ORDER BY OrderId, Id';

  it('returns every item of every order under a 20% fault rate', async () => {
    const conn = await s.connectWith({ MaxRetries: 8 });
    s.sim.setFaults({ rate: 0.2, kinds: ['500', '503', 'reset', 'malformed', 'html'], seed: 3 });
    const r = await conn.query(sql);
    expect(expected.length).toBeGreaterThan(40);
    expect(r.rows).toEqual(expected);
    expect(s.apiRequests().filter((q) => q.fault).length).toBeGreaterThan(0);
  });

  it('fails with a code, not with the other orders’ items, when one order’s items cannot be fetched', async () => {
    const conn = await s.connectWith({ MaxRetries: 1 });
    s.sim.setFaults({ script: [{ match: '/v2/orders/17/products', kind: '503', times: 2 }] });
    const err = await failureOf(() => conn.query(sql));
    expect(err).toBeInstanceOf(BigCommerceSqlError);
    expect(err.code).toMatch(/^ERR_/);
    expect(err.message).toContain('/v2/orders/17/products');
    expect(err.message).toContain('503');
  });
});

describe('conn.stream() with staging moved to disk', () => {
  let s: FaultSetup;
  beforeAll(async () => {
    s = await faultSetup({ products: 1250, customers: 5, orders: 5, seed: 17 });
  });
  afterAll(() => s.close());
  beforeEach(() => {
    s.sim.setFaults(undefined);
    s.sim.resetRequests();
  });

  it('yields every product once, in order, through faults on several pages', async () => {
    const conn = await s.connectWith({ StagingRowThreshold: 300, MaxRetries: 8 });
    s.sim.setFaults({ rate: 0.3, kinds: ['502', 'reset', 'malformed'], seed: 3 });
    const rows: Record<string, unknown>[] = [];
    for await (const row of conn.stream(PRODUCTS_SQL)) rows.push(row);
    expect(rows).toEqual(expectedProducts(s.sim));
    expect(s.apiRequests().filter((q) => q.fault).length).toBeGreaterThan(0);
  });

  it('throws ERR_INCOMPLETE_RESULT before yielding any row when a page fails for good', async () => {
    const conn = await s.connectWith({ StagingRowThreshold: 300, MaxRetries: 0, MaxConcurrentRequests: 1 });
    let yielded = 0;
    let armed = false;
    const err = await failureOf(async () => {
      for await (const _row of conn.stream(PRODUCTS_SQL, [], {
        onProgress: (p) => {
          if (armed || p.pagesFetched < 3) return;
          armed = true;
          s.sim.setFaults({ script: [{ kind: '500' }] });
        },
      }))
        yielded++;
    });
    expect(err).toMatchObject({ code: 'ERR_INCOMPLETE_RESULT', page: 4, rowsFetched: 750 });
    expect(yielded).toBe(0);
    expect(requestsPerPage(s, '/v3/catalog/products')).toEqual({ '1': 1, '2': 1, '3': 1, '4': 1 });
  });
});
