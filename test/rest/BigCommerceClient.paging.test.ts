import type { ProgressEvent } from '../../src/types';
import type { ListSpec } from '../../src/rest/types';
import { idsOf, startServer, v3Page, type ScriptedServer } from './helpers/scriptedServer';
import { makeClient, rejectionOf } from './helpers/fixtures';

const products = (over: Partial<ListSpec> = {}): ListSpec => ({
  path: '/v3/catalog/products',
  records: 'data',
  pagination: 'v3',
  pageSize: 10,
  query: { is_visible: true },
  table: 'Products',
  keyOf: (r) => String(r.id),
  ...over,
});

const orders = (over: Partial<ListSpec> = {}): ListSpec => ({
  path: '/v2/orders',
  pagination: 'v2',
  pageSize: 10,
  query: {},
  table: 'Orders',
  keyOf: (r) => String(r.id),
  ...over,
});

/** A v2 endpoint over ids 1..total: bare arrays, 204 past the end, /count. */
function v2Handler(total: () => number, delayMs = 0) {
  return (req: { path: string; query: Record<string, string> }) => {
    if (req.path.endsWith('/count')) return { json: { count: total() } };
    const page = Number(req.query.page);
    const limit = Number(req.query.limit);
    const ids = idsOf(page, limit, total());
    if (ids.length === 0) return { status: 204, delayMs };
    return { json: ids.map((id) => ({ id })), delayMs };
  };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('v3 lists', () => {
  it('fetches page 1, then the other pages concurrently within MaxConcurrentRequests, keeping page order', async () => {
    server = await startServer((req) => {
      const page = Number(req.query.page);
      // Later pages answer faster, so completion order differs from page order.
      return { ...v3Page(idsOf(page, 10, 95), page, 10, 95), delayMs: page === 1 ? 0 : 60 - page * 5 };
    });
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 3 });
    const { records, warnings } = await client.list(products());
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 95, 95));
    expect(warnings).toEqual([]);
    expect(server.requests[0].query).toEqual({ page: '1', limit: '10', is_visible: 'true' });
    expect(server.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(client.requestCount).toBe(10);
  });

  it('keeps MaxConcurrentRequests for the whole client when several lists run at once (child-table fan-out)', async () => {
    server = await startServer((req) => {
      const page = Number(req.query.page);
      return { ...v3Page(idsOf(page, 10, 50), page, 10, 50), delayMs: 50 };
    });
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 3 });
    const parents = [1, 2, 3, 4];
    const results = await Promise.all(
      parents.map((id) =>
        client.list(products({ path: `/v3/catalog/products/${id}/variants`, table: 'ProductVariants' })),
      ),
    );
    expect(results.map((r) => r.records.length)).toEqual([50, 50, 50, 50]);
    expect(client.requestCount).toBe(20);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });

  it('sends the token as X-Auth-Token and asks for JSON under /stores/{hash}', async () => {
    server = await startServer((req) => v3Page(idsOf(1, 10, 3), Number(req.query.page), 10, 3));
    await makeClient(server.baseUrl).list(products());
    expect(server.requests[0].storeHash).toBe('abc123');
    expect(server.requests[0].headers['x-auth-token']).toBe('tok_a1b2c3d4e5f6_SECRET');
    expect(server.requests[0].headers.accept).toBe('application/json');
  });

  it('with a limit no larger than a page makes exactly one request asking for that many records', async () => {
    server = await startServer((req) => v3Page(idsOf(1, 5, 1000), Number(req.query.page), 5, 1000));
    const client = makeClient(server.baseUrl);
    const { records } = await client.list(products({ pageSize: 250, limit: 5 }));
    expect(records).toHaveLength(5);
    expect(client.requestCount).toBe(1);
    expect(server.requests[0].query.limit).toBe('5');
  });

  it('with a limit spanning pages stops after the pages the limit needs', async () => {
    server = await startServer((req) =>
      v3Page(idsOf(Number(req.query.page), 10, 1000), Number(req.query.page), 10, 1000),
    );
    const client = makeClient(server.baseUrl);
    const { records } = await client.list(products({ limit: 25 }));
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 25, 25));
    expect(client.requestCount).toBe(3);
  });

  it('with LIMIT 0 makes no request at all', async () => {
    server = await startServer(() => ({ status: 500 }));
    const client = makeClient(server.baseUrl);
    expect((await client.list(products({ limit: 0 }))).records).toEqual([]);
    expect(client.requestCount).toBe(0);
  });

  it('reports progress with pages and rows fetched out of the totals', async () => {
    server = await startServer((req) =>
      v3Page(idsOf(Number(req.query.page), 10, 25), Number(req.query.page), 10, 25),
    );
    const events: ProgressEvent[] = [];
    await makeClient(server.baseUrl).list(products(), { onProgress: (p) => events.push(p) });
    expect(events[events.length - 1]).toEqual({
      table: 'Products',
      pagesFetched: 3,
      pagesTotal: 3,
      rowsFetched: 25,
      rowsTotal: 25,
    });
    expect(events.map((e) => e.pagesFetched)).toEqual([1, 2, 3]);
  });

  it('drops duplicate keys and warns when the total moves during the scan', async () => {
    // A product is inserted at the front after page 1 was read: every later record shifts one place
    // back, so page 2 repeats id 10, the total grows to 21 and a third page appears.
    const pages: Record<number, number[]> = { 1: idsOf(1, 10, 20), 2: idsOf(1, 19, 19).slice(9), 3: [20] };
    server = await startServer((req) => {
      const page = Number(req.query.page);
      return v3Page(pages[page] ?? [], page, 10, page === 1 ? 20 : 21);
    });
    const { records, warnings } = await makeClient(server.baseUrl, { MaxConcurrentRequests: 1 }).list(
      products(),
    );
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(idsOf(1, 20, 20));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^data in Products changed during the scan \(total went from 20 to 21; 1 duplicate row dropped\); results reflect a moving store$/,
    );
  });

  it('fetches the extra page when a later page reports more pages than the first', async () => {
    let total = 20;
    server = await startServer((req) => {
      const page = Number(req.query.page);
      const reply = v3Page(idsOf(page, 10, total), page, 10, total);
      total = 25;
      return reply;
    });
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 1 });
    const { records, warnings } = await client.list(products());
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 25, 25));
    expect(client.requestCount).toBe(3);
    expect(warnings[0]).toContain('total went from 20 to 25');
  });

  it('fails with ERR_INCOMPLETE_RESULT naming the rows fetched and the failing request, never returning partial rows', async () => {
    server = await startServer((req) => {
      const page = Number(req.query.page);
      if (page === 3) return { status: 500, json: { status: 500, title: 'Internal error on page three' } };
      return v3Page(idsOf(page, 10, 40), page, 10, 40);
    });
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 1, MaxRetries: 1 });
    const err = await rejectionOf(client.list(products()));
    expect(err.code).toBe('ERR_INCOMPLETE_RESULT');
    expect(err.causeCode).toBe('ERR_API');
    expect(err.message).toMatch(
      /^fetched 20 of about 40 rows from Products; GET \/v3\/catalog\/products\?page=3 failed: /,
    );
    expect(err.message).toContain('500 Internal Server Error: Internal error on page three');
    expect(err.message).toContain('gave up after 2 attempts');
  });

  it('reports a failing first page as the error itself (nothing was fetched yet)', async () => {
    server = await startServer(() => ({
      status: 403,
      json: { status: 403, title: 'You do not have permission' },
    }));
    const err = await rejectionOf(
      makeClient(server.baseUrl).list(products({ scope: 'store_v2_products_read_only' })),
    );
    expect(err.code).toBe('ERR_API_FORBIDDEN');
  });

  it('treats a 404 on the first page as no rows when the spec allows it', async () => {
    server = await startServer(() => ({ status: 404, json: { status: 404, title: 'Not Found' } }));
    const { records } = await makeClient(server.baseUrl).list(products({ allow404: true }));
    expect(records).toEqual([]);
  });
});

describe('streaming with onRecords', () => {
  it('hands pages over in page order as they complete, returning no records at the end', async () => {
    server = await startServer((req) => {
      const page = Number(req.query.page);
      // Page 2 is the slowest, so pages 3–5 arrive first and must wait for it.
      return { ...v3Page(idsOf(page, 10, 50), page, 10, 50), delayMs: page === 2 ? 80 : 5 };
    });
    const batches: unknown[][] = [];
    const result = await makeClient(server.baseUrl, { MaxConcurrentRequests: 4 }).list(products(), {
      onRecords: (records) => batches.push(records.map((r) => r.id)),
    });
    expect(result.records).toEqual([]);
    expect(batches.flat()).toEqual(idsOf(1, 50, 50));
    expect(batches[0]).toEqual(idsOf(1, 10, 10));
  });

  it('drops duplicates across pages and still fills the limit', async () => {
    const pages: Record<number, number[]> = { 1: [1, 2, 3], 2: [3, 4, 5], 3: [6, 7, 8] };
    server = await startServer((req) => {
      const page = Number(req.query.page);
      return v3Page(pages[page], page, 3, 9);
    });
    const handed: unknown[] = [];
    const client = makeClient(server.baseUrl);
    const { warnings } = await client.list(products({ pageSize: 3, limit: 6 }), {
      onRecords: (records) => handed.push(...records.map((r) => r.id)),
    });
    // Pages 1–2 hold only 5 distinct rows, so page 3 is fetched to reach the limit.
    expect(handed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(client.requestCount).toBe(3);
    expect(warnings[0]).toContain('1 duplicate row dropped');
  });
});

describe('v2 lists', () => {
  it('with a count endpoint asks for the count, then fetches exactly those pages concurrently', async () => {
    server = await startServer(v2Handler(() => 35, 100));
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 4 });
    const { records, warnings } = await client.list(
      orders({ countPath: '/v2/orders/count', query: { status_id: 11 } }),
    );
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 35, 35));
    expect(warnings).toEqual([]);
    expect(server.requests[0]).toMatchObject({ path: '/v2/orders/count', query: { status_id: '11' } });
    expect(
      server.requests
        .slice(1)
        .map((r) => Number(r.query.page))
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(client.requestCount).toBe(5);
  });

  it('keeps going until a 204 when the last counted page comes back full', async () => {
    let total = 20;
    server = await startServer((req, i) => {
      const reply = v2Handler(() => total)(req);
      if (i === 0) total = 23; // rows added right after the count
      return reply;
    });
    const client = makeClient(server.baseUrl);
    const { records, warnings } = await client.list(orders({ countPath: '/v2/orders/count' }));
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 23, 23));
    expect(client.requestCount).toBe(4); // count + pages 1, 2 and 3
    expect(warnings[0]).toContain('data in Orders changed during the scan (total went from 20 to 23)');
  });

  it('without a count endpoint fetches page 1 alone, then speculative pages until a 204', async () => {
    server = await startServer(v2Handler(() => 45));
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 3 });
    const { records } = await client.list(orders());
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 45, 45));
    expect(server.requests[0].query.page).toBe('1');
    // Pages 2–5 hold rows; page 6 is the first 204 (pages 6–7 may both be in flight when it lands).
    const pages = server.requests.map((r) => Number(r.query.page));
    expect(pages).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
    expect(Math.max(...pages)).toBeLessThanOrEqual(5 + 3);
  });

  it('stops after a short first page with one request', async () => {
    server = await startServer(v2Handler(() => 4));
    const client = makeClient(server.baseUrl);
    const { records } = await client.list(orders({ path: '/v2/orders/7/products' }));
    expect(records).toHaveLength(4);
    expect(client.requestCount).toBe(1);
  });

  it('returns no rows for a 204 first page', async () => {
    server = await startServer(() => ({ status: 204 }));
    const client = makeClient(server.baseUrl);
    expect((await client.list(orders())).records).toEqual([]);
    expect(client.requestCount).toBe(1);
  });

  it('with a limit skips the count and fetches only the pages the limit needs', async () => {
    server = await startServer(v2Handler(() => 500));
    const client = makeClient(server.baseUrl);
    const { records } = await client.list(orders({ countPath: '/v2/orders/count', limit: 15 }));
    expect(records.map((r) => r.id)).toEqual(idsOf(1, 15, 15));
    expect(server.requests.map((r) => r.path)).not.toContain('/v2/orders/count');
    expect(client.requestCount).toBe(2);
  });
});

describe('unpaged endpoints', () => {
  it('make one request and turn an object body into one record', async () => {
    server = await startServer(() => ({ json: { id: 'store-1', name: 'Demo' } }));
    const client = makeClient(server.baseUrl);
    const { records } = await client.list({
      path: '/v2/store',
      pagination: 'none',
      pageSize: 1,
      query: {},
      table: 'Stores',
    });
    expect(records).toEqual([{ id: 'store-1', name: 'Demo' }]);
    expect(server.requests[0].query).toEqual({});
    expect(client.requestCount).toBe(1);
  });
});

describe('count', () => {
  it('reads meta.pagination.total from one v3 request with limit=1', async () => {
    server = await startServer(() => v3Page([1], 1, 1, 1234));
    const client = makeClient(server.baseUrl);
    expect(await client.count(products())).toBe(1234);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].query).toEqual({ limit: '1', is_visible: 'true' });
  });

  it('reads {count} from the v2 count endpoint in one request', async () => {
    server = await startServer(v2Handler(() => 512));
    const client = makeClient(server.baseUrl);
    expect(await client.count(orders({ countPath: '/v2/orders/count' }))).toBe(512);
    expect(client.requestCount).toBe(1);
  });
});
