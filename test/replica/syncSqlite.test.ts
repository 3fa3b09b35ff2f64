/**
 * Incremental sync into a SQLite file: after every sync, with the store changing in between
 * (creates, modifications, deletions in v2 and v3 tables, and changes in the same second as the
 * high-water mark), the replica equals a fresh full scan of the API.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import {
  changeStore,
  expectReplicaEqualsScan,
  replicaKit,
  replicatedTables,
  rng,
  type ReplicaKit,
} from './replicaKit';

jest.setTimeout(120_000);

let kit: ReplicaKit;
let dir: string;

beforeAll(async () => {
  kit = await replicaKit();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-replica-'));
});

afterAll(async () => {
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('REPLICATE into a SQLite file', () => {
  it('copies every catalog table, then keeps each equal to a full scan while the store changes', async () => {
    const file = path.join(dir, 'store.db');
    const conn = await kit.connectWith();
    const offline = await kit.connectWith({ CacheLocation: file, Offline: true });
    const random = rng(14);

    const first = await conn.query(`REPLICATE INTO '${file}' ALL`);
    const tables = replicatedTables(first);
    // Every table the API can list: those without a path parameter, and child tables under their parent.
    const listable = loadCatalog().tables.filter((t) => !t.api.path.includes('{') || t.parent);
    expect(tables.sort()).toEqual(listable.map((t) => t.name).sort());
    await expectReplicaEqualsScan(conn, offline, tables);

    for (let round = 0; round < 2; round++) {
      changeStore(kit.sim, random);
      const again = await conn.query(`REPLICATE INTO '${file}' ALL`);
      const byTable = Object.fromEntries(again.rows.map((r) => [r.Table, r]));
      expect(byTable.Products.Mode).toBe('incremental');
      expect(byTable.Orders.Mode).toBe('incremental');
      expect(byTable.Products.Deleted).toBe(1);
      expect(byTable.Orders.Deleted).toBe(1);
      expect(byTable.Customers.Inserted).toBe(1);
      await expectReplicaEqualsScan(conn, offline, tables);
    }
  });

  it('picks up a change stamped in the same second as the high-water mark', async () => {
    const file = path.join(dir, 'same-second.db');
    const conn = await kit.connectWith();
    const offline = await kit.connectWith({ CacheLocation: file, Offline: true });
    const tables = ['Products', 'ProductVariants', 'Orders', 'OrderItems', 'Customers'];
    const sql = `REPLICATE INTO '${file}' TABLES (${tables.join(', ')})`;
    const second = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    const [p1, p2] = kit.sim.store.ids('products');
    const [o1, o2] = kit.sim.store.ids('orders');
    kit.sim.store.mutate({ resource: 'products', action: 'modify', id: p1, at: second });
    kit.sim.store.mutate({ resource: 'orders', action: 'modify', id: o1, at: second });
    await conn.query(sql);
    // The mark is now `second`; these land in that same second, after the sync read it.
    kit.sim.store.mutate({ resource: 'products', action: 'modify', id: p2, at: second });
    kit.sim.store.mutate({ resource: 'orders', action: 'modify', id: o2, at: second });
    const result = await conn.query(sql);
    const byTable = Object.fromEntries(result.rows.map((r) => [r.Table, r]));
    expect(byTable.Products.Updated).toBeGreaterThanOrEqual(1);
    expect(byTable.Orders.Updated).toBeGreaterThanOrEqual(1);
    await expectReplicaEqualsScan(conn, offline, tables);
    const row = await offline.query('SELECT Name FROM Products WHERE Id = ?', [p2]);
    expect(row.rows[0].Name).toMatch(/\(rev \d+\)$/);
  });

  it('leaves EXCLUDE COLUMNS out of the replica and refuses to exclude a key', async () => {
    const file = path.join(dir, 'exclude.db');
    const conn = await kit.connectWith();
    await conn.query(`REPLICATE INTO '${file}' Products EXCLUDE COLUMNS (Description, Products.Sku)`);
    const offline = await kit.connectWith({ CacheLocation: file, Offline: true });
    await expect(offline.query('SELECT Description FROM Products')).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_COLUMN',
    });
    const names = (await offline.query('SELECT * FROM Products LIMIT 1')).fields.map((f) => f.name);
    expect(names).not.toContain('Sku');
    expect(names).toContain('Name');
    await expect(conn.query(`REPLICATE INTO '${file}' Products EXCLUDE COLUMNS (Id)`)).rejects.toMatchObject({
      code: 'ERR_REPLICA_EXCLUDE',
    });
  });
});
