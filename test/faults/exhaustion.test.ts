/**
 * When retries run out the query fails — never a partial result. A failure after some pages says
 * how many rows were fetched, which request failed and why (ERR_INCOMPLETE_RESULT); a failure of
 * the first request is that request's own error. Faults are armed from onProgress once page 1 has
 * arrived, so the later page is hit exactly; MaxConcurrentRequests=1 keeps the order fixed.
 */
import type { Connection } from '../../src';
import type { FaultKind } from '../../src/simulator';
import {
  faultSetup,
  failureOf,
  PRODUCTS_SQL,
  requestsPerPage,
  untilLogged,
  type FaultSetup,
} from './faultKit';

const PRODUCTS = '/v3/catalog/products';
const SLOW_MS = 1500;

let s: FaultSetup;
beforeAll(async () => {
  s = await faultSetup({ products: 600, orders: 600, customers: 5, seed: 12 });
});
afterAll(() => s.close());
beforeEach(() => {
  s.sim.setFaults(undefined);
  s.sim.resetRequests();
});

/** Runs `sql` and, when its first page has arrived, scripts `times` faults of `kind` on the next requests. */
async function failAfterFirstPage(conn: Connection, sql: string, kind: FaultKind, times: number) {
  let armed = false;
  return failureOf(() =>
    conn.query(sql, [], {
      onProgress: (p) => {
        if (armed || p.pagesFetched < 1) return;
        armed = true;
        s.sim.setFaults({ slowMs: SLOW_MS, retryAfterMs: 50, script: [{ kind, times }] });
      },
    }),
  );
}

describe('a page that keeps failing after the first page arrived', () => {
  it('fails with ERR_INCOMPLETE_RESULT naming rows fetched, page, status and attempts (MaxRetries=2)', async () => {
    const conn = await s.connectWith({ MaxRetries: 2, MaxConcurrentRequests: 1 });
    const err = await failAfterFirstPage(conn, PRODUCTS_SQL, '503', 3);
    expect(err).toMatchObject({
      code: 'ERR_INCOMPLETE_RESULT',
      causeCode: 'ERR_API',
      status: 503,
      page: 2,
      rowsFetched: 250,
      rowsTotal: 600,
      table: 'Products',
    });
    expect(err.message).toContain('fetched 250 of about 600 rows from Products');
    expect(err.message).toContain('GET /v3/catalog/products?page=2 failed');
    expect(err.message).toContain('503 Service Unavailable');
    expect(err.message).toContain('gave up after 3 attempts');
    // Page 2 was tried 1 + MaxRetries times; page 3 was never asked for.
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 3 });
  });

  it('fails the same way on a v2 list, after the count and one page', async () => {
    const conn = await s.connectWith({ MaxRetries: 1, MaxConcurrentRequests: 1 });
    const err = await failAfterFirstPage(conn, 'SELECT Id FROM Orders', '500', 2);
    expect(err).toMatchObject({ code: 'ERR_INCOMPLETE_RESULT', status: 500, page: 2, rowsFetched: 250 });
    expect(err.message).toContain('fetched 250 of about 600 rows from Orders');
    expect(err.message).toContain('GET /v2/orders?page=2 failed');
    expect(requestsPerPage(s, '/v2/orders')).toEqual({ count: 1, '1': 1, '2': 2 });
  });

  it('fails with ERR_INCOMPLETE_RESULT when concurrent pages fail, cancelling the rest', async () => {
    const conn = await s.connectWith({ MaxRetries: 1 });
    const err = await failAfterFirstPage(conn, PRODUCTS_SQL, '502', 100);
    expect(err).toMatchObject({ code: 'ERR_INCOMPLETE_RESULT', status: 502, rowsFetched: 250 });
    expect([2, 3]).toContain(err.page);
    // No page was tried more than 1 + MaxRetries times.
    for (const n of Object.values(requestsPerPage(s, PRODUCTS))) expect(n).toBeLessThanOrEqual(2);
  });

  it.each<[FaultKind, string, RegExp]>([
    ['500', 'ERR_API', /500 Internal Server Error/],
    ['502', 'ERR_API', /502 Bad Gateway/],
    ['reset', 'ERR_NETWORK', /connection (was )?closed before the whole response arrived/],
    ['429', 'ERR_API_RATE_LIMITED', /rate limited \(429/],
    ['429-noheaders', 'ERR_API_RATE_LIMITED', /rate limited \(429/],
    ['slow', 'ERR_TIMEOUT', /no answer within 1 s/],
    ['malformed', 'ERR_API_BAD_RESPONSE', /not valid JSON/],
    ['html', 'ERR_API', /HTML error page/],
  ])(
    'names the cause of a %s with MaxRetries=0 (%s) after exactly one request for page 2',
    async (kind, causeCode, said) => {
      const conn = await s.connectWith({ MaxRetries: 0, MaxConcurrentRequests: 1, Timeout: 1 });
      const err = await failAfterFirstPage(conn, PRODUCTS_SQL, kind, 1);
      if (kind === 'slow') await untilLogged(s, 'slow');
      expect(err).toMatchObject({ code: 'ERR_INCOMPLETE_RESULT', causeCode, page: 2, rowsFetched: 250 });
      expect(err.message).toMatch(
        /^fetched 250 of about 600 rows from Products; GET \/v3\/catalog\/products\?page=2 failed: /,
      );
      expect(err.message).toMatch(said);
      expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 1 });
    },
  );
});

describe('the first request failing for good', () => {
  it('fails with the request’s own error after 1 + MaxRetries attempts, with no rows', async () => {
    const conn = await s.connectWith({ MaxRetries: 2 });
    s.sim.setFaults({ script: [{ match: PRODUCTS, kind: '503', times: 3 }] });
    const err = await failureOf(() => conn.query(PRODUCTS_SQL));
    expect(err).toMatchObject({ code: 'ERR_API', status: 503, attempts: 3, path: PRODUCTS });
    expect(err.message).toContain('GET /v3/catalog/products failed with 503 Service Unavailable');
    expect(err.message).toContain('gave up after 3 attempts');
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 3 });
  });

  it('does not retry at all with MaxRetries=0', async () => {
    const conn = await s.connectWith({ MaxRetries: 0 });
    s.sim.setFaults({ script: [{ match: PRODUCTS, kind: '500', times: 5 }] });
    const err = await failureOf(() => conn.query(PRODUCTS_SQL));
    expect(err).toMatchObject({ code: 'ERR_API', status: 500 });
    expect(s.apiRequests()).toHaveLength(1);
  });

  it('gives up at once when the 429 wait would exceed RetryTimeout', async () => {
    const conn = await s.connectWith({ MaxRetries: 10, RetryTimeout: 1 });
    // X-Rate-Limit-Time-Reset-Ms 3000 and X-Retry-After 3: longer than the 1 s RetryTimeout allows.
    s.sim.setFaults({ retryAfterMs: 3000, script: [{ match: PRODUCTS, kind: '429', times: 5 }] });
    const err = await failureOf(() => conn.query(PRODUCTS_SQL));
    expect(err).toMatchObject({ code: 'ERR_API_RATE_LIMITED', status: 429 });
    expect(err.message).toContain('raise RetryTimeout');
    expect(s.apiRequests()).toHaveLength(1);
  });
});
