/**
 * InitiateOAuth=GETANDREFRESH and REFRESH: the token lives in a settings store (file or memory://).
 *
 * Getting a token, in order: a fresh stored token; the stored token refreshed (when it expired and
 * has a refresh token); OAuthVerifier exchanged (nothing usable stored); the connection's own
 * OAuthAccessToken; then GETANDREFRESH runs the desktop browser flow and REFRESH fails naming the
 * two headless options. Work is shared: in-process by single-flight per store, across processes by
 * the store's lock, inside which the store is re-read so a token another process just saved is used
 * instead of exchanging again. Nothing is saved unless an exchange succeeded.
 */
import { createHash } from 'node:crypto';
import type { ConnectionOptions } from '../options/types';
import { AuthError, type BigCommerceSqlError } from '../errors';
import type { Logger } from '../log';
import type { BrowserHooks } from './browser';
import { runDesktopFlow } from './desktopFlow';
import { exchangeAuthorizationCode, exchangeRefreshToken } from './oauthClient';
import { oauthConfig, redirectUriFor } from './oauthConfig';
import { singleFlight, untilAborted } from './singleFlight';
import { missingStoreId } from './staticSession';
import { isMemoryLocation } from './stores/memoryStore';
import { openTokenStore } from './stores/openTokenStore';
import type { TokenStore } from './stores/TokenStore';
import { isFresh, mergeRefreshed, sameStore, tokensFromOptions } from './tokenState';
import type { AuthSession, OAuthTokens } from './types';

export interface ManagedSessionDeps {
  oauthRequests?: { count: number };
  browser?: Partial<BrowserHooks>;
  now?: () => number;
  store?: TokenStore;
}

export function managedSession(
  options: ConnectionOptions,
  logger: Logger,
  deps: ManagedSessionDeps = {},
): AuthSession {
  return new ManagedSession(options, logger, deps);
}

class ManagedSession implements AuthSession {
  readonly #options: ConnectionOptions;
  readonly #logger: Logger;
  readonly #deps: ManagedSessionDeps;
  readonly #mode: 'GETANDREFRESH' | 'REFRESH';
  readonly #now: () => number;
  readonly #counter: { count: number };
  readonly #work: string;
  #store: TokenStore | undefined;
  #current: OAuthTokens | undefined;
  /** Why the last refresh was refused, for the REFRESH-mode error. */
  #refusal: string | undefined;

  constructor(options: ConnectionOptions, logger: Logger, deps: ManagedSessionDeps) {
    this.#options = options;
    this.#logger = logger;
    this.#deps = deps;
    this.#mode = options.InitiateOAuth as 'GETANDREFRESH' | 'REFRESH';
    this.#now = deps.now ?? Date.now;
    this.#counter = deps.oauthRequests ?? { count: 0 };
    this.#work = workKey(this.#mode, options);
  }

  storeHash(): string {
    return this.#options.StoreId ?? this.#current?.storeHash ?? missingStoreId();
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    if (this.#current && isFresh(this.#current, this.#now())) return this.#current.accessToken;
    const s = this.#openStore();
    const t = await untilAborted(
      singleFlight(this.#flightKey(s), () => this.#acquire(undefined, signal)),
      signal,
      cancelled,
    );
    return this.#adopt(t).accessToken;
  }

  async renewAfterUnauthorized(signal?: AbortSignal, rejectedToken?: string): Promise<boolean> {
    if (this.#mode !== 'GETANDREFRESH') return false;
    const current = this.#current;
    // Another request on this connection already renewed the token that was rejected.
    if (rejectedToken !== undefined && current && current.accessToken !== rejectedToken) return true;
    const revoked = rejectedToken ?? current?.accessToken;
    if (revoked === undefined) return false;
    this.#logger.log(
      1,
      'OAuth: the API rejected the token (401); treating it as revoked and signing in again',
    );
    const s = this.#openStore();
    const tag = createHash('sha256').update(revoked).digest('hex').slice(0, 16);
    const t = await untilAborted(
      singleFlight(this.#flightKey(s, `#renew:${tag}`), () => this.#acquire(revoked, signal)),
      signal,
      cancelled,
    );
    this.#adopt(t);
    return true;
  }

  async knownTokens(): Promise<OAuthTokens | undefined> {
    if (this.#current) return this.#current;
    return (await this.#readStored(this.#openStore())) ?? tokensFromOptions(this.#options, this.#now());
  }

  async setTokens(tokens: OAuthTokens): Promise<void> {
    this.#adopt({ ...tokens });
    await this.#openStore().update(async () => ({ value: undefined, save: tokens }));
  }

  unauthorizedHint(): string {
    const where = this.#store?.location ?? 'the settings store';
    const givenTokenRejected = this.#current?.accessToken === this.#options.OAuthAccessToken;
    return unauthorizedHint(this.#mode, where, this.#current !== undefined && givenTokenRejected);
  }

  #openStore(): TokenStore {
    return (this.#store ??= this.#deps.store ?? openTokenStore(this.#options, this.#logger));
  }

  #cfg() {
    return oauthConfig(this.#options, this.#logger, `InitiateOAuth=${this.#mode}`, {
      counter: this.#counter,
    });
  }

  #flightKey(s: TokenStore, suffix = ''): string {
    return `${s.location}|${this.#work}${suffix}`;
  }

  #adopt(t: OAuthTokens): OAuthTokens {
    this.#logger.addSecret(t.accessToken);
    this.#logger.addSecret(t.refreshToken);
    this.#current = t;
    return t;
  }

  /** The stored tokens, unless they belong to another store than StoreId names. */
  async #readStored(s: TokenStore): Promise<OAuthTokens | undefined> {
    const t = await s.read();
    if (t && !sameStore(t, this.#options.StoreId)) {
      this.#logger.log(2, `OAuth: ${s.location} holds a token for another store than StoreId; not using it`);
      return undefined;
    }
    if (t) {
      this.#logger.addSecret(t.accessToken);
      this.#logger.addSecret(t.refreshToken);
    }
    return t;
  }

  /** The stored token as saved by this or another process, unless it is for another store. */
  #sameStoreOnly(t: OAuthTokens | undefined): OAuthTokens | undefined {
    return t && sameStore(t, this.#options.StoreId) ? t : undefined;
  }

  async #acquire(revoked: string | undefined, signal?: AbortSignal): Promise<OAuthTokens> {
    const s = this.#openStore();
    const now = this.#now;
    const stored = await this.#readStored(s);
    if (stored) {
      if (stored.accessToken !== revoked && isFresh(stored, now())) return stored;
      const refreshed = stored.refreshToken ? await this.#refresh(s, stored, revoked) : undefined;
      if (refreshed) return refreshed;
    }
    const exchanged = revoked === undefined ? await this.#tryVerifier(s) : undefined;
    if (exchanged) return exchanged;
    const given = tokensFromOptions(this.#options, now());
    if (given && given.accessToken !== revoked) {
      if (isFresh(given, now())) return given;
      const refreshed = given.refreshToken ? await this.#refresh(s, given, revoked) : undefined;
      if (refreshed) return refreshed;
    }
    if (this.#mode !== 'GETANDREFRESH') throw nothingToUse(s.location, revoked !== undefined, this.#refusal);
    this.#logger.log(1, `OAuth: no usable token in ${s.location}; starting the browser sign-in`);
    const { browser } = this.#deps;
    const t = await runDesktopFlow({
      options: this.#options,
      logger: this.#logger,
      counter: this.#counter,
      signal,
      browser,
    });
    await s.update(async () => ({ value: undefined, save: t }));
    return t;
  }

  /** OAuthVerifier exchanged, when set; undefined when GETANDREFRESH may go on after a refusal. */
  async #tryVerifier(s: TokenStore): Promise<OAuthTokens | undefined> {
    if (!this.#options.OAuthVerifier) return undefined;
    try {
      return await this.#exchangeVerifier(s);
    } catch (err) {
      // A verifier is single-use: one left in the connection string after its token expired is refused.
      if (this.#mode !== 'GETANDREFRESH' || !isRefusal(err)) throw err;
      this.#logger.log(1, 'OAuth: OAuthVerifier was refused (already used or expired)');
      return undefined;
    }
  }

  /** Refreshes `base` under the store lock, unless someone else already did; undefined when the server refused. */
  #refresh(s: TokenStore, base: OAuthTokens, revoked: string | undefined): Promise<OAuthTokens | undefined> {
    return s.update(async (latestRaw) => {
      const latest = this.#sameStoreOnly(latestRaw);
      if (
        latest &&
        latest.accessToken !== base.accessToken &&
        latest.accessToken !== revoked &&
        isFresh(latest, this.#now())
      ) {
        this.#logger.log(2, `OAuth: another connection refreshed the token in ${s.location}; using it`);
        return { value: latest };
      }
      this.#logger.log(2, 'OAuth: the access token expired; refreshing it');
      try {
        const t = mergeRefreshed(base, await exchangeRefreshToken(this.#cfg(), base.refreshToken as string));
        return { value: t, save: t };
      } catch (err) {
        // A refused refresh token falls through to the other ways of getting a token; the store keeps what it had.
        if (!isRefusal(err)) throw err;
        this.#refusal = (err as Error).message;
        this.#logger.log(1, 'OAuth: the refresh was refused');
        return { value: undefined };
      }
    });
  }

  #exchangeVerifier(s: TokenStore): Promise<OAuthTokens> {
    const options = this.#options;
    return s.update(async (latestRaw) => {
      const latest = this.#sameStoreOnly(latestRaw);
      if (latest && isFresh(latest, this.#now())) return { value: latest };
      this.#logger.log(2, 'OAuth: exchanging OAuthVerifier for a token');
      const t = await exchangeAuthorizationCode(this.#cfg(), {
        code: options.OAuthVerifier as string,
        redirectUri: redirectUriFor(options, undefined, 'Exchanging OAuthVerifier'),
        scope: options.Scope,
        context: options.StoreId ? `stores/${options.StoreId}` : undefined,
      });
      return { value: t, save: t };
    });
  }
}

/**
 * Connections share pending work only when they would do the same work: a REFRESH connection
 * must not hand its ERR_OAUTH_NO_TOKEN to a GETANDREFRESH one, nor one connection's verifier or
 * token stand in for another's. Different work still meets under the store's lock, which re-reads.
 */
function workKey(mode: string, options: ConnectionOptions): string {
  const inputs = [
    mode,
    options.OAuthClientId,
    options.StoreId,
    options.OAuthVerifier,
    options.OAuthAccessToken,
    options.OAuthRefreshToken,
  ];
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}

function cancelled(): AuthError {
  return new AuthError('ERR_CANCELLED', 'Getting an OAuth token was cancelled');
}

function nothingToUse(location: string, afterRejection: boolean, refusal: string | undefined): AuthError {
  const why = afterRejection
    ? 'The API rejected the stored token and it could not be renewed without a browser.'
    : refusal
      ? `The stored token expired and its refresh was refused (${refusal}).`
      : `No usable token was found in ${location}, and neither OAuthVerifier nor OAuthAccessToken is set.`;
  return new AuthError(
    'ERR_OAUTH_NO_TOKEN',
    `${why} InitiateOAuth=REFRESH never opens a browser; use one of the two headless options: ` +
      `(1) set OAuthVerifier to a fresh authorization code: run GetOAuthAuthorizationURL, open its URL on any machine with a ` +
      `browser, approve, and copy the code parameter of the URL the browser is sent to (use the same CallbackURL here); or ` +
      `(2) sign in once with InitiateOAuth=GETANDREFRESH on a machine with a browser and copy its settings file to ` +
      `${location} (the same OAuthClientId and OAuthClientSecret open it).`,
    { store: location },
  );
}

/** How to get a token the API accepts after a 401, by mode and by where the rejected token came from. */
function unauthorizedHint(mode: string, where: string, givenTokenRejected: boolean): string {
  if (mode === 'GETANDREFRESH') {
    return (
      'InitiateOAuth=GETANDREFRESH renewed the token and the API rejected the new one too: check StoreId (the store the ' +
      'app is installed on), and leave OAuthAccessToken out of the connection string so a new sign-in can replace it'
    );
  }
  const code = 'an authorization code from GetOAuthAuthorizationURL, approved on any machine with a browser';
  if (givenTokenRejected) {
    return (
      'check OAuthAccessToken and StoreId: the API rejected the OAuthAccessToken of the connection, and ' +
      'InitiateOAuth=REFRESH never signs in by itself. Set OAuthAccessToken to a new token, or leave it out and connect ' +
      `with OAuthVerifier set to ${code}, or connect once with InitiateOAuth=GETANDREFRESH`
    );
  }
  // A stored token counts as usable until the API says otherwise, so OAuthVerifier is only
  // exchanged once the store is empty: say to empty it first.
  const empty = isMemoryLocation(where) ? `end this process (that empties ${where})` : `delete ${where}`;
  return (
    `check StoreId: the API rejected the token stored in ${where}, and InitiateOAuth=REFRESH never signs in by itself. ` +
    `To replace it, ${empty} and connect with OAuthVerifier set to ${code}; or copy a fresh settings file to ${where}; ` +
    'or connect once with InitiateOAuth=GETANDREFRESH'
  );
}

/** The OAuth server said no (4xx), as opposed to not answering: worth trying another way to get a token. */
function isRefusal(err: unknown): boolean {
  const e = err as BigCommerceSqlError & { status?: number };
  return e?.code === 'ERR_OAUTH' && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}
