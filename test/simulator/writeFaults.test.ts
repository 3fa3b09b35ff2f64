/**
 * Faults on writes, before the API handles them (nothing applied) and after (applied, reply
 * lost), over real HTTP so dropped connections and timeouts are what a client sees.
 */
import { startSimulator, type FaultKind, type Simulator } from '../../src/simulator';
import { apiUrl } from './helpers';

const PRODUCTS = '/v3/catalog/products';

interface Outcome {
  status: number | 'dropped' | 'timeout';
  body: string;
}

async function post(sim: Simulator, body: unknown, timeoutMs = 5000): Promise<Outcome> {
  try {
    const res = await fetch(apiUrl(sim, PRODUCTS), {
      method: 'POST',
      headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    return { status: (e as Error).name === 'TimeoutError' ? 'timeout' : 'dropped', body: '' };
  }
}

describe('simulator faults on writes', () => {
  let sim: Simulator;
  let n = 0;
  const product = () => ({ name: `Fault Test Product ${++n}`, type: 'physical', weight: 1, price: 5 });
  const named = (name: string) =>
    sim.store.ids('products').filter((id) => sim.store.product(id)!.name === name).length;

  beforeAll(async () => {
    sim = await startSimulator({ products: 10, rateLimit: false });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.setFaults(undefined);
    sim.resetRequests();
  });

  const replaced: [FaultKind, Outcome['status']][] = [
    ['500', 500],
    ['502', 502],
    ['503', 503],
    ['html', 502],
    ['reset', 'dropped'],
  ];

  it.each(replaced)('does not apply a write faulted with %s before the API', async (kind, seen) => {
    sim.setFaults({ script: [{ method: 'POST', match: PRODUCTS, kind }] });
    const body = product();
    expect((await post(sim, body)).status).toBe(seen);
    expect(named(body.name)).toBe(0);
    expect(sim.requests.map((r) => [r.fault, r.faultAfter])).toEqual([[kind, undefined]]);
  });

  it.each(replaced)('applies a write faulted with %s after the API, exactly once', async (kind, seen) => {
    sim.setFaults({ script: [{ method: 'POST', match: PRODUCTS, kind, after: true }] });
    const body = product();
    expect((await post(sim, body)).status).toBe(seen);
    expect(named(body.name)).toBe(1);
    expect(sim.requests.map((r) => [r.fault, r.faultAfter])).toEqual([[kind, true]]);
  });

  it('applies a write whose reply is held back past the client timeout', async () => {
    sim.setFaults({ slowMs: 400, script: [{ method: 'POST', kind: 'slow', after: true }] });
    const body = product();
    expect((await post(sim, body, 100)).status).toBe('timeout');
    expect(named(body.name)).toBe(1);
  });

  it('cuts the reply of an applied write in half with malformed after', async () => {
    sim.setFaults({ script: [{ method: 'POST', kind: 'malformed', after: true }] });
    const body = product();
    const outcome = await post(sim, body);
    expect(outcome.status).toBe(200);
    expect(() => JSON.parse(outcome.body) as unknown).toThrow();
    expect(named(body.name)).toBe(1);
  });

  it('faults only the first matching write and lets the retry through', async () => {
    sim.setFaults({ script: [{ method: 'PUT', match: PRODUCTS, kind: '503', after: true }] });
    const put = () =>
      fetch(apiUrl(sim, PRODUCTS), {
        method: 'PUT',
        headers: { 'X-Auth-Token': sim.accessToken, 'Content-Type': 'application/json' },
        body: JSON.stringify([{ id: 2, price: 42 }]),
      });
    expect((await put()).status).toBe(503);
    expect(sim.store.product(2)!.price).toBe(42);
    expect((await put()).status).toBe(200);
  });

  it('refuses faults that cannot come after the API handled a request', () => {
    for (const kind of ['429', '429-noheaders', 'mutate'] as FaultKind[]) {
      expect(() => sim.setFaults({ script: [{ kind, after: true }] })).toThrow(/cannot come after/);
    }
  });
});
