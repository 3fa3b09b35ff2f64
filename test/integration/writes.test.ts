/** Writes through connect() against the simulator: batch sizes, request counts, RETURNING, errors. */
import type { Connection } from '../../src';
import { simSetup, type SimSetup } from './simConnection';

let s: SimSetup;
let conn: Connection;
beforeAll(async () => {
  s = await simSetup({ products: 300, customers: 40, orders: 5 });
  conn = s.conn;
}, 60000);
afterAll(() => s?.close());
beforeEach(() => s.sim.resetRequests());

const writes = () => s.apiRequests().filter((r) => r.method !== 'GET');
const reads = () => s.apiRequests().filter((r) => r.method === 'GET');

describe('UPDATE', () => {
  it('costs the reads its WHERE needs plus one PUT per 10 products', async () => {
    const brand = (
      await conn.query('SELECT BrandId, COUNT(*) AS n FROM Products GROUP BY BrandId ORDER BY n DESC LIMIT 1')
    ).rows[0];
    const before = await conn.query('SELECT Id, Price FROM Products WHERE BrandId = ? ORDER BY Id', [
      brand.BrandId,
    ]);
    s.sim.resetRequests();
    const r = await conn.query('UPDATE Products SET Price = Price + 1.5 WHERE BrandId = ?', [brand.BrandId]);
    const n = Number(brand.n);
    expect(r).toMatchObject({ command: 'UPDATE', rowCount: n, rows: [] });
    expect(writes().map((w) => w.method)).toEqual(Array(Math.ceil(n / 10)).fill('PUT'));
    expect(reads().every((q) => q.query.brand_id === String(brand.BrandId))).toBe(true);
    expect(r.requestCount).toBe(reads().length + Math.ceil(n / 10));
    const after = await conn.query('SELECT Id, Price FROM Products WHERE BrandId = ? ORDER BY Id', [
      brand.BrandId,
    ]);
    expect(after.rows).toEqual(before.rows.map((p) => ({ Id: p.Id, Price: (p.Price as number) + 1.5 })));
  });

  it('returns the updated rows as BigCommerce answered them', async () => {
    const r = await conn.query(
      "UPDATE Products SET Name = 'Renamed ' || Id WHERE Id IN (1, 2) RETURNING Id, Name",
    );
    expect(r.rows).toEqual([
      { Id: 1, Name: 'Renamed 1' },
      { Id: 2, Name: 'Renamed 2' },
    ]);
  });
});

describe('INSERT, UPSERT and DELETE', () => {
  it('creates brands, returns their new ids, and later reads see them', async () => {
    const r = await conn.query(
      "INSERT INTO Brands (Name, PageTitle) VALUES ('Zeta Tools', 'Z'), (@name, NULL) RETURNING Id, Name",
      { name: 'Yotta Works' },
    );
    expect(r.command).toBe('INSERT');
    expect(r.rowCount).toBe(2);
    expect(writes().map((w) => w.method)).toEqual(['POST', 'POST']);
    const ids = r.rows.map((row) => row.Id);
    const back = await conn.query(`SELECT Id, Name FROM Brands WHERE Id IN (${ids.join(', ')}) ORDER BY Id`);
    expect(back.rows).toEqual(r.rows);
  });

  it('creates customers 10 per request and deletes them by id:in in one', async () => {
    const values = Array.from({ length: 23 }, (_, i) => `('w${i}@test.example', 'W${i}', 'Test')`).join(', ');
    const r = await conn.query(`INSERT INTO Customers (Email, FirstName, LastName) VALUES ${values}`);
    expect(r.rowCount).toBe(23);
    expect(writes().map((w) => w.method)).toEqual(['POST', 'POST', 'POST']);
    s.sim.resetRequests();
    const d = await conn.query("DELETE FROM Customers WHERE Email LIKE '%@test.example'");
    expect(d).toMatchObject({ command: 'DELETE', rowCount: 23 });
    expect(writes()).toHaveLength(1);
    expect(writes()[0].query['id:in'].split(',')).toHaveLength(23);
    const left = await conn.query("SELECT COUNT(*) AS n FROM Customers WHERE Email LIKE '%@test.example'");
    expect(left.rows[0].n).toBe(0);
  });

  it('updates existing brands and creates the others in one UPSERT', async () => {
    const [first] = (await conn.query('SELECT Id FROM Brands ORDER BY Id LIMIT 1')).rows;
    s.sim.resetRequests();
    const r = await conn.query(
      "UPSERT INTO Brands (Id, Name) VALUES (?, 'Upserted A'), (NULL, 'Upserted B') RETURNING Id, Name",
      [first.Id],
    );
    expect(r.command).toBe('UPSERT');
    expect(r.rows[0]).toEqual({ Id: first.Id, Name: 'Upserted A' });
    expect(r.rows[1].Name).toBe('Upserted B');
    expect(writes().map((w) => w.method)).toEqual(['PUT', 'POST']);
  });

  it('copies rows with INSERT … SELECT', async () => {
    const r = await conn.query(
      "INSERT INTO Brands (Name) SELECT Name || ' Copy' FROM Brands WHERE Name = 'Zeta Tools' RETURNING Name",
    );
    expect(r.rows).toEqual([{ Name: 'Zeta Tools Copy' }]);
  });
});

describe('EXPLAIN of writes', () => {
  it('shows the read its WHERE costs and the requests the write sends, sending none', async () => {
    const r = await conn.query('EXPLAIN UPDATE Products SET Price = Price + ? WHERE BrandId = ?', [1, 3]);
    expect(s.apiRequests()).toHaveLength(0);
    const rows = r.rows as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      Table: 'Products',
      Mode: 'list',
      ApiFilters: expect.stringContaining('brand_id'),
    });
    expect(rows[1]).toMatchObject({
      Table: 'Products',
      Mode: 'update',
      Endpoint: 'PUT /v3/catalog/products',
      Requests: null,
    });
    expect(rows[1].Detail).toContain('up to 10 rows per request');
  });

  it('counts the requests of an INSERT … VALUES from its rows', async () => {
    const values = Array.from({ length: 23 }, (_, i) => `('e${i}@test.example', 'F', 'L')`).join(', ');
    const r = await conn.query(`EXPLAIN INSERT INTO Customers (Email, FirstName, LastName) VALUES ${values}`);
    const write = (r.rows as Record<string, unknown>[]).find((row) => row.Mode === 'insert');
    expect(write).toMatchObject({ Endpoint: 'POST /v3/customers', Requests: 3 });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it('reports a read-only column as the write itself would', async () => {
    await expect(conn.query("EXPLAIN UPDATE Products SET DateCreated = '2020-01-01'")).rejects.toMatchObject({
      code: 'ERR_READ_ONLY_COLUMN',
    });
  });
});

describe('refusals', () => {
  it('refuses a read-only column and a missing required column before any request', async () => {
    await expect(
      conn.query("UPDATE Products SET DateCreated = '2020-01-01' WHERE Id = 1"),
    ).rejects.toMatchObject({
      code: 'ERR_READ_ONLY_COLUMN',
    });
    await expect(conn.query("INSERT INTO Products (Name) VALUES ('x')")).rejects.toMatchObject({
      code: 'ERR_MISSING_COLUMN',
    });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it('refuses every write on a ReadOnly connection before any request', async () => {
    const ro = await s.connectWith({ ReadOnly: true });
    s.sim.resetRequests();
    await expect(ro.query("UPDATE Brands SET Name = 'x' WHERE Id = 1")).rejects.toMatchObject({
      code: 'ERR_READ_ONLY_CONNECTION',
    });
    expect((await ro.query('SELECT COUNT(*) AS n FROM Brands')).rowCount).toBe(1);
    expect(s.apiRequests().every((r) => r.method === 'GET')).toBe(true);
  });

  it('refuses writes on an Offline connection, which never calls BigCommerce', async () => {
    const off = await s.connectWith({ Offline: true });
    s.sim.resetRequests();
    await expect(off.query('DELETE FROM Brands WHERE Id = 1')).rejects.toMatchObject({ code: 'ERR_OFFLINE' });
    expect(s.apiRequests()).toHaveLength(0);
  });

  it("shows BigCommerce's field errors when it refuses a write, and writes nothing", async () => {
    const before = (await conn.query('SELECT COUNT(*) AS n FROM Brands')).rows[0].n;
    const err = await conn.query("INSERT INTO Brands (Name) VALUES ('Zeta Tools')").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/^ERR_API/) });
    expect((err as Error).message).toContain('nothing was written');
    expect((await conn.query('SELECT COUNT(*) AS n FROM Brands')).rows[0].n).toBe(before);
  });
});
