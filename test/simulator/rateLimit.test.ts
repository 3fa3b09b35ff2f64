import { startSimulator, type Simulator } from '../../src/simulator';
import { createRateLimiter } from '../../src/simulator/rateLimit';
import { apiGet, readJson } from './helpers';

const RATE_HEADERS = [
  'x-rate-limit-requests-left',
  'x-rate-limit-requests-quota',
  'x-rate-limit-time-reset-ms',
  'x-rate-limit-time-window-ms',
];

describe('createRateLimiter', () => {
  it('counts down the quota within a window and refuses beyond it with X-Retry-After', () => {
    let now = 1000;
    const limiter = createRateLimiter({ quota: 2, windowMs: 30000 }, () => now);
    expect(limiter.take('s').headers).toEqual({
      'X-Rate-Limit-Requests-Left': '1',
      'X-Rate-Limit-Requests-Quota': '2',
      'X-Rate-Limit-Time-Reset-Ms': '30000',
      'X-Rate-Limit-Time-Window-Ms': '30000',
    });
    now += 10000;
    const second = limiter.take('s');
    expect(second).toMatchObject({ allowed: true });
    expect(second.headers['X-Rate-Limit-Requests-Left']).toBe('0');
    expect(second.headers['X-Rate-Limit-Time-Reset-Ms']).toBe('20000');
    now += 4500;
    const refused = limiter.take('s');
    expect(refused.allowed).toBe(false);
    expect(refused.headers['X-Rate-Limit-Time-Reset-Ms']).toBe('15500');
    expect(refused.headers['X-Retry-After']).toBe('16');
  });

  it('gives the whole quota back when the window has passed', () => {
    let now = 0;
    const limiter = createRateLimiter({ quota: 1, windowMs: 1000 }, () => now);
    expect(limiter.take('s').allowed).toBe(true);
    expect(limiter.take('s').allowed).toBe(false);
    now = 1000;
    expect(limiter.take('s').allowed).toBe(true);
  });

  it('keeps a separate quota per store', () => {
    const limiter = createRateLimiter({ quota: 1, windowMs: 1000 }, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('peeks at the state without using a unit', () => {
    const limiter = createRateLimiter({ quota: 3, windowMs: 1000 }, () => 0);
    limiter.take('s');
    expect(limiter.peek('s')['X-Rate-Limit-Requests-Left']).toBe('2');
    expect(limiter.peek('s')['X-Rate-Limit-Requests-Left']).toBe('2');
  });

  it('never refuses when disabled but still reports headers', () => {
    const limiter = createRateLimiter(false, () => 0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('s').allowed).toBe(true);
    expect(Object.keys(limiter.peek('s'))).toHaveLength(4);
  });

  it('rejects a quota that is not a positive whole number', () => {
    expect(() => createRateLimiter({ quota: 0, windowMs: 1000 })).toThrow(/positive integer quota/);
    expect(() => createRateLimiter({ quota: 5, windowMs: -1 })).toThrow(RangeError);
  });
});

describe('simulator rate limiting', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 3, rateLimit: { quota: 3, windowMs: 600_000 } });
  });
  afterAll(() => sim.close());

  it('uses BigCommerce Pro limits by default', async () => {
    const pro = await startSimulator({ products: 1 });
    try {
      const res = await apiGet(pro, '/v2/store');
      expect(res.headers.get('x-rate-limit-requests-quota')).toBe('450');
      expect(res.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
      expect(res.headers.get('x-rate-limit-requests-left')).toBe('449');
    } finally {
      await pro.close();
    }
  });

  it('sends the four headers with a decreasing count, then 429 with the headers, X-Retry-After and a BigCommerce body', async () => {
    sim.setRateLimit({ quota: 3, windowMs: 600_000 });
    const left: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await apiGet(sim, '/v2/store');
      expect(res.status).toBe(200);
      for (const h of RATE_HEADERS) expect(res.headers.get(h)).not.toBeNull();
      left.push(res.headers.get('x-rate-limit-requests-left'));
    }
    expect(left).toEqual(['2', '1', '0']);
    const refused = await apiGet(sim, '/v2/store');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-requests-left')).toBe('0');
    expect(refused.headers.get('x-rate-limit-requests-quota')).toBe('3');
    expect(Number(refused.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('x-retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await readJson(refused)).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('does not count requests refused for a bad token against the quota', async () => {
    sim.setRateLimit({ quota: 2, windowMs: 600_000 });
    const denied = await apiGet(sim, '/v2/store', 'bad-token');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-rate-limit-requests-left')).toBe('2');
    expect((await apiGet(sim, '/v2/store')).headers.get('x-rate-limit-requests-left')).toBe('1');
  });

  it('logs 429 answers in the request log', async () => {
    sim.setRateLimit({ quota: 1, windowMs: 600_000 });
    sim.resetRequests();
    await apiGet(sim, '/v2/store');
    await apiGet(sim, '/v2/store');
    expect(sim.requests.map((r) => r.status)).toEqual([200, 429]);
  });

  it('stops refusing when limiting is switched off', async () => {
    sim.setRateLimit({ quota: 1, windowMs: 600_000 });
    await apiGet(sim, '/v2/store');
    expect((await apiGet(sim, '/v2/store')).status).toBe(429);
    sim.setRateLimit(false);
    for (let i = 0; i < 5; i++) {
      const res = await apiGet(sim, '/v2/store');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit-requests-left')).not.toBeNull();
    }
  });

  it('can start with limiting off', async () => {
    const open = await startSimulator({ products: 1, rateLimit: false });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => apiGet(open, '/v2/store').then((r) => r.status)),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await open.close();
    }
  });
});
