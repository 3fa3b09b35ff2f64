import type { ProgressEvent } from '../../src/types';
import type { ListSpec } from '../../src/rest/types';
import {
  idsOf,
  startServer,
  v3Page,
  type Recorded,
  type Reply,
  type ScriptedServer,
} from './helpers/scriptedServer';
import { fakeAuth, makeClient } from './helpers/fixtures';

/**
 * A fixed-window limiter like BigCommerce's: per store, `quota` requests per window, the window
 * starting with the first request after the last one ended, headers on every answer and 429 beyond
 * the quota.
 */
function rateLimited(quota: number, windowMs: number, answer: (req: Recorded) => Reply) {
  const state = { windows: 0, tooMany: 0 };
  const stores = new Map<string, { windowStart: number; used: number }>();
  const handler = (req: Recorded): Reply => {
    const now = Date.now();
    let store = stores.get(req.storeHash);
    if (!store || now >= store.windowStart + windowMs) {
      store = { windowStart: now, used: 0 };
      stores.set(req.storeHash, store);
      state.windows++;
    }
    store.used++;
    const left = Math.max(0, quota - store.used);
    const headers = {
      'X-Rate-Limit-Requests-Left': String(left),
      'X-Rate-Limit-Requests-Quota': String(quota),
      'X-Rate-Limit-Time-Reset-Ms': String(store.windowStart + windowMs - now),
      'X-Rate-Limit-Time-Window-Ms': String(windowMs),
    };
    if (store.used > quota) {
      state.tooMany++;
      return { status: 429, headers, json: { status: 429, title: 'Too many requests' } };
    }
    const reply = answer(req);
    return { ...reply, headers: { ...reply.headers, ...headers }, delayMs: 5 };
  };
  return { state, handler };
}

const TOTAL = 36;
const spec: ListSpec = {
  path: '/v3/catalog/products',
  records: 'data',
  pagination: 'v3',
  pageSize: 1,
  query: {},
  table: 'Products',
  keyOf: (r) => String(r.id),
};
const onePerPage = (req: Recorded) => {
  const page = Number(req.query.page);
  return v3Page(idsOf(page, 1, TOTAL), page, 1, TOTAL);
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('pacing against the rate limit', () => {
  it('reads every page of a scan larger than the quota without a single 429, in as few windows as the quota allows', async () => {
    // Windows long enough that a loaded machine still sends ten requests inside one.
    const limiter = rateLimited(10, 2000, onePerPage);
    server = await startServer(limiter.handler);
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 4 });
    const events: ProgressEvent[] = [];
    const { records } = await client.list(spec, { onProgress: (p) => events.push(p) });
    expect(records.map((r) => r.id)).toEqual(idsOf(1, TOTAL, TOTAL));
    expect(limiter.state.tooMany).toBe(0);
    expect(client.pacerStats.tooManyRequests).toBe(0);
    expect(client.requestCount).toBe(TOTAL);
    // 36 pages at 10 per window need 4 windows; pacing must not waste any.
    expect(limiter.state.windows).toBe(Math.ceil(TOTAL / 10));
    expect(client.pacerStats.waits).toBeGreaterThan(0);
    expect(events.some((e) => (e.rateLimitWaitMs ?? 0) > 0)).toBe(true);
  });

  it('shares one pacer between clients of the same store, so two parallel scans still cause no 429', async () => {
    // Windows long enough that a loaded machine still sends ten requests inside one.
    const limiter = rateLimited(10, 2000, onePerPage);
    server = await startServer(limiter.handler);
    const a = makeClient(server.baseUrl, { MaxConcurrentRequests: 4 }, fakeAuth());
    const b = makeClient(server.baseUrl, { MaxConcurrentRequests: 4 }, fakeAuth());
    const [ra, rb] = await Promise.all([a.list(spec), b.list(spec)]);
    expect(ra.records).toHaveLength(TOTAL);
    expect(rb.records).toHaveLength(TOTAL);
    expect(limiter.state.tooMany).toBe(0);
    expect(a.pacerStats).toEqual(b.pacerStats);
  });

  it('makes a second client of the same store wait for the window the first one used up, but not a client of another store', async () => {
    const limiter = rateLimited(2, 300, () => ({ json: { data: [] } }));
    server = await startServer(limiter.handler);
    const first = makeClient(server.baseUrl, {}, fakeAuth({ storeHash: 'shared1' }));
    await first.request('GET', '/v3/a');
    await first.request('GET', '/v3/a');
    const second = makeClient(server.baseUrl, {}, fakeAuth({ storeHash: 'shared1' }));
    const other = makeClient(server.baseUrl, {}, fakeAuth({ storeHash: 'other99' }));
    await other.request('GET', '/v3/b');
    expect(other.pacerStats.waits).toBe(0);
    await second.request('GET', '/v3/c');
    expect(second.pacerStats.waits).toBeGreaterThan(0);
    const [, second2] = [server.requests[1], server.requests[3]];
    expect(second2.path).toBe('/v3/c');
    // The window opened by the first request of `first` must have ended before `second` was let through.
    expect(second2.at - server.requests[0].at).toBeGreaterThanOrEqual(300);
  });
});
