import type { ServerResponse } from 'node:http';
import type { ListSpec } from '../../src/rest/types';
import { idsOf, startServer, v3Page, type ScriptedServer } from './helpers/scriptedServer';
import { makeClient, rejectionOf } from './helpers/fixtures';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const spec: ListSpec = {
  path: '/v3/catalog/products',
  records: 'data',
  pagination: 'v3',
  pageSize: 10,
  query: {},
  table: 'Products',
};

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('cancellation', () => {
  it('cancels every page request in flight and rejects with ERR_CANCELLED', async () => {
    const held: ServerResponse[] = [];
    let closed = 0;
    const controller = new AbortController();
    server = await startServer((req) => {
      const page = Number(req.query.page);
      if (page === 1) return v3Page(idsOf(1, 10, 100), 1, 10, 100);
      return {
        raw: (res) => {
          held.push(res);
          res.on('close', () => closed++);
          // Abort once the pool is full of requests that will never be answered.
          if (held.length === 3) controller.abort();
        },
      };
    });
    const client = makeClient(server.baseUrl, { MaxConcurrentRequests: 3 });
    const err = await rejectionOf(client.list(spec, { signal: controller.signal }));
    expect(err.code).toBe('ERR_CANCELLED');
    expect(held).toHaveLength(3);
    await waitFor(() => closed === 3);
    expect(closed).toBe(3);
    // Nothing new started after the abort.
    expect(client.requestCount).toBe(4);
  });

  it('cuts a retry backoff short', async () => {
    const controller = new AbortController();
    server = await startServer(() => {
      // The first backoff is at least 100 ms; abort inside it.
      setTimeout(() => controller.abort(), 30);
      return { status: 503 };
    });
    const client = makeClient(server.baseUrl, { MaxRetries: 5 });
    const err = await rejectionOf(
      client.request('GET', '/v3/catalog/products', { signal: controller.signal }),
    );
    expect(err).toMatchObject({ code: 'ERR_CANCELLED', method: 'GET', path: '/v3/catalog/products' });
    expect(client.requestCount).toBe(1);
  });

  it('cuts a rate-limit wait short', async () => {
    // A minute-long wait: were it not cut short, the test would run into jest's timeout.
    const controller = new AbortController();
    server = await startServer(() => {
      setTimeout(() => controller.abort(), 50);
      return { status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '60000' } };
    });
    const client = makeClient(server.baseUrl, { RetryTimeout: 600 });
    const err = await rejectionOf(
      client.request('GET', '/v3/catalog/products', { signal: controller.signal }),
    );
    expect(err.code).toBe('ERR_CANCELLED');
    expect(client.requestCount).toBe(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    server = await startServer(() => v3Page([1], 1, 10, 1));
    const client = makeClient(server.baseUrl);
    const controller = new AbortController();
    controller.abort();
    expect((await rejectionOf(client.list(spec, { signal: controller.signal }))).code).toBe('ERR_CANCELLED');
    expect(client.requestCount).toBe(0);
  });
});
