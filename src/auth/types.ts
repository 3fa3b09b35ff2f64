import type { TokenSource } from '../rest/types';

/**
 * A connection's auth session, implemented by src/auth according to InitiateOAuth: the token
 * source the REST layer asks, plus what the OAuth procedures need.
 */
export interface AuthSession extends TokenSource {
  // Optional so that hand-written fakes in tests keep compiling.

  /**
   * Tokens known without running any flow: those adopted with setTokens, else the settings store
   * (InitiateOAuth GETANDREFRESH/REFRESH), else the connection's OAuthAccessToken/OAuthRefreshToken.
   */
  knownTokens?(): Promise<OAuthTokens | undefined>;
  /**
   * Adopt tokens obtained by a procedure (GetOAuthAccessToken, RefreshOAuthAccessToken) so later
   * statements on the same connection use them; saved to the settings store unless InitiateOAuth=OFF.
   */
  setTokens?(tokens: OAuthTokens): Promise<void>;
}

/** What an OAuth token exchange yields, and what the settings store keeps. */
export interface OAuthTokens {
  accessToken: string;
  /** Only from servers that issue expiring tokens (BigCommerce itself does not). */
  refreshToken?: string;
  /** Seconds the access token lives after `timestamp`; undefined = never expires. */
  expiresIn?: number;
  /** Unix epoch milliseconds when the token was obtained. */
  timestamp: number;
  scope?: string;
  /** Store hash from the response's `context` (`stores/{hash}`). */
  storeHash?: string;
  accountUuid?: string;
  userEmail?: string;
}
