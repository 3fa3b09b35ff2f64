/**
 * Long IN lists and long values keep every request URL under the budget: a long `:in` list is sent
 * in chunks (each value in exactly one request series, results merged without duplicates), a value
 * too long for any URL is left to SQLite, and Pushdown=true answers exactly what Pushdown=false does.
 */
import type { Connection } from '../../src';
import { PAGING_RESERVE_BYTES, URL_BUDGET_BYTES } from '../../src/engine/urlBudget';
import type { SimRequestLogEntry } from '../../src/simulator';
import { simSetup, type SimSetup } from '../integration/simConnection';

const PRODUCTS = 600;
const PAGE = 250;

let t: SimSetup;
let off: Connection;
beforeAll(async () => {
  t = await simSetup({ products: PRODUCTS, customers: 1, orders: 1 });
  off = await t.connectWith({ Pushdown: false });
});
afterAll(() => t.close());

const apiRequests = () => t.sim.requests.filter((r) => r.kind === 'api');
const productLists = () => apiRequests().filter((r) => r.path.endsWith('/v3/catalog/products'));
const urlBytes = (r: SimRequestLogEntry) => Buffer.byteLength(t.sim.apiBaseUrl) + r.targetBytes;

/** Runs `sql` both ways; returns the Pushdown=true rows and the requests that run made. */
async function both(sql: string, params: unknown[]) {
  const expected = await off.query(sql, params);
  t.sim.resetRequests();
  const got = await t.conn.query(sql, params);
  const requests = productLists();
  expect(got.rows).toEqual(expected.rows);
  expect(got.warnings).toEqual([]);
  for (const r of apiRequests()) expect(urlBytes(r)).toBeLessThanOrEqual(URL_BUDGET_BYTES);
  return { rows: got.rows, requests };
}

/**
 * The chunks sent for `param`, one per request series (page 1 of each), checked to be the list in
 * order, each value once, and packed full: no chunk could have taken the next value too.
 */
function expectChunksOf(requests: SimRequestLogEntry[], param: string, values: string[]): string[] {
  const chunks = requests.filter((r) => (r.query.page ?? '1') === '1').map((r) => r.query[param]);
  expect(chunks.length).toBeGreaterThan(1);
  expect(chunks.join(',')).toBe(values.join(','));
  const capacity = Math.max(...chunks.map((c) => c.length));
  chunks.slice(0, -1).forEach((c, i) => {
    const next = chunks[i + 1].split(',')[0];
    expect(c.length + 1 + next.length).toBeGreaterThan(capacity);
  });
  return chunks;
}

/** The requests a chunk costs: one per page of the products it matches, and one when it matches none. */
function pagesFor(matches: number): number {
  return Math.max(1, Math.ceil(matches / PAGE));
}

it('splits Id IN (5,000 ids) into requests under the budget and answers as Pushdown=false does', async () => {
  const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
  const sql = `SELECT Id, Name, Sku FROM Products WHERE Id IN (${ids.map(() => '?').join(',')}) ORDER BY Id`;
  const { rows, requests } = await both(sql, ids);
  expect(rows).toHaveLength(PRODUCTS);
  const chunks = expectChunksOf(requests, 'id:in', ids.map(String));
  const matches = (chunk: string) => chunk.split(',').filter((id) => Number(id) <= PRODUCTS).length;
  expect(requests).toHaveLength(chunks.reduce((n, c) => n + pagesFor(matches(c)), 0));
  // Full chunks: the longest URL uses the budget less what paging and include_fields may add.
  const longest = Math.max(...requests.map(urlBytes));
  expect(longest).toBeGreaterThan(URL_BUDGET_BYTES - PAGING_RESERVE_BYTES - 1024);
});

it('splits Sku IN (3,000 skus) the same way, existing skus spread over the list', async () => {
  const all = await off.query('SELECT Sku FROM Products WHERE Sku IS NOT NULL ORDER BY Id');
  const real = all.rows.map((r) => String(r.Sku)).filter((s) => s !== '' && !s.includes(','));
  const skus = Array.from({ length: 3000 }, (_, i) =>
    i % 10 === 0 && i / 10 < real.length ? real[i / 10] : `NO-SUCH-SKU-${String(i).padStart(5, '0')}`,
  );
  const sql = `SELECT Id, Sku FROM Products WHERE Sku IN (${skus.map(() => '?').join(',')})`;
  const { rows, requests } = await both(sql, skus);
  expect(rows.length).toBe(new Set(skus.filter((s) => real.includes(s))).size);
  expect(rows.length).toBeGreaterThan(100);
  const chunks = expectChunksOf(requests, 'sku:in', skus);
  const wanted = new Set(real.map((s) => s.toLowerCase()));
  const matches = (chunk: string) => chunk.split(',').filter((s) => wanted.has(s.toLowerCase())).length;
  expect(requests).toHaveLength(chunks.reduce((n, c) => n + pagesFor(matches(c)), 0));
});

it('leaves a 20 KB Name to SQLite: one unfiltered listing, nothing sent for the name', async () => {
  const name = 'N'.repeat(20 * 1024);
  const { rows, requests } = await both('SELECT Id FROM Products WHERE Name = ? OR Id = 7', [name]);
  expect(rows).toEqual([{ Id: 7 }]);
  const only = await both('SELECT Id FROM Products WHERE Name = ?', [name]);
  expect(only.rows).toEqual([]);
  expect(only.requests).toHaveLength(pagesFor(PRODUCTS));
  for (const r of [...requests, ...only.requests]) expect(r.query.name).toBeUndefined();
});

it('keeps a LIMIT over chunks exact: enough distinct rows from the first chunk end the reading', async () => {
  const ids = Array.from({ length: 5000 }, (_, i) => 5000 - i);
  const sql = `SELECT Id FROM Products WHERE Id IN (${ids.map(() => '?').join(',')}) LIMIT 3`;
  const expected = await off.query(sql.replace('LIMIT 3', ''), ids);
  t.sim.resetRequests();
  const got = await t.conn.query(sql, ids);
  expect(got.rowCount).toBe(3);
  const all = new Set(expected.rows.map((r) => r.Id));
  for (const r of got.rows) expect(all.has(r.Id)).toBe(true);
  for (const r of apiRequests()) expect(urlBytes(r)).toBeLessThanOrEqual(URL_BUDGET_BYTES);
});
