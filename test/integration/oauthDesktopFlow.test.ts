/**
 * The desktop and web OAuth flows end to end. Headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core) plays the user on the simulator's login page; the provider's browser launcher
 * is injected, so no test opens a desktop browser.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { clearMemoryStore, memoryStoreTokens } from '../../src/auth/stores/memoryStore';
import { connect, type Connection } from '../../src';
import { nullLogger } from '../../src/log';
import { startSimulator, type Simulator } from '../../src/simulator';
import { startChromiumUser, type ChromiumUser } from '../auth/chromiumUser';
import {
  expectNoSecrets,
  freePort,
  readIfExists,
  scriptedUser,
  tempDir,
  oauthProps,
} from '../auth/oauthTestKit';

let sim: Simulator;
let chromium: ChromiumUser;
let previousHooks: BrowserHooks;
let dir: string;
const open: Connection[] = [];

beforeAll(async () => {
  sim = await startSimulator({ products: 5, customers: 2, orders: 2 });
  chromium = await startChromiumUser();
});
afterAll(async () => {
  await chromium?.close();
  await sim.close();
});
beforeEach(() => {
  dir = tempDir('desktop-');
  sim.resetRequests();
  previousHooks = setBrowserHooks({
    launch: () => Promise.reject(new Error('this test did not expect a browser')),
    print: () => undefined,
  });
});
afterEach(async () => {
  setBrowserHooks(previousHooks);
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function conn(extra: Record<string, unknown>): Promise<Connection> {
  const c = await connect(
    oauthProps(sim, {
      Logfile: path.join(dir, 'bcsql.log'),
      Verbosity: 5,
      ...extra,
    }),
  );
  open.push(c);
  return c;
}

const tokenRequests = () => sim.requests.filter((r) => r.path === '/oauth2/token').length;

/** A launcher that hands the URL to headless Chromium, which approves; records the pages it ended on. */
function chromiumLauncher(action: 'approve' | 'deny' = 'approve') {
  const launched: string[] = [];
  const finalPages: Promise<string>[] = [];
  const launch = async (url: string) => {
    launched.push(url);
    const done = chromium.authorize(url, action).then(async (page) => {
      const text = await page.textContent('body');
      await page.close();
      return text ?? '';
    });
    done.catch(() => undefined);
    finalPages.push(done);
  };
  return { launch, launched, finalPages };
}

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
  });
}

describe('InitiateOAuth=GETANDREFRESH desktop flow in headless Chromium', () => {
  it('opens the authorization URL, catches the callback, saves the token encrypted, and queries with it', async () => {
    const port = await freePort();
    const settings = path.join(dir, 'nested', 'OAuthSettings.txt');
    const user = chromiumLauncher();
    setBrowserHooks({ launch: user.launch });
    const c = await conn({
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://localhost:${port}/callback`,
      OAuthSettingsLocation: settings,
    });
    // connect() resolved only after the sign-in: the token is already exchanged and saved.
    expect(user.launched).toHaveLength(1);
    expect(tokenRequests()).toBe(1);
    expect(fs.existsSync(settings)).toBe(true);
    expect(await isListening(port)).toBe(false);

    const res = await c.query('SELECT Id, Name FROM Products LIMIT 2');

    expect(res.rowCount).toBe(2);
    expect(user.launched).toHaveLength(1);
    const authorize = new URL(user.launched[0]);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/callback`);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await user.finalPages[0]).toContain('You may close this window');
    expect(tokenRequests()).toBe(1);
    expect(await isListening(port)).toBe(false);

    const stored = await new FileTokenStore(settings, sim.clientSecret, nullLogger).read();
    expect(stored?.storeHash).toBe(sim.storeHash);
    const bytes = fs.readFileSync(settings);
    expect(bytes.includes(Buffer.from(stored!.accessToken))).toBe(false);
    expect(fs.statSync(settings).mode & 0o777).toBe(0o600);
    expectNoSecrets([sim.clientSecret, stored!.accessToken], readIfExists(path.join(dir, 'bcsql.log')));

    // A second connection uses the stored token: no browser, no exchange.
    sim.resetRequests();
    const again = await conn({
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://localhost:${port}/callback`,
      OAuthSettingsLocation: settings,
    });
    expect((await again.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(user.launched).toHaveLength(1);
    expect(tokenRequests()).toBe(0);
  });

  it('fails connect() with ERR_OAUTH_DENIED when the user denies, and leaves the store unchanged', async () => {
    const port = await freePort();
    const user = chromiumLauncher('deny');
    setBrowserHooks({ launch: user.launch });
    const connecting = conn({
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://localhost:${port}/callback`,
      OAuthSettingsLocation: 'memory://denied',
    });
    await expect(connecting).rejects.toMatchObject({ code: 'ERR_OAUTH_DENIED' });
    expect(user.launched).toHaveLength(1);
    expect(await user.finalPages[0]).toContain('You may close this window');
    expect(memoryStoreTokens('memory://denied')).toBeUndefined();
    expect(tokenRequests()).toBe(0);
    expect(await isListening(port)).toBe(false);
  });
});

describe('GetOAuthAccessToken with AuthMode=APP and no Verifier', () => {
  it('runs the desktop flow in Chromium and returns the token columns, which later queries use', async () => {
    const port = await freePort();
    const user = chromiumLauncher();
    setBrowserHooks({ launch: user.launch });
    const c = await conn({ CallbackURL: `http://localhost:${port}` });
    const res = await c.query("EXEC GetOAuthAccessToken AuthMode='APP', State='my-state-1'");
    expect(new URL(user.launched[0]).searchParams.get('state')).toBe('my-state-1');
    expect(res.rows[0]).toMatchObject({ ExpiresIn: -1, OAuthRefreshToken: null, StoreId: sim.storeHash });
    expect(res.requestCount).toBe(1);
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
  });
});

describe('the web flow through the procedures', () => {
  it('GetOAuthAuthorizationURL → approve in Chromium → GetOAuthAccessToken with the code from the callback', async () => {
    // The "web app": whatever serves the callback URL; here it just records what the browser brought.
    let callbackQuery = '';
    const app = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/auth') callbackQuery = url.search;
      res.end('thanks');
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    const callback = `http://localhost:${(app.address() as AddressInfo).port}/auth`;
    try {
      const c = await conn({ CallbackURL: callback });
      const { rows } = await c.query('EXEC GetOAuthAuthorizationURL');
      const page = await chromium.authorize(rows[0].URL as string);
      await page.close();
      const q = new URLSearchParams(callbackQuery);
      expect(q.get('state')).toBe(rows[0].State);
      const token = await c.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=?", [q.get('code')]);
      expect(token.rows[0].StoreId).toBe(sim.storeHash);
      const other = await conn({ OAuthAccessToken: token.rows[0].OAuthAccessToken });
      expect((await other.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
      expectNoSecrets(
        [q.get('code') ?? undefined, sim.clientSecret],
        readIfExists(path.join(dir, 'bcsql.log')),
      );
    } finally {
      app.close();
    }
  });
});

describe('desktop flow safeguards', () => {
  afterEach(() => clearMemoryStore('memory://guard'));

  const guarded = async (port: number, extra: Record<string, unknown> = {}) =>
    conn({
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://127.0.0.1:${port}/cb`,
      OAuthSettingsLocation: 'memory://guard',
      ...extra,
    });

  it('ignores a callback whose state does not match (answered 400), keeps waiting until the timeout and saves nothing', async () => {
    const port = await freePort();
    const user = scriptedUser(sim, { tamper: (cb) => cb.searchParams.set('state', 'forged') });
    setBrowserHooks({ launch: user.launch });
    await expect(guarded(port, { OAuthCallbackTimeout: 2 })).rejects.toMatchObject({
      code: 'ERR_OAUTH_TIMEOUT',
    });
    expect(user.launched).toHaveLength(1);
    expect(await user.pages[0]).toContain('ignored');
    expect(memoryStoreTokens('memory://guard')).toBeUndefined();
    expect(tokenRequests()).toBe(0);
    expect(await isListening(port)).toBe(false);
  });

  it('gives up after OAuthCallbackTimeout (ERR_OAUTH_TIMEOUT), saves nothing and stops listening', async () => {
    const port = await freePort();
    const launched: string[] = [];
    setBrowserHooks({ launch: async (url) => void launched.push(url) });
    await expect(guarded(port, { OAuthCallbackTimeout: 1 })).rejects.toMatchObject({
      code: 'ERR_OAUTH_TIMEOUT',
    });
    expect(launched).toHaveLength(1);
    expect(memoryStoreTokens('memory://guard')).toBeUndefined();
    expect(await isListening(port)).toBe(false);
  });

  it('prints the URL when no browser can be opened, and still completes when the user follows it', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    const printed: string[] = [];
    setBrowserHooks({
      launch: () => Promise.reject(new Error('no display')),
      print: (url) => {
        printed.push(url);
        void user.launch(url);
      },
    });
    const c = await guarded(port);
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('/oauth2/authorize?');
    expect(memoryStoreTokens('memory://guard')?.accessToken).toEqual(expect.any(String));
  });

  it('with the default printer, writes the URL to stderr and keeps listening until the user follows it', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    try {
      // previousHooks.print is the provider's own printer (the launcher stays injected).
      setBrowserHooks({ launch: () => Promise.reject(new Error('no display')), print: previousHooks.print });
      const connecting = guarded(port);
      while (!stderr.includes('/oauth2/authorize?')) await new Promise((r) => setTimeout(r, 10));
      const url = /https?:\/\/\S+\/oauth2\/authorize\?\S+/.exec(stderr)?.[0] as string;
      expect(stderr).toContain('Open this URL in a browser');
      // The user takes a while: the provider is still waiting on the callback port meanwhile.
      await new Promise((r) => setTimeout(r, 300));
      expect(await isListening(port)).toBe(true);
      await user.launch(url);
      const c = await connecting;
      expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
      expect(tokenRequests()).toBe(1);
      expect(await isListening(port)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('falls back to the browser sign-in when a leftover OAuthVerifier is refused', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    setBrowserHooks({ launch: user.launch });
    const c = await guarded(port, { OAuthVerifier: 'used-up-code-1234' });
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(user.launched).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path === '/oauth2/token').map((r) => r.status)).toEqual([400, 200]);
    expectNoSecrets(['used-up-code-1234', ...user.codes], readIfExists(path.join(dir, 'bcsql.log')));
  });

  it('needs a loopback http CallbackURL (ERR_OAUTH_CALLBACK_URL) and opens no browser otherwise', async () => {
    const launched: string[] = [];
    setBrowserHooks({ launch: async (url) => void launched.push(url) });
    await expect(guarded(0, { CallbackURL: 'https://app.example.com/auth' })).rejects.toMatchObject({
      code: 'ERR_OAUTH_CALLBACK_URL',
    });
    expect(launched).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('a 401 from the API', () => {
  afterEach(() => clearMemoryStore('memory://revoked'));

  it('with GETANDREFRESH signs in again once, saves the new token and retries the request', async () => {
    const port = await freePort();
    const user = scriptedUser(sim);
    setBrowserHooks({ launch: user.launch });
    // First sign-in (in connect()), then the server revokes that token.
    const c = await conn({
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://127.0.0.1:${port}/cb`,
      OAuthSettingsLocation: 'memory://revoked',
    });
    expect(user.launched).toHaveLength(1);
    await c.query('SELECT Id FROM Products LIMIT 1');
    const first = memoryStoreTokens('memory://revoked')!.accessToken;
    sim.revokeToken(first);
    sim.resetRequests();

    const res = await c.query('SELECT Id FROM Products LIMIT 1');

    expect(res.rowCount).toBe(1);
    expect(user.launched).toHaveLength(2);
    expect(tokenRequests()).toBe(1);
    const second = memoryStoreTokens('memory://revoked')!.accessToken;
    expect(second).not.toBe(first);
    expect(sim.requests.filter((r) => r.kind === 'api').map((r) => r.status)).toEqual([401, 200]);
  });

  it.each(['REFRESH', 'OFF'])(
    'with %s fails with ERR_API_UNAUTHORIZED and opens no browser',
    async (mode) => {
      const token = sim.issueToken();
      const launched: string[] = [];
      setBrowserHooks({ launch: async (url) => void launched.push(url) });
      const c = await conn({
        InitiateOAuth: mode,
        OAuthAccessToken: token,
        CallbackURL: 'http://127.0.0.1:33333/cb',
        OAuthSettingsLocation: 'memory://revoked',
      });
      expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
      sim.revokeToken(token);
      const err = await c.query('SELECT Id FROM Products LIMIT 1').catch((e) => e);
      expect(err).toMatchObject({ code: 'ERR_API_UNAUTHORIZED', status: 401 });
      // How to get a new token, in this mode's terms.
      expect(err.message).toContain('check OAuthAccessToken and StoreId');
      expect(err.message).toContain(
        mode === 'OFF' ? 'with EXEC GetOAuthAccessToken' : 'OAuthVerifier set to an authorization code',
      );
      expect(err.message).toContain('InitiateOAuth=GETANDREFRESH');
      expect(err.message).not.toContain(token);
      expect(launched).toHaveLength(0);
    },
  );
});
