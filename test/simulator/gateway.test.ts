import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createFaultInjector } from '../../src/simulator/faults';
import { createRateLimiter } from '../../src/simulator/rateLimit';
import { createSimServer } from '../../src/simulator/server';
import type { SimContext } from '../../src/simulator/simContext';
import { TokenRegistry } from '../../src/simulator/TokenRegistry';
import type { ApiReply, ApiRequest } from '../../src/simulator/types';

/** The server with a recording stand-in for the store's API, to see exactly what reaches it. */
async function start(reply: (req: ApiRequest) => ApiReply) {
  const seen: ApiRequest[] = [];
  const mutate = jest.fn();
  const tokens = new TokenRegistry();
  tokens.addToken('good', ['store_v2_products']);
  const closing = new AbortController();
  const ctx: SimContext = {
    storeHash: 'hash1',
    clientId: 'c',
    clientSecret: 's',
    user: { id: 1, username: 'u', email: 'u@example.com' },
    password: 'p',
    accountUuid: '00000000-0000-4000-8000-000000000000',
    store: { mutate },
    handleApi: (_store, req) => {
      seen.push(req);
      return reply(req);
    },
    requiredScope: (_m, path) =>
      path.startsWith('/v3/catalog')
        ? { read: 'store_v2_products_read_only', write: 'store_v2_products' }
        : null,
    tokens,
    limiter: createRateLimiter(false),
    faults: createFaultInjector(undefined, 1),
    latencyMs: 0,
    expiringTokens: false,
    tokenTtlSeconds: 60,
    codeTtlSeconds: 60,
    requests: [],
    logRequests: true,
    closing: closing.signal,
  };
  const server: Server = createSimServer(ctx);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stores/hash1`;
  const close = () =>
    new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { ctx, seen, mutate, base, close };
}

describe('simulator gateway', () => {
  it('hands the API the method, the path after the store hash, the query and the parsed JSON body', async () => {
    const t = await start(() => ({ status: 201, body: { ok: true } }));
    try {
      const res = await fetch(`${t.base}/v3/catalog/products?limit=2&id:in=1,2`, {
        method: 'POST',
        headers: { 'X-Auth-Token': 'good', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'A', price: 1.5 }),
      });
      expect(res.status).toBe(201);
      expect(t.seen).toHaveLength(1);
      const req = t.seen[0];
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/v3/catalog/products');
      expect(req.query.get('id:in')).toBe('1,2');
      expect(req.query.get('limit')).toBe('2');
      expect(req.body).toEqual({ name: 'A', price: 1.5 });
    } finally {
      await t.close();
    }
  });

  it("adds the API's own headers to the rate-limit headers", async () => {
    const t = await start(() => ({ status: 200, body: [], headers: { 'X-Custom': 'yes' } }));
    try {
      const res = await fetch(`${t.base}/v2/store`, { headers: { 'X-Auth-Token': 'good' } });
      expect(res.headers.get('x-custom')).toBe('yes');
      expect(res.headers.get('x-rate-limit-requests-quota')).not.toBeNull();
    } finally {
      await t.close();
    }
  });

  it('lets any valid token through when the API names no scope for a path', async () => {
    const t = await start(() => ({ status: 200, body: {} }));
    try {
      expect((await fetch(`${t.base}/v2/anything`, { headers: { 'X-Auth-Token': 'good' } })).status).toBe(
        200,
      );
    } finally {
      await t.close();
    }
  });

  it('answers 500 naming a simulator bug when the API throws', async () => {
    const t = await start(() => {
      throw new Error('boom');
    });
    try {
      const res = await fetch(`${t.base}/v2/store`, { headers: { 'X-Auth-Token': 'good' } });
      expect(res.status).toBe(500);
      expect(((await res.json()) as { detail: string }).detail).toBe('Simulator bug: boom');
    } finally {
      await t.close();
    }
  });

  it("calls the store's mutate hook before answering on a 'mutate' fault", async () => {
    const t = await start(() => ({ status: 200, body: {} }));
    try {
      t.ctx.faults.configure({ script: [{ kind: 'mutate' }] });
      await fetch(`${t.base}/v2/store`, { headers: { 'X-Auth-Token': 'good' } });
      await fetch(`${t.base}/v2/store`, { headers: { 'X-Auth-Token': 'good' } });
      expect(t.mutate).toHaveBeenCalledTimes(1);
    } finally {
      await t.close();
    }
  });

  it("drops the connection before any status line on 'reset' of an empty reply, logging status 0", async () => {
    const t = await start(() => ({ status: 204 }));
    try {
      t.ctx.faults.configure({ script: [{ kind: 'reset' }] });
      await expect(fetch(`${t.base}/v2/orders`, { headers: { 'X-Auth-Token': 'good' } })).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 20));
      expect(t.ctx.requests.map((r) => [r.status, r.fault])).toEqual([[0, 'reset']]);
    } finally {
      await t.close();
    }
  });
});
