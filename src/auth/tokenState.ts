/** Small facts about tokens shared by the sessions. */
import type { ConnectionOptions } from '../options/types';
import type { OAuthTokens } from './types';

/** True while the token can be sent: it never expires, or its expiry (less a safety margin) is ahead. */
export function isFresh(t: OAuthTokens, now: number): boolean {
  if (t.expiresIn === undefined || t.expiresIn <= 0) return true;
  const lifetimeMs = t.expiresIn * 1000;
  const margin = Math.min(60_000, lifetimeMs * 0.1);
  return now < t.timestamp + lifetimeMs - margin;
}

/** The token the connection string carries (OAuthAccessToken, OAuthRefreshToken, OAuthExpiresIn, OAuthTokenTimestamp). */
export function tokensFromOptions(options: ConnectionOptions, now: number): OAuthTokens | undefined {
  if (!options.OAuthAccessToken) return undefined;
  const expires = options.OAuthExpiresIn;
  return {
    accessToken: options.OAuthAccessToken,
    refreshToken: options.OAuthRefreshToken,
    expiresIn: expires !== undefined && expires > 0 ? expires : undefined,
    timestamp: options.OAuthTokenTimestamp ?? now,
    storeHash: options.StoreId,
  };
}

/** A refresh answer may leave out what the first exchange told us (store, scope, user); keep it. */
export function mergeRefreshed(previous: OAuthTokens, fresh: OAuthTokens): OAuthTokens {
  return {
    ...fresh,
    refreshToken: fresh.refreshToken ?? previous.refreshToken,
    storeHash: fresh.storeHash ?? previous.storeHash,
    scope: fresh.scope ?? previous.scope,
    accountUuid: fresh.accountUuid ?? previous.accountUuid,
    userEmail: fresh.userEmail ?? previous.userEmail,
  };
}

/** Store hashes match, or one side does not know it. */
export function sameStore(t: OAuthTokens, storeId: string | undefined): boolean {
  return !storeId || !t.storeHash || t.storeHash === storeId;
}
