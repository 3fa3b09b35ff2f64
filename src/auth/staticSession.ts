/**
 * InitiateOAuth=OFF and AuthScheme=PersonalAccessToken: the token is OAuthAccessToken as given, or
 * one a procedure obtained on this connection. No settings store is read or written.
 */
import type { ConnectionOptions } from '../options/types';
import { ConnectionStringError } from '../errors';
import type { Logger } from '../log';
import { tokensFromOptions } from './tokenState';
import type { AuthSession, OAuthTokens } from './types';

export function staticSession(options: ConnectionOptions, logger: Logger): AuthSession {
  let adopted: OAuthTokens | undefined;
  const pat = options.AuthScheme === 'PersonalAccessToken';
  return {
    storeHash() {
      return options.StoreId ?? adopted?.storeHash ?? missingStoreId();
    },
    async accessToken() {
      const token = adopted?.accessToken ?? options.OAuthAccessToken;
      if (!token) {
        throw new ConnectionStringError(
          'ERR_MISSING_PROPERTY',
          pat
            ? 'AuthScheme=PersonalAccessToken needs OAuthAccessToken (the API account token); add OAuthAccessToken=… to the connection string'
            : 'API requests need an access token: set OAuthAccessToken=…, or get one with EXEC GetOAuthAccessToken ' +
                '(later queries on this connection use it), or set InitiateOAuth=GETANDREFRESH to sign in and keep it',
          { property: 'OAuthAccessToken' },
        );
      }
      return token;
    },
    async renewAfterUnauthorized() {
      return false;
    },
    async knownTokens() {
      return adopted ?? tokensFromOptions(options, Date.now());
    },
    async setTokens(tokens) {
      logger.addSecret(tokens.accessToken);
      logger.addSecret(tokens.refreshToken);
      adopted = { ...tokens };
    },
    unauthorizedHint() {
      return pat
        ? 'the API account token was rejected: check OAuthAccessToken and StoreId, or create a new API account in the store control panel'
        : 'check OAuthAccessToken and StoreId: a revoked token, or one issued for another store, is refused. Get a new ' +
            "token with EXEC GetOAuthAccessToken (AuthMode='APP' opens a browser; AuthMode='WEB' exchanges a code from " +
            'GetOAuthAuthorizationURL) and set OAuthAccessToken to it, or connect with InitiateOAuth=GETANDREFRESH to sign in ' +
            'and keep the token';
    },
  };
}

export function missingStoreId(): never {
  throw new ConnectionStringError(
    'ERR_MISSING_PROPERTY',
    'API requests need StoreId (the store hash, the `abc123` in stores/abc123); add StoreId=… to the connection ' +
      'string, or get a token first (GetOAuthAccessToken returns the StoreId)',
    { property: 'StoreId' },
  );
}
