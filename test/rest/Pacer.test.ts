import { Pacer } from '../../src/rest/Pacer';

const headers = (left: number, resetMs: number, quota = 150, windowMs = 30_000) => ({
  'x-rate-limit-requests-left': String(left),
  'x-rate-limit-requests-quota': String(quota),
  'x-rate-limit-time-reset-ms': String(resetMs),
  'x-rate-limit-time-window-ms': String(windowMs),
});

/** Starts an acquire and records when (fake time) it was granted. */
function track(pacer: Pacer, signal?: AbortSignal) {
  const state: { seq?: number; at?: number; waitedMs: number[] } = { waitedMs: [] };
  const promise = pacer
    .acquire(signal, 'GET /v3/x', (ms) => state.waitedMs.push(ms))
    .then((seq) => {
      state.seq = seq;
      state.at = Date.now();
      return seq;
    });
  return Object.assign(state, { promise });
}

beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('Pacer', () => {
  it('lets requests go at once while no rate-limit headers have been seen', async () => {
    const pacer = new Pacer();
    const seqs = await Promise.all(Array.from({ length: 20 }, () => pacer.acquire(undefined, 'GET /v3/x')));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(pacer.stats.waits).toBe(0);
  });

  it('lets requests go at once while plenty of the window is left', async () => {
    const pacer = new Pacer();
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(100, 10_000));
    for (let i = 0; i < 50; i++) await pacer.acquire(undefined, 'GET /v3/x');
    expect(pacer.stats.waits).toBe(0);
  });

  it('counts requests sent after a response against the requests it reported left', async () => {
    const pacer = new Pacer();
    const first = await pacer.acquire(undefined, 'GET /v3/x');
    await pacer.acquire(undefined, 'GET /v3/x');
    await pacer.acquire(undefined, 'GET /v3/x');
    // The first request's answer says 2 were left; requests 2 and 3 have used them since.
    pacer.observe(first, headers(2, 1000));
    expect(pacer.available).toBe(0);
    const next = track(pacer);
    await jest.advanceTimersByTimeAsync(900);
    expect(next.seq).toBeUndefined();
    await jest.advanceTimersByTimeAsync(200);
    expect(next.seq).toBe(4);
    expect(next.waitedMs[0]).toBeGreaterThanOrEqual(1000);
    expect(pacer.stats.waits).toBe(1);
  });

  it('after the reset lets one probe through, then the rest once its answer shows a fresh quota', async () => {
    const pacer = new Pacer();
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(0, 500));
    const waiting = [track(pacer), track(pacer), track(pacer)];
    await jest.advanceTimersByTimeAsync(600);
    const granted = waiting.filter((w) => w.seq !== undefined);
    expect(granted).toHaveLength(1);
    pacer.observe(granted[0].seq as number, headers(149, 30_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(waiting.every((w) => w.seq !== undefined)).toBe(true);
  });

  it('keeps waiting when the probe shows the new window is nearly spent already (a sliding window or another app)', async () => {
    const pacer = new Pacer();
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(0, 500));
    const probe = track(pacer);
    const other = track(pacer);
    await jest.advanceTimersByTimeAsync(600);
    expect(probe.seq).toBeDefined();
    pacer.observe(probe.seq as number, headers(0, 2000));
    await jest.advanceTimersByTimeAsync(1500);
    expect(other.seq).toBeUndefined();
    await jest.advanceTimersByTimeAsync(600);
    expect(other.seq).toBeDefined();
  });

  it('lets another probe go at once when the first probe came back without rate-limit headers', async () => {
    const pacer = new Pacer();
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(0, 500));
    const probe = track(pacer);
    const second = track(pacer);
    await jest.advanceTimersByTimeAsync(600);
    expect(probe.seq).toBeDefined();
    expect(second.seq).toBeUndefined();
    // A proxy's 502 without X-Rate-Limit-* headers.
    pacer.observe(probe.seq as number, {});
    await jest.advanceTimersByTimeAsync(0);
    expect(second.seq).toBeDefined();
  });

  it('spreads the last requests of a window evenly over the time left', async () => {
    const pacer = new Pacer();
    const start = Date.now();
    // Quota 100 → the last 10 are spread; 4 left with 8 s to go → one every 2 s.
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(4, 8000, 100));
    const waiting = [track(pacer), track(pacer), track(pacer), track(pacer)];
    await jest.advanceTimersByTimeAsync(7000);
    const grants = waiting.map((w) => (w.at as number) - start);
    expect(grants.map((g) => Math.round(g / 1000))).toEqual([0, 2, 4, 6]);
  });

  it('ignores a late answer from the window before the current one', async () => {
    const pacer = new Pacer();
    const old = await pacer.acquire(undefined, 'GET /v3/x');
    const probe = await pacer.acquire(undefined, 'GET /v3/x');
    pacer.observe(probe, headers(148, 30_000));
    const before = pacer.available;
    pacer.observe(old, headers(0, 20));
    expect(pacer.available).toBe(before);
  });

  it('holds every request for the longer of X-Rate-Limit-Time-Reset-Ms and X-Retry-After after a 429', async () => {
    const pacer = new Pacer();
    await pacer.acquire(undefined, 'GET /v3/x');
    const delay = pacer.onTooManyRequests({ 'X-Rate-Limit-Time-Reset-Ms': '300', 'X-Retry-After': '1' }, 0);
    expect(delay).toBeGreaterThanOrEqual(1000);
    const next = track(pacer);
    await jest.advanceTimersByTimeAsync(990);
    expect(next.seq).toBeUndefined();
    await jest.advanceTimersByTimeAsync(delay - 990 + 1);
    expect(next.seq).toBeDefined();
    expect(pacer.stats.tooManyRequests).toBe(1);
  });

  it('backs off exponentially with jitter after a 429 without headers, up to 30 s', () => {
    const pacer = new Pacer();
    const first = pacer.onTooManyRequests({}, 0);
    const second = pacer.onTooManyRequests({}, 1);
    const late = pacer.onTooManyRequests({}, 20);
    expect(first).toBeGreaterThanOrEqual(125);
    expect(first).toBeLessThanOrEqual(250);
    expect(second).toBeGreaterThanOrEqual(250);
    expect(second).toBeLessThanOrEqual(500);
    expect(late).toBeGreaterThanOrEqual(15_000);
    expect(late).toBeLessThanOrEqual(30_000);
    expect(pacer.stats.tooManyRequests).toBe(3);
  });

  it('rejects a waiting request with ERR_CANCELLED when its signal aborts', async () => {
    const pacer = new Pacer();
    pacer.observe(await pacer.acquire(undefined, 'GET /v3/x'), headers(0, 60_000));
    const controller = new AbortController();
    const pending = pacer.acquire(controller.signal, 'GET /v3/x');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('is one instance per store key, shared by everyone who asks', () => {
    expect(Pacer.forStore('https://api.example/stores/a')).toBe(
      Pacer.forStore('https://api.example/stores/a'),
    );
    expect(Pacer.forStore('https://api.example/stores/a')).not.toBe(
      Pacer.forStore('https://api.example/stores/b'),
    );
  });
});
