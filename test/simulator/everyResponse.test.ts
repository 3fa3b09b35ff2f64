/**
 * What every answer of the simulated store's API carries, as BigCommerce's does: the four
 * X-Rate-Limit-* headers on each one — success, empty v2 page, missing id, bad token, missing
 * scope, rate limited — and a 403 whose body says which scope is missing.
 */
import { startSimulator, type Simulator } from '../../src/simulator';
import { apiGet, readJson } from './helpers';

const RATE_HEADERS = [
  'x-rate-limit-requests-left',
  'x-rate-limit-requests-quota',
  'x-rate-limit-time-reset-ms',
  'x-rate-limit-time-window-ms',
];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    products: 3,
    customers: 2,
    orders: 2,
    rateLimit: { quota: 100, windowMs: 600_000 },
  });
});
afterAll(() => sim.close());

describe('every answer of the store API', () => {
  it.each<[string, () => Promise<Response>, number]>([
    ['a v3 list', () => apiGet(sim, '/v3/catalog/products'), 200],
    ['a v2 list', () => apiGet(sim, '/v2/orders'), 200],
    ['a v2 page past the last', () => apiGet(sim, '/v2/orders?page=99'), 204],
    ['a missing v3 id', () => apiGet(sim, '/v3/catalog/products/99999'), 404],
    ['a missing v2 id', () => apiGet(sim, '/v2/orders/99999'), 404],
    ['a bad token', () => apiGet(sim, '/v3/catalog/products', 'not-a-token'), 401],
    [
      'a missing scope',
      () => apiGet(sim, '/v3/catalog/products', sim.issueToken({ scope: 'store_v2_orders_read_only' })),
      403,
    ],
  ])('carries the X-Rate-Limit-* headers on %s', async (_what, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    for (const h of RATE_HEADERS) expect(res.headers.get(h)).toMatch(/^\d+$/);
  });

  it('carries them on a 429 too', async () => {
    sim.setRateLimit({ quota: 1, windowMs: 600_000 });
    try {
      await apiGet(sim, '/v2/store');
      const res = await apiGet(sim, '/v2/store');
      expect(res.status).toBe(429);
      for (const h of RATE_HEADERS) expect(res.headers.get(h)).toMatch(/^\d+$/);
    } finally {
      sim.setRateLimit(false);
    }
  });

  it('answers a missing scope with 403 and a message naming the scope the endpoint needs', async () => {
    const res = await apiGet(
      sim,
      '/v3/catalog/products',
      sim.issueToken({ scope: 'store_v2_orders_read_only' }),
    );
    expect(res.status).toBe(403);
    const body = (await readJson(res)) as {
      status: number;
      title: string;
      errors?: unknown;
      detail?: string;
    };
    expect(body.status).toBe(403);
    expect(body.title).toMatch(/scope/);
    expect(JSON.stringify(body)).toContain('store_v2_products');
  });
});
