import { startSimulator, type Simulator } from '../../src/simulator';
import { apiGet, approve, authorizeUrl, exchangeCode, readJson } from './helpers';

const CALLBACK = 'http://localhost:33333/callback';

function authParams(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: sim.clientId,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'store_v2_products store_v2_information',
    state: 'xyz 123',
    context: `stores/${sim.storeHash}`,
    ...extra,
  };
}

/** A code from the full browser flow, and the body to exchange it. */
async function codeExchange(sim: Simulator, extra: Record<string, string> = {}) {
  const loc = await approve(sim, authParams(sim));
  return {
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    code: loc.searchParams.get('code') ?? '',
    scope: loc.searchParams.get('scope') ?? '',
    grant_type: 'authorization_code',
    redirect_uri: CALLBACK,
    context: loc.searchParams.get('context') ?? '',
    ...extra,
  };
}

describe('simulator OAuth server', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 3 });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.resetRequests());

  describe('GET /oauth2/authorize', () => {
    it('renders a login page with prefilled email and password fields and approve/deny buttons', async () => {
      const res = await fetch(authorizeUrl(sim, authParams(sim)));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`<input id="email"[^>]*value="${sim.demoUser.email}"`));
      expect(html).toMatch(
        new RegExp(`<input id="password"[^>]*type="password" value="${sim.demoUser.password}"`),
      );
      expect(html).toContain('id="approve"');
      expect(html).toContain('id="deny"');
      expect(html).toContain('store_v2_information');
    });

    it('escapes request values in the page', async () => {
      const html = await (
        await fetch(authorizeUrl(sim, authParams(sim, { state: '"><script>x</script>' })))
      ).text();
      expect(html).not.toContain('<script>x</script>');
    });

    it('answers an HTML error page with status 400 for an unknown client_id', async () => {
      const res = await fetch(authorizeUrl(sim, authParams(sim, { client_id: 'someone-else' })));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('someone-else');
    });

    it('answers 400 without redirecting when redirect_uri is missing', async () => {
      const params = authParams(sim);
      delete params.redirect_uri;
      const res = await fetch(authorizeUrl(sim, params), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('redirect_uri');
    });

    it('answers 400 for a context naming another store', async () => {
      const res = await fetch(authorizeUrl(sim, authParams(sim, { context: 'stores/other' })));
      expect(res.status).toBe(400);
    });

    it('redirects with unsupported_response_type for a response_type other than code', async () => {
      const res = await fetch(authorizeUrl(sim, authParams(sim, { response_type: 'token' })), {
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      const loc = new URL(res.headers.get('location') ?? '');
      expect(loc.searchParams.get('error')).toBe('unsupported_response_type');
      expect(loc.searchParams.get('state')).toBe('xyz 123');
    });
  });

  describe('approving and denying', () => {
    it('redirects to redirect_uri with code, scope, context, account_uuid and state on approve', async () => {
      const loc = await approve(sim, authParams(sim));
      expect(`${loc.origin}${loc.pathname}`).toBe(CALLBACK);
      expect(loc.searchParams.get('code')).toMatch(/^[a-z0-9]{16}$/);
      expect(loc.searchParams.get('scope')).toBe('store_v2_products store_v2_information');
      expect(loc.searchParams.get('context')).toBe(`stores/${sim.storeHash}`);
      expect(loc.searchParams.get('state')).toBe('xyz 123');
      expect(loc.searchParams.get('account_uuid')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('keeps query parameters already in redirect_uri', async () => {
      const loc = await approve(sim, authParams(sim, { redirect_uri: `${CALLBACK}?app=1` }));
      expect(loc.searchParams.get('app')).toBe('1');
      expect(loc.searchParams.get('code')).not.toBeNull();
    });

    it('grants every scope when the request names none', async () => {
      const params = authParams(sim);
      delete params.scope;
      const loc = await approve(sim, params);
      expect(loc.searchParams.get('scope')?.split(' ')).toEqual(
        expect.arrayContaining(['store_v2_orders', 'store_v2_products']),
      );
    });

    it('redirects with error=access_denied and the state on deny, with no code', async () => {
      const loc = await approve(sim, authParams(sim), 'deny');
      expect(loc.searchParams.get('error')).toBe('access_denied');
      expect(loc.searchParams.get('state')).toBe('xyz 123');
      expect(loc.searchParams.get('code')).toBeNull();
    });

    it('shows the page again with an error, and no redirect, for a wrong password', async () => {
      const body = new URLSearchParams({
        ...authParams(sim),
        email: sim.demoUser.email,
        password: 'wrong',
        action: 'approve',
      });
      const res = await fetch(`${sim.loginBaseUrl}/oauth2/authorize`, {
        method: 'POST',
        body,
        redirect: 'manual',
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('id="error"');
    });
  });

  describe('POST /oauth2/token with grant_type=authorization_code', () => {
    it('answers the documented token response for a JSON body, and the token works', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim));
      expect(res.status).toBe(200);
      const body = await readJson(res);
      expect(body).toEqual({
        access_token: expect.stringMatching(/^[a-z0-9]{31}$/),
        scope: 'store_v2_products store_v2_information',
        user: { id: expect.any(Number), username: sim.demoUser.email, email: sim.demoUser.email },
        owner: { id: expect.any(Number), username: sim.demoUser.email, email: sim.demoUser.email },
        context: `stores/${sim.storeHash}`,
        account_uuid: expect.any(String),
      });
      expect((await apiGet(sim, '/v2/store', body.access_token as string)).status).toBe(200);
    });

    it('accepts an x-www-form-urlencoded body', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim), true);
      expect(res.status).toBe(200);
      expect((await readJson(res)).access_token).toEqual(expect.any(String));
    });

    it('issues a token limited to the approved scopes', async () => {
      const { access_token } = await readJson(await exchangeCode(sim, await codeExchange(sim)));
      expect((await apiGet(sim, '/v2/orders', access_token as string)).status).toBe(403);
    });

    it('rejects a code used a second time', async () => {
      const fields = await codeExchange(sim);
      expect((await exchangeCode(sim, fields)).status).toBe(200);
      const again = await exchangeCode(sim, fields);
      expect(again.status).toBe(400);
      expect(await readJson(again)).toEqual({ error: 'Invalid code.' });
    });

    it('rejects an unknown code without echoing it', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim, { code: 'made-up-code-xyz' }));
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain('made-up-code-xyz');
    });

    it('rejects a wrong client secret without echoing it', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim, { client_secret: 'wrong-secret-value' }));
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: 'invalid_client',
        error_description: 'Parameter client_secret does not match',
      });
      expect(text).not.toContain('wrong-secret-value');
      expect(text).not.toContain(sim.clientSecret);
    });

    it('rejects an unknown client id', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim, { client_id: 'other-app' }));
      expect(res.status).toBe(400);
      expect(await readJson(res)).toEqual({ error: 'Invalid client id.' });
    });

    it('rejects a redirect_uri different from the authorize request, and the code still works after', async () => {
      const fields = await codeExchange(sim);
      const res = await exchangeCode(sim, { ...fields, redirect_uri: 'http://localhost:33333/other' });
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toBe('redirect_uri_mismatch');
      expect((await exchangeCode(sim, fields)).status).toBe(200);
    });

    it('rejects a context naming another store with 403', async () => {
      const res = await exchangeCode(sim, await codeExchange(sim, { context: 'stores/other' }));
      expect(res.status).toBe(403);
      expect((await readJson(res)).error).toMatch(/store owners/);
    });

    it('rejects a missing code, a missing grant_type and an unknown grant_type', async () => {
      const fields = await codeExchange(sim);
      const { code: _code, ...noCode } = fields;
      expect(await readJson(await exchangeCode(sim, noCode))).toMatchObject({ error: 'invalid_request' });
      const { grant_type: _g, ...noGrant } = fields;
      expect(await readJson(await exchangeCode(sim, noGrant))).toMatchObject({ error: 'invalid_request' });
      const res = await exchangeCode(sim, { ...fields, grant_type: 'password' });
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toBe('unsupported_grant_type');
    });

    it('rejects a body that is neither JSON nor form fields', async () => {
      const res = await fetch(`${sim.loginBaseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"grant_type": ',
      });
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toBe('invalid_request');
    });

    it('sends no refresh token or expiry when tokens do not expire, as BigCommerce does', async () => {
      const body = await readJson(await exchangeCode(sim, await codeExchange(sim)));
      expect(body).not.toHaveProperty('refresh_token');
      expect(body).not.toHaveProperty('expires_in');
    });

    it('rejects grant_type=refresh_token when tokens do not expire', async () => {
      const res = await exchangeCode(sim, {
        grant_type: 'refresh_token',
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        refresh_token: 'anything',
      });
      expect(res.status).toBe(400);
      expect((await readJson(res)).error).toBe('invalid_grant');
    });

    it('logs token requests with their grant type and never the code', async () => {
      await exchangeCode(sim, await codeExchange(sim));
      const token = sim.requests.filter((r) => r.path === '/oauth2/token');
      expect(token).toEqual([
        {
          method: 'POST',
          path: '/oauth2/token',
          query: {},
          status: 200,
          kind: 'oauth',
          grantType: 'authorization_code',
          bytes: expect.any(Number),
          targetBytes: '/oauth2/token'.length,
        },
      ]);
      expect(sim.requests.every((r) => r.kind === 'oauth')).toBe(true);
    });

    it('redacts secret-looking query parameters in the request log', async () => {
      await fetch(
        `${sim.loginBaseUrl}/oauth2/authorize?client_id=${sim.clientId}&code=abc123&client_secret=s3cr3t`,
      );
      expect(sim.requests[0].query).toEqual({
        client_id: sim.clientId,
        code: '[REDACTED]',
        client_secret: '[REDACTED]',
      });
    });
  });
});

describe('simulator OAuth server with short-lived codes', () => {
  it('rejects a code that has expired', async () => {
    const sim = await startSimulator({ products: 1, codeTtlSeconds: 0 });
    try {
      const res = await exchangeCode(sim, await codeExchange(sim));
      expect(res.status).toBe(400);
      expect(await readJson(res)).toEqual({ error: 'Invalid code.' });
    } finally {
      await sim.close();
    }
  });
});

describe('simulator OAuth server with expiring tokens', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ products: 1, expiringTokens: true, tokenTtlSeconds: 120 });
  });
  afterAll(() => sim.close());

  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    exchangeCode(sim, {
      grant_type: 'refresh_token',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      refresh_token: refreshToken,
      ...extra,
    });

  it('adds refresh_token and expires_in to the token response', async () => {
    const body = await readJson(await exchangeCode(sim, await codeExchange(sim)));
    expect(body.expires_in).toBe(120);
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('exchanges a refresh token for a new working access token and rotates the refresh token', async () => {
    const first = await readJson(await exchangeCode(sim, await codeExchange(sim)));
    const res = await refresh(first.refresh_token as string);
    expect(res.status).toBe(200);
    const second = await readJson(res);
    expect(second).toMatchObject({ scope: first.scope, context: `stores/${sim.storeHash}`, expires_in: 120 });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await apiGet(sim, '/v2/store', second.access_token as string)).status).toBe(200);
    const reused = await refresh(first.refresh_token as string);
    expect(reused.status).toBe(400);
    expect((await readJson(reused)).error).toBe('invalid_grant');
  });

  it('rejects a refresh with the wrong client secret', async () => {
    const { refreshToken } = sim.issueTokens({ expiresIn: 60 });
    const res = await refresh(refreshToken ?? '', { client_secret: 'nope' });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toBe('invalid_client');
  });

  it('refreshes a token pair made by issueTokens', async () => {
    const { accessToken, refreshToken, expiresIn } = sim.issueTokens({ expiresIn: 60 });
    expect(expiresIn).toBe(60);
    expect((await apiGet(sim, '/v2/store', accessToken)).status).toBe(200);
    expect((await refresh(refreshToken ?? '')).status).toBe(200);
  });
});

describe('simulator OAuth server with tokens that expire at once', () => {
  it('answers 401 for the expired access token and a working token after refresh', async () => {
    const sim = await startSimulator({ products: 1, expiringTokens: true, tokenTtlSeconds: 0 });
    try {
      const body = await readJson(await exchangeCode(sim, await codeExchange(sim)));
      const denied = await apiGet(sim, '/v2/store', body.access_token as string);
      expect(denied.status).toBe(401);
      expect((await readJson(denied)).title).toMatch(/expired/);
      const { accessToken } = sim.issueTokens({ expiresIn: 3600 });
      expect((await apiGet(sim, '/v2/store', accessToken)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
