/**
 * One transient fault, then success: the query returns exactly the seed's rows and the faulted
 * page costs exactly one extra request. Faults are scripted (the first request to the list path
 * gets it), so every count is exact.
 */
import type { Connection } from '../../src';
import type { FaultKind } from '../../src/simulator';
import {
  expectedCustomers,
  expectedOrders,
  expectedProducts,
  faultSetup,
  onePerPage,
  ORDERS_SQL,
  PRODUCTS_SQL,
  requestsPerPage,
  untilLogged,
  type FaultSetup,
} from './faultKit';

const PRODUCTS = '/v3/catalog/products';
const ORDERS = '/v2/orders';
/** 'slow' answers after 4.5 s, above Timeout=3; a loaded machine can take a second or two to serve a page of 250. */
const SLOW_MS = 4500;

let s: FaultSetup;
let conn: Connection;
beforeAll(async () => {
  // 260 rows = 2 pages for each list: 250, then a short one of 10.
  s = await faultSetup({ products: 260, customers: 260, orders: 260, seed: 11 });
  conn = await s.connectWith({ Timeout: 3, MaxRetries: 3 });
});
afterAll(() => s.close());

beforeEach(() => {
  s.sim.setFaults(undefined);
  s.sim.resetRequests();
});

/** A timed-out request is logged by the simulator only when its slow answer would have gone out. */
async function settle(kind: FaultKind): Promise<void> {
  if (kind === 'slow') await untilLogged(s, 'slow');
}

const KINDS: [FaultKind, string][] = [
  ['500', 'a 500 Internal Server Error'],
  ['502', 'a 502 Bad Gateway'],
  ['503', 'a 503 Service Unavailable'],
  ['reset', 'a connection reset in the middle of the body'],
  ['429', 'a 429 with X-Rate-Limit-Time-Reset-Ms and X-Retry-After'],
  ['429-noheaders', 'a 429 without rate-limit headers'],
  ['slow', 'an answer slower than Timeout'],
  ['malformed', 'a truncated JSON body'],
  ['html', 'an HTML error page from a proxy'],
];

describe.each(KINDS)('after %s (%s) on the first page', (kind) => {
  it('returns every product exactly, paying one extra request for page 1 only', async () => {
    s.sim.setFaults({ slowMs: SLOW_MS, retryAfterMs: 50, script: [{ match: PRODUCTS, kind }] });
    const r = await conn.query(PRODUCTS_SQL);
    await settle(kind);
    expect(r.rows).toEqual(expectedProducts(s.sim));
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ ...onePerPage(2), '1': 2 });
    expect(s.apiRequests().filter((q) => q.fault)).toHaveLength(1);
    expect(r.requestCount).toBe(3);
  });

  it('returns every order of a v2 list exactly, paying one extra request for that page', async () => {
    s.sim.setFaults({ slowMs: SLOW_MS, retryAfterMs: 50, script: [{ match: ORDERS, kind }] });
    const r = await conn.query(ORDERS_SQL);
    await settle(kind);
    expect(r.rows).toEqual(expectedOrders(s.sim));
    // The count request is /v2/orders/count, which the string match does not cover.
    expect(requestsPerPage(s, ORDERS)).toEqual({ count: 1, ...onePerPage(2), '1': 2 });
    expect(r.requestCount).toBe(4);
  });
});

describe('faults on the count request of a v2 list', () => {
  it('retries the count and still fetches each page once', async () => {
    s.sim.setFaults({ script: [{ match: `${ORDERS}/count`, kind: '503', times: 2 }] });
    const r = await conn.query(ORDERS_SQL);
    expect(r.rows).toEqual(expectedOrders(s.sim));
    expect(requestsPerPage(s, ORDERS)).toEqual({ count: 3, ...onePerPage(2) });
  });
});

describe('faults at a rate across concurrent pages', () => {
  // Fault seeds chosen so that both the first page and the concurrent second page meet faults
  // (the PRNG draws in arrival order, so which request is hit repeats from run to run).
  it.each<[string, FaultKind[], number]>([
    ['500/502/503', ['500', '502', '503'], 3],
    ['resets, truncated bodies and proxy pages', ['reset', 'malformed', 'html'], 9],
  ])('returns exact rows under 30%% %s, one successful request per page', async (_label, kinds, seed) => {
    const patient = await s.connectWith({ MaxRetries: 8 });
    s.sim.setFaults({ rate: 0.3, kinds, seed });
    const r = await patient.query(PRODUCTS_SQL);
    expect(r.rows).toEqual(expectedProducts(s.sim));
    const byPage = new Map<string, { ok: number; faulted: number }>();
    for (const q of s.apiRequests()) {
      const page = q.query.page ?? '1';
      const tally = byPage.get(page) ?? { ok: 0, faulted: 0 };
      if (q.fault) tally.faulted++;
      else tally.ok++;
      byPage.set(page, tally);
    }
    // Every page was fetched successfully exactly once; every other request was an injected fault.
    expect([...byPage.keys()].sort()).toEqual(['1', '2']);
    for (const tally of byPage.values()) expect(tally.ok).toBe(1);
    const faulted = [...byPage.values()].reduce((n, t) => n + t.faulted, 0);
    expect(faulted).toBeGreaterThan(0);
    expect(r.requestCount).toBe(2 + faulted);
  });

  it('returns exact rows for a join whose two scans both meet faults', async () => {
    const patient = await s.connectWith({ MaxRetries: 8 });
    s.sim.setFaults({ rate: 0.3, kinds: ['500', '503', 'reset'], seed: 9 });
    const r = await patient.query(
      'SELECT c.Email, COUNT(*) AS n FROM Customers c JOIN Orders o ON o.CustomerId = c.Id GROUP BY c.Email ORDER BY c.Email',
    );
    const emailOf = new Map(expectedCustomers(s.sim).map((c) => [c.Id, c.Email as string]));
    const counts = new Map<string, number>();
    for (const o of expectedOrders(s.sim)) {
      const email = emailOf.get(o.CustomerId);
      if (email !== undefined) counts.set(email, (counts.get(email) ?? 0) + 1);
    }
    const expected = [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([Email, n]) => ({ Email, n }));
    expect(r.rows).toEqual(expected);
    expect(s.apiRequests().some((q) => q.fault)).toBe(true);
  });
});

describe('a fault before any page of a small list', () => {
  it('costs exactly two requests for a one-request query after one 503', async () => {
    s.sim.setFaults({ script: [{ match: '/v3/customers', kind: '503' }] });
    const r = await conn.query('SELECT Id, Email FROM Customers WHERE Id IN (1, 2, 3) ORDER BY Id');
    expect(r.rows).toEqual(expectedCustomers(s.sim).slice(0, 3));
    expect(s.apiRequests()).toHaveLength(2);
    expect(r.requestCount).toBe(2);
  });
});
