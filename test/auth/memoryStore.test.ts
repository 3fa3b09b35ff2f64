import { clearMemoryStore, MemoryTokenStore, memoryStoreTokens } from '../../src/auth/stores/memoryStore';

const tokens = (accessToken: string) => ({ accessToken, timestamp: 1, storeHash: 'abc' });

describe('memory:// token store', () => {
  afterEach(() => {
    clearMemoryStore('memory://shared');
    clearMemoryStore('memory://other');
  });

  it('shares tokens between stores with the same id and keeps other ids apart', async () => {
    await new MemoryTokenStore('memory://shared').update(async () => ({ value: 1, save: tokens('t-1') }));
    expect((await new MemoryTokenStore('memory://shared').read())?.accessToken).toBe('t-1');
    expect(await new MemoryTokenStore('memory://other').read()).toBeUndefined();
  });

  it('exposes the stored values for sys_connection_props', async () => {
    await new MemoryTokenStore('memory://shared').update(async () => ({ value: 1, save: tokens('t-2') }));
    expect(memoryStoreTokens('memory://shared')).toEqual(tokens('t-2'));
    expect(memoryStoreTokens('memory://other')).toBeUndefined();
  });

  it('runs updates of one id one at a time', async () => {
    const store = new MemoryTokenStore('memory://shared');
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.update(async (cur) => {
          await new Promise((r) => setImmediate(r));
          const n = Number(cur?.accessToken ?? 0) + 1;
          return { value: n, save: tokens(String(n)) };
        }),
      ),
    );
    expect((await store.read())?.accessToken).toBe('10');
  });

  it('leaves the value unchanged when an update fails', async () => {
    const store = new MemoryTokenStore('memory://shared');
    await store.update(async () => ({ value: 1, save: tokens('keep-me') }));
    await expect(
      store.update(async () => {
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    expect((await store.read())?.accessToken).toBe('keep-me');
  });
});
