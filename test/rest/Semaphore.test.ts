import { Semaphore } from '../../src/rest/Semaphore';

describe('Semaphore', () => {
  it('grants up to its limit and the next waiter when a slot is released', async () => {
    const slots = new Semaphore(2);
    const a = await slots.acquire(undefined, 'GET /x');
    await slots.acquire(undefined, 'GET /x');
    let third = false;
    const pending = slots.acquire(undefined, 'GET /x').then((release) => {
      third = true;
      return release;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    a();
    await pending;
    expect(third).toBe(true);
  });

  it('drops a waiter whose signal aborts, with ERR_CANCELLED, without using a slot', async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire(undefined, 'GET /x');
    const controller = new AbortController();
    const cancelled = slots.acquire(controller.signal, 'GET /x');
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
    release();
    // The slot is free again for the next caller.
    await expect(slots.acquire(undefined, 'GET /x')).resolves.toEqual(expect.any(Function));
  });

  it('ignores a second release of the same slot', async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire(undefined, 'GET /x');
    release();
    release();
    await slots.acquire(undefined, 'GET /x');
    let granted = false;
    void slots.acquire(undefined, 'GET /x').then(() => (granted = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(granted).toBe(false);
  });
});
