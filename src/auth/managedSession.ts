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
  const mode = options.InitiateOAuth as 'GETANDREFRESH' | 'REFRESH';
  const now = deps.now ?? Date.now;
  const counter = deps.oauthRequests ?? { count: 0 };
  let store: TokenStore | undefined;
  let current: OAuthTokens | undefined;
  /** Why the last refresh was refused, for the REFRESH-mode error. */
  let refusal: string | undefined;

  const openStore = () => (store ??= deps.store ?? openTokenStore(options, logger));
  const cfg = () => oauthConfig(options, logger, `InitiateOAuth=${mode}`, { counter });
  // Connections share pending work only when they would do the same work: a REFRESH connection
  // must not hand its ERR_OAUTH_NO_TOKEN to a GETANDREFRESH one, nor one connection's verifier or
  // token stand in for another's. Different work still meets under the store's lock, which re-reads.
  const config = createHash('sha256')
    .update(
      JSON.stringify([
        mode,
        options.OAuthClientId,
        options.StoreId,
        options.OAuthVerifier,
        options.OAuthAccessToken,
        options.OAuthRefreshToken,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  const flightKey = (s: TokenStore, suffix = '') => `${s.location}|${config}${suffix}`;
  const cancelled = () => new AuthError('ERR_CANCELLED', 'Getting an OAuth token was cancelled');

  const adopt = (t: OAuthTokens) => {
    logger.addSecret(t.accessToken);
    logger.addSecret(t.refreshToken);
    current = t;
    return t;
  };

  /** The stored tokens, unless they belong to another store than StoreId names. */
  async function readStored(s: TokenStore): Promise<OAuthTokens | undefined> {
    const t = await s.read();
    if (t && !sameStore(t, options.StoreId)) {
      logger.log(2, `OAuth: ${s.location} holds a token for another store than StoreId; not using it`);
      return undefined;
    }
    if (t) {
      logger.addSecret(t.accessToken);
      logger.addSecret(t.refreshToken);
    }
    return t;
  }

  async function acquire(revoked: string | undefined, signal?: AbortSignal): Promise<OAuthTokens> {
    const s = openStore();
    const stored = await readStored(s);
    if (stored) {
      if (stored.accessToken !== revoked && isFresh(stored, now())) return stored;
      if (stored.refreshToken) {
        const refreshed = await refresh(s, stored, revoked);
        if (refreshed) return refreshed;
      }
    }
    if (options.OAuthVerifier && revoked === undefined) {
      try {
        return await exchangeVerifier(s);
      } catch (err) {
        // A verifier is single-use: one left in the connection string after its token expired is refused.
        if (mode !== 'GETANDREFRESH' || !isRefusal(err)) throw err;
        logger.log(1, 'OAuth: OAuthVerifier was refused (already used or expired)');
      }
    }
    const given = tokensFromOptions(options, now());
    if (given && given.accessToken !== revoked) {
      if (isFresh(given, now())) return given;
      if (given.refreshToken) {
        const refreshed = await refresh(s, given, revoked);
        if (refreshed) return refreshed;
      }
    }
    if (mode === 'GETANDREFRESH') {
      logger.log(1, `OAuth: no usable token in ${s.location}; starting the browser sign-in`);
      const t = await runDesktopFlow({ options, logger, counter, signal, browser: deps.browser });
      await s.update(async () => ({ value: undefined, save: t }));
      return t;
    }
    throw nothingToUse(s, revoked !== undefined);
  }

  /** Refreshes `base` under the store lock, unless someone else already did; undefined when the server refused. */
  function refresh(
    s: TokenStore,
    base: OAuthTokens,
    revoked: string | undefined,
  ): Promise<OAuthTokens | undefined> {
    return s.update(async (latestRaw) => {
      const latest = latestRaw && sameStore(latestRaw, options.StoreId) ? latestRaw : undefined;
      if (
        latest &&
        latest.accessToken !== base.accessToken &&
        latest.accessToken !== revoked &&
        isFresh(latest, now())
      ) {
        logger.log(2, `OAuth: another connection refreshed the token in ${s.location}; using it`);
        return { value: latest };
      }
      logger.log(2, 'OAuth: the access token expired; refreshing it');
      try {
        const t = mergeRefreshed(base, await exchangeRefreshToken(cfg(), base.refreshToken as string));
        return { value: t, save: t };
      } catch (err) {
        // A refused refresh token falls through to the other ways of getting a token; the store keeps what it had.
        if (!isRefusal(err)) throw err;
        refusal = (err as Error).message;
        logger.log(1, 'OAuth: the refresh was refused');
        return { value: undefined };
      }
    });
  }

  function exchangeVerifier(s: TokenStore): Promise<OAuthTokens> {
    return s.update(async (latestRaw) => {
      const latest = latestRaw && sameStore(latestRaw, options.StoreId) ? latestRaw : undefined;
      if (latest && isFresh(latest, now())) return { value: latest };
      logger.log(2, 'OAuth: exchanging OAuthVerifier for a token');
      const t = await exchangeAuthorizationCode(cfg(), {
        code: options.OAuthVerifier as string,
        redirectUri: redirectUriFor(options, undefined, 'Exchanging OAuthVerifier'),
        scope: options.Scope,
        context: options.StoreId ? `stores/${options.StoreId}` : undefined,
      });
      return { value: t, save: t };
    });
  }

  function nothingToUse(s: TokenStore, afterRejection: boolean): AuthError {
    const why = afterRejection
      ? 'The API rejected the stored token and it could not be renewed without a browser.'
      : refusal
        ? `The stored token expired and its refresh was refused (${refusal}).`
        : `No usable token was found in ${s.location}, and neither OAuthVerifier nor OAuthAccessToken is set.`;
    return new AuthError(
      'ERR_OAUTH_NO_TOKEN',
      `${why} InitiateOAuth=REFRESH never opens a browser; use one of the two headless options: ` +
        `(1) set OAuthVerifier to a fresh authorization code: run GetOAuthAuthorizationURL, open its URL on any machine with a ` +
        `browser, approve, and copy the code parameter of the URL the browser is sent to (use the same CallbackURL here); or ` +
        `(2) sign in once with InitiateOAuth=GETANDREFRESH on a machine with a browser and copy its settings file to ` +
        `${s.location} (the same OAuthClientId and OAuthClientSecret open it).`,
      { store: s.location },
    );
  }

  return {
    storeHash() {
      return options.StoreId ?? current?.storeHash ?? missingStoreId();
    },

    async accessToken(signal) {
      if (current && isFresh(current, now())) return current.accessToken;
      const s = openStore();
      const t = await untilAborted(
        singleFlight(flightKey(s), () => acquire(undefined, signal)),
        signal,
        cancelled,
      );
      return adopt(t).accessToken;
    },

    async renewAfterUnauthorized(signal, rejectedToken?: string) {
      if (mode !== 'GETANDREFRESH') return false;
      // Another request on this connection already renewed the token that was rejected.
      if (rejectedToken !== undefined && current && current.accessToken !== rejectedToken) return true;
      const revoked = rejectedToken ?? current?.accessToken;
      if (revoked === undefined) return false;
      logger.log(1, 'OAuth: the API rejected the token (401); treating it as revoked and signing in again');
      const s = openStore();
      const tag = createHash('sha256').update(revoked).digest('hex').slice(0, 16);
      const t = await untilAborted(
        singleFlight(flightKey(s, `#renew:${tag}`), () => acquire(revoked, signal)),
        signal,
        cancelled,
      );
      adopt(t);
      return true;
    },

    async knownTokens() {
      if (current) return current;
      return (await readStored(openStore())) ?? tokensFromOptions(options, now());
    },

    async setTokens(tokens) {
      adopt({ ...tokens });
      await openStore().update(async () => ({ value: undefined, save: tokens }));
    },

    unauthorizedHint() {
      const where = store?.location ?? 'the settings store';
      if (mode === 'GETANDREFRESH') {
        return (
          'InitiateOAuth=GETANDREFRESH renewed the token and the API rejected the new one too: check StoreId (the store the ' +
          'app is installed on), and leave OAuthAccessToken out of the connection string so a new sign-in can replace it'
        );
      }
      const code =
        'an authorization code from GetOAuthAuthorizationURL, approved on any machine with a browser';
      if (current && current.accessToken === options.OAuthAccessToken) {
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
    },
  };
}

/** The OAuth server said no (4xx), as opposed to not answering: worth trying another way to get a token. */
function isRefusal(err: unknown): boolean {
  const e = err as BigCommerceSqlError & { status?: number };
  return e?.code === 'ERR_OAUTH' && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}
