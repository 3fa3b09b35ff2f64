import { sleep } from '../../src/rest/sleep';

describe('sleep', () => {
  it('rejects with ERR_CANCELLED naming the request as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal, 'GET /v3/catalog/products');
    controller.abort();
    await expect(pending).rejects.toMatchObject({
      code: 'ERR_CANCELLED',
      message: 'GET /v3/catalog/products was cancelled',
      path: '/v3/catalog/products',
    });
  });

  it('rejects at once for a signal that is already aborted', async () => {
    await expect(sleep(60_000, AbortSignal.abort(), 'GET /v2/orders')).rejects.toMatchObject({
      code: 'ERR_CANCELLED',
    });
  });

  it('ends early when the wake promise settles', async () => {
    let wake!: () => void;
    const news = new Promise<void>((r) => (wake = r));
    const pending = sleep(60_000, undefined, 'GET /x', news);
    wake();
    await expect(pending).resolves.toBeUndefined();
  });
});
