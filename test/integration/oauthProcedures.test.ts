/**
 * The OAuth stored procedures against the simulator, through connect()/query(), in every call
 * form, plus every OAuth-server error: each asserts the code, the status and that no secret
 * reaches the error or a Verbosity=5 Logfile.
 */
import * as path from 'node:path';
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import { startFakeTokenServer, type FakeTokenServer } from '../auth/fakeTokenServer';
import {
  approveWithoutBrowser,
  expectNoSecrets,
  readIfExists,
  tempDir,
  oauthProps,
} from '../auth/oauthTestKit';

const CALLBACK = 'http://localhost:33333/cb';
let sim: Simulator;
let logfile: string;
const open: Connection[] = [];

beforeAll(async () => {
  sim = await startSimulator({ products: 5, customers: 3, orders: 3 });
});
afterAll(() => sim.close());
beforeEach(() => {
  logfile = path.join(tempDir('oauthproc-'), 'bcsql.log');
  sim.resetRequests();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function conn(extra: Record<string, unknown> = {}): Promise<Connection> {
  const c = await connect(
    oauthProps(sim, {
      CallbackURL: CALLBACK,
      Logfile: logfile,
      Verbosity: 5,
      ...extra,
    }),
  );
  open.push(c);
  return c;
}

/** A fresh authorization code, obtained the way a user's browser would get one. */
async function newCode(c: Connection, callbackUrl = CALLBACK): Promise<string> {
  const { rows } = await c.query('EXEC GetOAuthAuthorizationURL @CallbackUrl = ?', [callbackUrl]);
  const cb = await approveWithoutBrowser(sim, rows[0].URL as string);
  return cb.searchParams.get('code') as string;
}

const oauthRequests = () =>
  sim.requests.filter((r) => r.kind === 'oauth' && r.path === '/oauth2/token').length;

describe('GetOAuthAuthorizationURL in every call form', () => {
  // Every row has three entries: jest reads a test function with more parameters than the row as taking `done`.
  const forms: [string, string, unknown][] = [
    [
      'EXEC with @names',
      "EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:4000/x', @State='st-1'",
      undefined,
    ],
    [
      'EXECUTE without @',
      "EXECUTE GetOAuthAuthorizationURL CallbackUrl='http://localhost:4000/x', State='st-1';",
      undefined,
    ],
    ['positional', "EXEC GetOAuthAuthorizationURL 'http://localhost:4000/x', NULL, 'st-1'", undefined],
    [
      '? params',
      'EXEC GetOAuthAuthorizationURL CallbackUrl = ?, State = ?',
      ['http://localhost:4000/x', 'st-1'],
    ],
    [
      '@name params',
      'EXEC GetOAuthAuthorizationURL @CallbackUrl = @cb, @State = @st',
      { cb: 'http://localhost:4000/x', st: 'st-1' },
    ],
    [
      'lower-case names',
      "exec getoauthauthorizationurl callbackurl='http://localhost:4000/x', state='st-1'",
      undefined,
    ],
    [
      'SELECT',
      "SELECT * FROM GetOAuthAuthorizationURL WHERE CallbackUrl='http://localhost:4000/x' AND State='st-1'",
      undefined,
    ],
  ];

  it.each(forms)('returns the authorize URL (%s)', async (_form, sql, params) => {
    const c = await conn();
    const res = await c.query(sql, params as never);
    expect(res.rowCount).toBe(1);
    expect(res.fields.map((f) => f.name)).toEqual(['URL', 'State']);
    const url = new URL(res.rows[0].URL as string);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.loginBaseUrl}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: sim.clientId,
      redirect_uri: 'http://localhost:4000/x',
      response_type: 'code',
      state: 'st-1',
      context: `stores/${sim.storeHash}`,
    });
    expect(res.rows[0].State).toBe('st-1');
    expect(res.requestCount).toBe(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('opens the simulator’s login page with the URL it returns, and approving redirects with code, state and context', async () => {
    const c = await conn();
    const { rows } = await c.query('EXEC GetOAuthAuthorizationURL');
    const cb = await approveWithoutBrowser(sim, rows[0].URL as string);
    expect(`${cb.origin}${cb.pathname}`).toBe('http://localhost:33333/cb');
    expect(cb.searchParams.get('state')).toBe(rows[0].State);
    expect(cb.searchParams.get('context')).toBe(`stores/${sim.storeHash}`);
    expect(cb.searchParams.get('code')).toBeTruthy();
  });
});

describe('GetOAuthAccessToken in every call form', () => {
  const forms: [string, (code: string) => [string, unknown?]][] = [
    [
      'EXEC with @names',
      (code) => [`EXEC GetOAuthAccessToken @AuthMode='WEB', @Verifier='${code}', @CallbackUrl='${CALLBACK}'`],
    ],
    ['EXECUTE without @', (code) => [`EXECUTE GetOAuthAccessToken AuthMode='web', Verifier='${code}'`]],
    ['positional', (code) => [`EXEC GetOAuthAccessToken 'WEB', NULL, '${CALLBACK}', '${code}'`]],
    ['? params', (code) => ['EXEC GetOAuthAccessToken AuthMode = ?, Verifier = ?', ['WEB', code]]],
    [
      '@name params',
      (code) => ['EXEC GetOAuthAccessToken @AuthMode = @m, @Verifier = @v', { m: 'WEB', v: code }],
    ],
    ['SELECT', (code) => [`SELECT * FROM GetOAuthAccessToken WHERE AuthMode='WEB' AND Verifier='${code}'`]],
  ];

  it.each(forms)('exchanges the code and returns the token columns (%s)', async (_form, build) => {
    const c = await conn();
    const code = await newCode(c);
    sim.resetRequests();
    const [sql, params] = build(code);
    const res = await c.query(sql, params as never);
    expect(res.fields.map((f) => f.name)).toEqual([
      'OAuthAccessToken',
      'OAuthRefreshToken',
      'ExpiresIn',
      'StoreId',
      'Scope',
      'AccountUuid',
      'UserEmail',
    ]);
    const row = res.rows[0];
    expect(row).toMatchObject({
      OAuthRefreshToken: null,
      ExpiresIn: -1,
      StoreId: sim.storeHash,
      UserEmail: sim.demoUser.email,
    });
    expect(typeof row.OAuthAccessToken).toBe('string');
    expect(row.Scope).toContain('store_v2_products');
    expect(row.AccountUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(oauthRequests()).toBe(1);
    expect(res.requestCount).toBe(1);
    expectNoSecrets([sim.clientSecret, code, row.OAuthAccessToken as string], readIfExists(logfile));
  });

  it('lets later queries on the same connection use the token it obtained', async () => {
    const c = await conn();
    await expect(c.query('SELECT Id FROM Products LIMIT 1')).rejects.toMatchObject({
      code: 'ERR_MISSING_PROPERTY',
    });
    const code = await newCode(c);
    await c.query('EXEC GetOAuthAccessToken AuthMode=?, Verifier=?', ['WEB', code]);
    const res = await c.query('SELECT Id FROM Products LIMIT 1');
    expect(res.rowCount).toBe(1);
  });

  it('learns StoreId from the exchange when the connection has none', async () => {
    const c = await conn({ StoreId: undefined });
    const code = await newCode(c);
    const { rows } = await c.query('EXEC GetOAuthAccessToken AuthMode=?, Verifier=?', ['WEB', code]);
    expect(rows[0].StoreId).toBe(sim.storeHash);
    expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
  });

  it('fails WEB mode without a Verifier with ERR_MISSING_PARAMETER and sends nothing', async () => {
    const c = await conn();
    await expect(c.query("EXEC GetOAuthAccessToken AuthMode='WEB'")).rejects.toMatchObject({
      code: 'ERR_MISSING_PARAMETER',
      property: 'Verifier',
    });
    await expect(c.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='  '")).rejects.toMatchObject({
      code: 'ERR_MISSING_PARAMETER',
    });
    expect(sim.requests).toHaveLength(0);
  });

  it('rejects unknown procedures, unknown parameters and values outside the allowed set before any request', async () => {
    const c = await conn();
    await expect(c.query("EXEC GetOAuthAccesToken Verifier='x'")).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_PROCEDURE',
    });
    await expect(c.query("EXEC GetOAuthAccessToken Verifer='x'")).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_PARAMETER',
    });
    await expect(c.query("EXEC GetOAuthAccessToken AuthMode='PHONE', Verifier='x'")).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAMETER_VALUE',
    });
    await expect(c.query('EXEC GetOAuthAccessToken AuthMode=?, Verifier=?', ['WEB'])).rejects.toMatchObject({
      code: 'ERR_MISSING_PARAMETER',
    });
    expect(sim.requests).toHaveLength(0);
  });
});

describe('OAuth server errors become ERR_OAUTH with the status and the server’s message, and no secret', () => {
  async function expectOAuthError(
    c: Connection,
    sql: string,
    params: unknown,
    status: number,
    text: string,
    secrets: string[],
  ) {
    const err = await c.query(sql, params as never).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_OAUTH', status });
    expect(err.message).toContain(text);
    expectNoSecrets([sim.clientSecret, ...secrets], err, readIfExists(logfile));
    return err;
  }
  const exchange = 'EXEC GetOAuthAccessToken AuthMode=?, Verifier=?, CallbackUrl=?';

  it('reports an unknown client id', async () => {
    const c = await conn();
    const code = await newCode(c);
    const bad = await conn({ OAuthClientId: 'no-such-client' });
    await expectOAuthError(bad, exchange, ['WEB', code, CALLBACK], 400, 'Invalid client id', [code]);
  });

  it('reports a wrong client secret without showing either secret', async () => {
    const c = await conn();
    const code = await newCode(c);
    const bad = await conn({ OAuthClientSecret: 'wrong-secret-1234' });
    const err = await expectOAuthError(bad, exchange, ['WEB', code, CALLBACK], 400, 'client_secret', [
      code,
      'wrong-secret-1234',
    ]);
    expect(err.message).toContain('OAuthClientSecret');
  });

  it('reports a code used twice', async () => {
    const c = await conn();
    const code = await newCode(c);
    await c.query(exchange, ['WEB', code, CALLBACK]);
    await expectOAuthError(c, exchange, ['WEB', code, CALLBACK], 400, 'Invalid code', [code]);
  });

  it('reports an unknown code', async () => {
    const c = await conn();
    await expectOAuthError(c, exchange, ['WEB', 'made-up-code-123', CALLBACK], 400, 'Invalid code', [
      'made-up-code-123',
    ]);
  });

  it('reports a redirect_uri that differs from the one the code was issued for', async () => {
    const c = await conn();
    const code = await newCode(c);
    const err = await expectOAuthError(
      c,
      exchange,
      ['WEB', code, 'http://localhost:9999/other'],
      400,
      'redirect_uri',
      [code],
    );
    expect(err.message).toContain('CallbackUrl');
  });

  describe('against a token endpoint that fails', () => {
    let fake: FakeTokenServer;
    beforeAll(async () => {
      fake = await startFakeTokenServer();
    });
    afterAll(() => fake.close());

    it('reports a 5xx with its status', async () => {
      fake.reply({ status: 503, body: JSON.stringify({ status: 503, title: 'Service Unavailable' }) });
      const c = await conn({ LoginBaseURL: fake.url });
      await expectOAuthError(c, exchange, ['WEB', 'code-for-5xx', CALLBACK], 503, 'Service Unavailable', [
        'code-for-5xx',
      ]);
    });

    it('reports a body that is not JSON, with its status', async () => {
      fake.reply({ status: 200, body: '<html><body>Login</body></html>', contentType: 'text/html' });
      const c = await conn({ LoginBaseURL: fake.url });
      await expectOAuthError(c, exchange, ['WEB', 'code-for-html', CALLBACK], 200, 'not JSON', [
        'code-for-html',
      ]);
    });
  });
});

describe('RefreshOAuthAccessToken', () => {
  it('returns the current token with ExpiresIn -1 and makes no request when there is no refresh token', async () => {
    const token = sim.issueToken();
    const c = await conn({ OAuthAccessToken: token });
    for (const sql of ['EXEC RefreshOAuthAccessToken', 'SELECT * FROM RefreshOAuthAccessToken']) {
      const res = await c.query(sql);
      expect(res.rows[0]).toMatchObject({
        OAuthAccessToken: token,
        OAuthRefreshToken: null,
        ExpiresIn: -1,
        StoreId: sim.storeHash,
      });
      expect(res.requestCount).toBe(0);
    }
    expect(sim.requests).toHaveLength(0);
    expectNoSecrets([token], readIfExists(logfile));
  });

  describe('with a server that issues expiring tokens', () => {
    let exp: Simulator;
    beforeAll(async () => {
      exp = await startSimulator({
        products: 3,
        customers: 1,
        orders: 1,
        expiringTokens: true,
        tokenTtlSeconds: 600,
      });
    });
    afterAll(() => exp.close());

    const expConn = (extra: Record<string, unknown>) =>
      conn({
        OAuthClientId: exp.clientId,
        OAuthClientSecret: exp.clientSecret,
        StoreId: exp.storeHash,
        ApiBaseURL: exp.apiBaseUrl,
        LoginBaseURL: exp.loginBaseUrl,
        ...extra,
      });

    it.each([
      [
        'the connection’s OAuthRefreshToken',
        (_r: string) => ['EXEC RefreshOAuthAccessToken', undefined],
        true,
      ],
      [
        'a named parameter',
        (r: string) => [`EXEC RefreshOAuthAccessToken @OAuthRefreshToken='${r}'`, undefined],
        false,
      ],
      ['a ? param', (r: string) => ['EXEC RefreshOAuthAccessToken OAuthRefreshToken = ?', [r]], false],
      ['a positional @name param', (r: string) => ['EXEC RefreshOAuthAccessToken @r', { r }], false],
      [
        'SELECT',
        (r: string) => [`SELECT * FROM RefreshOAuthAccessToken WHERE OAuthRefreshToken='${r}'`, undefined],
        false,
      ],
    ] as [string, (r: string) => [string, unknown], boolean][])(
      'exchanges the refresh token given by %s and uses the new token',
      async (_how, build, inConnection) => {
        const issued = exp.issueTokens({ expiresIn: 600 });
        const c = await expConn({
          OAuthAccessToken: issued.accessToken,
          OAuthRefreshToken: inConnection ? issued.refreshToken : undefined,
        });
        exp.resetRequests();
        const [sql, params] = build(issued.refreshToken as string);
        const res = await c.query(sql as string, params as never);
        const row = res.rows[0];
        expect(row.OAuthAccessToken).not.toBe(issued.accessToken);
        expect(row.OAuthRefreshToken).toEqual(expect.any(String));
        expect(row.OAuthRefreshToken).not.toBe(issued.refreshToken);
        expect(row.ExpiresIn).toBe(600);
        expect(row.StoreId).toBe(exp.storeHash);
        expect(exp.requests.filter((r) => r.path === '/oauth2/token')).toHaveLength(1);
        expect((await c.query('SELECT Id FROM Products LIMIT 1')).rowCount).toBe(1);
        expectNoSecrets(
          [exp.clientSecret, issued.refreshToken, row.OAuthRefreshToken as string],
          readIfExists(logfile),
        );
      },
    );

    it('reports a refresh token that no longer works (ERR_OAUTH 400) without showing it', async () => {
      const issued = exp.issueTokens({ expiresIn: 600 });
      const c = await expConn({ OAuthAccessToken: issued.accessToken });
      await c.query('EXEC RefreshOAuthAccessToken OAuthRefreshToken=?', [issued.refreshToken]);
      const err = await c
        .query('EXEC RefreshOAuthAccessToken OAuthRefreshToken=?', [issued.refreshToken])
        .catch((e) => e);
      expect(err).toMatchObject({ code: 'ERR_OAUTH', status: 400 });
      expect(err.message).toContain('Invalid refresh token');
      expectNoSecrets([exp.clientSecret, issued.refreshToken], err, readIfExists(logfile));
    });
  });
});
