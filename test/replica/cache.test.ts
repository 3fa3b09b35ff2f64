/**
 * Reading from the replica: AutoCache serves fresh replicated tables with zero API requests (as
 * counted by the simulator) and syncs stale ones first (CacheTolerance); Offline reads only the
 * replica and refuses what would call BigCommerce; without either, queries read the API.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replicaKit, type ReplicaKit } from './replicaKit';

jest.setTimeout(120_000);

let kit: ReplicaKit;
let dir: string;
let file: string;

beforeAll(async () => {
  kit = await replicaKit({ products: 20, customers: 10, orders: 20 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-cache-'));
  file = path.join(dir, 'cache.db');
  const conn = await kit.connectWith();
  await conn.query(`REPLICATE INTO '${file}' TABLES (Products, ProductVariants, Orders)`);
});

afterAll(async () => {
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const POINT = 'SELECT Id, Name, Price FROM Products WHERE Id = ?';

describe('AutoCache', () => {
  it('answers from a fresh replica with zero API requests and says so', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    const live = await kit.connectWith();
    const expected = await live.query(POINT, [3]);
    kit.sim.resetRequests();
    const cached = await conn.query(POINT, [3]);
    expect(kit.apiRequests()).toBe(0);
    expect(cached.requestCount).toBe(0);
    expect(cached.servedFrom).toMatch(/^replica .*cache\.db, synced \d+ s ago$/);
    expect(cached.rows).toEqual(expected.rows);
    expect(expected.servedFrom).toBeUndefined();
  });

  it('joins and aggregates replicated tables from the replica too', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    kit.sim.resetRequests();
    const r = await conn.query(
      'SELECT p.Id, COUNT(v.Id) AS Variants FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id GROUP BY p.Id ORDER BY p.Id',
    );
    expect(kit.apiRequests()).toBe(0);
    expect(r.rowCount).toBe(kit.sim.store.ids('products').length);
  });

  it('reads the rows a write changes from BigCommerce, never from the replica', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    const live = await kit.connectWith();
    // The store moves on after the replica was synced: the replica's price for 4 is now stale.
    await live.query('UPDATE Products SET Price = 100 WHERE Id = 4');
    kit.sim.resetRequests();
    const r = await conn.query('UPDATE Products SET Price = Price + 1 WHERE Id = 4 RETURNING Price');
    expect(r.rows).toEqual([{ Price: 101 }]);
    expect(r.servedFrom).toBeUndefined();
    expect((await live.query(POINT, [4])).rows[0].Price).toBe(101);
  });

  it('syncs a table this connection wrote to before its next read, however young the replica', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true, CacheTolerance: 3600 });
    expect((await conn.query(POINT, [5])).requestCount).toBe(0);
    await conn.query('UPDATE Products SET Price = 77.5 WHERE Id = 5');
    kit.sim.resetRequests();
    const after = await conn.query(POINT, [5]);
    expect(after.rows[0].Price).toBe(77.5);
    expect(after.requestCount).toBeGreaterThan(0);
    expect(after.servedFrom).toBeDefined();
    // Synced once: the next read is the replica's alone again.
    expect((await conn.query(POINT, [5])).requestCount).toBe(0);
  });

  it('reads the API for a table that is not replicated', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    kit.sim.resetRequests();
    const r = await conn.query('SELECT Id FROM Customers');
    expect(kit.apiRequests()).toBeGreaterThan(0);
    expect(r.servedFrom).toBeUndefined();
  });

  it('syncs a table older than CacheTolerance before answering, and then serves the change', async () => {
    const id = kit.sim.store.ids('products')[4];
    kit.sim.store.mutate({ resource: 'products', action: 'modify', id });
    const fresh = await kit.connectWith({ CacheLocation: file, AutoCache: true, CacheTolerance: 3600 });
    const before = await fresh.query(POINT, [id]);
    expect(before.requestCount).toBe(0);
    const stale = await kit.connectWith({ CacheLocation: file, AutoCache: true, CacheTolerance: 0 });
    await new Promise((r) => setTimeout(r, 1100));
    kit.sim.resetRequests();
    const after = await stale.query(POINT, [id]);
    // Products is synced incrementally: one change listing and one count.
    expect(kit.apiRequests()).toBe(2);
    expect(after.requestCount).toBe(2);
    expect(after.servedFrom).toBeDefined();
    expect(after.rows[0].Name).not.toBe(before.rows[0].Name);
    expect(after.rows[0].Name).toMatch(/\(rev \d+\)$/);
  });
});

describe('Offline', () => {
  it('reads only the replica, however old, with zero API requests', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, Offline: true, CacheTolerance: 0 });
    kit.sim.resetRequests();
    const r = await conn.query('SELECT COUNT(*) AS n FROM Orders');
    expect(kit.apiRequests()).toBe(0);
    expect(r.rows[0].n).toBe(kit.sim.store.ids('orders').length);
    expect(r.servedFrom).toBeDefined();
  });

  it('refuses a table that is not replicated, EXEC and REPLICATE, without a request', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, Offline: true });
    kit.sim.resetRequests();
    await expect(conn.query('SELECT * FROM Customers')).rejects.toMatchObject({
      code: 'ERR_OFFLINE_NOT_REPLICATED',
      message: expect.stringContaining('Customers is not replicated'),
    });
    await expect(
      conn.query("EXEC GetOAuthAuthorizationURL CallbackUrl='http://localhost:1'"),
    ).rejects.toMatchObject({
      code: 'ERR_OFFLINE',
    });
    await expect(conn.query('REPLICATE Products')).rejects.toMatchObject({ code: 'ERR_OFFLINE' });
    expect(kit.apiRequests()).toBe(0);
  });

  it('says there is no replica when the file does not exist, and does not create it', async () => {
    const missing = path.join(dir, 'missing.db');
    const conn = await kit.connectWith({ CacheLocation: missing, Offline: true });
    await expect(conn.query('SELECT * FROM Products')).rejects.toMatchObject({
      code: 'ERR_OFFLINE_NOT_REPLICATED',
      message: expect.stringContaining('no replica file'),
    });
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('without AutoCache or Offline', () => {
  it('reads the API even when CacheLocation is set', async () => {
    const conn = await kit.connectWith({ CacheLocation: file });
    kit.sim.resetRequests();
    const r = await conn.query(POINT, [2]);
    expect(kit.apiRequests()).toBe(1);
    expect(r.servedFrom).toBeUndefined();
  });
});

describe('EXPLAIN with a replica', () => {
  const explain = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({ Table: r.Table, Mode: r.Mode, Requests: r.Requests, Detail: r.Detail }));

  it('says a statement the replica answers comes from the replica, with zero requests', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    kit.sim.resetRequests();
    const r = await conn.query(`EXPLAIN ${POINT}`, [3]);
    expect(explain(r.rows)).toEqual([
      {
        Table: 'Products',
        Mode: 'replica',
        Requests: 0,
        Detail: expect.stringMatching(/^from replica .*cache\.db, synced \d+ s ago: no API request$/),
      },
    ]);
    expect(r.rows[0].Endpoint).toBeNull();
    expect(r.rows[0].LeftToSqlite).toBe('Id = ?');
    expect(kit.apiRequests()).toBe(0);
  });

  it('says which replicated tables AutoCache would sync first, still sending nothing', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, AutoCache: true, CacheTolerance: 0 });
    await new Promise((r) => setTimeout(r, 1100));
    kit.sim.resetRequests();
    const r = await conn.query(
      'EXPLAIN SELECT p.Id, COUNT(v.Id) FROM Products p JOIN ProductVariants v ON v.ProductId = p.Id GROUP BY p.Id',
    );
    expect(explain(r.rows)).toEqual(
      ['Products', 'ProductVariants'].map((Table) => ({
        Table,
        Mode: 'replica',
        Requests: null,
        Detail: expect.stringContaining('after syncing it first'),
      })),
    );
    expect(kit.apiRequests()).toBe(0);
  });

  it('shows the API plan when a table is not replicated, or without AutoCache and Offline', async () => {
    const auto = await kit.connectWith({ CacheLocation: file, AutoCache: true });
    const mixed = await auto.query(
      'EXPLAIN SELECT o.Id FROM Orders o JOIN Customers c ON c.Id = o.CustomerId',
    );
    expect(mixed.rows.map((r) => r.Mode)).not.toContain('replica');
    const plain = await kit.connectWith({ CacheLocation: file });
    const r = await plain.query(`EXPLAIN ${POINT}`, [3]);
    expect(r.rows[0]).toMatchObject({ Mode: 'get', Requests: 1 });
  });

  it('answers EXPLAIN from the replica when Offline, and refuses a table it does not hold', async () => {
    const conn = await kit.connectWith({ CacheLocation: file, Offline: true, CacheTolerance: 0 });
    kit.sim.resetRequests();
    const r = await conn.query('EXPLAIN SELECT StatusId, COUNT(*) FROM Orders GROUP BY StatusId');
    expect(r.rows[0]).toMatchObject({ Table: 'Orders', Mode: 'replica', Requests: 0 });
    await expect(conn.query('EXPLAIN SELECT * FROM Customers')).rejects.toMatchObject({
      code: 'ERR_OFFLINE_NOT_REPLICATED',
    });
    expect(kit.apiRequests()).toBe(0);
  });
});
