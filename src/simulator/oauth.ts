/**
 * The simulator's OAuth server, shaped after login.bigcommerce.com (bigcommerce-docs/auth.mdx):
 *
 *   GET  /oauth2/authorize  client_id, redirect_uri, response_type=code, scope, state, context
 *        → the login-and-approve page (oauthPages.ts).
 *   POST /oauth2/authorize  the page's form → 302 to redirect_uri with code, scope,
 *        context=stores/{hash}, account_uuid and state; or error=access_denied&state when denied.
 *   POST /oauth2/token      JSON or x-www-form-urlencoded body.
 *        grant_type=authorization_code (client_id, client_secret, code, scope, redirect_uri, context)
 *        → { access_token, scope, user{id,username,email}, owner{id,username,email}, context,
 *            account_uuid } as documented, plus refresh_token and expires_in with expiringTokens.
 *        grant_type=refresh_token (client_id, client_secret, refresh_token) → the same shape with a
 *        new access token and a new refresh token (the old one stops working). BigCommerce has no
 *        refresh grant; it exists here to exercise RefreshOAuthAccessToken.
 *
 * Token-endpoint errors. The docs list none, so the bodies follow what BigCommerce is observed to
 * send, as reported by users of BigCommerce's API client libraries:
 * a JSON object with `error` and, sometimes, `error_description`.
 *   400 {"error":"Invalid client id."}                                 unknown or missing client_id
 *   400 {"error":"invalid_client","error_description":"Parameter client_secret does not match"}
 *   400 {"error":"Invalid code."}                                      unknown, used or expired code
 *   400 {"error":"redirect_uri_mismatch","error_description":"Parameter redirect_uri does not match registered URI"}
 *   403 {"error":"Only store owners may install or update apps. …","error_description":"…"}  wrong context
 *   400 {"error":"invalid_request","error_description":"…"}            missing parameter, unreadable body
 *   400 {"error":"unsupported_grant_type","error_description":"…"}     (RFC 6749 §5.2)
 *   400 {"error":"invalid_grant","error_description":"Invalid refresh token."}
 * All are 400 rather than RFC 6749's optional 401 for invalid_client, because that is what
 * BigCommerce answers. No error echoes a secret, code or token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizePage, errorPage } from './oauthPages';
import { ALL_SCOPES, parseScope } from './scopes';
import type { SimContext } from './simContext';
import type { SimRequestLogEntry } from './types';
import { contentTypeOf, parseFields, readBody, sendHtml, sendJson } from './httpUtil';

type Fields = Record<string, unknown>;

function field(f: Fields, name: string): string | undefined {
  const v = f[name];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

function redirect(res: ServerResponse, target: string, params: Record<string, string | undefined>): void {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  res.writeHead(302, { Location: url.toString(), 'Content-Length': 0, 'Cache-Control': 'no-store' });
  res.end();
}

function isAbsoluteHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks the parts of an authorize request that must be right before anything is redirected to
 * redirect_uri (RFC 6749 §4.1.2.1: never redirect to an unverified URI); answers the error page
 * and returns undefined when they are not.
 */
function validateAuthorize(ctx: SimContext, f: Fields, res: ServerResponse) {
  const clientId = field(f, 'client_id');
  const redirectUri = field(f, 'redirect_uri');
  const context = field(f, 'context');
  if (!clientId || clientId !== ctx.clientId) {
    sendHtml(
      res,
      400,
      errorPage(
        'Unknown app',
        clientId
          ? `No app with client_id "${clientId}" is registered with this simulator; use the simulator's clientId.`
          : "The authorize request has no client_id; pass the app's client_id.",
      ),
    );
    return undefined;
  }
  if (!redirectUri || !isAbsoluteHttpUrl(redirectUri)) {
    sendHtml(
      res,
      400,
      errorPage(
        'Invalid redirect_uri',
        redirectUri
          ? "redirect_uri must be an absolute http(s) URL (the app's callback URL)."
          : "The authorize request has no redirect_uri; pass the app's callback URL.",
      ),
    );
    return undefined;
  }
  const storeContext = `stores/${ctx.storeHash}`;
  if (context && context !== storeContext) {
    sendHtml(
      res,
      400,
      errorPage(
        'Unknown store',
        `This simulator serves only ${storeContext}; the request asked for "${context}".`,
      ),
    );
    return undefined;
  }
  const requested = parseScope(field(f, 'scope'));
  return {
    clientId,
    redirectUri,
    state: field(f, 'state'),
    scope: requested.length > 0 ? requested : [...ALL_SCOPES],
    context: storeContext,
    responseType: field(f, 'response_type'),
  };
}

export function handleAuthorizeGet(ctx: SimContext, query: URLSearchParams, res: ServerResponse): void {
  const req = validateAuthorize(ctx, Object.fromEntries(query), res);
  if (!req) return;
  if (req.responseType !== undefined && req.responseType !== 'code') {
    redirect(res, req.redirectUri, { error: 'unsupported_response_type', state: req.state });
    return;
  }
  sendHtml(
    res,
    200,
    authorizePage({ ...req, storeHash: ctx.storeHash, email: ctx.user.email, password: ctx.password }),
  );
}

export async function handleAuthorizePost(ctx: SimContext, httpReq: IncomingMessage, res: ServerResponse) {
  const f = parseFields(await readBody(httpReq), contentTypeOf(httpReq)) ?? {};
  const req = validateAuthorize(ctx, f, res);
  if (!req) return;
  if (field(f, 'action') === 'deny') {
    redirect(res, req.redirectUri, { error: 'access_denied', state: req.state });
    return;
  }
  if (field(f, 'email') !== ctx.user.email || field(f, 'password') !== ctx.password) {
    sendHtml(
      res,
      401,
      authorizePage({
        ...req,
        storeHash: ctx.storeHash,
        email: field(f, 'email') ?? '',
        password: '',
        error: 'Wrong email or password. The demo user is filled in on a fresh page.',
      }),
    );
    return;
  }
  const code = ctx.tokens.createCode(
    { clientId: req.clientId, redirectUri: req.redirectUri, scope: req.scope, context: req.context },
    ctx.codeTtlSeconds,
  );
  redirect(res, req.redirectUri, {
    code,
    scope: req.scope.join(' '),
    context: req.context,
    account_uuid: ctx.accountUuid,
    state: req.state,
  });
}

function oauthError(res: ServerResponse, status: number, error: string, description?: string): void {
  sendJson(res, status, description === undefined ? { error } : { error, error_description: description });
}

export async function handleToken(
  ctx: SimContext,
  httpReq: IncomingMessage,
  res: ServerResponse,
  entry: SimRequestLogEntry,
): Promise<void> {
  const f = parseFields(await readBody(httpReq), contentTypeOf(httpReq));
  if (!f) {
    oauthError(
      res,
      400,
      'invalid_request',
      'The body must be a JSON object or application/x-www-form-urlencoded fields.',
    );
    return;
  }
  const grantType = field(f, 'grant_type');
  entry.grantType = grantType;
  if (!grantType) {
    oauthError(res, 400, 'invalid_request', 'Missing parameter: grant_type');
    return;
  }
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    oauthError(
      res,
      400,
      'unsupported_grant_type',
      `grant_type "${grantType}" is not supported; use authorization_code or refresh_token.`,
    );
    return;
  }
  const clientId = field(f, 'client_id');
  if (!clientId || clientId !== ctx.clientId) {
    oauthError(res, 400, 'Invalid client id.');
    return;
  }
  if (field(f, 'client_secret') !== ctx.clientSecret) {
    oauthError(res, 400, 'invalid_client', 'Parameter client_secret does not match');
    return;
  }
  if (grantType === 'refresh_token') {
    const refreshToken = field(f, 'refresh_token');
    if (!refreshToken) {
      oauthError(res, 400, 'invalid_request', 'Missing parameter: refresh_token');
      return;
    }
    const issued = ctx.expiringTokens
      ? ctx.tokens.refresh(refreshToken, clientId, ctx.tokenTtlSeconds)
      : undefined;
    if (!issued) {
      oauthError(res, 400, 'invalid_grant', 'Invalid refresh token.');
      return;
    }
    sendJson(res, 200, tokenResponse(ctx, issued));
    return;
  }
  const code = field(f, 'code');
  if (!code) {
    oauthError(res, 400, 'invalid_request', 'Missing parameter: code');
    return;
  }
  const grant = ctx.tokens.peekCode(code);
  if (!grant || grant.clientId !== clientId) {
    oauthError(res, 400, 'Invalid code.');
    return;
  }
  if (field(f, 'redirect_uri') !== grant.redirectUri) {
    oauthError(res, 400, 'redirect_uri_mismatch', 'Parameter redirect_uri does not match registered URI');
    return;
  }
  const context = field(f, 'context');
  if (context !== undefined && context !== grant.context) {
    oauthError(
      res,
      403,
      'Only store owners may install or update apps. Please contact the store owner for assistance',
      `Parameter context does not match the store that issued the code (${grant.context}).`,
    );
    return;
  }
  ctx.tokens.consumeCode(code);
  const issued = ctx.tokens.issue(
    clientId,
    grant.scope,
    ctx.expiringTokens ? ctx.tokenTtlSeconds : undefined,
  );
  sendJson(res, 200, tokenResponse(ctx, issued));
}

function tokenResponse(
  ctx: SimContext,
  issued: { accessToken: string; refreshToken?: string; expiresIn?: number; scope: string[] },
) {
  return {
    access_token: issued.accessToken,
    scope: issued.scope.join(' '),
    user: { ...ctx.user },
    owner: { ...ctx.user },
    context: `stores/${ctx.storeHash}`,
    account_uuid: ctx.accountUuid,
    ...(issued.refreshToken !== undefined
      ? { refresh_token: issued.refreshToken, expires_in: issued.expiresIn }
      : {}),
  };
}
