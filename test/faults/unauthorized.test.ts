/**
 * A 401 is not a transient fault: with a fixed token (PersonalAccessToken, InitiateOAuth=OFF) the
 * query fails at once naming the cause; with InitiateOAuth=GETANDREFRESH the session renews the
 * token once (a refresh grant) and the scan resumes, returning every row.
 */
import { setBrowserHooks, type BrowserHooks } from '../../src/auth/browser';
import { MemoryTokenStore, clearMemoryStore } from '../../src/auth/stores/memoryStore';
import {
  expectedProducts,
  faultSetup,
  failureOf,
  PRODUCTS_SQL,
  requestsPerPage,
  type FaultSetup,
} from './faultKit';

const PRODUCTS = '/v3/catalog/products';
const SETTINGS = 'memory://faults-unauthorized';

let s: FaultSetup;
let previousHooks: BrowserHooks;
beforeAll(async () => {
  s = await faultSetup({ products: 600, customers: 5, orders: 5, seed: 13, expiringTokens: true });
  // Renewal must never fall through to a browser sign-in here.
  previousHooks = setBrowserHooks({
    launch: () => Promise.reject(new Error('no browser in the fault suite')),
    print: () => undefined,
  });
});
afterAll(async () => {
  setBrowserHooks(previousHooks);
  clearMemoryStore(SETTINGS);
  await s.close();
});
beforeEach(() => s.sim.resetRequests());

const refreshGrants = () =>
  s.sim.requests.filter((r) => r.path === '/oauth2/token' && r.grantType === 'refresh_token');

describe('a fixed token the API rejects', () => {
  it('fails with ERR_API_UNAUTHORIZED after exactly one request, without echoing the token', async () => {
    const token = s.sim.issueToken();
    s.sim.revokeToken(token);
    const conn = await s.connectWith({ OAuthAccessToken: token, MaxRetries: 5 });
    const err = await failureOf(() => conn.query(PRODUCTS_SQL));
    expect(err).toMatchObject({ code: 'ERR_API_UNAUTHORIZED', status: 401 });
    expect(err.message).toContain('GET /v3/catalog/products');
    expect(err.message).toContain('401');
    expect(err.message).not.toContain(token);
    expect(JSON.stringify(err)).not.toContain(token);
    expect(s.apiRequests()).toHaveLength(1);
  });

  it('fails with ERR_INCOMPLETE_RESULT when the token is revoked mid-scan, never retrying the 401', async () => {
    const token = s.sim.issueToken();
    const conn = await s.connectWith({ OAuthAccessToken: token, MaxConcurrentRequests: 1 });
    const err = await failureOf(() =>
      conn.query(PRODUCTS_SQL, [], {
        onProgress: (p) => {
          if (p.pagesFetched === 1) s.sim.revokeToken(token);
        },
      }),
    );
    expect(err).toMatchObject({
      code: 'ERR_INCOMPLETE_RESULT',
      causeCode: 'ERR_API_UNAUTHORIZED',
      status: 401,
      page: 2,
      rowsFetched: 250,
    });
    expect(err.message).not.toContain(token);
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 1 });
  });
});

describe('InitiateOAuth=GETANDREFRESH when the API rejects the stored token mid-scan', () => {
  async function managedConnection(props: Record<string, unknown> = {}) {
    const issued = s.sim.issueTokens({ expiresIn: 3600 });
    await new MemoryTokenStore(SETTINGS).update(async () => ({
      value: undefined,
      save: {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresIn: 3600,
        timestamp: Date.now(),
        storeHash: s.sim.storeHash,
      },
    }));
    const conn = await s.connectWith({
      AuthScheme: 'OAuth',
      InitiateOAuth: 'GETANDREFRESH',
      OAuthSettingsLocation: SETTINGS,
      OAuthAccessToken: undefined,
      OAuthClientId: s.sim.clientId,
      OAuthClientSecret: s.sim.clientSecret,
      CallbackURL: 'http://localhost:33333/cb',
      ...props,
    });
    return { conn, token: issued.accessToken };
  }

  it('refreshes exactly once, retries the rejected page once and returns every row', async () => {
    const { conn, token } = await managedConnection({ MaxConcurrentRequests: 1 });
    const r = await conn.query(PRODUCTS_SQL, [], {
      onProgress: (p) => {
        if (p.pagesFetched === 1) s.sim.revokeToken(token);
      },
    });
    expect(r.rows).toEqual(expectedProducts(s.sim));
    expect(refreshGrants()).toHaveLength(1);
    // Page 2 met the 401 once and succeeded with the renewed token; page 3 went out once.
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 2, '3': 1 });
    expect(s.apiRequests().filter((q) => q.status === 401)).toHaveLength(1);
  });

  it('refreshes once when a request sent with the old token is rejected after the renewal finished', async () => {
    const { conn, token } = await managedConnection();
    // A slow statement's request leaves with the token, then waits 600 ms at the server…
    s.sim.setLatency(600);
    const slow = conn.query('SELECT Id, Name, Price FROM Products WHERE Id = 2');
    await new Promise((r) => setTimeout(r, 100));
    // …meanwhile the token is revoked, and a fast statement meets the 401 and renews it.
    s.sim.setLatency(0);
    s.sim.revokeToken(token);
    const fast = await conn.query('SELECT Id, Name, Price FROM Products WHERE Id = 1');
    expect(refreshGrants()).toHaveLength(1);
    // The slow request's 401 comes after that renewal: the renewed token is already there to use.
    const late = await slow;
    expect([...fast.rows, ...late.rows]).toEqual(expectedProducts(s.sim).slice(0, 2));
    expect(s.apiRequests().filter((q) => q.status === 401)).toHaveLength(2);
    expect(refreshGrants()).toHaveLength(1);
  });

  it('refreshes exactly once when several pages in flight meet the 401', async () => {
    const { conn, token } = await managedConnection({ MaxConcurrentRequests: 8 });
    const r = await conn.query(PRODUCTS_SQL, [], {
      onProgress: (p) => {
        if (p.pagesFetched === 1) s.sim.revokeToken(token);
      },
    });
    expect(r.rows).toEqual(expectedProducts(s.sim));
    expect(s.apiRequests().filter((q) => q.status === 401)).toHaveLength(2);
    expect(refreshGrants()).toHaveLength(1);
    expect(requestsPerPage(s, PRODUCTS)).toEqual({ '1': 1, '2': 2, '3': 2 });
  });
});
