/**
 * Token exchanges with the OAuth server ({LoginBaseURL}/oauth2/token), as auth.mdx documents them.
 * Every failure becomes AuthError ERR_OAUTH with the HTTP status and the server's own message;
 * the client secret, the code and tokens are registered with the logger and scrubbed from
 * anything the server echoes back.
 */
import { AuthError, BigCommerceSqlError } from '../errors';
import { redactSecrets, type Logger } from '../log';
import { httpRequest, safePath } from '../rest/http';
import type { OAuthTokens } from './types';

export interface OAuthClientConfig {
  loginBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Milliseconds per request (the Timeout property × 1000). */
  timeoutMs: number;
  logger: Logger;
  /** Incremented once per request sent (ExecutionContext.oauthRequests). */
  counter?: { count: number };
  signal?: AbortSignal;
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  scope: string;
  /** `stores/{hash}`; omitted when the store is not known yet. */
  context?: string;
}

export function exchangeAuthorizationCode(cfg: OAuthClientConfig, ex: CodeExchange): Promise<OAuthTokens> {
  const body: Record<string, string> = {
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
    code: ex.code,
    scope: ex.scope,
    grant_type: 'authorization_code',
    redirect_uri: ex.redirectUri,
  };
  if (ex.context) body.context = ex.context;
  return tokenRequest(cfg, body, [ex.code]);
}

export function exchangeRefreshToken(cfg: OAuthClientConfig, refreshToken: string): Promise<OAuthTokens> {
  const body = {
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
    refresh_token: refreshToken,
    grant_type: 'refresh_token',
  };
  return tokenRequest(cfg, body, [refreshToken]);
}

export function tokenEndpoint(loginBaseUrl: string): string {
  return `${loginBaseUrl.replace(/\/+$/, '')}/oauth2/token`;
}

async function tokenRequest(
  cfg: OAuthClientConfig,
  body: Record<string, string>,
  secrets: string[],
): Promise<OAuthTokens> {
  const { logger } = cfg;
  logger.addSecret(cfg.clientSecret);
  secrets.forEach((s) => logger.addSecret(s));
  const url = tokenEndpoint(cfg.loginBaseUrl);
  const path = safePath(url);
  const grant = body.grant_type;
  logger.log(2, `OAuth: POST ${path} grant_type=${grant}`);
  if (cfg.counter) cfg.counter.count++;
  let res;
  try {
    res = await httpRequest({ method: 'POST', url, body, timeoutMs: cfg.timeoutMs, signal: cfg.signal });
  } catch (err) {
    const e = err as BigCommerceSqlError;
    if (e.code === 'ERR_CANCELLED') throw err;
    const transport = String((e as unknown as { cause?: unknown }).cause ?? e.code ?? 'unknown');
    logger.log(1, `OAuth: POST ${path} failed: ${e.code}`);
    throw new AuthError(
      'ERR_OAUTH',
      `The OAuth token request to ${path} failed before an answer arrived (${e.code}: ${transport}); ` +
        'check LoginBaseURL, the network and the Timeout property',
      { cause: transport, transportCode: e.code },
    );
  }
  const json = res.json as Record<string, unknown> | undefined;
  if (json && typeof json.access_token === 'string') logger.addSecret(json.access_token);
  if (json && typeof json.refresh_token === 'string') logger.addSecret(json.refresh_token);
  logger.log(2, `OAuth: POST ${path} grant_type=${grant} -> HTTP ${res.status}`);
  logger.log(5, `OAuth: response body: ${res.text}`);

  const scrub = (text: string) => scrubSecrets(text, [cfg.clientSecret, ...secrets]);
  if (json === undefined || typeof json !== 'object' || Array.isArray(json)) {
    throw new AuthError(
      'ERR_OAUTH',
      `The OAuth server at ${path} answered HTTP ${res.status} with a body that is not JSON` +
        `${res.headers['content-type'] ? ` (content-type ${res.headers['content-type']})` : ''}; ` +
        'check LoginBaseURL points at the BigCommerce login server',
      { status: res.status },
    );
  }
  if (
    res.status < 200 ||
    res.status >= 300 ||
    typeof json.access_token !== 'string' ||
    json.access_token === ''
  ) {
    const serverMessage = scrub(
      serverMessageOf(json) ?? (res.status < 300 ? 'no access_token in the answer' : ''),
    );
    const oauthError = typeof json.error === 'string' ? scrub(json.error) : undefined;
    throw new AuthError(
      'ERR_OAUTH',
      `The OAuth server refused the ${grant} request (HTTP ${res.status}${serverMessage ? `: ${serverMessage}` : ''}); ` +
        hintFor(res.status, serverMessage, grant),
      { status: res.status, oauthError },
    );
  }
  return tokensFrom(json);
}

function tokensFrom(json: Record<string, unknown>): OAuthTokens {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const expires = Number(json.expires_in);
  const context = str(json.context);
  const user = json.user as Record<string, unknown> | undefined;
  return {
    accessToken: json.access_token as string,
    refreshToken: str(json.refresh_token),
    expiresIn: Number.isFinite(expires) && expires > 0 ? expires : undefined,
    timestamp: Date.now(),
    scope: str(json.scope),
    storeHash: context?.startsWith('stores/') ? context.slice('stores/'.length) : undefined,
    accountUuid: str(json.account_uuid),
    userEmail: str(user?.email),
  };
}

function serverMessageOf(json: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const key of ['error', 'error_description', 'title', 'message', 'detail']) {
    const v = json[key];
    if (typeof v === 'string' && v.trim() !== '' && !parts.includes(v.trim())) parts.push(v.trim());
  }
  return parts.length ? parts.join(' - ').slice(0, 500) : undefined;
}

function hintFor(status: number, serverText: string, grant: string): string {
  const text = serverText.toLowerCase();
  if (status >= 500) return 'the OAuth server failed; try again later';
  if (text.includes('client') || status === 401) return 'check OAuthClientId and OAuthClientSecret';
  if (text.includes('redirect_uri')) {
    return 'pass GetOAuthAccessToken the same CallbackUrl (or connection CallbackURL) that the authorization URL used';
  }
  if (grant === 'refresh_token')
    return 'the refresh token is no longer valid; get a new token with GetOAuthAccessToken';
  if (status === 403 || text.includes('store owner') || text.includes('context')) {
    return 'StoreId must be the store the code was issued for, and the approving user must be allowed to install apps';
  }
  if (text.includes('code') || text.includes('grant')) {
    return (
      'an authorization code works once and only for a few minutes: ' +
      'get a new one with GetOAuthAuthorizationURL and exchange it promptly'
    );
  }
  return 'check the app credentials and the request';
}

/** Replace any secret the server may have echoed (a code in an error text, say). */
export function scrubSecrets(text: string, secrets: (string | undefined)[]): string {
  return redactSecrets(text, secrets);
}
