/**
 * The 'mutate' fault changes the store while a scan reads it, as a live store does: a record is
 * deleted (later records shift one place earlier) or restored (they shift one place later).
 * Offset paging cannot see a consistent snapshot, so the promise is: no duplicate primary keys,
 * every row is a real record with its real values, and a warning says the data moved.
 */
import type { Connection } from '../../src';
import type { FaultSetup } from './faultKit';
import { expectedProducts, faultSetup, PRODUCTS_SQL, requestsPerPage } from './faultKit';

const PRODUCTS = '/v3/catalog/products';

function ids(rows: Record<string, unknown>[]): number[] {
  return rows.map((r) => r.Id as number);
}

describe('Products (v3) changing mid-scan', () => {
  let s: FaultSetup;
  let conn: Connection;
  let seed: Record<string, unknown>[];
  beforeEach(async () => {
    // A fresh store per test: mutations persist.
    s = await faultSetup({ products: 600, customers: 5, orders: 5, seed: 14 });
    conn = await s.connectWith({ MaxConcurrentRequests: 1 });
    seed = expectedProducts(s.sim);
  });
  afterEach(() => s.close());

  describe('a record deleted between page 1 and page 2', () => {
    it('returns no duplicates, only real rows, and warns that the data moved', async () => {
      // The first request passes ('slow' with 0 ms), the second deletes product 1 before answering.
      s.sim.setFaults({
        slowMs: 0,
        script: [
          { match: PRODUCTS, kind: 'slow' },
          { match: PRODUCTS, kind: 'mutate' },
        ],
      });
      const r = await conn.query(PRODUCTS_SQL);
      const got = ids(r.rows);
      expect(new Set(got).size).toBe(got.length);
      // Product 251 moved from page 2 to page 1 after page 1 was read: offset paging skips it.
      expect(got).toEqual(ids(seed).filter((id) => id !== 251));
      expect(r.rows).toEqual(seed.filter((p) => p.Id !== 251));
      expect(r.warnings).toEqual([
        expect.stringMatching(/data in Products changed during the scan \(total went from 600 to 599\)/),
      ]);
      expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 1, '3': 1 });
    });
  });

  describe('a record deleted before page 1 and restored before page 2', () => {
    it('drops the duplicate the shift produces and warns', async () => {
      // Request 1 deletes product 1 (page 1 then holds 2..251), request 2 restores it (page 2 holds 251..500).
      s.sim.setFaults({ script: [{ match: PRODUCTS, kind: 'mutate', times: 2 }] });
      const r = await conn.query(PRODUCTS_SQL);
      const got = ids(r.rows);
      expect(new Set(got).size).toBe(got.length);
      // Product 1 was missing while page 1 was read, so it is not in the result; 251 appears once.
      expect(r.rows).toEqual(seed.filter((p) => p.Id !== 1));
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(/data in Products changed during the scan/);
      expect(r.warnings[0]).toMatch(/1 duplicate row dropped/);
    });
  });

  describe('a store changing under concurrent pages', () => {
    it('never returns a duplicate key or a row that differs from the seed, and warns', async () => {
      const fast = await s.connectWith({ MaxConcurrentRequests: 8 });
      // Every request changes the store: delete, restore, delete, …
      s.sim.setFaults({ rate: 1, kinds: ['mutate'] });
      const r = await fast.query(PRODUCTS_SQL);
      const got = ids(r.rows);
      expect(new Set(got).size).toBe(got.length);
      const byId = new Map(seed.map((p) => [p.Id, p]));
      for (const row of r.rows) expect(row).toEqual(byId.get(row.Id));
      // Three requests, each moving one record: at most three records can be missed.
      expect(got.length).toBeGreaterThanOrEqual(seed.length - 3);
      expect(r.warnings.some((w) => /changed during the scan/.test(w))).toBe(true);
    });
  });
});

describe('a v2 list (Orders, planned from /count) changing mid-scan', () => {
  const ORDERS_IDS = 'SELECT Id FROM Orders ORDER BY Id';

  it('warns and returns no duplicate when an order is deleted after page 1', async () => {
    const orders = await faultSetup({ products: 5, customers: 5, orders: 600, seed: 19 });
    try {
      const c = await orders.connectWith({ MaxConcurrentRequests: 1 });
      const before = orders.sim.store.ids('orders').slice();
      let moved = false;
      const r = await c.query(ORDERS_IDS, [], {
        onProgress: (p) => {
          if (moved || p.pagesFetched < 1) return;
          moved = true;
          orders.sim.store.mutate({ resource: 'orders', action: 'delete-first' });
        },
      });
      const got = ids(r.rows);
      expect(new Set(got).size).toBe(got.length);
      // Order 251 slid onto page 1 after it was read.
      expect(got).toEqual(before.filter((id) => id !== 251));
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(/data in Orders changed during the scan/);
    } finally {
      await orders.close();
    }
  });

  it('warns and drops the duplicate when a deleted order comes back after page 1', async () => {
    const orders = await faultSetup({ products: 5, customers: 5, orders: 600, seed: 20 });
    try {
      orders.sim.store.mutate({ resource: 'orders', action: 'delete-first' });
      const c = await orders.connectWith({ MaxConcurrentRequests: 1 });
      let moved = false;
      const r = await c.query(ORDERS_IDS, [], {
        onProgress: (p) => {
          if (moved || p.pagesFetched < 1) return;
          moved = true;
          orders.sim.store.mutate({ resource: 'orders', action: 'restore' });
        },
      });
      const got = ids(r.rows);
      expect(new Set(got).size).toBe(got.length);
      // Page 1 held 2..251; order 1 came back, so page 2 starts at 251 again; 1 was never seen.
      expect(got).toEqual(Array.from({ length: 599 }, (_, i) => i + 2));
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(/data in Orders changed during the scan/);
      expect(r.warnings[0]).toMatch(/1 duplicate row dropped/);
    } finally {
      await orders.close();
    }
  });
});
