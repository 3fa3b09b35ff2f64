/**
 * The headless routes against the simulator: (1) a verifier code obtained elsewhere, given in the
 * connection string with InitiateOAuth=REFRESH; (2) a settings file produced on one "machine" (a
 * process with its own temp HOME) and used on another. Plus REFRESH's failures and the settings
 * store's rules (refresh before use, a failed refresh keeps the file, corrupt files are reported).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { connect, type Connection } from '../../src';
import { nullLogger } from '../../src/log';
import { startSimulator, type Simulator } from '../../src/simulator';
import {
  approveWithoutBrowser,
  expectNoSecrets,
  freePort,
  readIfExists,
  scriptedUser,
  spawnWorker,
  tempDir,
  oauthProps,
} from '../auth/oauthTestKit';

const CALLBACK = 'http://localhost:33333/cb';
let sim: Simulator;
let dir: string;
let launched: string[];
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
  dir = tempDir('headless-');
  launched = [];
  previousHooks = setBrowserHooks({ launch: async (url) => void launched.push(url), print: () => undefined });
  sim.resetRequests();
});
afterEach(async () => {
  setBrowserHooks(previousHooks);
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const base = () =>
  `AuthScheme=OAuth;OAuthClientId=${sim.clientId};OAuthClientSecret=${sim.clientSecret};CallbackURL=${CALLBACK};` +
  `StoreId=${sim.storeHash};ApiBaseURL=${sim.apiBaseUrl};LoginBaseURL=${sim.loginBaseUrl}`;

async function conn(extra: string): Promise<Connection> {
  const c = await connect(`${base()};${extra}`);
  open.push(c);
  return c;
}

const baseOptions = () =>
  oauthProps(sim, {
    CallbackURL: CALLBACK,
  });

/** A code approved "on another machine": the user copies it from the callback URL. */
async function verifierCode(): Promise<string> {
  const url =
    `${sim.loginBaseUrl}/oauth2/authorize?client_id=${sim.clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}` +
    `&response_type=code&state=s&context=stores/${sim.storeHash}`;
  const cb = await approveWithoutBrowser(sim, url);
  return cb.searchParams.get('code') as string;
}

const tokenRequests = () => sim.requests.filter((r) => r.path === '/oauth2/token').length;
const storeAt = (file: string) => new FileTokenStore(file, sim.clientSecret, nullLogger);

describe('headless option 1: OAuthVerifier with InitiateOAuth=REFRESH', () => {
  it('exchanges the verifier once, saves the token, and later connections use the saved token', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const code = await verifierCode();
    const first = await conn(`InitiateOAuth=REFRESH;OAuthVerifier=${code};OAuthSettingsLocation=${settings}`);
    // Exchanged and saved by connect() itself, before any statement.
    expect(tokenRequests()).toBe(1);
    expect((await storeAt(settings).read())?.storeHash).toBe(sim.storeHash);
    expect((await first.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(tokenRequests()).toBe(1);

    sim.resetRequests();
    const later = await conn(`InitiateOAuth=REFRESH;OAuthVerifier=${code};OAuthSettingsLocation=${settings}`);
    expect((await later.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect(tokenRequests()).toBe(0);
    expect(launched).toHaveLength(0);
  });

  it('reports a verifier the server refuses as ERR_OAUTH from connect() and saves nothing', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const err = await conn(
      `InitiateOAuth=REFRESH;OAuthVerifier=not-a-real-code;OAuthSettingsLocation=${settings}`,
    ).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 400 });
    expectNoSecrets(['not-a-real-code', sim.clientSecret], err);
    expect(fs.existsSync(settings)).toBe(false);
    expect(tokenRequests()).toBe(1);
  });
});

describe('headless option 2: a settings file carried from a machine with a browser', () => {
  it('is produced under one HOME and used under another without a browser or a token exchange', async () => {
    const homeA = tempDir('home-a-');
    const homeB = tempDir('home-b-');
    const sql = 'SELECT Id FROM Products LIMIT 1';
    const env = (home: string) => ({ HOME: home, XDG_CONFIG_HOME: undefined });
    const code = await verifierCode();

    const a = spawnWorker(
      { options: { ...baseOptions(), InitiateOAuth: 'GETANDREFRESH', OAuthVerifier: code }, sql },
      env(homeA),
    );
    expect(await a.done).toEqual({ ok: true, rowCount: 1 });
    const fileA = path.join(homeA, '.config', 'bigcommerce-sql-nodejs', 'OAuthSettings.txt');
    expect(fs.existsSync(fileA)).toBe(true);
    expect(fs.statSync(fileA).mode & 0o777).toBe(0o600);

    const fileB = path.join(homeB, '.config', 'bigcommerce-sql-nodejs', 'OAuthSettings.txt');
    fs.mkdirSync(path.dirname(fileB), { recursive: true });
    fs.copyFileSync(fileA, fileB);
    sim.resetRequests();
    // Both "machine B" runs at once: the right secret works, another app's secret cannot open the file.
    const b = spawnWorker({ options: { ...baseOptions(), InitiateOAuth: 'REFRESH' }, sql }, env(homeB));
    const wrongSecret = spawnWorker(
      {
        options: { ...baseOptions(), InitiateOAuth: 'REFRESH', OAuthClientSecret: 'some-other-secret' },
        sql,
      },
      env(homeB),
    );
    expect(await b.done).toEqual({ ok: true, rowCount: 1 });
    expect(tokenRequests()).toBe(0);
    const outcome = await wrongSecret.done;
    expect(outcome).toMatchObject({ ok: false, code: 'ERR_SETTINGS_FILE' });
    expect(outcome.message).toContain(fileB);
    expect(outcome.message).toContain('OAuthClientSecret');
  }, 120_000);
});

describe('InitiateOAuth=REFRESH with nothing to use', () => {
  it('fails connect() with ERR_OAUTH_NO_TOKEN naming both headless options, without a browser or a request', async () => {
    const err = await conn(`InitiateOAuth=REFRESH;OAuthSettingsLocation=${path.join(dir, 'none.txt')}`).catch(
      (e) => e,
    );
    expect(err.code).toBe('ERR_OAUTH_NO_TOKEN');
    expect(err.message).toContain('OAuthVerifier');
    expect(err.message).toContain('GETANDREFRESH');
    expect(err.message).toContain(path.join(dir, 'none.txt'));
    expect(launched).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('the settings store', () => {
  async function storeExpired(file: string) {
    const issued = sim.issueTokens({ expiresIn: 3600 });
    const tokens = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      expiresIn: 3600,
      timestamp: Date.now() - 2 * 3600 * 1000,
      storeHash: sim.storeHash,
    };
    await storeAt(file).update(async () => ({ value: undefined, save: tokens }));
    return tokens;
  }

  it.each(['GETANDREFRESH', 'REFRESH'])(
    'refreshes an expired stored token before using it (%s)',
    async (mode) => {
      const settings = path.join(dir, 'OAuthSettings.txt');
      const old = await storeExpired(settings);
      const c = await conn(`InitiateOAuth=${mode};OAuthSettingsLocation=${settings}`);
      expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
      expect(sim.requests.filter((r) => r.path === '/oauth2/token').map((r) => r.status)).toEqual([200]);
      const now = await storeAt(settings).read();
      expect(now?.accessToken).not.toBe(old.accessToken);
      expect(now?.refreshToken).not.toBe(old.refreshToken);
      expect(launched).toHaveLength(0);
    },
  );

  it('keeps the stored token when a refresh is refused', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const old = await storeExpired(settings);
    sim.revokeToken(old.refreshToken as string);
    const before = fs.readFileSync(settings);
    const err = await conn(`InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`).catch((e) => e);
    expect(err.code).toBe('ERR_OAUTH_NO_TOKEN');
    expect(err.message).toContain('refresh was refused');
    expectNoSecrets([old.accessToken, old.refreshToken, sim.clientSecret], err);
    expect(fs.readFileSync(settings).equals(before)).toBe(true);
  });

  it('keeps the stored token when the refresh is refused and the browser sign-in that follows is denied (GETANDREFRESH)', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const old = await storeExpired(settings);
    sim.revokeToken(old.refreshToken as string);
    const before = fs.readFileSync(settings);
    const user = scriptedUser(sim, { action: 'deny' });
    setBrowserHooks({ launch: user.launch });
    const port = await freePort();
    const err = await connect(
      `${base()};CallbackURL=http://127.0.0.1:${port}/cb;InitiateOAuth=GETANDREFRESH;OAuthSettingsLocation=${settings}`,
    ).catch((e) => e);
    expect(err.code).toBe('ERR_OAUTH_DENIED');
    expect(user.launched).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path === '/oauth2/token').map((r) => r.status)).toEqual([400]);
    expectNoSecrets([old.accessToken, old.refreshToken, sim.clientSecret], err);
    expect(fs.readFileSync(settings).equals(before)).toBe(true);
  });

  it('answers a 401 for a stored token with ERR_API_UNAUTHORIZED naming the file to delete, and that advice works', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    const revoked = sim.issueToken();
    await storeAt(settings).update(async () => ({
      value: undefined,
      save: { accessToken: revoked, timestamp: Date.now(), storeHash: sim.storeHash },
    }));
    sim.revokeToken(revoked);
    const c = await conn(`InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`);
    const err = await c.query('SELECT Id FROM Products LIMIT 1').catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_API_UNAUTHORIZED', status: 401 });
    expect(err.message).toContain(`delete ${settings}`);
    expect(err.message).toContain('OAuthVerifier');
    expectNoSecrets([revoked, sim.clientSecret], err);
    expect(launched).toHaveLength(0);

    fs.rmSync(settings);
    const code = await verifierCode();
    const again = await conn(`InitiateOAuth=REFRESH;OAuthVerifier=${code};OAuthSettingsLocation=${settings}`);
    expect((await again.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    expect((await storeAt(settings).read())?.accessToken).not.toBe(revoked);
  });

  it('reports a corrupt settings file (ERR_SETTINGS_FILE) from connect() without overwriting it or opening a browser', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    fs.writeFileSync(settings, '{"format":"bigcommerce-sql/oauth-settings","version":1,"truncat');
    const err = await conn(`InitiateOAuth=GETANDREFRESH;OAuthSettingsLocation=${settings}`).catch((e) => e);
    expect(err.code).toBe('ERR_SETTINGS_FILE');
    expect(err.message).toContain(settings);
    expect(err.message).toContain('Delete');
    expect(fs.readFileSync(settings, 'utf8')).toBe(
      '{"format":"bigcommerce-sql/oauth-settings","version":1,"truncat',
    );
    expect(launched).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('is never read or written with InitiateOAuth=OFF', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    fs.writeFileSync(settings, 'not a settings file');
    const c = await conn(`OAuthAccessToken=${sim.accessToken};OAuthSettingsLocation=${settings}`);
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
    const code = await verifierCode();
    await c.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=?", [code]);
    expect(fs.readFileSync(settings, 'utf8')).toBe('not a settings file');
  });

  it('saves a token that GetOAuthAccessToken obtained when InitiateOAuth uses the store', async () => {
    const settings = path.join(dir, 'OAuthSettings.txt');
    // REFRESH needs a usable token to connect at all; the procedure's token then replaces it.
    const first = sim.issueToken();
    await storeAt(settings).update(async () => ({
      value: undefined,
      save: { accessToken: first, timestamp: Date.now(), storeHash: sim.storeHash },
    }));
    const c = await conn(`InitiateOAuth=REFRESH;OAuthSettingsLocation=${settings}`);
    const code = await verifierCode();
    const { rows } = await c.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=?", [code]);
    expect(rows[0].OAuthAccessToken).not.toBe(first);
    expect((await storeAt(settings).read())?.accessToken).toBe(rows[0].OAuthAccessToken);
    expect(readIfExists(settings)).not.toContain(rows[0].OAuthAccessToken as string);
  });
});
