/** How the REST layer gets and renews the token; implemented by src/auth according to InitiateOAuth. */
export interface AuthSession {
  /** Store hash the API calls go to (StoreId, or the one learned from a token exchange). */
  storeHash(): string;
  /** The access token to send as X-Auth-Token; runs InitiateOAuth work on first use if needed. */
  accessToken(signal?: AbortSignal): Promise<string>;
  /**
   * Called when the API answered 401. Returns true when a new token was obtained and the request
   * may be retried once (InitiateOAuth=GETANDREFRESH); false means fail with ERR_API_UNAUTHORIZED.
   */
  renewAfterUnauthorized(signal?: AbortSignal): Promise<boolean>;
}
