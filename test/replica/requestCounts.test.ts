/**
 * What a sync costs, counted at the simulator: with nothing changed, at most two requests per
 * incremental table (the change listing and the count) and no id check; with 1% of the products
 * changed and 10 deleted, the changed pages plus two, plus the id-only listing that finds the
 * deleted rows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { replicaKit, type ReplicaKit } from './replicaKit';

jest.setTimeout(120_000);

let kit: ReplicaKit;
let dir: string;

beforeAll(async () => {
  kit = await replicaKit({ products: 2000, customers: 10, orders: 600 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-counts-'));
});

afterAll(async () => {
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function perTable(): Record<string, { total: number; idOnly: number }> {
  const out: Record<string, { total: number; idOnly: number }> = {};
  for (const r of kit.sim.requests.filter((x) => x.kind === 'api')) {
    const key = r.path.includes('/orders') ? 'Orders' : 'Products';
    out[key] ??= { total: 0, idOnly: 0 };
    out[key].total++;
    if (r.query.include_fields === 'id') out[key].idOnly++;
  }
  return out;
}

describe('the requests a sync makes', () => {
  it('are at most two per table when nothing changed, and one change page plus two at 1% changed and 10 deleted', async () => {
    const file = path.join(dir, 'counts.db');
    const conn = await kit.connectWith();
    const sql = `REPLICATE INTO '${file}' TABLES (Products, Orders)`;
    await conn.query(sql);

    kit.sim.resetRequests();
    await conn.query(sql);
    expect(perTable()).toEqual({ Products: { total: 2, idOnly: 0 }, Orders: { total: 2, idOnly: 0 } });

    const ids = kit.sim.store.ids('products');
    const changed = ids.filter((_, i) => i % 100 === 7).slice(0, 20);
    const deleted = ids.filter((_, i) => i % 150 === 11).slice(0, 10);
    for (const id of changed) kit.sim.store.mutate({ resource: 'products', action: 'modify', id });
    for (const id of deleted) kit.sim.store.mutate({ resource: 'products', action: 'delete', id });
    kit.sim.resetRequests();
    const result = await conn.query(sql);
    const products = result.rows.find((r) => r.Table === 'Products')!;
    expect(products).toMatchObject({ Updated: 20, Deleted: 10, Inserted: 0, Rows: 1990 });
    const counts = perTable();
    // The id-only listing reads every remaining product's id, 250 to a page.
    expect(counts.Products.idOnly).toBe(Math.ceil(1990 / 250));
    expect(counts.Products.total - counts.Products.idOnly).toBeLessThanOrEqual(Math.ceil(20 / 250) + 2);
    expect(counts.Orders).toEqual({ total: 2, idOnly: 0 });
  });
});
