import { runPool } from '../../src/rest/runPool';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it('never runs more than the concurrency limit at once and runs every item', async () => {
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    let next = 0;
    await runPool({
      concurrency: 3,
      next: () => (next < 10 ? next++ : undefined),
      run: async (item) => {
        active++;
        peak = Math.max(peak, active);
        await tick(5 + (item % 3) * 5);
        active--;
        done.push(item);
      },
    });
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('asks for more work whenever a slot frees, so work added while running is picked up', async () => {
    let limit = 2;
    let next = 0;
    const ran: number[] = [];
    await runPool({
      concurrency: 2,
      next: () => (next < limit ? next++ : undefined),
      run: async (item) => {
        await tick();
        ran.push(item);
        if (item === 1) limit = 5;
      },
    });
    expect(ran.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops starting work after the first failure, cancels the rest and throws that failure', async () => {
    let next = 0;
    const cancelled: number[] = [];
    const started: number[] = [];
    const failure = new Error('page 2 failed');
    await expect(
      runPool({
        concurrency: 3,
        next: () => (next < 100 ? next++ : undefined),
        run: (item, signal) => {
          started.push(item);
          if (item === 2) return tick(10).then(() => Promise.reject(failure));
          return new Promise<void>((resolve, reject) => {
            const t = setTimeout(resolve, 1000);
            signal.addEventListener('abort', () => {
              clearTimeout(t);
              cancelled.push(item);
              reject(new Error('cancelled'));
            });
          });
        },
      }),
    ).rejects.toBe(failure);
    expect(started).toEqual([0, 1, 2]);
    expect(cancelled.sort()).toEqual([0, 1]);
  });

  it("rejects with ERR_CANCELLED when the caller's signal aborts before anything starts", async () => {
    await expect(
      runPool({
        concurrency: 2,
        next: () => 1,
        run: async () => {},
        signal: AbortSignal.abort(),
        what: 'GET /v2/orders',
      }),
    ).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });
});
