/**
 * The AuthSession a connection uses, according to AuthScheme and InitiateOAuth.
 * InitiateOAuth=OFF (and PersonalAccessToken): the token is OAuthAccessToken as given, or one a
 * procedure obtained on this connection; nothing is read from or written to a settings store.
 */
import type { ConnectionOptions } from '../connection/types';
import { ConnectionStringError } from '../errors';
import type { Logger } from '../log';
import type { AuthSession, OAuthTokens } from './types';

export interface AuthSessionDeps {
  /** Counts OAuth-server requests made outside procedures. */
  oauthRequests?: { count: number };
}

export function createAuthSession(
  options: ConnectionOptions,
  logger: Logger,
  _deps: AuthSessionDeps = {},
): AuthSession {
  logger.addSecret(options.OAuthAccessToken);
  logger.addSecret(options.OAuthClientSecret);
  logger.addSecret(options.OAuthRefreshToken);
  logger.addSecret(options.OAuthVerifier);
  let adopted: OAuthTokens | undefined;

  const fromOptions = (): OAuthTokens | undefined =>
    options.OAuthAccessToken
      ? {
          accessToken: options.OAuthAccessToken,
          refreshToken: options.OAuthRefreshToken,
          expiresIn:
            options.OAuthExpiresIn !== undefined && options.OAuthExpiresIn > 0
              ? options.OAuthExpiresIn
              : undefined,
          timestamp: options.OAuthTokenTimestamp ?? Date.now(),
          storeHash: options.StoreId,
        }
      : undefined;

  return {
    storeHash() {
      const hash = options.StoreId ?? adopted?.storeHash;
      if (!hash) {
        throw new ConnectionStringError(
          'ERR_MISSING_PROPERTY',
          'API requests need StoreId (the store hash, the `abc123` in stores/abc123); add StoreId=… to the connection string',
          { property: 'StoreId' },
        );
      }
      return hash;
    },
    async accessToken() {
      const token = adopted?.accessToken ?? options.OAuthAccessToken;
      if (!token) {
        throw new ConnectionStringError(
          'ERR_MISSING_PROPERTY',
          'API requests need an access token: set OAuthAccessToken=…, or get one with ' +
            'EXEC GetOAuthAccessToken (then use the token it returns), or set InitiateOAuth=GETANDREFRESH',
          { property: 'OAuthAccessToken' },
        );
      }
      return token;
    },
    async renewAfterUnauthorized() {
      return false;
    },
    async knownTokens() {
      return adopted ?? fromOptions();
    },
    async setTokens(tokens) {
      logger.addSecret(tokens.accessToken);
      logger.addSecret(tokens.refreshToken);
      adopted = tokens;
    },
    unauthorizedHint() {
      return 'the access token was rejected (revoked or for another store): get a new one with GetOAuthAccessToken and set OAuthAccessToken, or use InitiateOAuth=GETANDREFRESH';
    },
  };
}
