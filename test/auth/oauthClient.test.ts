import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  exchangeAuthorizationCode,
  exchangeRefreshToken,
  type OAuthClientConfig,
} from '../../src/auth/oauthClient';
import { AuthError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { startFakeTokenServer, type FakeTokenServer } from './fakeTokenServer';

const SECRET = 'client-secret-abcdef';
const CODE = 'auth-code-qr6h3thvbvag2ffq';
let server: FakeTokenServer;
let logfile: string;

beforeAll(async () => {
  server = await startFakeTokenServer();
});
afterAll(() => server.close());
beforeEach(() => {
  logfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oauthclient-')), 'log.txt');
});

function config(counter = { count: 0 }): OAuthClientConfig {
  return {
    loginBaseUrl: `${server.url}/`,
    clientId: 'cid',
    clientSecret: SECRET,
    timeoutMs: 5000,
    logger: createLogger({ logfile, verbosity: 5 }),
    counter,
  };
}

const exchange = (cfg = config()) =>
  exchangeAuthorizationCode(cfg, {
    code: CODE,
    redirectUri: 'http://localhost:33333',
    scope: 'store_v2_orders',
    context: 'stores/g5cd38',
  });

function expectClean(err: unknown) {
  const text = `${(err as Error).message} ${JSON.stringify(err)} ${fs.existsSync(logfile) ? fs.readFileSync(logfile, 'utf8') : ''}`;
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(CODE);
}

describe('exchangeAuthorizationCode', () => {
  it('posts the documented body and returns the token, store hash, scope, account and email', async () => {
    server.reply({
      status: 200,
      body: JSON.stringify({
        access_token: 'tok-1234567890',
        scope: 'store_v2_orders',
        user: { id: 1, username: 'u@example.com', email: 'u@example.com' },
        context: 'stores/g5cd38',
        account_uuid: 'uuid-1',
      }),
    });
    const counter = { count: 0 };
    const tokens = await exchange(config(counter));
    expect(server.bodies.at(-1)).toEqual({
      client_id: 'cid',
      client_secret: SECRET,
      code: CODE,
      scope: 'store_v2_orders',
      grant_type: 'authorization_code',
      redirect_uri: 'http://localhost:33333',
      context: 'stores/g5cd38',
    });
    expect(tokens).toMatchObject({
      accessToken: 'tok-1234567890',
      refreshToken: undefined,
      expiresIn: undefined,
      storeHash: 'g5cd38',
      scope: 'store_v2_orders',
      accountUuid: 'uuid-1',
      userEmail: 'u@example.com',
    });
    expect(counter.count).toBe(1);
    const log = fs.readFileSync(logfile, 'utf8');
    expect(log).toContain('grant_type=authorization_code');
    for (const s of [SECRET, CODE, 'tok-1234567890']) expect(log).not.toContain(s);
  });

  it('turns an OAuth error into ERR_OAUTH with the status and the server message, scrubbing an echoed code', async () => {
    server.reply({
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: `code ${CODE} was used` }),
    });
    const err = await exchange().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 400, oauthError: 'invalid_grant' });
    expect(err.message).toContain('invalid_grant');
    expect(err.message).toContain('was used');
    expectClean(err);
  });

  it("uses a problem document's title when the server sends one", async () => {
    server.reply({
      status: 401,
      body: JSON.stringify({ status: 401, title: 'Client authentication failed' }),
    });
    const err = await exchange().catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 401 });
    expect(err.message).toContain('Client authentication failed');
    expect(err.message).toContain('OAuthClientSecret');
    expectClean(err);
  });

  it('says the body was not JSON, with the status', async () => {
    server.reply({ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const err = await exchange().catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 502 });
    expect(err.message).toContain('not JSON');
    expectClean(err);
  });

  it('treats a 200 answer without access_token as a failure', async () => {
    server.reply({ status: 200, body: '{"scope":"x"}' });
    await expect(exchange()).rejects.toMatchObject({ code: 'ERR_OAUTH', status: 200 });
  });

  it('wraps a network failure in ERR_OAUTH carrying the transport code', async () => {
    const cfg = { ...config(), loginBaseUrl: 'http://127.0.0.1:1' };
    const err = await exchange(cfg).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', transportCode: 'ERR_NETWORK' });
    expect(err.message).toContain('ECONNREFUSED');
    expectClean(err);
  });
});

describe('exchangeRefreshToken', () => {
  it('posts grant_type=refresh_token and returns the new tokens with their lifetime', async () => {
    server.reply({
      status: 200,
      body: JSON.stringify({ access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 3600 }),
    });
    const tokens = await exchangeRefreshToken(config(), 'old-refresh-token');
    expect(server.bodies.at(-1)).toEqual({
      client_id: 'cid',
      client_secret: SECRET,
      refresh_token: 'old-refresh-token',
      grant_type: 'refresh_token',
    });
    expect(tokens).toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 3600 });
  });

  it('never shows the refresh token in the error it raises', async () => {
    server.reply({
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant: old-refresh-token expired' }),
    });
    const err = await exchangeRefreshToken(config(), 'old-refresh-token').catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 400 });
    expect(err.message).not.toContain('old-refresh-token');
    expect(JSON.stringify(err)).not.toContain('old-refresh-token');
  });
});
