import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAuthSession } from '../../src/auth/createAuthSession';
import { FileTokenStore } from '../../src/auth/stores/FileTokenStore';
import { clearMemoryStore, MemoryTokenStore } from '../../src/auth/stores/memoryStore';
import { isFresh } from '../../src/auth/tokenState';
import { resolveOptions } from '../../src/options/resolveOptions';
import { nullLogger } from '../../src/log';
import { startFakeTokenServer, type FakeTokenServer } from './fakeTokenServer';

const STORE = 'memory://session-unit';
let server: FakeTokenServer;
beforeAll(async () => {
  server = await startFakeTokenServer();
});
afterAll(() => server.close());
afterEach(() => clearMemoryStore(STORE));

const options = (extra: string) =>
  resolveOptions(
    `OAuthClientId=cid;OAuthClientSecret=secret-1234;CallbackURL=http://127.0.0.1:1/cb;LoginBaseURL=${server.url};` +
      `OAuthSettingsLocation=${STORE};${extra}`,
    {},
  );
const seed = (t: { accessToken: string; storeHash?: string; expiresIn?: number; timestamp?: number }) =>
  new MemoryTokenStore(STORE).update(async () => ({
    value: undefined,
    save: { timestamp: Date.now(), ...t },
  }));
const noBrowser = { launch: () => Promise.reject(new Error('no browser')), print: () => undefined };

describe('isFresh', () => {
  it('treats tokens without a lifetime as never expiring and expires others a little early', () => {
    expect(isFresh({ accessToken: 'a', timestamp: 0 }, Date.now())).toBe(true);
    expect(isFresh({ accessToken: 'a', timestamp: 0, expiresIn: -1 }, Date.now())).toBe(true);
    expect(isFresh({ accessToken: 'a', timestamp: 0, expiresIn: 100 }, 50_000)).toBe(true);
    expect(isFresh({ accessToken: 'a', timestamp: 0, expiresIn: 100 }, 95_000)).toBe(false);
  });
});

describe('a session with InitiateOAuth=GETANDREFRESH or REFRESH', () => {
  it('uses a fresh stored token without any request, and learns the store hash from it', async () => {
    await seed({ accessToken: 'stored-token', storeHash: 'hash9' });
    const counter = { count: 0 };
    const session = createAuthSession(options('InitiateOAuth=REFRESH'), nullLogger, {
      oauthRequests: counter,
    });
    expect(await session.accessToken()).toBe('stored-token');
    expect(session.storeHash()).toBe('hash9');
    expect(counter.count).toBe(0);
  });

  it('ignores a stored token that belongs to another store than StoreId', async () => {
    await seed({ accessToken: 'other-store-token', storeHash: 'other' });
    const session = createAuthSession(options('InitiateOAuth=REFRESH;StoreId=mine'), nullLogger);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'ERR_OAUTH_NO_TOKEN' });
  });

  it('answers a 401 at once when the rejected token was already replaced, without a new sign-in', async () => {
    await seed({ accessToken: 'current-token' });
    const counter = { count: 0 };
    const session = createAuthSession(options('InitiateOAuth=GETANDREFRESH'), nullLogger, {
      oauthRequests: counter,
      browser: noBrowser,
    });
    await session.accessToken();
    expect(await session.renewAfterUnauthorized(undefined, 'an-older-token')).toBe(true);
    expect(counter.count).toBe(0);
  });

  it('does not renew after a 401 with REFRESH', async () => {
    await seed({ accessToken: 'current-token' });
    const session = createAuthSession(options('InitiateOAuth=REFRESH'), nullLogger);
    await session.accessToken();
    expect(await session.renewAfterUnauthorized()).toBe(false);
    expect(session.unauthorizedHint?.()).toContain('OAuthVerifier');
  });

  it('reports what it knows without running any flow', async () => {
    await seed({ accessToken: 'known-token', storeHash: 'h' });
    const session = createAuthSession(options('InitiateOAuth=GETANDREFRESH'), nullLogger, {
      browser: noBrowser,
    });
    expect(await session.knownTokens?.()).toMatchObject({ accessToken: 'known-token', storeHash: 'h' });
  });

  it.each(['GETANDREFRESH', 'REFRESH'])(
    'keeps the stored token when the refresh fails with a server error (%s), and reports the failure',
    async (mode) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-'));
      const file = path.join(dir, 'OAuthSettings.txt');
      await new FileTokenStore(file, 'secret-1234', nullLogger).update(async () => ({
        value: undefined,
        save: {
          accessToken: 'expired-but-kept',
          refreshToken: 'refresh-kept',
          expiresIn: 60,
          timestamp: Date.now() - 3600_000,
          storeHash: 'h',
        },
      }));
      const before = fs.readFileSync(file);
      server.reply({ status: 503, body: JSON.stringify({ title: 'Service Unavailable' }) });
      const launched: string[] = [];
      const session = createAuthSession(
        options(`InitiateOAuth=${mode};OAuthSettingsLocation=${file}`),
        nullLogger,
        { browser: { launch: async (u) => void launched.push(u), print: () => undefined } },
      );
      const err = await session.accessToken().catch((e) => e);
      expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 503 });
      expect(server.bodies.at(-1)).toMatchObject({ grant_type: 'refresh_token' });
      // A server that did not answer is not a refusal: no browser, and the file is untouched.
      expect(launched).toHaveLength(0);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );

  it('stops waiting for the sign-in when the statement is cancelled', async () => {
    const launched: string[] = [];
    const session = createAuthSession(
      options('InitiateOAuth=GETANDREFRESH;CallbackURL=http://127.0.0.1:0/cb;OAuthCallbackTimeout=5'),
      nullLogger,
      { browser: { launch: async (u) => void launched.push(u), print: () => undefined } },
    );
    const ac = new AbortController();
    const pending = session.accessToken(ac.signal);
    setTimeout(() => ac.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });
});

describe('a session with InitiateOAuth=OFF', () => {
  it('needs OAuthAccessToken and says how to get one', async () => {
    const session = createAuthSession(options('StoreId=s'), nullLogger);
    const err = await session.accessToken().catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_MISSING_PROPERTY', property: 'OAuthAccessToken' });
    expect(err.message).toContain('GetOAuthAccessToken');
  });

  it('needs StoreId unless a token exchange told it', async () => {
    const session = createAuthSession(options('OAuthAccessToken=t0ken-value'), nullLogger);
    expect(() => session.storeHash()).toThrow(
      expect.objectContaining({ code: 'ERR_MISSING_PROPERTY', property: 'StoreId' }),
    );
    await session.setTokens?.({ accessToken: 'new-token', timestamp: 1, storeHash: 'learned' });
    expect(session.storeHash()).toBe('learned');
    expect(await session.accessToken()).toBe('new-token');
  });

  it('never renews after a 401', async () => {
    const session = createAuthSession(options('OAuthAccessToken=t0ken-value;StoreId=s'), nullLogger);
    expect(await session.renewAfterUnauthorized()).toBe(false);
  });
});
