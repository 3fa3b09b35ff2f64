/** Builds the token-exchange settings from connection properties. */
import { requireProperties } from '../options/resolveOptions';
import type { ConnectionOptions } from '../options/types';
import type { Logger } from '../log';
import type { OAuthClientConfig } from './oauthClient';

export function oauthConfig(
  options: ConnectionOptions,
  logger: Logger,
  purpose: string,
  extra: { counter?: { count: number }; signal?: AbortSignal } = {},
): OAuthClientConfig {
  requireProperties(options, ['OAuthClientId', 'OAuthClientSecret'], purpose);
  return {
    loginBaseUrl: options.LoginBaseURL,
    clientId: options.OAuthClientId as string,
    clientSecret: options.OAuthClientSecret as string,
    timeoutMs: options.Timeout * 1000,
    logger,
    counter: extra.counter,
    signal: extra.signal,
  };
}

/** The redirect URI a code was issued for: the procedure's CallbackUrl, else the connection's CallbackURL. */
export function redirectUriFor(
  options: ConnectionOptions,
  callbackUrl: string | undefined,
  purpose: string,
): string {
  const uri = callbackUrl ?? options.CallbackURL;
  if (!uri) requireProperties(options, ['CallbackURL'], purpose);
  return uri as string;
}
