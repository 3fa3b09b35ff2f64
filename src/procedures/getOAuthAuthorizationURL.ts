/** GetOAuthAuthorizationURL: the URL a user opens to log in and approve the app. */
import { randomBytes } from 'node:crypto';
import { requireProperties } from '../connection/resolveOptions';
import type { ConnectionOptions } from '../connection/types';
import type { ExecutionContext } from '../engine/context';
import type { Row } from '../types';

export async function getOAuthAuthorizationURL(
  ctx: ExecutionContext,
  args: Record<string, unknown>,
): Promise<Row[]> {
  const state = typeof args.State === 'string' ? args.State : newState();
  const url = authorizationUrl(ctx.options, {
    callbackUrl: args.CallbackUrl as string | undefined,
    scope: args.Scope as string | undefined,
    state,
  });
  return [{ URL: url, State: state }];
}

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
  if (!redirectUri)
    requireProperties(options, ['CallbackURL'], 'GetOAuthAuthorizationURL (or its CallbackUrl parameter)');
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
