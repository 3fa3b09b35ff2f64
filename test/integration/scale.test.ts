/**
 * The simulator at the scale of a large store: 100,000 products, customers and orders, started
 * through startSimulator() and read over HTTP — the last page of each, the empty page after it —
 * and counted through SQL with one request per table.
 */
import { apiGet, readJson } from '../simulator/helpers';
import { simSetup, type SimSetup } from './simConnection';

const N = 100_000;
let s: SimSetup;
beforeAll(async () => {
  s = await simSetup({ products: N, customers: N, orders: N });
}, 120_000);
afterAll(() => s?.close());

describe('a simulator with 100,000 products, customers and orders', () => {
  it.each([
    ['products', '/v3/catalog/products'],
    ['customers', '/v3/customers'],
  ])('serves the last v3 page of %s with its pagination', async (_what, path) => {
    const res = await apiGet(s.sim, `${path}?limit=250&page=400`);
    const body = (await readJson(res)) as unknown as {
      data: { id: number }[];
      meta: { pagination: Record<string, unknown> };
    };
    expect(body.meta.pagination).toMatchObject({ total: N, total_pages: 400, current_page: 400, count: 250 });
    expect(body.data.at(-1)!.id).toBe(N);
  });

  it('serves the last v2 page of orders, then 204 with an empty body', async () => {
    const last = (await readJson(await apiGet(s.sim, '/v2/orders?limit=250&page=400'))) as unknown as {
      id: number;
    }[];
    expect(last).toHaveLength(250);
    expect(last.at(-1)!.id).toBe(N);
    const past = await apiGet(s.sim, '/v2/orders?limit=250&page=401');
    expect(past.status).toBe(204);
    expect(await past.text()).toBe('');
  });

  it.each(['Products', 'Customers', 'Orders'])('counts %s through SQL with one request', async (table) => {
    s.sim.resetRequests();
    const r = await s.conn.query(`SELECT COUNT(*) AS n FROM ${table}`);
    expect(r.rows).toEqual([{ n: N }]);
    expect(s.apiRequests()).toHaveLength(1);
  });

  it('reads the last product by id with one request', async () => {
    s.sim.resetRequests();
    const r = await s.conn.query(`SELECT Id FROM Products WHERE Id = ${N}`);
    expect(r.rows).toEqual([{ Id: N }]);
    expect(s.apiRequests()).toHaveLength(1);
  });
});
