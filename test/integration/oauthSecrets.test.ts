/**
 * Tokens, the client secret and authorization codes never reach an error or the Logfile, at any
 * Verbosity, across every OAuth path: desktop flow, verifier exchange, refresh, procedure calls in
 * positional form, and failing exchanges.
 */
import * as path from 'node:path';
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { clearMemoryStore, MemoryTokenStore, memoryStoreTokens } from '../../src/auth/stores/memoryStore';
import { connect, type Connection } from '../../src';
import { startSimulator, type Simulator } from '../../src/simulator';
import {
  approveWithoutBrowser,
  freePort,
  readIfExists,
  scriptedUser,
  tempDir,
  oauthProps,
} from '../auth/oauthTestKit';

let sim: Simulator;
let previousHooks: BrowserHooks;
const open: Connection[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    products: 3,
    customers: 1,
    orders: 1,
    expiringTokens: true,
    tokenTtlSeconds: 3600,
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  previousHooks = setBrowserHooks({ print: () => undefined });
});
afterEach(async () => {
  setBrowserHooks(previousHooks);
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const id of ['desktop', 'refresh', 'verifier']) clearMemoryStore(`memory://${id}`);
});

it.each([1, 2, 3, 4, 5])(
  'keeps every secret out of errors and the Logfile at Verbosity %i',
  async (verbosity) => {
    const logfile = path.join(tempDir('secrets-'), 'bcsql.log');
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/cb`;
    const secrets: (string | undefined)[] = [sim.clientSecret, 'wrong-secret-value-42', 'bogus-verifier-777'];
    const errors: unknown[] = [];
    const conn = async (extra: Record<string, unknown>) => {
      const c = await connect(
        oauthProps(sim, {
          CallbackURL: callback,
          Logfile: logfile,
          Verbosity: verbosity,
          ...extra,
        }),
      );
      open.push(c);
      return c;
    };
    const newCode = async () => {
      const url = `${sim.loginBaseUrl}/oauth2/authorize?client_id=${sim.clientId}&redirect_uri=${encodeURIComponent(callback)}&response_type=code&state=s`;
      const code = (await approveWithoutBrowser(sim, url)).searchParams.get('code') as string;
      secrets.push(code);
      return code;
    };

    // Desktop flow, then a query with the token it saved.
    const user = scriptedUser(sim);
    setBrowserHooks({ launch: user.launch });
    const desktop = await conn({ InitiateOAuth: 'GETANDREFRESH', OAuthSettingsLocation: 'memory://desktop' });
    await desktop.query('SELECT Id FROM Products LIMIT 1');
    secrets.push(...user.codes, memoryStoreTokens('memory://desktop')?.accessToken);
    secrets.push(memoryStoreTokens('memory://desktop')?.refreshToken);

    // An expired stored token refreshed before use.
    const issued = sim.issueTokens({ expiresIn: 3600 });
    secrets.push(issued.accessToken, issued.refreshToken);
    await new MemoryTokenStore('memory://refresh').update(async () => ({
      value: undefined,
      save: { ...issued, expiresIn: 3600, timestamp: 0, storeHash: sim.storeHash },
    }));
    await (
      await conn({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: 'memory://refresh' })
    ).query('SELECT Id FROM Products LIMIT 1');
    secrets.push(
      memoryStoreTokens('memory://refresh')?.accessToken,
      memoryStoreTokens('memory://refresh')?.refreshToken,
    );

    // Procedures with secrets in positional form and as params.
    const web = await conn({});
    const got = await web.query(`EXEC GetOAuthAccessToken 'WEB', NULL, NULL, '${await newCode()}'`);
    secrets.push(got.rows[0].OAuthAccessToken as string, got.rows[0].OAuthRefreshToken as string);
    const refreshed = await web.query('EXEC RefreshOAuthAccessToken ?', [got.rows[0].OAuthRefreshToken]);
    secrets.push(refreshed.rows[0].OAuthAccessToken as string, refreshed.rows[0].OAuthRefreshToken as string);

    // Failures: a refused verifier (reported by connect()), a wrong secret, a reused code.
    errors.push(
      await conn({
        InitiateOAuth: 'REFRESH',
        OAuthVerifier: 'bogus-verifier-777',
        OAuthSettingsLocation: 'memory://verifier',
      }).catch((e) => e),
    );
    const wrong = await conn({ OAuthClientSecret: 'wrong-secret-value-42' });
    errors.push(
      await wrong
        .query("EXEC GetOAuthAccessToken @AuthMode='WEB', @Verifier=?", [await newCode()])
        .catch((e) => e),
    );
    const code = await newCode();
    await web.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=@v", { v: code });
    errors.push(
      await web.query("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=@v", { v: code }).catch((e) => e),
    );

    expect(errors.map((e) => (e as { code: string }).code)).toEqual(['ERR_OAUTH', 'ERR_OAUTH', 'ERR_OAUTH']);
    const log = readIfExists(logfile);
    expect(log).toContain('ERR_OAUTH');
    if (verbosity >= 2) expect(log).toContain('grant_type=refresh_token');
    if (verbosity >= 5) expect(log).toContain('response body');
    const known = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
    expect(known.length).toBeGreaterThanOrEqual(14);
    for (const s of known) {
      expect(log).not.toContain(s);
      for (const e of errors) {
        expect((e as Error).message).not.toContain(s);
        expect(JSON.stringify(e)).not.toContain(s);
      }
    }
  },
);
