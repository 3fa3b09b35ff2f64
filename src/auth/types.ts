/** How the REST layer gets and renews the token; implemented by src/auth according to InitiateOAuth. */
export interface AuthSession {
  /** Store hash the API calls go to (StoreId, or the one learned from a token exchange). */
  storeHash(): string;
  /** The access token to send as X-Auth-Token; runs InitiateOAuth work on first use if needed. */
  accessToken(signal?: AbortSignal): Promise<string>;
  /**
   * Called when the API answered 401. Returns true when a new token was obtained and the request
   * may be retried once (InitiateOAuth=GETANDREFRESH); false means fail with ERR_API_UNAUTHORIZED.
   * `rejectedToken` (optional) is the token the failed request sent: when another request has
   * already renewed it, the session answers true at once instead of signing in again.
   */
  renewAfterUnauthorized(signal?: AbortSignal, rejectedToken?: string): Promise<boolean>;

  // Additions (optional so that hand-written fakes in tests keep compiling).

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
  /** One sentence on how to get a new token, for ERR_API_UNAUTHORIZED messages. */
  unauthorizedHint?(): string;
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
