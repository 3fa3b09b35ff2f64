import * as http from 'node:http';
import { startSimulator, type Simulator } from '../../src/simulator';
import { createFaultInjector } from '../../src/simulator/faults';
import { mulberry32 } from '../../src/simulator/seed';
import { apiGet, apiUrl, readJson } from './helpers';

const PRODUCTS = '/v3/catalog/products';

/** Status, headers and how the body ended, read with node:http so a dropped connection is visible. */
function rawGet(
  sim: Simulator,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(apiUrl(sim, path), { headers: { 'X-Auth-Token': sim.accessToken } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, aborted: false }),
      );
      res.on('aborted', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, aborted: true }),
      );
      res.on('error', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, aborted: true }),
      );
    });
    req.on('error', reject);
  });
}

describe('simulator faults', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 30, rateLimit: false });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.setFaults(undefined);
    sim.resetRequests();
  });

  it.each(['500', '502', '503'] as const)(
    'answers %s with a BigCommerce error body when scripted',
    async (kind) => {
      sim.setFaults({ script: [{ kind }] });
      const res = await apiGet(sim, PRODUCTS);
      expect(res.status).toBe(Number(kind));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await readJson(res)).toMatchObject({ status: Number(kind) });
      expect((await apiGet(sim, PRODUCTS)).status).toBe(200);
    },
  );

  it("drops the connection halfway through the body on 'reset'", async () => {
    sim.setFaults({ script: [{ kind: 'reset' }] });
    const r = await rawGet(sim, PRODUCTS);
    expect(r.status).toBe(200);
    expect(r.aborted).toBe(true);
    expect(r.body.length).toBeGreaterThan(0);
    expect(r.body.length).toBeLessThan(Number(r.headers['content-length']));
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it("makes fetch fail reading the body on 'reset'", async () => {
    sim.setFaults({ script: [{ kind: 'reset' }] });
    const res = await apiGet(sim, PRODUCTS);
    await expect(res.text()).rejects.toThrow();
  });

  it("answers 429 with rate-limit headers and X-Retry-After on '429'", async () => {
    sim.setFaults({ script: [{ kind: '429' }], retryAfterMs: 1500 });
    const res = await apiGet(sim, PRODUCTS);
    expect(res.status).toBe(429);
    expect(res.headers.get('x-rate-limit-requests-left')).toBe('0');
    expect(res.headers.get('x-rate-limit-time-reset-ms')).toBe('1500');
    expect(res.headers.get('x-retry-after')).toBe('2');
    expect(res.headers.get('x-rate-limit-requests-quota')).not.toBeNull();
    expect(await readJson(res)).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it("answers 429 with no rate-limit or retry headers on '429-noheaders'", async () => {
    sim.setFaults({ script: [{ kind: '429-noheaders' }] });
    const res = await apiGet(sim, PRODUCTS);
    expect(res.status).toBe(429);
    const names = [...res.headers.keys()];
    expect(names.filter((n) => n.startsWith('x-rate-limit') || n === 'x-retry-after')).toEqual([]);
  });

  it("answers only after slowMs on 'slow', so a shorter client timeout fires", async () => {
    sim.setFaults({ script: [{ kind: 'slow' }], slowMs: 10_000 });
    await expect(
      apiGet(sim, PRODUCTS, sim.accessToken, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect((await apiGet(sim, PRODUCTS, sim.accessToken, { signal: AbortSignal.timeout(5000) })).status).toBe(
      200,
    );
  });

  it("answers the real body after slowMs on 'slow' when the client waits", async () => {
    sim.setFaults({ script: [{ kind: 'slow' }], slowMs: 50 });
    const res = await apiGet(sim, PRODUCTS);
    expect(res.status).toBe(200);
    expect(((await readJson(res)).data as unknown[]).length).toBe(30);
  });

  it("answers 200 with JSON cut short on 'malformed'", async () => {
    sim.setFaults({ script: [{ kind: 'malformed' }] });
    const res = await apiGet(sim, PRODUCTS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("answers 502 with a proxy's HTML page on 'html'", async () => {
    sim.setFaults({ script: [{ kind: 'html' }] });
    const res = await apiGet(sim, PRODUCTS);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('502 Bad Gateway');
    expect(res.headers.get('x-rate-limit-requests-left')).toBeNull();
  });

  it("changes the store before answering on 'mutate'", async () => {
    const before = await readJson(await apiGet(sim, PRODUCTS));
    sim.setFaults({ script: [{ kind: 'mutate' }] });
    const after = await readJson(await apiGet(sim, PRODUCTS));
    const firstId = (b: Record<string, unknown>) => (b.data as { id: number }[])[0].id;
    const total = (b: Record<string, unknown>) =>
      (b.meta as { pagination: { total: number } }).pagination.total;
    expect(firstId(after)).not.toBe(firstId(before));
    expect(total(after)).toBe(total(before) - 1);
    expect(sim.requests.map((r) => r.fault)).toEqual([undefined, 'mutate']);
  });

  it('gives the fault to the first `times` matching requests only, and leaves other paths alone', async () => {
    sim.setFaults({ script: [{ match: /catalog\/products$/, times: 2, kind: '503' }] });
    const statuses: number[] = [];
    statuses.push((await apiGet(sim, '/v2/store')).status);
    for (let i = 0; i < 3; i++) statuses.push((await apiGet(sim, PRODUCTS)).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
  });

  it('matches a string against the exact path and works through script entries in order', async () => {
    sim.setFaults({
      script: [
        { match: PRODUCTS, kind: '500' },
        { match: PRODUCTS, kind: '502' },
        { match: '/v3/catalog', kind: '503' },
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await apiGet(sim, PRODUCTS)).status);
    expect(statuses).toEqual([500, 502, 200]);
  });

  it('applies a scripted fault only to its method when one is given', async () => {
    sim.setFaults({ script: [{ method: 'POST', kind: '500' }] });
    // (without the fault this POST would get the API's 422 for an empty body)
    expect((await apiGet(sim, PRODUCTS)).status).toBe(200);
    const post = await fetch(apiUrl(sim, PRODUCTS), {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(500);
  });

  it('does not fault a request that fails authentication', async () => {
    sim.setFaults({ script: [{ kind: '500' }] });
    expect((await apiGet(sim, PRODUCTS, null)).status).toBe(401);
    expect((await apiGet(sim, PRODUCTS)).status).toBe(500);
  });

  it('records faults in the request log with their status and kind', async () => {
    sim.setFaults({ script: [{ kind: '503' }, { kind: 'html' }, { kind: 'reset' }] });
    await apiGet(sim, PRODUCTS);
    await apiGet(sim, PRODUCTS);
    await rawGet(sim, PRODUCTS);
    await apiGet(sim, PRODUCTS);
    expect(sim.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, '503'],
      [502, 'html'],
      [200, 'reset'],
      [200, undefined],
    ]);
  });

  it('faults GETs at the given rate, the same way every time for the same seed', async () => {
    const run = async () => {
      sim.setFaults({ rate: 0.5, seed: 7, kinds: ['500', '503'] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await apiGet(sim, `${PRODUCTS}?limit=1`)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const faulted = first.filter((s) => s !== 200).length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(35);
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
  });

  it('never faults writes at random', async () => {
    sim.setFaults({ rate: 1 });
    for (let i = 0; i < 5; i++) {
      const post = await fetch(apiUrl(sim, PRODUCTS), {
        method: 'POST',
        headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(post.status).toBe(422); // the API's own answer: the body lacks the required fields
    }
  });

  it('takes fault options at start', async () => {
    const faulty = await startSimulator({ products: 1, faults: { script: [{ kind: '502' }] } });
    try {
      expect((await apiGet(faulty, '/v2/store')).status).toBe(502);
      expect((await apiGet(faulty, '/v2/store')).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });

  it('rejects an unknown fault kind and an out-of-range rate', () => {
    expect(() => sim.setFaults({ kinds: ['boom' as never] })).toThrow(/unknown fault kind "boom"/);
    expect(() => sim.setFaults({ rate: 2 })).toThrow(RangeError);
  });
});

describe('createFaultInjector', () => {
  it('draws the same faults from the same seed and different ones from another', () => {
    const draw = (seed: number) => {
      const f = createFaultInjector({ rate: 0.3, seed }, 1);
      return Array.from({ length: 50 }, () => f.pick('GET', '/x') ?? '-').join(',');
    };
    expect(draw(3)).toBe(draw(3));
    expect(draw(3)).not.toBe(draw(4));
  });

  it('uses 500, 502, 503 and reset when no kinds are given', () => {
    const f = createFaultInjector({ rate: 1 }, 1);
    const seen = new Set(Array.from({ length: 200 }, () => f.pick('GET', '/x')));
    expect(seen).toEqual(new Set(['500', '502', '503', 'reset']));
  });

  it('makes mulberry32 stay within [0, 1)', () => {
    const r = mulberry32(42);
    const values = Array.from({ length: 10_000 }, () => r());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(9_900);
  });
});
