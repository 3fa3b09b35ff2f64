import * as net from 'node:net';
import { startSimulator, type Simulator } from '../../src/simulator';
import { apiGet, apiUrl, readJson } from './helpers';

describe('simulator server', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 20, customers: 5, orders: 5 });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.resetRequests());

  it('listens on 127.0.0.1 with one base URL for the API and the login server', () => {
    expect(sim.apiBaseUrl).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.loginBaseUrl).toBe(sim.apiBaseUrl);
    expect(sim.port).toBeGreaterThan(0);
  });

  it('derives store hash, client id, secret and access token from the seed', async () => {
    const again = await startSimulator({ seed: 1, products: 1 });
    const other = await startSimulator({ seed: 2, products: 1 });
    try {
      for (const k of ['storeHash', 'clientId', 'clientSecret', 'accessToken'] as const) {
        expect(again[k]).toBe(sim[k]);
        expect(other[k]).not.toBe(sim[k]);
      }
      expect(sim.storeHash).toMatch(/^[a-z0-9]{8}$/);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('answers GET /v2/store with JSON when the token is valid', async () => {
    const res = await apiGet(sim, '/v2/store');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await readJson(res)).toMatchObject({ id: sim.storeHash });
  });

  it('answers 401 with a BigCommerce error body when X-Auth-Token is missing', async () => {
    const res = await apiGet(sim, '/v2/store', null);
    expect(res.status).toBe(401);
    const body = await readJson(res);
    expect(body).toMatchObject({ status: 401 });
    expect(body.title).toMatch(/credentials/i);
    expect(res.headers.get('x-rate-limit-requests-quota')).toBe('450');
  });

  it('answers 401 for an unknown token and never echoes it', async () => {
    const res = await apiGet(sim, '/v2/store', 'not-a-real-token-123');
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('not-a-real-token-123');
  });

  it('answers 401 for a revoked token that worked before', async () => {
    const token = sim.issueToken();
    expect((await apiGet(sim, '/v2/store', token)).status).toBe(200);
    expect(sim.revokeToken(token)).toBe(true);
    expect((await apiGet(sim, '/v2/store', token)).status).toBe(401);
  });

  it('answers 401 saying so for an expired token', async () => {
    const token = sim.issueToken({ expiresIn: 0 });
    const res = await apiGet(sim, '/v2/store', token);
    expect(res.status).toBe(401);
    expect((await readJson(res)).title).toMatch(/expired/);
  });

  it('answers 404 for a store hash it does not serve', async () => {
    const res = await fetch(`${sim.apiBaseUrl}/stores/nosuchstore/v2/store`, {
      headers: { 'X-Auth-Token': sim.accessToken },
    });
    expect(res.status).toBe(404);
    expect((await readJson(res)).status).toBe(404);
  });

  it('answers 403 with the missing-scope title when the token lacks the endpoint scope', async () => {
    const token = sim.issueToken({ scope: 'store_v2_orders' });
    const res = await apiGet(sim, '/v2/store', token);
    expect(res.status).toBe(403);
    const body = await readJson(res);
    expect(body.title).toBe("You don't have a required scope to access the endpoint");
    expect(body.detail).toContain('store_v2_information');
  });

  it('lets a read-only scope GET but not POST', async () => {
    const token = sim.issueToken({ scope: 'store_v2_products_read_only' });
    expect((await apiGet(sim, '/v3/catalog/products', token)).status).toBe(200);
    const post = await fetch(apiUrl(sim, '/v3/catalog/products'), {
      method: 'POST',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(post.status).toBe(403);
  });

  it("passes the API's status, headers and body through", async () => {
    const res = await fetch(apiUrl(sim, '/v3/channels'), {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'New' }),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('x-rate-limit-requests-left')).not.toBeNull();
    expect(await readJson(res)).toMatchObject({ status: 405 });
  });

  it('answers 400 for a request body that is not JSON', async () => {
    const res = await fetch(apiUrl(sim, '/v3/catalog/products'), {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
  });

  it('sends an empty body without a content type when the API says 204', async () => {
    const res = await apiGet(sim, '/v2/orders?page=1000');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('x-rate-limit-requests-left')).not.toBeNull();
  });

  it('logs each API request with method, path, query, target bytes, status, kind and body bytes', async () => {
    const listed = await (await apiGet(sim, '/v3/catalog/products?limit=5&page=1')).arrayBuffer();
    const refused = await (await apiGet(sim, '/v2/store', null)).arrayBuffer();
    expect(sim.requests).toEqual([
      {
        method: 'GET',
        path: `/stores/${sim.storeHash}/v3/catalog/products`,
        query: { limit: '5', page: '1' },
        targetBytes: `/stores/${sim.storeHash}/v3/catalog/products?limit=5&page=1`.length,
        status: 200,
        kind: 'api',
        bytes: listed.byteLength,
      },
      {
        method: 'GET',
        path: `/stores/${sim.storeHash}/v2/store`,
        query: {},
        targetBytes: `/stores/${sim.storeHash}/v2/store`.length,
        status: 401,
        kind: 'api',
        bytes: refused.byteLength,
      },
    ]);
  });

  it('empties the request log in place on resetRequests', async () => {
    const log = sim.requests;
    await apiGet(sim, '/v2/store');
    expect(log).toHaveLength(1);
    sim.resetRequests();
    expect(log).toHaveLength(0);
    expect(sim.requests).toBe(log);
  });

  it('keeps no log when started with logRequests: false', async () => {
    const quiet = await startSimulator({ products: 1, logRequests: false });
    try {
      expect((await apiGet(quiet, '/v2/store')).status).toBe(200);
      expect(quiet.requests).toHaveLength(0);
    } finally {
      await quiet.close();
    }
  });

  it('does not log paths outside /stores and /oauth2', async () => {
    const res = await fetch(`${sim.apiBaseUrl}/favicon.ico`);
    expect(res.status).toBe(404);
    expect(sim.requests).toHaveLength(0);
  });

  it('delays API answers by the latency it is set to, and not OAuth pages', async () => {
    sim.setLatency(10_000);
    try {
      await expect(
        apiGet(sim, '/v2/store', sim.accessToken, { signal: AbortSignal.timeout(200) }),
      ).rejects.toThrow();
      const page = await fetch(
        `${sim.loginBaseUrl}/oauth2/authorize?client_id=${sim.clientId}&redirect_uri=http://localhost/cb`,
        {
          signal: AbortSignal.timeout(5000),
        },
      );
      expect(page.status).toBe(200);
    } finally {
      sim.setLatency(0);
    }
    expect(
      (await apiGet(sim, '/v2/store', sim.accessToken, { signal: AbortSignal.timeout(5000) })).status,
    ).toBe(200);
  });

  it('rejects a negative latency', () => {
    expect(() => sim.setLatency(-1)).toThrow(RangeError);
  });
});

describe('simulator close()', () => {
  it('frees the port so another server can listen on it', async () => {
    const sim = await startSimulator({ products: 1 });
    const port = sim.port;
    await sim.close();
    const other = net.createServer();
    await new Promise<void>((resolve, reject) => {
      other.once('error', reject);
      other.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it('resolves while a request is still waiting out its latency, dropping that connection', async () => {
    const sim = await startSimulator({ products: 1, latencyMs: 60_000 });
    const pending = apiGet(sim, '/v2/store');
    pending.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await sim.close();
    await expect(pending).rejects.toThrow();
  });

  it('resolves even when a client has sent only part of a request', async () => {
    const sim = await startSimulator({ products: 1 });
    const socket = net.connect(sim.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /stores/${sim.storeHash}/v2/store HTTP/1.1\r\nHost: x\r\n`);
    await new Promise((r) => setTimeout(r, 50));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await sim.close();
    await closed;
  });

  it('refuses new connections after closing', async () => {
    const sim = await startSimulator({ products: 1 });
    await sim.close();
    await expect(apiGet(sim, '/v2/store')).rejects.toThrow();
  });
});
