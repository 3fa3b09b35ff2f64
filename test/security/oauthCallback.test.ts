/**
 * Any local process can send a GET to the desktop flow's callback port. One with a state other
 * than the sign-in's is answered 400 and ignored: the sign-in keeps waiting for its own callback.
 */
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { clearMemoryStore, memoryStoreTokens } from '../../src/auth/stores/memoryStore';
import { connect } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { freePort, scriptedUser, oauthProps } from '../auth/oauthTestKit';

let sim: Simulator;
let previous: BrowserHooks;

beforeAll(async () => {
  sim = await startSimulator({ products: 2, customers: 1, orders: 1 });
});
afterAll(() => sim.close());
beforeEach(() => {
  previous = setBrowserHooks({ print: () => undefined });
});
afterEach(() => {
  setBrowserHooks(previous);
  clearMemoryStore('memory://callback-attack');
});

it('a forged callback with a wrong state does not end the sign-in, which completes with the real one', async () => {
  const port = await freePort();
  const user = scriptedUser(sim);
  const forged: { status: number; body: string }[] = [];
  setBrowserHooks({
    launch: async (url) => {
      // The attacker gets in first, with a code of its own and a guessed state.
      const res = await fetch(
        `http://127.0.0.1:${port}/cb?code=attacker-code&state=guess&context=stores/evil`,
      );
      forged.push({ status: res.status, body: await res.text() });
      await user.launch(url);
    },
  });
  const conn = await connect(
    oauthProps(sim, {
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://127.0.0.1:${port}/cb`,
      OAuthSettingsLocation: 'memory://callback-attack',
      OAuthCallbackTimeout: 30,
    }),
  );
  try {
    expect(forged).toEqual([{ status: 400, body: expect.stringContaining('ignored') }]);
    expect(user.codes).toHaveLength(1);
    expect(await user.pages[0]).toContain('Signed in');
    expect(memoryStoreTokens('memory://callback-attack')?.storeHash).toBe(sim.storeHash);
    expect((await conn.query('SELECT Id FROM Products')).rowCount).toBe(2);
  } finally {
    await conn.close();
  }
});
