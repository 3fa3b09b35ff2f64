import type { ServerResponse } from 'node:http';
import { startServer, type Reply, type ScriptedServer } from './helpers/scriptedServer';
import { makeClient, rejectionOf } from './helpers/fixtures';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OK: Reply = { json: { data: [{ id: 1 }] } };

/** Answers with `script[i]` for the i-th request and OK after the script runs out. */
const scripted = (...script: Reply[]) => startServer((_req, i) => script[i] ?? OK);

/** Starts a 200 with a long body, sends part of it, then drops the connection. */
const resetMidBody: Reply = {
  raw: (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"data": [{"id": 1}, {"id"');
    setTimeout(() => res.socket?.destroy(), 20);
  },
};

const gapMs = (s: ScriptedServer, i: number) => s.requests[i].at - s.requests[i - 1].at;

describe('429 Too Many Requests', () => {
  it('waits at least X-Rate-Limit-Time-Reset-Ms before retrying', async () => {
    server = await scripted({
      status: 429,
      headers: {
        'X-Rate-Limit-Time-Reset-Ms': '300',
        'X-Rate-Limit-Requests-Left': '0',
        'X-Rate-Limit-Requests-Quota': '150',
        'X-Rate-Limit-Time-Window-Ms': '30000',
      },
      json: { status: 429, title: 'Too many requests' },
    });
    const client = makeClient(server.baseUrl);
    const res = await client.request('GET', '/v3/catalog/products');
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(gapMs(server, 1)).toBeGreaterThanOrEqual(300);
    expect(client.pacerStats.tooManyRequests).toBe(1);
    expect(client.pacerStats.waits).toBeGreaterThanOrEqual(1);
  });

  it('waits for X-Retry-After seconds when that is longer than the reset, whatever the header case', async () => {
    server = await scripted({
      status: 429,
      headers: { 'X-RATE-LIMIT-TIME-RESET-MS': '50', 'x-retry-after': '1' },
    });
    const client = makeClient(server.baseUrl);
    await client.request('GET', '/v3/catalog/products');
    expect(server.requests).toHaveLength(2);
    expect(gapMs(server, 1)).toBeGreaterThanOrEqual(1000);
  });

  it('backs off and succeeds when the 429 carries no rate-limit headers', async () => {
    server = await scripted({ status: 429 }, { status: 429 });
    const client = makeClient(server.baseUrl);
    expect((await client.request('GET', '/v3/catalog/products')).status).toBe(200);
    expect(client.requestCount).toBe(3);
    // Equal jitter guarantees half the base delay (250 ms) at least.
    expect(gapMs(server, 1)).toBeGreaterThanOrEqual(125);
  });

  it('retries a rate-limited write, since BigCommerce did not process it', async () => {
    server = await scripted(
      { status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '20' } },
      { status: 201, json: { data: { id: 9 } } },
    );
    const client = makeClient(server.baseUrl);
    const res = await client.request('POST', '/v3/catalog/products', { body: { name: 'Hat' } });
    expect(res.status).toBe(201);
    expect(server.requests.map((r) => r.body)).toEqual(['{"name":"Hat"}', '{"name":"Hat"}']);
  });

  it('gives up with ERR_API_RATE_LIMITED after MaxRetries', async () => {
    server = await startServer(() => ({ status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '10' } }));
    const client = makeClient(server.baseUrl, { MaxRetries: 2 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toMatchObject({ code: 'ERR_API_RATE_LIMITED', status: 429, attempts: 3 });
    expect(client.requestCount).toBe(3);
  });
});

describe('server errors and transport failures', () => {
  it('costs exactly two requests for one 503 followed by success', async () => {
    server = await scripted({ status: 503, json: { status: 503, title: 'Service Unavailable' } });
    const client = makeClient(server.baseUrl);
    expect((await client.request('GET', '/v3/catalog/products')).json).toEqual(OK.json);
    expect(client.requestCount).toBe(2);
  });

  it.each([500, 502, 504])('retries a GET answered with %i', async (status) => {
    server = await scripted({ status });
    const client = makeClient(server.baseUrl);
    await client.request('GET', '/v3/catalog/products');
    expect(client.requestCount).toBe(2);
  });

  it('reports the attempts made when retries run out', async () => {
    server = await startServer(() => ({ status: 503, json: { status: 503, title: 'Down for maintenance' } }));
    const client = makeClient(server.baseUrl, { MaxRetries: 2 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toMatchObject({
      code: 'ERR_API',
      status: 503,
      method: 'GET',
      path: '/v3/catalog/products',
      attempts: 3,
    });
    expect(err.message).toBe(
      'GET /v3/catalog/products failed with 503 Service Unavailable: Down for maintenance (gave up after 3 attempts)',
    );
    expect(client.requestCount).toBe(3);
  });

  it('stops retrying when the next wait would pass RetryTimeout', async () => {
    server = await startServer(() => ({ status: 503 }));
    // 50 ms is less than the smallest first backoff (100 ms), so no retry fits.
    const client = makeClient(server.baseUrl, { MaxRetries: 5, RetryTimeout: 0.05 });
    expect((await rejectionOf(client.request('GET', '/v3/catalog/products'))).code).toBe('ERR_API');
    expect(client.requestCount).toBe(1);
  });

  it('retries a connection reset in the middle of the body', async () => {
    server = await scripted(resetMidBody);
    const client = makeClient(server.baseUrl);
    expect((await client.request('GET', '/v3/catalog/products')).json).toEqual(OK.json);
    expect(client.requestCount).toBe(2);
  });

  it('fails with ERR_NETWORK after retries when every connection is reset', async () => {
    server = await startServer(() => resetMidBody);
    const client = makeClient(server.baseUrl, { MaxRetries: 1 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toMatchObject({ code: 'ERR_NETWORK', attempts: 2, path: '/v3/catalog/products' });
  });

  it('retries a request that takes longer than Timeout', async () => {
    server = await scripted({ ...OK, delayMs: 1500 });
    const client = makeClient(server.baseUrl, { Timeout: 0.2 });
    expect((await client.request('GET', '/v3/catalog/products')).json).toEqual(OK.json);
    expect(client.requestCount).toBe(2);
  });

  it('fails with ERR_TIMEOUT naming Timeout when every attempt is too slow', async () => {
    server = await startServer(() => ({ ...OK, delayMs: 1500 }));
    const client = makeClient(server.baseUrl, { Timeout: 0.1, MaxRetries: 1 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toMatchObject({ code: 'ERR_TIMEOUT', attempts: 2 });
    expect(err.message).toContain('raise the Timeout property');
  });

  it('does not retry a write that failed with a 5xx or a timeout', async () => {
    server = await scripted({ status: 503 }, { ...OK, delayMs: 1500 });
    const client = makeClient(server.baseUrl, { Timeout: 0.2 });
    expect((await rejectionOf(client.request('POST', '/v3/catalog/products', { body: {} }))).code).toBe(
      'ERR_API',
    );
    expect((await rejectionOf(client.request('DELETE', '/v3/catalog/products/1'))).code).toBe('ERR_TIMEOUT');
    expect(client.requestCount).toBe(2);
  });

  it('retries an update or delete marked idempotent like a read, and never a create', async () => {
    server = await scripted({ status: 503 }, OK, resetMidBody, OK, { status: 503 });
    const client = makeClient(server.baseUrl);
    const put = await client.request('PUT', '/v3/catalog/products', { body: [{ id: 1 }], idempotent: true });
    expect(put.status).toBe(200);
    const del = await client.request('DELETE', '/v3/catalog/products', {
      query: { 'id:in': '1' },
      idempotent: true,
    });
    expect(del.status).toBe(200);
    expect(server.requests).toHaveLength(4);
    const post = rejectionOf(client.request('POST', '/v3/catalog/products', { body: {}, idempotent: true }));
    expect((await post).code).toBe('ERR_API');
    expect(server.requests).toHaveLength(5);
  });
});

describe('unreadable bodies', () => {
  const html: Reply = { text: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>nginx</body></html>' };
  const malformed: Reply = {
    text: '{"data": [{"id": 1}, {"id"',
    headers: { 'content-type': 'application/json' },
  };

  it('retries an HTML page from a proxy, then reports ERR_API_BAD_RESPONSE saying so', async () => {
    server = await startServer(() => html);
    const client = makeClient(server.baseUrl, { MaxRetries: 1 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products', { query: { page: 2 } }));
    expect(err.code).toBe('ERR_API_BAD_RESPONSE');
    expect(err.message).toContain(
      'the response from GET /v3/catalog/products was not JSON: it looks like an HTML error page from a proxy',
    );
    expect(client.requestCount).toBe(2);
  });

  it('retries malformed JSON, then reports ERR_API_BAD_RESPONSE', async () => {
    server = await startServer(() => malformed);
    const client = makeClient(server.baseUrl, { MaxRetries: 2 });
    const err = await rejectionOf(client.request('GET', '/v3/catalog/products'));
    expect(err).toMatchObject({ code: 'ERR_API_BAD_RESPONSE', attempts: 3 });
    expect(err.message).toContain('was not valid JSON');
  });

  it('recovers when a malformed body is followed by a good one', async () => {
    server = await scripted(malformed, html);
    const client = makeClient(server.baseUrl);
    expect((await client.request('GET', '/v3/catalog/products')).json).toEqual(OK.json);
    expect(client.requestCount).toBe(3);
  });

  it('accepts an empty 204 body as no JSON', async () => {
    server = await scripted({ status: 204 });
    const res = await makeClient(server.baseUrl).request('DELETE', '/v3/catalog/products/1');
    expect(res).toMatchObject({ status: 204, json: undefined });
  });
});
