/** The URL a user opens to log in and approve the app (GetOAuthAuthorizationURL, the desktop flow). */
import { randomBytes } from 'node:crypto';
import { requireProperties } from '../options/resolveOptions';
import type { ConnectionOptions } from '../options/types';

/** A random, URL-safe state value (CSRF protection for the callback). */
export function newState(): string {
  return randomBytes(18).toString('base64url');
}

/** `{LoginBaseURL}/oauth2/authorize?client_id&redirect_uri&response_type=code&scope&state[&context]`. */
export function authorizationUrl(
  options: ConnectionOptions,
  p: { callbackUrl?: string; scope?: string; state: string },
): string {
  requireProperties(options, ['OAuthClientId'], 'GetOAuthAuthorizationURL');
  const redirectUri = p.callbackUrl ?? options.CallbackURL;
  if (!redirectUri) {
    requireProperties(options, ['CallbackURL'], 'GetOAuthAuthorizationURL (or its CallbackUrl parameter)');
  }
  const q = new URLSearchParams({
    client_id: options.OAuthClientId as string,
    redirect_uri: redirectUri as string,
    response_type: 'code',
    scope: p.scope ?? options.Scope,
    state: p.state,
  });
  if (options.StoreId) q.set('context', `stores/${options.StoreId}`);
  return `${options.LoginBaseURL.replace(/\/+$/, '')}/oauth2/authorize?${q.toString()}`;
}
