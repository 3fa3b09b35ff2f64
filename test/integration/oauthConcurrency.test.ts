/**
 * Many connections or processes starting at once perform one exchange or refresh, not one each:
 * in-process they share the pending exchange, across processes the settings-file lock decides.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { clearMemoryStore, MemoryTokenStore, memoryStoreTokens } from '../../src/auth/stores/memoryStore';
import { connect, type Connection } from '../../src';
import { nullLogger } from '../../src/log';
import { startSimulator, type Simulator } from '../../src/simulator';
import {
  approveWithoutBrowser,
  freePort,
  scriptedUser,
  spawnWorker,
  tempDir,
  oauthProps,
} from '../auth/oauthTestKit';

const CALLBACK = 'http://localhost:33333/cb';
let sim: Simulator;
let dir: string;
let previousHooks: BrowserHooks;
const open: Connection[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    products: 5,
    customers: 2,
    orders: 2,
    expiringTokens: true,
    tokenTtlSeconds: 3600,
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = tempDir('concurrency-');
  previousHooks = setBrowserHooks({
    launch: () => Promise.reject(new Error('no browser in this test')),
    print: () => undefined,
  });
  sim.resetRequests();
});
afterEach(async () => {
  setBrowserHooks(previousHooks);
  clearMemoryStore('memory://twenty');
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const options = (extra: Record<string, unknown>) =>
  oauthProps(sim, {
    CallbackURL: CALLBACK,
    ...extra,
  });

async function verifierCode(): Promise<string> {
  const url =
    `${sim.loginBaseUrl}/oauth2/authorize?client_id=${sim.clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}` +
    `&response_type=code&state=s`;
  return (await approveWithoutBrowser(sim, url)).searchParams.get('code') as string;
}

const tokenRequests = () => sim.requests.filter((r) => r.path === '/oauth2/token');

async function twentyAtOnce(extra: Record<string, unknown>): Promise<number[]> {
  const conns = await Promise.all(Array.from({ length: 20 }, () => connect(options(extra))));
  open.push(...conns);
  const results = await Promise.all(conns.map((c) => c.query('SELECT Id FROM Products LIMIT 1')));
  return results.map((r) => r.rowCount);
}

describe('20 connections starting at once with an empty store and a verifier', () => {
  it.each(['GETANDREFRESH', 'REFRESH'])(
    'make exactly one token exchange with a memory:// store (%s)',
    async (mode) => {
      const code = await verifierCode();
      sim.resetRequests();
      const counts = await twentyAtOnce({
        InitiateOAuth: mode,
        OAuthVerifier: code,
        OAuthSettingsLocation: 'memory://twenty',
      });
      expect(counts).toEqual(Array(20).fill(1));
      expect(tokenRequests()).toHaveLength(1);
      expect(memoryStoreTokens('memory://twenty')?.storeHash).toBe(sim.storeHash);
    },
  );

  it('shows the memory:// store’s values in sys_connection_props, secrets masked', async () => {
    const code = await verifierCode();
    await twentyAtOnce({
      InitiateOAuth: 'REFRESH',
      OAuthVerifier: code,
      OAuthSettingsLocation: 'memory://twenty',
    });
    const stored = memoryStoreTokens('memory://twenty')!;
    const c = await connect(options({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: 'memory://twenty' }));
    open.push(c);
    const { rows } = await c.query(
      "SELECT Name, Value FROM sys_connection_props WHERE Name IN ('OAuthAccessToken', 'OAuthRefreshToken', 'OAuthExpiresIn', 'OAuthTokenTimestamp')",
    );
    expect(stored.refreshToken).toEqual(expect.any(String));
    expect(Object.fromEntries(rows.map((r) => [r.Name, r.Value]))).toEqual({
      OAuthAccessToken: '********',
      OAuthRefreshToken: '********',
      OAuthExpiresIn: String(stored.expiresIn ?? -1),
      OAuthTokenTimestamp: String(stored.timestamp),
    });
    expect(JSON.stringify(rows)).not.toContain(stored.accessToken);
    expect(JSON.stringify(rows)).not.toContain(stored.refreshToken);
  });

  it('make exactly one token exchange with a settings file', async () => {
    const code = await verifierCode();
    const settings = path.join(dir, 'OAuthSettings.txt');
    sim.resetRequests();
    const counts = await twentyAtOnce({
      InitiateOAuth: 'REFRESH',
      OAuthVerifier: code,
      OAuthSettingsLocation: settings,
    });
    expect(counts).toEqual(Array(20).fill(1));
    expect(tokenRequests()).toHaveLength(1);
    expect(await new FileTokenStore(settings, sim.clientSecret, nullLogger).read()).toBeDefined();
  });
});

describe('20 connections connecting at once with InitiateOAuth=GETANDREFRESH', () => {
  it('refresh an expired stored token exactly once, inside connect(), and all query with the new token', async () => {
    const issued = sim.issueTokens({ expiresIn: 3600 });
    await new MemoryTokenStore('memory://twenty').update(async () => ({
      value: undefined,
      save: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresIn: 3600,
        timestamp: Date.now() - 7200 * 1000,
        storeHash: sim.storeHash,
      },
    }));
    // The server no longer takes the expired token, as a real one would not.
    sim.revokeToken(issued.accessToken);
    sim.resetRequests();
    const conns = await Promise.all(
      Array.from({ length: 20 }, () =>
        connect(options({ InitiateOAuth: 'GETANDREFRESH', OAuthSettingsLocation: 'memory://twenty' })),
      ),
    );
    open.push(...conns);
    expect(tokenRequests().map((r) => r.status)).toEqual([200]);
    expect(sim.requests.filter((r) => r.kind === 'api')).toHaveLength(0);
    const results = await Promise.all(conns.map((c) => c.query('SELECT Id FROM Products LIMIT 1')));
    expect(results.map((r) => r.rowCount)).toEqual(Array(20).fill(1));
    expect(sim.requests.filter((r) => r.kind === 'api').map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(tokenRequests()).toHaveLength(1);
    expect(memoryStoreTokens('memory://twenty')?.accessToken).not.toBe(issued.accessToken);
  });

  it('share one browser sign-in and one code exchange when nothing is stored', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    setBrowserHooks({ launch: user.launch });
    const conns = await Promise.all(
      Array.from({ length: 20 }, () =>
        connect(
          options({
            InitiateOAuth: 'GETANDREFRESH',
            CallbackURL: `http://127.0.0.1:${port}/cb`,
            OAuthSettingsLocation: 'memory://twenty',
          }),
        ),
      ),
    );
    open.push(...conns);
    expect(user.launched).toHaveLength(1);
    expect(tokenRequests()).toHaveLength(1);
    const results = await Promise.all(conns.map((c) => c.query('SELECT Id FROM Products LIMIT 1')));
    expect(results.map((r) => r.rowCount)).toEqual(Array(20).fill(1));
  });
});

describe('connections on one store that would do different work', () => {
  it('do not share it: REFRESH fails alone while GETANDREFRESH signs in, starting at the same moment', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    setBrowserHooks({ launch: user.launch });
    const at = (mode: string) =>
      connect(
        options({
          InitiateOAuth: mode,
          CallbackURL: `http://127.0.0.1:${port}/cb`,
          OAuthSettingsLocation: 'memory://twenty',
        }),
      );
    const [refresh, get] = await Promise.allSettled([at('REFRESH'), at('GETANDREFRESH')]);
    expect(refresh).toMatchObject({ status: 'rejected', reason: { code: 'ERR_OAUTH_NO_TOKEN' } });
    expect(get.status).toBe('fulfilled');
    if (get.status === 'fulfilled') open.push(get.value);
    expect(user.launched).toHaveLength(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('each use their own OAuthAccessToken when the store is empty', async () => {
    const good = sim.issueToken();
    const revoked = sim.issueToken();
    sim.revokeToken(revoked);
    const [a, b] = await Promise.all(
      [good, revoked].map((t) =>
        connect(
          options({
            InitiateOAuth: 'REFRESH',
            OAuthAccessToken: t,
            OAuthSettingsLocation: 'memory://twenty',
          }),
        ),
      ),
    );
    open.push(a, b);
    expect((await a.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    await expect(b.query('SELECT Id FROM Products LIMIT 1')).rejects.toMatchObject({
      code: 'ERR_API_UNAUTHORIZED',
    });
  });
});

describe('two processes refreshing the same expired token at once', () => {
  it('refresh once and leave a valid settings file both can use', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const issued = sim.issueTokens({ expiresIn: 3600 });
    const store = new FileTokenStore(settings, sim.clientSecret, nullLogger);
    await store.update(async () => ({
      value: undefined,
      save: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresIn: 3600,
        timestamp: Date.now() - 7200 * 1000,
        storeHash: sim.storeHash,
      },
    }));
    sim.resetRequests();
    const goFile = path.join(dir, 'go');
    const input = {
      options: options({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: settings }),
      sql: 'SELECT Id FROM Products LIMIT 1',
      goFile,
    };
    const workers = [spawnWorker(input), spawnWorker(input)];
    await Promise.all(workers.map((w) => w.ready));
    fs.writeFileSync(goFile, '');
    const outcomes = await Promise.all(workers.map((w) => w.done));

    expect(outcomes).toEqual([
      { ok: true, rowCount: 1 },
      { ok: true, rowCount: 1 },
    ]);
    expect(tokenRequests().map((r) => r.status)).toEqual([200]);
    const after = await store.read();
    expect(after?.accessToken).not.toBe(issued.accessToken);
    expect(after?.refreshToken).not.toBe(issued.refreshToken);
    // The saved token is the live one: a new connection uses it without another exchange.
    sim.resetRequests();
    const c = await connect(options({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: settings }));
    open.push(c);
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(tokenRequests()).toHaveLength(0);
    expect(fs.existsSync(`${settings}.lock`)).toBe(false);
  }, 120_000);
});
